"""Per-request access to the domain services and to the signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from server_stub.domain.services import StubServices
from server_stub.domain.sessions import Principal

_bearer = HTTPBearer(
    auto_error=False,
    description="The session token from POST /api/v1/auth/verify.",
)


def get_services(request: Request) -> StubServices:
    return request.app.state.services


Services = Annotated[StubServices, Depends(get_services)]


def get_principal(
    services: Services,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    return services.sessions.authenticate(credentials.credentials if credentials else None)


SignedInUser = Annotated[Principal, Depends(get_principal)]
