"""Bearer tokens: the mfa token between password and code, and the session token after.

Tokens are 256 random bits; only their SHA-256 is stored. A session dies after 12 hours without
use or at logout; the last-use time is written at most once a minute to spare the database.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from server_stub.domain import audit
from server_stub.domain.context import DomainContext
from server_stub.domain.errors import ErrorCode, ServiceError
from server_stub.store import Repositories
from server_stub.store.records import UserRecord

TOKEN_BYTES = 32
MFA_TOKEN_LIFETIME_SECONDS = 5 * 60
SESSION_IDLE_SECONDS = 12 * 3600
TOUCH_EVERY_SECONDS = 60


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8", errors="replace")).digest()


@dataclass(frozen=True)
class Principal:
    """The signed-in user of a request, and which session it came with."""

    user: UserRecord
    session_hash: bytes


def open_session(tx: Repositories, user: UserRecord, now: float) -> str:
    token = new_token()
    tx.sessions.add(token_hash(token), user.id, now, SESSION_IDLE_SECONDS)
    return token


def issue_mfa_token(tx: Repositories, user: UserRecord, now: float) -> str:
    token = new_token()
    tx.mfa_tokens.add(token_hash(token), user.id, now + MFA_TOKEN_LIFETIME_SECONDS, now)
    return token


class Sessions:
    def __init__(self, ctx: DomainContext) -> None:
        self._ctx = ctx

    def authenticate(self, token: str | None) -> Principal:
        if not token:
            raise ServiceError(ErrorCode.UNAUTHENTICATED)
        hashed = token_hash(token)
        now = self._ctx.clock()
        with self._ctx.db.read() as tx:
            session = tx.sessions.get(hashed)
            user = tx.users.get(session.user_id) if session else None
        if session is None or user is None or now - session.last_seen_at >= SESSION_IDLE_SECONDS:
            raise ServiceError(ErrorCode.UNAUTHENTICATED)
        if now - session.last_seen_at >= TOUCH_EVERY_SECONDS:
            with self._ctx.db.write() as tx:
                tx.sessions.touch(hashed, now)
        return Principal(user, hashed)

    def logout(self, principal: Principal) -> None:
        now = self._ctx.clock()
        with self._ctx.db.write() as tx:
            if tx.sessions.delete(principal.session_hash):
                audit.record(tx, audit.Action.LOGOUT, principal.user, now)
