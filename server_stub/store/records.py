"""Plain rows as the repositories return them. Times are epoch seconds (floats)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class OrgRecord:
    id: int
    name: str
    auth_method: str


@dataclass(frozen=True, slots=True)
class AuthenticatorRecord:
    user_id: int
    status: str
    secret_sealed: bytes
    issued_at: float
    enrolled_at: float | None


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    email: str
    name: str
    account_type: str
    password_hash: str
    last_totp_step: int
    org: OrgRecord
    authenticator: AuthenticatorRecord | None


@dataclass(frozen=True, slots=True)
class SessionRecord:
    user_id: int
    created_at: float
    last_seen_at: float


@dataclass(frozen=True, slots=True)
class EmailCodeRecord:
    id: int
    user_id: int
    code_digest: bytes
    sent_at: float
    expires_at: float


@dataclass(frozen=True, slots=True)
class ThrottleRecord:
    subject: str
    failures: int
    last_failure_at: float
    throttle_noted_at: float | None


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    to_email: str
    subject: str
    body: str
    code: str | None
    sent_at: float


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: float
    actor: str | None
    action: str
    target: str | None
