"""Request and response bodies of the contract, as pydantic models (they also make /openapi.json).

Requests are strict: a number where a string belongs is a 400, not silently converted. Unknown
fields are ignored, so clients may send more than we read. Every request string has a length
bound, which also makes pydantic check it is real Unicode: JSON can carry lone surrogates
("\\ud800") that could not be stored or hashed as UTF-8 (test_auth_routes covers it).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Email = Annotated[
    str,
    Field(min_length=1, max_length=320, examples=["alice@acme.test"]),
]
Password = Annotated[
    str,
    Field(min_length=1, max_length=1024, examples=["Sigma-demo-1"]),
]
Token = Annotated[str, Field(min_length=1, max_length=512)]
SixDigitCode = Annotated[
    str,
    Field(
        pattern=r"^[0-9]{6}$",
        description="Exactly six ASCII digits.",
        examples=["123456"],
    ),
]
Instant = Annotated[str, Field(description="UTC, ISO 8601, e.g. 2025-01-31T12:00:00Z")]
Method = Literal["app", "email"]


class RequestBody(BaseModel):
    model_config = ConfigDict(strict=True, extra="ignore")


class LoginRequest(RequestBody):
    email: Email
    password: Password


class MfaTokenRequest(RequestBody):
    mfa_token: Token


class VerifyRequest(RequestBody):
    mfa_token: Token
    method: Method
    code: SixDigitCode


class CodeRequest(RequestBody):
    code: SixDigitCode


class PasswordRequest(RequestBody):
    password: Password


class ErrorBody(BaseModel):
    code: str = Field(examples=["invalid_request"])
    message: str = Field(description="A sentence for a person; never echoes what was sent.")


class ErrorEnvelope(BaseModel):
    error: ErrorBody


class OrgOut(BaseModel):
    id: int
    name: str
    auth_method: Literal["password", "sso"]


class AuthenticatorOut(BaseModel):
    status: Literal["disabled", "pending", "enabled"]
    enrolled_at: Instant | None = None


class UserOut(BaseModel):
    id: int
    email: str
    name: str
    account_type: Literal["admin", "creator", "viewer"]
    org: OrgOut
    authenticator: AuthenticatorOut


class LoginResponse(BaseModel):
    status: Literal["mfa_required"] = "mfa_required"
    mfa_token: str
    methods: list[Method] = Field(description='["app", "email"] or ["email"]')
    expires_in: int = Field(description="Seconds the mfa_token stays valid.")


class EmailCodeResponse(BaseModel):
    sent_to: str
    expires_in: int = Field(description="Seconds the emailed code stays valid.")


class SessionResponse(BaseModel):
    status: Literal["ok"] = "ok"
    token: str = Field(description="Session token: send it as `Authorization: Bearer <token>`.")
    user: UserOut


class EnrolmentResponse(BaseModel):
    secret: str = Field(description="160 random bits, base32 without padding (32 characters).")
    otpauth_uri: str
    qr_png: str = Field(description="Base64 PNG of otpauth_uri.")
    expires_in: int = Field(description="Seconds left to confirm with a first code.")


class AuthenticatorResponse(BaseModel):
    authenticator: AuthenticatorOut


class UserListResponse(BaseModel):
    users: list[UserOut]


class AuditEventOut(BaseModel):
    at: Instant
    actor: str | None
    action: str
    target: str | None


class AuditResponse(BaseModel):
    events: list[AuditEventOut]


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"


class TimeResponse(BaseModel):
    epoch: float = Field(description="The server clock, seconds since 1970-01-01 UTC.")


class OutboxMessageOut(BaseModel):
    to: str
    subject: str
    body: str
    code: str | None
    sent_at: Instant


class OutboxResponse(BaseModel):
    messages: list[OutboxMessageOut]
