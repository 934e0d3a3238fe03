"""What an admin may do, always inside the admin's own org: another org's user does not exist."""

from __future__ import annotations

from dataclasses import dataclass

from server_stub.domain import audit, mail, throttle
from server_stub.domain.clock import format_instant
from server_stub.domain.context import DomainContext
from server_stub.domain.errors import ErrorCode, ServiceError
from server_stub.domain.sessions import Principal
from server_stub.domain.views import UserView, user_view
from server_stub.store import Repositories
from server_stub.store.records import UserRecord

MAX_AUDIT_EVENTS = 1000


@dataclass(frozen=True)
class AuditEventView:
    at: str
    actor: str | None
    action: str
    target: str | None


def _require_admin(principal: Principal) -> UserRecord:
    if principal.user.account_type != "admin":
        raise ServiceError(ErrorCode.FORBIDDEN)
    return principal.user


def _user_in_org(tx: Repositories, admin: UserRecord, user_id: int) -> UserRecord:
    user = tx.users.get(user_id)
    if user is None or user.org.id != admin.org.id:
        raise ServiceError(ErrorCode.NOT_FOUND, "There is no such user in your organization.")
    return user


class Administration:
    def __init__(self, ctx: DomainContext) -> None:
        self._ctx = ctx

    def list_users(self, principal: Principal) -> list[UserView]:
        admin = _require_admin(principal)
        now = self._ctx.clock()
        with self._ctx.db.read() as tx:
            return [user_view(user, now) for user in tx.users.list_in_org(admin.org.id)]

    def get_user(self, principal: Principal, user_id: int) -> UserView:
        admin = _require_admin(principal)
        now = self._ctx.clock()
        with self._ctx.db.read() as tx:
            return user_view(_user_in_org(tx, admin, user_id), now)

    def reset_authenticator(self, principal: Principal, user_id: int) -> UserView:
        """Delete the user's secret (pending or enabled) and clear their throttle."""
        admin = _require_admin(principal)
        now = self._ctx.clock()
        with self._ctx.db.write() as tx:
            user = _user_in_org(tx, admin, user_id)
            tx.authenticators.delete(user.id)
            throttle.clear(tx, throttle.user_subject(user.id))
            audit.record(tx, audit.Action.AUTHENTICATOR_RESET, user, now, actor=admin)
            mail.send_notice(
                tx, user, "Authenticator app reset",
                f"your administrator {admin.name} reset the authenticator app of your Sigma "
                "account. Sign in with a code sent by email, then enrol the app again.",
                now,
            )
            reset_user = tx.users.get(user.id)
        assert reset_user is not None  # read in the same transaction
        return user_view(reset_user, now)

    def audit_events(self, principal: Principal, limit: int) -> list[AuditEventView]:
        admin = _require_admin(principal)
        limit = max(1, min(limit, MAX_AUDIT_EVENTS))
        with self._ctx.db.read() as tx:
            events = tx.audit.newest(admin.org.id, limit)
        return [
            AuditEventView(format_instant(e.at), e.actor, e.action, e.target) for e in events
        ]
