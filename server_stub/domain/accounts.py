"""Creating orgs and users (command line and demo data); the rules for emails and passwords."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from server_stub.domain.passwords import PasswordChecker
from server_stub.store import Database
from server_stub.store.records import OrgRecord, UserRecord

ACCOUNT_TYPES = ("admin", "creator", "viewer")
AUTH_METHODS = ("password", "sso")
MAX_EMAIL_CHARS = 254
MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_CHARS = 1024
MAX_NAME_CHARS = 200

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


class AccountError(ValueError):
    """An org or user that cannot be created as asked; the message says why."""


def normalize_email(email: str) -> str:
    """Emails are unique case-insensitively: compare and store them trimmed and lower-case."""
    return email.strip().lower()


def _check_name(name: str, what: str) -> str:
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS or not name.isprintable():
        raise AccountError(f"the {what} must be 1 to {MAX_NAME_CHARS} printable characters")
    return name


@dataclass(frozen=True)
class NewUser:
    org_name: str
    email: str
    name: str
    account_type: str
    password: str | None  # None: an SSO user, who gets an unusable random password


def add_org(db: Database, name: str, auth_method: str, now: float) -> OrgRecord:
    name = _check_name(name, "org name")
    if auth_method not in AUTH_METHODS:
        raise AccountError(f"auth method must be one of {', '.join(AUTH_METHODS)}")
    with db.write() as tx:
        if tx.orgs.find_by_name(name) is not None:
            raise AccountError(f"an org named {name!r} already exists")
        return tx.orgs.add(name, auth_method, now)


def add_user(db: Database, passwords: PasswordChecker, new: NewUser, now: float) -> UserRecord:
    email = normalize_email(new.email)
    if len(email) > MAX_EMAIL_CHARS or not _EMAIL.fullmatch(email):
        raise AccountError("the email must look like name@example.com")
    name = _check_name(new.name, "name")
    if new.account_type not in ACCOUNT_TYPES:
        raise AccountError(f"account type must be one of {', '.join(ACCOUNT_TYPES)}")
    password = new.password
    if password is None:
        password = secrets.token_urlsafe(32)
    elif not MIN_PASSWORD_CHARS <= len(password) <= MAX_PASSWORD_CHARS:
        raise AccountError(
            f"the password must be {MIN_PASSWORD_CHARS} to {MAX_PASSWORD_CHARS} characters"
        )
    password_hash = passwords.hash(password)  # slow: outside the write transaction
    with db.write() as tx:
        org = tx.orgs.find_by_name(new.org_name.strip())
        if org is None:
            raise AccountError(f"there is no org named {new.org_name!r}")
        if new.password is None and org.auth_method == "password":
            raise AccountError(f"{org.name} signs in with passwords: the user needs one")
        if tx.users.find_by_email(email) is not None:
            raise AccountError(f"a user with the email {email} already exists")
        user_id = tx.users.add(
            org_id=org.id,
            email=email,
            name=name,
            account_type=new.account_type,
            password_hash=password_hash,
            now=now,
        )
        user = tx.users.get(user_id)
    assert user is not None  # just inserted in the same transaction
    return user
