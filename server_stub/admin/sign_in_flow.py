"""Signing in to the admin window: password, second factor, and the admin check.

Talks to the server through the ClientQueue and tells the SignInPage what to show. A throttle
answer (429) starts a countdown on the injected clock; the page cannot submit until it ends.
A non-admin who gets through both factors is refused in words and signed out again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_app.core.sigma_client import (
    EmailCodeSent,
    InvalidCode,
    InvalidCredentials,
    InvalidMfaToken,
    MfaChallenge,
    SigmaClient,
    SigmaError,
    TooManyAttempts,
    User,
    normalize_server_url,
)
from server_stub.admin.client_queue import ClientQueue
from server_stub.admin.heartbeat import Heartbeat
from server_stub.admin.messages import describe_error, format_wait, refusal
from server_stub.admin.settings import AdminSettings
from server_stub.admin.timing import Deadline
from server_stub.admin.widgets.dialogs import OutboxDialog
from server_stub.admin.widgets.sign_in_page import EMAIL, SignInPage


class SignInFlow(QObject):
    signed_in = Signal(object)  # the admin User
    outbox_wanted = Signal(str)  # dev mode: open the outbox for this recipient

    def __init__(self, page: SignInPage, requests: ClientQueue, settings: AdminSettings,
                 heartbeat: Heartbeat, parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.page = page
        self.requests = requests
        self.settings = settings
        self.heartbeat = heartbeat
        self.server_url = ""
        self._challenge: MfaChallenge | None = None
        self._sent_to: str | None = None
        self._wait = Deadline()
        self._wait_lead = ""
        page.sign_in_requested.connect(self.sign_in)
        page.verify_requested.connect(self.verify)
        page.method_chosen.connect(self._on_method_chosen)
        page.resend_requested.connect(self.send_email_code)
        page.back_requested.connect(lambda: self.restart(""))
        page.outbox_requested.connect(lambda: self.outbox_wanted.emit(page.email.text().strip()))
        heartbeat.ticked.connect(self._on_tick)

    def prefill(self, server_url: str | None) -> None:
        self.page.server.setText(server_url or self.settings.server_url)
        self.page.email.setText(self.settings.email)
        self.page.show_credentials()

    def restart(self, message: str, tone: str = "error") -> None:
        """Back to step one (with a reason), forgetting the pending challenge."""
        self._challenge = None
        self._sent_to = None
        self.page.show_credentials(message, tone)
        self._show_wait(self.heartbeat.clock())

    # ----- step one ----------------------------------------------------------------------------
    def sign_in(self, server_text: str, email: str, password: str) -> None:
        try:
            url = normalize_server_url(server_text)
        except SigmaError as bad:
            self.page.show_error(bad.message)
            return
        if url != self.server_url:
            self.requests.use_server(url)
            self.server_url = url
        self.page.server.setText(url)
        self.settings.server_url = url
        self.settings.email = email
        self._call(lambda c: c.login(email, password), self._on_challenge, "Too many attempts.")

    def _on_challenge(self, challenge: MfaChallenge) -> None:
        self._challenge = challenge
        self.page.show_code_step(challenge.methods)
        if not challenge.app_available:  # the server emailed a code already
            self._sent_to = self.page.email.text().strip()
            self.page.show_email_sent(self._sent_to)
        # Dev mode shows in whether the outbox answers (404 when it is off).
        email = self.page.email.text().strip()
        self.requests.submit(lambda c: c.outbox(email), lambda _: self.page.set_dev_mode(True),
                             lambda _: self.page.set_dev_mode(False))  # fmt: skip

    # ----- step two ----------------------------------------------------------------------------
    def _on_method_chosen(self, method: str) -> None:
        if method != EMAIL:
            return
        if self._sent_to is None:
            self.send_email_code()
        else:
            self.page.show_email_sent(self._sent_to)

    def send_email_code(self) -> None:
        challenge = self._challenge
        if challenge is None:
            return
        self.page.info.say("Sending a code…")

        def not_sent(error: BaseException) -> None:
            self.page.info.say("No code was sent.")
            self.page.resend_button.show()
            self._failed(error)

        self._call(lambda c: c.send_email_code(challenge.mfa_token), self._on_email_sent,
                   "A new code can be emailed once every 30 seconds.", not_sent)  # fmt: skip

    def _on_email_sent(self, sent: EmailCodeSent) -> None:
        self._sent_to = sent.sent_to
        self.page.show_email_sent(sent.sent_to)

    def verify(self, method: str, code: str) -> None:
        challenge = self._challenge
        if challenge is None:
            return
        self._call(lambda c: c.verify(challenge.mfa_token, method, code), self._on_verified,
                   "Too many attempts.")  # fmt: skip

    def _on_verified(self, user: User) -> None:
        self._challenge = None
        self._sent_to = None
        if not user.is_admin:
            self.requests.submit(SigmaClient.logout, lambda _: None, lambda _: None)
            self.restart(refusal(user))
            return
        self.page.show_credentials()
        self.signed_in.emit(user)

    # ----- answers -----------------------------------------------------------------------------
    def _call(self, call, on_done, wait_lead: str, on_error=None) -> None:
        self.page.set_busy(True)
        self._wait_lead = wait_lead

        def done(result) -> None:
            self.page.set_busy(False)
            on_done(result)

        self.requests.submit(call, done, on_error or self._failed)

    def _failed(self, error: BaseException) -> None:
        self.page.set_busy(False)
        if isinstance(error, TooManyAttempts):
            now = self.heartbeat.clock()
            self._wait.start(now, error.retry_after)
            self._show_wait(now)
        elif isinstance(error, InvalidMfaToken):
            self.restart(describe_error(error, self.server_url))
        elif isinstance(error, InvalidCode | InvalidCredentials):
            self.page.rejected(describe_error(error, self.server_url))
        else:
            self.page.show_error(describe_error(error, self.server_url))

    def _show_wait(self, now: float) -> None:
        left = self._wait.remaining(now)
        if left:
            self.page.set_wait(f"{self._wait_lead} Try again in {format_wait(left)}.")
        elif self._wait.active or self.page.is_waiting:
            self._wait.clear()
            self.page.set_wait(None)

    def _on_tick(self, now: float) -> None:
        if self._wait.active:
            self._show_wait(now)

    # ----- dev mode ----------------------------------------------------------------------------
    def load_outbox(self, dialog: OutboxDialog) -> None:
        def failed(error: BaseException) -> None:
            dialog.page.header.count.setText(describe_error(error, self.server_url))

        self.requests.submit(lambda c: c.outbox(), dialog.page.set_messages, failed)
