"""The whole app-based authentication flow through the windows, as the Sigma documentation
describes it: a user in the authenticator's Sigma panel, admins in the stub's admin window, one
real stub over HTTP, one clock for everyone."""

from __future__ import annotations

import pytest
from helpers.admin_window import (
    OFFSCREEN_POPUP_NOTICES,
    click_more,
    menu_action,
    open_window,
    reset_dialog,
    sign_in,
    sign_in_as_admin,
    statuses,
)
from helpers.admin_window import wait_idle as wait_admin
from helpers.authenticator import START, create_vault, make_app
from helpers.fake_clock import FakeClock
from helpers.live_stub import start_live_stub
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
from PySide6.QtWidgets import QApplication

from desktop_app.core.sigma_account import sigma_entries

ALICE = "alice@acme.test"
pytestmark = OFFSCREEN_POPUP_NOTICES


@pytest.fixture
def world(qtbot, tmp_path):
    clock = FakeClock(START)
    stub = start_live_stub(tmp_path / "stub.sqlite3", clock)
    app = make_app(qtbot, clock)
    create_vault(qtbot, app)
    qtbot.addWidget(app.sigma_window)
    yield clock, stub, app
    app.shutdown()
    QApplication.clipboard().clear()
    stub.stop()


def refresh(qtbot, admin) -> None:
    admin.refresh_action.trigger()
    wait_admin(qtbot, admin)


def test_enrol_sign_in_replay_admin_reset_fallback_disable_and_scoping(qtbot, world):
    clock, stub, app = world
    panel = app.sigma_window
    profile, second = panel.profile_page, panel.second_factor_page

    # 1. Alice signs in with the emailed code and enrols this authenticator.
    open_panel(qtbot, app)
    sign_in_with_email_code(qtbot, app, stub.url, ALICE)
    enrol_in_panel(qtbot, app, clock)
    [entry] = sigma_entries(app.session.accounts, ALICE)

    # 2. She signs out and back in with the code from this app (filled in: one click).
    click(profile.sign_out_button)
    tick(app, clock, 30)
    submit_password(qtbot, app, stub.url, ALICE)
    tick(app, clock)
    assert second.method == "app" and second.code.text() == entry.code_at(clock())
    click(second.button)
    wait_idle(qtbot, app)
    assert panel.current_page is profile

    # 3. The same code once more is refused with a clear message.
    click(profile.sign_out_button)
    submit_password(qtbot, app, stub.url, ALICE)
    tick(app, clock)
    click(second.button)
    wait_idle(qtbot, app)
    assert panel.current_page is second
    assert "already used" in second.message.text()
    click(second.back_button)

    # 4. Acme's admin sees her as enabled and resets her authenticator app.
    admin = open_window(qtbot, stub)
    sign_in_as_admin(qtbot, admin, stub)
    assert statuses(admin)[ALICE] == "enabled"
    menu_action(click_more(admin, ALICE), "Reset authenticator app").trigger()
    reset_dialog(qtbot, admin).reset_button.click()
    wait_admin(qtbot, admin)
    assert statuses(admin)[ALICE] == "disabled"

    # 5. Her next sign-in falls back to an emailed code (the app is no longer offered).
    tick(app, clock, 30)
    submit_password(qtbot, app, stub.url, ALICE)
    assert second.method == "email" and not second.email_button.isVisible()
    enter_code(qtbot, app, emailed_code(stub.url, ALICE))
    assert profile.status.text() == "Off"

    # 6. She enrols again (a second Sigma entry, the newest one is used), then disables.
    tick(app, clock, 30)
    enrol_in_panel(qtbot, app, clock)
    assert len(sigma_entries(app.session.accounts, ALICE)) == 2
    refresh(qtbot, admin)
    assert statuses(admin)[ALICE] == "enabled"
    click(profile.disable_button)
    type_into(profile.disable_password, "Sigma-demo-1")
    click(profile.confirm_disable)
    wait_idle(qtbot, app)
    assert profile.status.text() == "Off"
    refresh(qtbot, admin)
    assert statuses(admin)[ALICE] == "disabled"

    # 7. An admin of another org does not see her at all.
    globex = open_window(qtbot, stub)
    sign_in(qtbot, globex, stub, "admin@globex.test")
    assert globex.signed_in
    wait_admin(qtbot, globex)
    assert ALICE not in statuses(globex)
    assert set(statuses(globex)) == {"admin@globex.test", "carol@globex.test"}


def test_a_non_admin_is_refused_by_the_admin_window(qtbot, world):
    _clock, stub, _app = world
    admin = open_window(qtbot, stub)
    sign_in(qtbot, admin, stub, ALICE)
    assert not admin.signed_in
    assert "admins" in admin.sign_in_page.error.text()
