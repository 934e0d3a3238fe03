"""Import rules of ARCHITECTURE.md, checked on the source: no Qt below the admin window, no
desktop_app at all, no HTTP in the domain, no SQL outside the store."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import server_stub

PACKAGE = Path(server_stub.__file__).parent


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules(subpackage: str = "") -> list[Path]:
    found = sorted((PACKAGE / subpackage).rglob("*.py"))
    assert found, f"no modules under server_stub/{subpackage}"
    return found


def offending(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in paths
        for name in sorted(imports_of(path))
        if name.split(".")[0] in forbidden or name.startswith(forbidden)
    ]


def test_server_stub_never_imports_desktop_app():
    assert offending(modules(), ("desktop_app",)) == []


@pytest.mark.parametrize("layer", ["api", "domain", "store"])
def test_core_layers_never_import_qt(layer):
    assert offending(modules(layer), ("PySide6", "shiboken6")) == []


def test_domain_knows_no_http_and_no_sql():
    forbidden = ("fastapi", "starlette", "uvicorn", "sqlite3", "server_stub.api")
    assert offending(modules("domain"), forbidden) == []


def test_store_knows_no_http_and_no_rules():
    forbidden = ("fastapi", "starlette", "server_stub.domain", "server_stub.api")
    assert offending(modules("store"), forbidden) == []


def test_api_runs_no_sql():
    assert offending(modules("api"), ("sqlite3", "server_stub.store")) == []
