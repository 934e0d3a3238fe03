"""The refusals the domain can give; the api layer maps each code to its HTTP status."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    INVALID_REQUEST = "invalid_request"
    INVALID_CREDENTIALS = "invalid_credentials"
    INVALID_MFA_TOKEN = "invalid_mfa_token"  # noqa: S105 - an error code, not a token
    INVALID_CODE = "invalid_code"
    UNAUTHENTICATED = "unauthenticated"
    SSO_REQUIRED = "sso_required"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    ALREADY_ENABLED = "already_enabled"
    NO_PENDING_ENROLLMENT = "no_pending_enrollment"
    NOT_ENABLED = "not_enabled"
    ENROLLMENT_EXPIRED = "enrollment_expired"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    INTERNAL_ERROR = "internal_error"


# Messages are fixed sentences: nothing the caller sent is ever echoed back.
DEFAULT_MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.INVALID_REQUEST: "The request is malformed.",
    ErrorCode.INVALID_CREDENTIALS: "The email or password is incorrect.",
    ErrorCode.INVALID_MFA_TOKEN: "The sign-in attempt has expired or is unknown; sign in again.",
    ErrorCode.INVALID_CODE: "The code is incorrect or has already been used.",
    ErrorCode.UNAUTHENTICATED: "Sign in first: the session token is missing, expired or revoked.",
    ErrorCode.SSO_REQUIRED: "Your organization signs in with single sign-on, not a password.",
    ErrorCode.FORBIDDEN: "Only administrators can do this.",
    ErrorCode.NOT_FOUND: "Not found.",
    ErrorCode.METHOD_NOT_ALLOWED: "This method is not allowed here.",
    ErrorCode.ALREADY_ENABLED: "An authenticator app is already enabled; disable it first.",
    ErrorCode.NO_PENDING_ENROLLMENT: "There is no enrolment to confirm; start one first.",
    ErrorCode.NOT_ENABLED: "No authenticator app is enabled.",
    ErrorCode.ENROLLMENT_EXPIRED: "The enrolment expired after 10 minutes; start again.",
    ErrorCode.TOO_MANY_ATTEMPTS: "Too many attempts; wait before trying again.",
    ErrorCode.INTERNAL_ERROR: "Something went wrong on the server.",
}


class ServiceError(Exception):
    """An expected refusal, with a message fit to show a person."""

    def __init__(
        self, code: ErrorCode, message: str | None = None, *, retry_after: int | None = None
    ) -> None:
        self.code = code
        self.message = message or DEFAULT_MESSAGES[code]
        self.retry_after = retry_after
        super().__init__(f"{code}: {self.message}")


def rejected_code(replayed: bool) -> ServiceError:
    """invalid_code either way; a replay gets a message that tells the person what to do."""
    if replayed:
        return ServiceError(
            ErrorCode.INVALID_CODE,
            "This code was already used; wait for the next code from your app.",
        )
    return ServiceError(ErrorCode.INVALID_CODE)


def too_many_attempts(retry_after: int, what: str = "attempts") -> ServiceError:
    unit = "second" if retry_after == 1 else "seconds"
    return ServiceError(
        ErrorCode.TOO_MANY_ATTEMPTS,
        f"Too many {what}; try again in {retry_after} {unit}.",
        retry_after=retry_after,
    )
