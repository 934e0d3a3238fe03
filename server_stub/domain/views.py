"""The user object of the contract (GET /me, admin routes, sign-in), built from store records."""

from __future__ import annotations

from dataclasses import dataclass

from server_stub.domain.app_codes import ENROLMENT_LIFETIME_SECONDS
from server_stub.domain.clock import format_instant
from server_stub.store.records import AuthenticatorRecord, UserRecord

DISABLED = "disabled"
PENDING = "pending"
ENABLED = "enabled"


@dataclass(frozen=True)
class AuthenticatorView:
    status: str
    enrolled_at: str | None


@dataclass(frozen=True)
class OrgView:
    id: int
    name: str
    auth_method: str


@dataclass(frozen=True)
class UserView:
    id: int
    email: str
    name: str
    account_type: str
    org: OrgView
    authenticator: AuthenticatorView


def authenticator_status(record: AuthenticatorRecord | None, now: float) -> str:
    """An enrolment not confirmed in time no longer counts: the user is back to disabled."""
    if record is None:
        return DISABLED
    if record.status == PENDING and now - record.issued_at >= ENROLMENT_LIFETIME_SECONDS:
        return DISABLED
    return record.status


def authenticator_view(record: AuthenticatorRecord | None, now: float) -> AuthenticatorView:
    status = authenticator_status(record, now)
    enrolled = record.enrolled_at if record is not None and status == ENABLED else None
    return AuthenticatorView(status, format_instant(enrolled) if enrolled is not None else None)


def user_view(user: UserRecord, now: float) -> UserView:
    return UserView(
        id=user.id,
        email=user.email,
        name=user.name,
        account_type=user.account_type,
        org=OrgView(user.org.id, user.org.name, user.org.auth_method),
        authenticator=authenticator_view(user.authenticator, now),
    )
