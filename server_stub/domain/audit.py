"""Audit events: who did what to whom, kept per org (and mirrored, without secrets, to the log)."""

from __future__ import annotations

import logging
from enum import StrEnum

from server_stub.store import Repositories
from server_stub.store.records import AuditRecord, UserRecord

logger = logging.getLogger("server_stub.audit")


class Action(StrEnum):
    AUTHENTICATOR_ENROLLED = "authenticator.enrolled"
    AUTHENTICATOR_DISABLED = "authenticator.disabled"
    AUTHENTICATOR_RESET = "authenticator.reset"
    LOGIN_SUCCEEDED = "login.succeeded"
    LOGIN_FAILED = "login.failed"
    LOGIN_THROTTLED = "login.throttled"
    LOGOUT = "logout"


def record(
    tx: Repositories,
    action: Action,
    target: UserRecord,
    now: float,
    actor: UserRecord | None = None,
) -> None:
    """Write an event into the target's org; the actor is the target unless someone else acted."""
    acting = actor or target
    tx.audit.add(target.org.id, AuditRecord(now, acting.email, action.value, target.email))
    logger.info("%s actor=user:%d target=user:%d", action.value, acting.id, target.id)
