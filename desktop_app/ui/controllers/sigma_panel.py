"""Drives the Sigma account window: every server call off the UI thread, one at a time.

Results that arrive after a lock or sign-out belong to a finished session and are dropped (a
generation number tells), so a late enrolment answer can never put a secret back on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject

from desktop_app.core import otpauth
from desktop_app.core.accounts import Account
from desktop_app.core.clock import Clock
from desktop_app.core.sigma_account import (
    Countdown,
    explain,
    format_duration,
    mask_email,
    sigma_entries,
)
from desktop_app.core.sigma_client import (
    Enrollment,
    EnrollmentExpired,
    InvalidMfaToken,
    MfaChallenge,
    NoPendingEnrollment,
    SigmaClient,
    SigmaError,
    TooManyAttempts,
    Unauthenticated,
    User,
    normalize_server_url,
)
from desktop_app.ui.settings import Settings
from desktop_app.ui.sigma.page_frame import PanelPage
from desktop_app.ui.sigma.sigma_window import SigmaWindow
from desktop_app.ui.tasks import TaskRunner

ClientFactory = Callable[[str], SigmaClient]


class SigmaPanel(QObject):
    def __init__(
        self,
        window: SigmaWindow,
        *,
        settings: Settings,
        clock: Clock,
        tasks: TaskRunner,
        vault_accounts: Callable[[], Sequence[Account]],
        add_account: Callable[[Account], bool],
        report_server_time: Callable[[float], str | None],
        client_factory: ClientFactory = SigmaClient,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.settings = settings
        self.clock = clock
        self.tasks = tasks
        self._vault_accounts = vault_accounts
        self._add_account = add_account
        self._report_server_time = report_server_time
        self._client_factory = client_factory
        self.client: SigmaClient | None = None
        self.challenge: MfaChallenge | None = None
        self.email = ""
        self.user: User | None = None
        self.enrollment: Enrollment | None = None
        self.throttle = Countdown(clock)
        self.enrollment_deadline = Countdown(clock)
        self._generation = 0
        self._busy = False
        self._wire()
        self._show_sign_in()

    # ----- wiring ----------------------------------------------------------------------------
    def _wire(self) -> None:
        w = self.window
        w.sign_in_page.sign_in_requested.connect(self.sign_in)
        w.second_factor_page.verify_requested.connect(self.verify)
        w.second_factor_page.email_code_requested.connect(self.send_email_code)
        w.second_factor_page.back_requested.connect(self._back_to_sign_in)
        w.profile_page.enroll_requested.connect(self.enroll)
        w.profile_page.disable_requested.connect(self.disable)
        w.profile_page.sign_out_requested.connect(self.sign_out)
        w.profile_page.refresh_requested.connect(self.refresh_profile)
        w.enroll_page.add_to_vault_requested.connect(self.add_to_vault)
        w.enroll_page.verify_requested.connect(self.confirm_enrollment)
        w.enroll_page.cancel_requested.connect(self._cancel_enrollment)
        w.enroll_page.restart_requested.connect(self.enroll)

    # ----- public ----------------------------------------------------------------------------
    def open(self) -> None:
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.tick()

    def use_server(self, url: str) -> None:
        """Prefill the sign-in page with this server (the demo launcher's stub)."""
        self.window.sign_in_page.server.setText(url)

    @property
    def busy(self) -> bool:
        """A server call is under way (the window shows it; tests wait for it to end)."""
        return self._busy

    @property
    def signed_in(self) -> bool:
        return self.user is not None and self.client is not None

    def forget(self) -> None:
        """Lock or quit: end the Sigma session, drop any enrolment secret, hide the window."""
        if self.client is not None and self.client.session_token:
            client = self.client
            self.tasks.run(client.logout, lambda _r: None, lambda _e: None)
        self._reset_session()
        self.window.hide()

    def tick(self) -> None:
        """Called by the app's one timer: countdowns and the codes filled in from the vault."""
        page = self.window.current_page
        waiting = self._throttle_text()
        if page is self.window.sign_in_page:
            page.set_waiting(waiting)
        elif page is self.window.second_factor_page:
            page.set_waiting(waiting)
            self._prefill_sign_in_code()
        elif page is self.window.enroll_page:
            self._tick_enrollment()

    # ----- calls -----------------------------------------------------------------------------
    def _call(
        self,
        page: PanelPage,
        work: Callable[[SigmaClient], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        if self._busy or self.client is None:
            return
        self._busy = True
        page.set_busy(True)
        client, generation = self.client, self._generation

        def finish() -> bool:
            self._busy = False
            page.set_busy(False)
            return generation == self._generation

        def done(result: Any) -> None:
            if finish():
                on_done(result)

        def failed(error: BaseException) -> None:
            if finish():
                (on_error or (lambda e: self._failed(page, e)))(error)

        self.tasks.run(lambda: work(client), done, failed)

    def _explain(self, error: BaseException) -> str:
        return explain(error, self.client.base_url if self.client else "")

    def _failed(self, page: PanelPage, error: BaseException) -> None:
        if isinstance(error, Unauthenticated) and self.user is not None:
            self._reset_session()
            self._show_sign_in(self._explain(error))
            return
        if isinstance(error, InvalidMfaToken):
            self._show_sign_in(self._explain(error))
            return
        if isinstance(error, TooManyAttempts):
            self.throttle.start(error.retry_after)
            self.tick()
        page.show_error(self._explain(error))

    # -- sign in --
    def sign_in(self, server: str, email: str, password: str) -> None:
        page = self.window.sign_in_page
        try:
            url = normalize_server_url(server)
        except SigmaError as error:
            page.show_error(error.message)
            return
        self.settings.sigma_server_url = url
        self.settings.sigma_email = email
        if self.client is None or self.client.base_url != url:
            self.client = self._client_factory(url)
        self.email = email
        self._call(page, lambda c: c.login(email, password), self._on_challenge)

    def _on_challenge(self, challenge: MfaChallenge) -> None:
        self.challenge = challenge
        self.window.sign_in_page.password.clear()
        page = self.window.second_factor_page
        page.start(challenge.methods, mask_email(self.email))
        self.window.show_page(page)
        page.code.setFocus()
        self.tick()

    def send_email_code(self) -> None:
        if self.challenge is None:
            return
        token = self.challenge.mfa_token
        page = self.window.second_factor_page
        self._call(
            page,
            lambda c: c.send_email_code(token),
            lambda sent: page.use_email(f"We emailed a code to {mask_email(sent.sent_to)}."),
        )

    def verify(self, method: str, code: str) -> None:
        if self.challenge is None:
            return
        token = self.challenge.mfa_token
        page = self.window.second_factor_page
        self._call(page, lambda c: c.verify(token, method, code), self._on_signed_in)

    def _on_signed_in(self, user: User) -> None:
        self.challenge = None
        self.throttle.stop()
        self._show_profile(user)
        self._check_server_time()

    def _check_server_time(self) -> None:
        clock = self.clock

        def measure(client: SigmaClient) -> float:
            before = clock()
            server_epoch = client.server_time()
            # The answer was made about halfway through the round trip.
            return server_epoch + (clock() - before) / 2

        def show(server_epoch: float) -> None:
            self.window.profile_page.clock_banner.show_text(self._report_server_time(server_epoch))

        self._call(self.window.profile_page, measure, show, lambda _error: None)

    def _back_to_sign_in(self) -> None:
        self.challenge = None
        self._show_sign_in()

    # -- profile --
    def refresh_profile(self) -> None:
        self._call(self.window.profile_page, lambda c: c.me(), self._show_profile)

    def enroll(self) -> None:
        page = self.window.current_page
        self._call(page, lambda c: c.enroll(), self._on_enrollment)

    def _on_enrollment(self, enrollment: Enrollment) -> None:
        self.enrollment = enrollment
        self.enrollment_deadline.start(enrollment.expires_in)
        page = self.window.enroll_page
        page.show_enrollment(enrollment.qr_png, enrollment.secret)
        page.set_added(self._enrolled_account_in_vault() is not None)
        self.window.show_page(page)
        page.code.setFocus()
        self.tick()

    def add_to_vault(self) -> None:
        if self.enrollment is None:
            return
        page = self.window.enroll_page
        try:
            account = otpauth.parse(self.enrollment.otpauth_uri)
        except otpauth.OtpauthError as error:
            page.show_error(f"The server sent an unusable setup link: {error}")
            return
        if self._add_account(account):
            page.set_added(True)
            page.show_note("Added. The code below comes from this authenticator.")
            self.tick()
        else:
            page.show_error("Could not save the account: unlock the authenticator and try again.")

    def confirm_enrollment(self, code: str) -> None:
        page = self.window.enroll_page

        def enabled(_state: object) -> None:
            self._forget_enrollment()
            self.refresh_profile_after_enrol()

        def failed(error: BaseException) -> None:
            if isinstance(error, EnrollmentExpired | NoPendingEnrollment):
                page.expired(self._explain(error))
            else:
                self._failed(page, error)

        self._call(page, lambda c: c.confirm_enrollment(code), enabled, failed)

    def refresh_profile_after_enrol(self) -> None:
        def show(user: User) -> None:
            self._show_profile(user)
            self.window.profile_page.show_note(
                "App-based authentication is on. Next time you sign in, use a code from "
                "this app; emailed codes remain available as a fallback."
            )

        self._call(self.window.profile_page, lambda c: c.me(), show)

    def _cancel_enrollment(self) -> None:
        self._forget_enrollment()
        self.refresh_profile()
        self.window.show_page(self.window.profile_page)

    def disable(self, password: str) -> None:
        page = self.window.profile_page

        def disabled(_state: object) -> None:
            def show(user: User) -> None:
                self._show_profile(user)
                page.show_note("App-based authentication is off. Sign-ins use emailed codes.")

            self._call(page, lambda c: c.me(), show)

        def failed(error: BaseException) -> None:
            if isinstance(error, Unauthenticated | InvalidMfaToken):
                self._failed(page, error)
            else:
                if isinstance(error, TooManyAttempts):
                    self.throttle.start(error.retry_after)
                page.disable_failed(self._explain(error))

        self._call(page, lambda c: c.disable(password), disabled, failed)

    def sign_out(self) -> None:
        self.forget()
        self.window.show()
        self._show_sign_in()

    # ----- pages and state -------------------------------------------------------------------
    def _show_sign_in(self, message: str = "") -> None:
        page = self.window.sign_in_page
        if not page.server.text():
            page.server.setText(self.settings.sigma_server_url)
        if not page.email.text():
            page.email.setText(self.settings.sigma_email)
        page.set_busy(False)
        if message:
            page.show_error(message)
        else:
            page.clear_message()
        self.window.show_page(page)
        (page.password if page.email.text() else page.email).setFocus()

    def _show_profile(self, user: User) -> None:
        self.user = user
        page = self.window.profile_page
        page.clear_message()
        page.show_user(user)
        self.window.show_page(page)

    def _reset_session(self) -> None:
        self._generation += 1
        self._busy = False
        self._forget_enrollment()
        if self.client is not None:
            self.client.session_token = None
        self.user = None
        self.challenge = None
        for page in self.window.all_pages:
            page.set_busy(False)
            page.clear_message()
        self.window.sign_in_page.password.clear()
        self.window.profile_page.clock_banner.show_text(None)
        self._show_sign_in()

    def _forget_enrollment(self) -> None:
        self.enrollment = None
        self.enrollment_deadline.stop()
        self.window.enroll_page.forget()

    def _throttle_text(self) -> str:
        if not self.throttle.running:
            return ""
        return f"Try again in {format_duration(self.throttle.remaining())}"

    def _prefill_sign_in_code(self) -> None:
        entries = sigma_entries(self._vault_accounts(), self.email)
        page = self.window.second_factor_page
        if entries and page.method == "app":
            newest = entries[0]
            page.prefill(newest.code_at(self.clock()), newest.label)

    def _enrolled_account_in_vault(self) -> Account | None:
        if self.enrollment is None:
            return None
        secret = self.enrollment.secret
        return next((a for a in self._vault_accounts() if a.secret == secret), None)

    def _tick_enrollment(self) -> None:
        page = self.window.enroll_page
        if self.enrollment is None:
            return
        left = self.enrollment_deadline.remaining()
        page.set_expiry(f"Finish within {format_duration(left)}" if left else "")
        account = self._enrolled_account_in_vault()
        if account is not None:
            page.prefill(account.code_at(self.clock()))
