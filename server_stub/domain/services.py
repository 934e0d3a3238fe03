"""The domain's front door: every service wired to one context, plus the small service calls."""

from __future__ import annotations

from dataclasses import dataclass

from server_stub.domain.accounts import normalize_email
from server_stub.domain.administration import Administration
from server_stub.domain.authenticator import AuthenticatorService
from server_stub.domain.clock import format_instant
from server_stub.domain.context import DomainContext
from server_stub.domain.secret_box import SecretBox
from server_stub.domain.sessions import Sessions
from server_stub.domain.sign_in import SignIn
from server_stub.store import Database, StoreError

KEY_CHECK = "server_key_check"


@dataclass(frozen=True)
class OutboxMessageView:
    to: str
    subject: str
    body: str
    code: str | None
    sent_at: str


def bind_server_key(db: Database, box: SecretBox) -> None:
    """Refuse a key file that is not the one this database's secrets were sealed with."""
    with db.write() as tx:
        stored = tx.meta.get(KEY_CHECK)
        if stored is None:
            tx.meta.put(KEY_CHECK, box.key_check())
        elif not box.matches_key_check(stored):
            raise StoreError(
                f"the key file beside {db.path} does not belong to this database: the TOTP "
                "secrets in it cannot be read. Restore the original key file, or use a new "
                "database."
            )


class StubServices:
    def __init__(self, ctx: DomainContext, *, dev_mode: bool) -> None:
        self.ctx = ctx
        self.dev_mode = dev_mode
        self.sessions = Sessions(ctx)
        self.sign_in = SignIn(ctx)
        self.authenticator = AuthenticatorService(ctx)
        self.admin = Administration(ctx)

    def now(self) -> float:
        return self.ctx.clock()

    def outbox(self, to: str | None, limit: int) -> list[OutboxMessageView]:
        address = normalize_email(to) if to is not None else None
        with self.ctx.db.read() as tx:
            messages = tx.outbox.newest(address, limit)
        return [
            OutboxMessageView(m.to_email, m.subject, m.body, m.code, format_instant(m.sent_at))
            for m in messages
        ]
