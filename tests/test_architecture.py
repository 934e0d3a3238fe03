"""The import rules of ARCHITECTURE.md, checked mechanically over the source tree."""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def sources(*parts: str) -> list[Path]:
    folder = ROOT.joinpath(*parts)
    return sorted(folder.rglob("*.py")) if folder.is_dir() else []


def offenders(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in files:
        for module in imported_modules(path):
            if module.split(".")[0] in forbidden or module.startswith(forbidden):
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
    return bad


def test_the_core_never_imports_qt_or_the_ui():
    files = sources("desktop_app", "core")
    assert files
    assert offenders(files, ("PySide6", "desktop_app.ui")) == []


@pytest.mark.parametrize("layer", ["api", "domain", "store"])
def test_server_logic_never_imports_qt(layer):
    assert offenders(sources("server_stub", layer), ("PySide6",)) == []


def test_the_app_and_the_stub_meet_only_over_http():
    assert offenders(sources("desktop_app"), ("server_stub",)) == []
    assert offenders(sources("server_stub"), ("desktop_app",)) == []


def test_every_package_is_listed_in_pyproject():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("desktop_app", "server_stub")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert on_disk - listed == set(), "add these packages to [tool.setuptools] packages"
    assert "sigma_resources" in listed
