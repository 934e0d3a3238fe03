"""/api/v1/admin: users and audit of the admin's own org (another org's user is a 404)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Query

from server_stub.api.dependencies import Services, SignedInUser
from server_stub.api.errors import error_responses
from server_stub.api.schemas import AuditEventOut, AuditResponse, UserListResponse, UserOut
from server_stub.api.views import user_out
from server_stub.domain.administration import MAX_AUDIT_EVENTS
from server_stub.domain.errors import ErrorCode as E

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])

UserId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The user's id.")]


@router.get(
    "/users",
    response_model=UserListResponse,
    responses=error_responses(E.UNAUTHENTICATED, E.FORBIDDEN),
    summary="Users of the admin's org",
)
def list_users(principal: SignedInUser, services: Services) -> UserListResponse:
    return UserListResponse(users=[user_out(v) for v in services.admin.list_users(principal)])


@router.get(
    "/users/{user_id}",
    response_model=UserOut,
    responses=error_responses(E.INVALID_REQUEST, E.UNAUTHENTICATED, E.FORBIDDEN, E.NOT_FOUND),
    summary="One user of the admin's org",
)
def get_user(user_id: UserId, principal: SignedInUser, services: Services) -> UserOut:
    return user_out(services.admin.get_user(principal, user_id))


@router.post(
    "/users/{user_id}/authenticator/reset",
    response_model=UserOut,
    responses=error_responses(E.INVALID_REQUEST, E.UNAUTHENTICATED, E.FORBIDDEN, E.NOT_FOUND),
    summary="Reset a user's authenticator app (secret deleted, throttle cleared, user emailed)",
)
def reset_authenticator(user_id: UserId, principal: SignedInUser, services: Services) -> UserOut:
    return user_out(services.admin.reset_authenticator(principal, user_id))


@router.get(
    "/audit",
    response_model=AuditResponse,
    responses=error_responses(E.INVALID_REQUEST, E.UNAUTHENTICATED, E.FORBIDDEN),
    summary="Audit events of the admin's org, newest first",
)
def audit(
    principal: SignedInUser,
    services: Services,
    limit: Annotated[int, Query(ge=1, le=MAX_AUDIT_EVENTS)] = 200,
) -> AuditResponse:
    events = services.admin.audit_events(principal, limit)
    return AuditResponse(events=[AuditEventOut.model_validate(asdict(e)) for e in events])
