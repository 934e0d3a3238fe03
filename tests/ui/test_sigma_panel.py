"""The Sigma account window against the real stub over HTTP, driven through its widgets."""

from __future__ import annotations

import pytest
from helpers.authenticator import START, create_vault, make_app
from helpers.fake_clock import FakeClock
from helpers.live_stub import start_live_stub
from helpers.ports import free_port
from helpers.sigma_ui import (
    click,
    emailed_code,
    enrol_in_panel,
    enter_code,
    open_panel,
    sign_in_with_email_code,
    submit_password,
    tick,
    type_into,
    wait_idle,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.core.sigma_account import sigma_entries

ALICE = "alice@acme.test"


@pytest.fixture
def clock():
    return FakeClock(START)


@pytest.fixture
def stub(tmp_path, clock):
    server = start_live_stub(tmp_path / "stub.sqlite3", clock)
    yield server
    server.stop()


@pytest.fixture
def app(qtbot, clock):
    authenticator = make_app(qtbot, clock)
    create_vault(qtbot, authenticator)
    qtbot.addWidget(authenticator.sigma_window)
    yield authenticator
    authenticator.shutdown()
    QApplication.clipboard().clear()


def test_the_whole_flow_through_the_window(qtbot, app, stub, clock):
    window = app.sigma_window
    open_panel(qtbot, app)
    assert window.sign_in_page.server.text() == "http://127.0.0.1:8765"  # the default

    # Sign in with the emailed code (no app yet: the code is emailed at once).
    submit_password(qtbot, app, stub.url, ALICE)
    second = window.second_factor_page
    assert window.current_page is second and second.method == "email"
    assert not second.email_button.isVisible()
    enter_code(qtbot, app, emailed_code(stub.url, ALICE))
    profile = window.profile_page
    assert window.current_page is profile
    assert (profile.heading.text(), profile.email.text(), profile.org.text()) == (
        "Alice Anders", ALICE, "Acme Analytics")  # fmt: skip
    assert profile.account_type.text() == "Creator"
    assert profile.status.text() == "Off" and profile.enroll_button.isVisible()

    # Enrol: QR and key shown, one click adds it to the vault, the code is filled in, Verify.
    secret = enrol_in_panel(qtbot, app, clock)
    [entry] = sigma_entries(app.session.accounts, ALICE)
    assert (entry.issuer, entry.secret) == ("Sigma", secret)
    assert profile.status.text().startswith("On since")
    assert "App-based authentication is on" in profile.message.text()
    assert window.enroll_page.key.text() == ""  # the secret left the screen

    # Sign out, sign in again: the code comes from this app, one click signs in.
    click(profile.sign_out_button)
    tick(app, clock, 30)  # the enrolment step's code is used up (replay protection)
    submit_password(qtbot, app, stub.url, ALICE)
    assert second.method == "app" and second.email_button.isVisible()
    tick(app, clock)
    assert second.code.text() == entry.code_at(clock()) and second.prefilled
    assert "Sigma (alice@acme.test)" in second.hint.text()
    click(second.button)
    wait_idle(qtbot, app)
    assert window.current_page is profile

    # The same code again (same step) is refused in place; the email fallback still works.
    click(profile.sign_out_button)
    submit_password(qtbot, app, stub.url, ALICE)
    tick(app, clock)
    click(second.button)
    wait_idle(qtbot, app)
    assert window.current_page is second
    assert "already used" in second.message.text()
    click(second.email_button)
    wait_idle(qtbot, app)
    assert second.method == "email"
    assert "We emailed a code to a***@acme.test" in second.hint.text()
    enter_code(qtbot, app, emailed_code(stub.url, ALICE))
    assert window.current_page is profile

    # Disable: asks for the password, a wrong one is refused in place.
    click(profile.disable_button)
    type_into(profile.disable_password, "not my password")
    click(profile.confirm_disable)
    wait_idle(qtbot, app)
    assert profile.status.text().startswith("On since")
    assert profile.message.text()
    type_into(profile.disable_password, "Sigma-demo-1")
    click(profile.confirm_disable)
    wait_idle(qtbot, app)
    assert profile.status.text() == "Off"
    assert "off" in profile.message.text()


def test_the_prefill_never_overwrites_a_typed_code(qtbot, app, stub, clock):
    open_panel(qtbot, app)
    sign_in_with_email_code(qtbot, app, stub.url, ALICE)
    enrol_in_panel(qtbot, app, clock)
    click(app.sigma_window.profile_page.sign_out_button)
    submit_password(qtbot, app, stub.url, ALICE)
    second = app.sigma_window.second_factor_page
    type_into(second.code, "12")
    tick(app, clock, 30)
    assert second.code.text() == "12"


def test_throttling_shows_a_live_countdown(qtbot, app, stub, clock):
    open_panel(qtbot, app)
    page = app.sigma_window.sign_in_page
    for _ in range(5):
        submit_password(qtbot, app, stub.url, "bob@acme.test", "wrong password")
        assert "Incorrect" in page.message.text() or "incorrect" in page.message.text()
    submit_password(qtbot, app, stub.url, "bob@acme.test", "Sigma-demo-1")
    assert "Too many attempts" in page.message.text()
    tick(app, clock)
    assert page.button.text().startswith("Try again in") and not page.button.isEnabled()
    tick(app, clock, 2)
    assert page.button.text() == "Sign in" and page.button.isEnabled()
    click(page.button)
    wait_idle(qtbot, app)
    assert app.sigma_window.current_page is app.sigma_window.second_factor_page


def test_a_stopped_server_says_how_to_start_it(qtbot, app):
    port = free_port()
    open_panel(qtbot, app)
    submit_password(qtbot, app, f"http://127.0.0.1:{port}", ALICE)
    message = app.sigma_window.sign_in_page.message.text()
    assert "Cannot reach the server" in message and "sigma-stub serve --demo" in message


def test_an_impossible_server_address_is_refused_in_place(qtbot, app):
    open_panel(qtbot, app)
    submit_password(qtbot, app, "ftp://example.org", ALICE)
    assert "not an http:// or https://" in app.sigma_window.sign_in_page.message.text()


def test_an_expired_session_returns_to_sign_in(qtbot, app, stub, clock):
    open_panel(qtbot, app)
    sign_in_with_email_code(qtbot, app, stub.url, ALICE)
    clock.advance(12 * 3600 + 1)
    click(app.sigma_window.profile_page.refresh_button)
    wait_idle(qtbot, app)
    page = app.sigma_window.sign_in_page
    assert app.sigma_window.current_page is page
    assert "session ended" in page.message.text()


def test_locking_closes_the_panel_and_forgets_the_enrolment(qtbot, app, stub, clock):
    open_panel(qtbot, app)
    sign_in_with_email_code(qtbot, app, stub.url, ALICE)
    click(app.sigma_window.profile_page.enroll_button)
    wait_idle(qtbot, app)
    assert app.sigma_window.enroll_page.key.text()
    QTest.keyClick(app.sigma_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not app.sigma_window.isVisible()
    assert not app.window.is_unlocked  # the whole authenticator locked
    assert app.sigma_window.enroll_page.key.text() == ""
    assert app.sigma_window.enroll_page.qr.pixmap().isNull()
    assert not app.sigma.signed_in


def test_server_remembered_and_address_typed_without_scheme(qtbot, app, stub):
    open_panel(qtbot, app)
    sign_in_with_email_code(qtbot, app, stub.url.removeprefix("http://"), ALICE)
    assert app.settings.sigma_server_url == stub.url
    assert app.settings.sigma_email == ALICE


def test_clock_skew_against_the_server_is_reported(qtbot, tmp_path, clock):
    server_clock = FakeClock(clock() - 60)  # the server is a minute behind this computer
    stub = start_live_stub(tmp_path / "skew.sqlite3", server_clock)
    app = make_app(qtbot, clock)
    try:
        create_vault(qtbot, app)
        open_panel(qtbot, app)
        sign_in_with_email_code(qtbot, app, stub.url, ALICE)
        banner = app.sigma_window.profile_page.clock_banner
        qtbot.waitUntil(lambda: banner.isVisible(), timeout=5000)
        assert "60 s ahead" in banner.label.text()
        tick(app, clock)
        assert "60 s ahead" in app.window.accounts_page.banner.label.text()
    finally:
        app.shutdown()
        stub.stop()
