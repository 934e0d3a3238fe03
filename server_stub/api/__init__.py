"""HTTP routes and schemas of the contract (shared/API.md); no SQL and no rules here."""

from __future__ import annotations

from fastapi import FastAPI

from server_stub.api import admin_routes, auth_routes, me_routes, service_routes
from server_stub.api.errors import install_error_handlers
from server_stub.api.middleware import BodyGuard, CatchAll
from server_stub.api.openapi import install_openapi


def install_api(app: FastAPI) -> None:
    for module in (auth_routes, me_routes, admin_routes, service_routes):
        app.include_router(module.router)
    install_error_handlers(app)
    app.add_middleware(BodyGuard)
    app.add_middleware(CatchAll)  # added last = outermost
    install_openapi(app)
