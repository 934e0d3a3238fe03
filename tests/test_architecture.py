"""Import rules of ARCHITECTURE.md for the desktop app, and packaging completeness.
(The stub's own layering is in tests/server_stub/test_layering.py.)"""

import tomllib

from helpers.imports import ROOT, modules, offending


def test_the_core_never_imports_qt_or_the_ui():
    assert (
        offending(modules("desktop_app", "core"), ("PySide6", "shiboken6", "desktop_app.ui")) == []
    )


def test_the_app_reaches_the_stub_only_over_http():
    assert offending(modules("desktop_app"), ("server_stub",)) == []


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("desktop_app", "server_stub")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert on_disk - listed == set(), "add these packages to [tool.setuptools] packages"
    assert "sigma_resources" in listed
