"""Signing in to the admin window against a live stub: both factors, refusals, throttling,
errors in place, remembered fields."""

from __future__ import annotations

from helpers.admin_window import (
    code_at,
    emailed_code,
    enable_authenticator,
    open_window,
    sign_in_as_admin,
    submit_code,
    submit_password,
    wait_idle,
)
from helpers.ports import free_port
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from desktop_app.core.sigma_client import SigmaClient
from server_stub.admin.app import build_admin_window
from server_stub.admin.messages import MFA_EXPIRED, WRONG_PASSWORD
from server_stub.domain.demo import DEMO_PASSWORD


def test_an_admin_signs_in_with_the_emailed_code_and_sees_only_their_org(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    page = window.sign_in_page
    submit_password(qtbot, window, "admin@acme.test")
    assert page.on_code_step
    assert not page.app_choice.isVisibleTo(page)  # no app enrolled: the code was emailed at once
    assert "We emailed a code to admin@acme.test" in page.info.text()
    assert not page.button.isEnabled()  # six digits first
    submit_code(qtbot, window, emailed_code(live_stub, "admin@acme.test"))
    assert window.signed_in
    wait_idle(qtbot, window)
    emails = {u.email for u in window.users_page.table.visible_records()}
    assert emails == {"admin@acme.test", "alice@acme.test", "bob@acme.test"}
    assert "Acme Analytics" in window.windowTitle()
    assert "Ada Admin" in window.console.who.text()
    assert window.users_page.header.count.text() == "3 users"


def test_an_admin_with_an_app_uses_its_code_or_asks_for_an_email(qtbot, live_stub):
    secret = enable_authenticator(live_stub, "admin@acme.test")
    window = open_window(qtbot, live_stub)
    page = window.sign_in_page
    submit_password(qtbot, window, "admin@acme.test")
    assert page.app_choice.isVisibleTo(page) and page.app_choice.isChecked()
    page.email_choice.click()  # "Email me a code": within 30 s of the last one, so not yet
    wait_idle(qtbot, window)
    assert page.error.text() == (
        "A new code can be emailed once every 30 seconds. Try again in 30 s."
    )
    assert page.info.text() == "No code was sent." and not page.resend_button.isEnabled()
    live_stub.clock.advance(30)
    window.heartbeat.tick()
    assert page.resend_button.isEnabled()
    before = len(SigmaClient(live_stub.url).outbox("admin@acme.test"))
    page.resend_button.click()
    wait_idle(qtbot, window)
    assert len(SigmaClient(live_stub.url).outbox("admin@acme.test")) == before + 1
    assert "We emailed a code to admin@acme.test" in page.info.text()
    page.app_choice.click()
    assert page.method == "app"
    submit_code(qtbot, window, code_at(secret, live_stub.clock.now))
    assert window.signed_in
    wait_idle(qtbot, window)
    assert window.users_page.user(window.controller.admin.id).authenticator.status == "enabled"


def test_a_non_admin_is_refused_in_words_and_signed_out(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    submit_password(qtbot, window, "alice@acme.test")
    submit_code(qtbot, window, emailed_code(live_stub, "alice@acme.test"))
    page = window.sign_in_page
    assert not window.signed_in and not page.on_code_step
    assert page.error.text() == (
        "This window is for admins of an organization; Alice Anders is a creator."
    )
    wait_idle(qtbot, window)  # the sign-out call
    admin = SigmaClient(live_stub.url)
    challenge = admin.login("admin@acme.test", DEMO_PASSWORD)
    admin.verify(challenge.mfa_token, "email", emailed_code(live_stub, "admin@acme.test"))
    alice_events = [e.action for e in admin.admin_audit() if e.target == "alice@acme.test"]
    assert alice_events[:2] == ["logout", "login.succeeded"]  # newest first


def test_wrong_passwords_then_a_countdown_that_ends_with_the_clock(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    page = window.sign_in_page
    for _ in range(5):
        submit_password(qtbot, window, "bob@acme.test", "not the password")
        assert page.error.text() == WRONG_PASSWORD
    submit_password(qtbot, window, "bob@acme.test", "not the password")  # evaluated at 1 s
    live_stub.clock.advance(1)
    window.heartbeat.tick()
    submit_password(qtbot, window, "bob@acme.test", "not the password")  # 6th failure: wait 2 s
    submit_password(qtbot, window, "bob@acme.test", DEMO_PASSWORD)  # refused unevaluated
    assert page.error.text() == "Too many attempts. Try again in 2 s."
    assert page.is_waiting and not page.button.isEnabled()
    live_stub.clock.advance(1)
    window.heartbeat.tick()
    assert page.error.text() == "Too many attempts. Try again in 1 s."
    live_stub.clock.advance(1)
    window.heartbeat.tick()
    assert not page.is_waiting and page.error.isHidden()
    assert page.button.isEnabled()
    submit_password(qtbot, window, "bob@acme.test", DEMO_PASSWORD)
    assert page.on_code_step


def test_a_wrong_code_is_explained_and_an_expired_attempt_goes_back(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    page = window.sign_in_page
    submit_password(qtbot, window, "admin@acme.test")
    good = emailed_code(live_stub, "admin@acme.test")
    submit_code(qtbot, window, "000000" if good != "000000" else "111111")
    assert page.on_code_step
    assert page.error.text() == "The code is incorrect or has already been used."
    assert page.code.hasSelectedText()
    live_stub.clock.advance(5 * 60 + 1)
    submit_code(qtbot, window, good)
    assert not page.on_code_step and not window.signed_in
    assert page.error.text() == MFA_EXPIRED



def test_a_stopped_server_is_explained_with_the_command_to_start_it(qtbot, live_stub):
    port = free_port()
    window = open_window(qtbot, live_stub, f"http://127.0.0.1:{port}")
    submit_password(qtbot, window, "admin@acme.test")
    assert window.sign_in_page.error.text() == (
        f"Cannot reach the server at http://127.0.0.1:{port}. "
        f"Start it with: sigma-stub serve --demo --port {port}"
    )


def test_an_impossible_address_is_refused_before_any_call(qtbot, live_stub):
    window = open_window(qtbot, live_stub, "ftp://example.test")
    submit_password(qtbot, window, "admin@acme.test")
    assert "not an http:// or https:// server address" in window.sign_in_page.error.text()


def test_the_address_and_email_are_remembered_and_server_prefills(qtbot, live_stub):
    window = open_window(qtbot, live_stub, live_stub.url.replace("http://", ""))
    sign_in_as_admin(qtbot, window, live_stub)
    again = build_admin_window(clock=live_stub.clock)
    qtbot.addWidget(again)
    assert again.sign_in_page.server.text() == live_stub.url  # normalised when it was used
    assert again.sign_in_page.email.text() == "admin@acme.test"
    assert again.sign_in_page.password.hasFocus() or not again.isVisible()
    chosen = build_admin_window("http://127.0.0.1:9999", clock=live_stub.clock)
    qtbot.addWidget(chosen)
    assert chosen.sign_in_page.server.text() == "http://127.0.0.1:9999"


def test_the_sign_in_form_is_keyboard_reachable(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    page = window.sign_in_page
    page.email.setText("admin@acme.test")
    page.password.setText("typed")  # the button takes focus only when it can submit
    page.server.setFocus()
    QTest.keyClick(page.server, Qt.Key.Key_Tab)
    assert page.email.hasFocus()
    QTest.keyClick(page.email, Qt.Key.Key_Tab)
    assert page.password.hasFocus()
    QTest.keyClick(page.password, Qt.Key.Key_Tab)
    assert page.button.hasFocus()
    for widget in (page.server, page.email, page.password, page.code):
        assert widget.accessibleName() and widget.toolTip()
