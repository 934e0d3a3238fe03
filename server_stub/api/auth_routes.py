"""POST /api/v1/auth/*: password login, the emailed-code fallback, the second factor, logout."""

from __future__ import annotations

from fastapi import APIRouter, Response

from server_stub.api.dependencies import Services, SignedInUser
from server_stub.api.errors import error_responses
from server_stub.api.schemas import (
    EmailCodeResponse,
    LoginRequest,
    LoginResponse,
    MfaTokenRequest,
    SessionResponse,
    VerifyRequest,
)
from server_stub.api.views import user_out
from server_stub.domain.errors import ErrorCode as E

router = APIRouter(prefix="/api/v1/auth", tags=["authentication"])


@router.post(
    "/login",
    response_model=LoginResponse,
    responses=error_responses(
        E.INVALID_REQUEST, E.INVALID_CREDENTIALS, E.SSO_REQUIRED, E.TOO_MANY_ATTEMPTS
    ),
    summary="Check email and password; a second factor is always required next",
)
def login(body: LoginRequest, services: Services) -> LoginResponse:
    """`invalid_credentials` is the same for an unknown email as for a wrong password. When
    `methods` is `["email"]` a code has just been emailed (see the dev outbox)."""
    challenge = services.sign_in.start(body.email, body.password)
    return LoginResponse(
        mfa_token=challenge.mfa_token,
        methods=challenge.methods,
        expires_in=challenge.expires_in,
    )


@router.post(
    "/email-code",
    status_code=202,
    response_model=EmailCodeResponse,
    responses=error_responses(E.INVALID_REQUEST, E.INVALID_MFA_TOKEN, E.TOO_MANY_ATTEMPTS),
    summary="Email a sign-in code (the fallback when the app is not at hand)",
)
def email_code(body: MfaTokenRequest, services: Services) -> EmailCodeResponse:
    """A new code voids the previous one; one code per 30 seconds (else 429 + Retry-After)."""
    sent = services.sign_in.send_email_code(body.mfa_token)
    return EmailCodeResponse(sent_to=sent.sent_to, expires_in=sent.expires_in)


@router.post(
    "/verify",
    response_model=SessionResponse,
    responses=error_responses(
        E.INVALID_REQUEST, E.INVALID_CODE, E.INVALID_MFA_TOKEN, E.TOO_MANY_ATTEMPTS
    ),
    summary="Finish sign-in with an app code or an emailed code; returns a session token",
)
def verify(body: VerifyRequest, services: Services) -> SessionResponse:
    signed_in = services.sign_in.finish(body.mfa_token, body.method, body.code)
    return SessionResponse(token=signed_in.token, user=user_out(signed_in.user))


@router.post(
    "/logout",
    status_code=204,
    response_class=Response,
    responses=error_responses(E.UNAUTHENTICATED),
    summary="Revoke the session token",
)
def logout(principal: SignedInUser, services: Services) -> Response:
    services.sessions.logout(principal)
    return Response(status_code=204)
