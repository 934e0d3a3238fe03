"""/api/v1/me: the signed-in user's profile and authenticator app."""

from __future__ import annotations

from fastapi import APIRouter

from server_stub.api.dependencies import Services, SignedInUser
from server_stub.api.errors import error_responses
from server_stub.api.schemas import (
    AuthenticatorResponse,
    CodeRequest,
    EnrolmentResponse,
    PasswordRequest,
    UserOut,
)
from server_stub.api.views import authenticator_out, user_out
from server_stub.domain.errors import ErrorCode as E
from server_stub.domain.views import user_view

router = APIRouter(prefix="/api/v1/me", tags=["profile"])


@router.get(
    "",
    response_model=UserOut,
    responses=error_responses(E.UNAUTHENTICATED),
    summary="The signed-in user",
)
def me(principal: SignedInUser, services: Services) -> UserOut:
    return user_out(user_view(principal.user, services.now()))


@router.post(
    "/authenticator/enroll",
    status_code=201,
    response_model=EnrolmentResponse,
    responses=error_responses(E.UNAUTHENTICATED, E.SSO_REQUIRED, E.ALREADY_ENABLED),
    summary="Start enrolling an authenticator app (status becomes pending)",
)
def enroll(principal: SignedInUser, services: Services) -> EnrolmentResponse:
    """Calling again before confirming replaces the pending secret."""
    enrolment = services.authenticator.enrol(principal)
    return EnrolmentResponse(
        secret=enrolment.secret,
        otpauth_uri=enrolment.otpauth_uri,
        qr_png=enrolment.qr_png,
        expires_in=enrolment.expires_in,
    )


@router.post(
    "/authenticator/verify",
    response_model=AuthenticatorResponse,
    responses=error_responses(
        E.INVALID_REQUEST,
        E.INVALID_CODE,
        E.UNAUTHENTICATED,
        E.NO_PENDING_ENROLLMENT,
        E.ENROLLMENT_EXPIRED,
        E.TOO_MANY_ATTEMPTS,
    ),
    summary="Confirm the pending enrolment with a first code from the app",
)
def confirm_enrolment(
    body: CodeRequest, principal: SignedInUser, services: Services
) -> AuthenticatorResponse:
    view = services.authenticator.confirm(principal, body.code)
    return AuthenticatorResponse(authenticator=authenticator_out(view))


@router.post(
    "/authenticator/disable",
    response_model=AuthenticatorResponse,
    responses=error_responses(
        E.INVALID_REQUEST,
        E.INVALID_CREDENTIALS,
        E.UNAUTHENTICATED,
        E.NOT_ENABLED,
        E.TOO_MANY_ATTEMPTS,
    ),
    summary="Disable the authenticator app (needs the password); the user is emailed",
)
def disable(
    body: PasswordRequest, principal: SignedInUser, services: Services
) -> AuthenticatorResponse:
    view = services.authenticator.disable(principal, body.password)
    return AuthenticatorResponse(authenticator=authenticator_out(view))
