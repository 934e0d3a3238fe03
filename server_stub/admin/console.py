"""The signed-in side: load and refresh users, audit and outbox; profiles; resets; sign-out.

Every call goes through the ClientQueue. A refresh runs on F5 and every `refresh_seconds` on
the heartbeat's clock while nothing else is in flight. An Unauthenticated answer (the session
idled out or was revoked) or a Forbidden one ends the session: back to the sign-in page with a
message. Other failures show in the notice line and the tables keep what they last knew.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.core.sigma_client import (
    AuditEvent,
    Forbidden,
    NotFound,
    OutboxMessage,
    SigmaClient,
    Unauthenticated,
    User,
)
from server_stub.admin.client_queue import ClientQueue
from server_stub.admin.heartbeat import Heartbeat
from server_stub.admin.messages import USER_GONE, clock_time, describe_error, reset_done
from server_stub.admin.timing import Deadline
from server_stub.admin.window import AdminWindow


class Console(QObject):
    session_ended = Signal(str, str)  # message, tone

    def __init__(self, window: AdminWindow, requests: ClientQueue, heartbeat: Heartbeat,
                 refresh_seconds: int, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.window = window
        self.requests = requests
        self.heartbeat = heartbeat
        self.refresh_seconds = refresh_seconds
        self.server_url = ""
        self.admin: User | None = None
        self._next_refresh = Deadline()
        window.refresh_requested.connect(self.refresh)
        window.sign_out_requested.connect(self.sign_out)
        window.profile_requested.connect(self.open_profile)
        window.reset_confirmed.connect(self.reset)
        heartbeat.ticked.connect(self._on_tick)

    @property
    def active(self) -> bool:
        return self.admin is not None

    def start(self, admin: User, server_url: str) -> None:
        self.admin = admin
        self.server_url = server_url
        self.window.console.set_outbox_available(False)
        self.window.show_console(admin)
        self.refresh()

    def _clear(self) -> None:
        """Nothing of a session stays in the widgets after it ends."""
        self.window.users_page.set_users([])
        self.window.audit_page.set_events([])
        self.window.outbox_page.set_messages([])
        self.window.console.show_users()

    # ----- loading -----------------------------------------------------------------------------
    def refresh(self) -> None:
        if not self.active:
            return
        self._next_refresh.clear()
        self.requests.submit(SigmaClient.admin_users, self._on_users, self._failed)
        self.requests.submit(SigmaClient.admin_audit, self._on_audit, self._failed)
        self.requests.submit(lambda c: c.outbox(), self._on_outbox, self._on_outbox_failed)

    def _on_users(self, users: list[User]) -> None:
        self.window.users_page.set_users(users)
        self.window.console.notice.say("")
        profile = self.window.profile_page.user
        if profile is not None and self.window.console.showing_profile:
            fresh = next((u for u in users if u.id == profile.id), None)
            if fresh is None:
                self.window.console.show_users()
                self.window.console.notice.say(USER_GONE)
            else:
                self.window.profile_page.show_user(fresh)
        now = self.heartbeat.clock()
        self.window.updated.setText(f"Updated {clock_time(now)}")
        if self.refresh_seconds:
            self._next_refresh.start(now, self.refresh_seconds)

    def _on_audit(self, events: list[AuditEvent]) -> None:
        self.window.audit_page.set_events(events)

    def _on_outbox(self, messages: list[OutboxMessage]) -> None:
        self.window.outbox_page.set_messages(messages)
        self.window.console.set_outbox_available(True)

    def _on_outbox_failed(self, error: BaseException) -> None:
        if isinstance(error, NotFound):  # dev mode is off: no outbox to show
            self.window.console.set_outbox_available(False)
        else:
            self._failed(error)

    def _on_tick(self, now: float) -> None:
        if self.active and self._next_refresh.passed(now) and not self.requests.busy:
            self.refresh()

    # ----- profile and reset -------------------------------------------------------------------
    def open_profile(self, user: User) -> None:
        self.window.console.show_profile(user)
        self.requests.submit(lambda c: c.admin_user(user.id), self._on_user, self._failed)

    def _on_user(self, user: User) -> None:
        self.window.users_page.update_user(user)
        shown = self.window.profile_page.user
        if shown is not None and shown.id == user.id:
            self.window.profile_page.show_user(user)

    def reset(self, user: User) -> None:
        if not self.active:
            return

        def done(updated: User) -> None:
            self._on_user(updated)
            self.window.say(reset_done(updated))
            self.refresh()  # the audit gained an event and the outbox an email

        self.requests.submit(lambda c: c.admin_reset(user.id), done, self._failed)

    # ----- ending ------------------------------------------------------------------------------
    def sign_out(self) -> None:
        if not self.active:
            return
        self.requests.forget_pending()  # what is queued still runs, then the logout
        self.requests.submit(SigmaClient.logout, lambda _: None, lambda _: None)
        self._end("You signed out.", "muted")

    def _end(self, message: str, tone: str) -> None:
        self.admin = None
        self._next_refresh.clear()
        self.requests.forget_pending()
        self._clear()
        self.session_ended.emit(message, tone)

    def _failed(self, error: BaseException) -> None:
        if not self.active:
            return
        if isinstance(error, Unauthenticated | Forbidden):
            if isinstance(error, Forbidden):  # still signed in, just no longer an admin
                self.requests.submit(SigmaClient.logout, lambda _: None, lambda _: None)
            self._end(describe_error(error, self.server_url), "error")
            return
        self.window.console.notice.say(describe_error(error, self.server_url))
        if self.refresh_seconds:  # try again later rather than every second
            self._next_refresh.start(self.heartbeat.clock(), self.refresh_seconds)
