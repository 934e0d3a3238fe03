"""Import rules of ARCHITECTURE.md for the stub: no Qt below the admin window, no HTTP in the
domain, no SQL outside the store, and the desktop app reached only over HTTP."""

from __future__ import annotations

import pytest
from helpers.imports import modules, offending

# The admin window is an HTTP client like the desktop app: it reuses that client and its look.
ADMIN_MAY_USE = ("desktop_app.core.sigma_client", "desktop_app.ui.theme", "desktop_app.ui.icons")


def test_the_server_never_imports_desktop_app():
    server_side = [p for p in modules("server_stub") if "admin" not in p.parts]
    assert offending(server_side, ("desktop_app",)) == []


def test_the_admin_window_uses_only_the_shared_client_and_look():
    admin = [p for p in modules("server_stub") if "admin" in p.parts]
    assert offending(admin, ("desktop_app",), allowed=ADMIN_MAY_USE) == []


@pytest.mark.parametrize("layer", ["api", "domain", "store"])
def test_core_layers_never_import_qt(layer):
    assert offending(modules("server_stub", layer), ("PySide6", "shiboken6")) == []


def test_domain_knows_no_http_and_no_sql():
    forbidden = ("fastapi", "starlette", "uvicorn", "sqlite3", "server_stub.api")
    assert offending(modules("server_stub", "domain"), forbidden) == []


def test_store_knows_no_http_and_no_rules():
    forbidden = ("fastapi", "starlette", "server_stub.domain", "server_stub.api")
    assert offending(modules("server_stub", "store"), forbidden) == []


def test_api_runs_no_sql():
    assert offending(modules("server_stub", "api"), ("sqlite3", "server_stub.store")) == []
