"""Administration > Users against a live stub: statuses, More > Reset with its confirmation,
the profile page, search, refresh and auto-refresh, session expiry, sign-out."""

from __future__ import annotations

import pytest
from helpers.admin_window import (
    OFFSCREEN_POPUP_NOTICES,
    click_more,
    double_click_row,
    enable_authenticator,
    menu_action,
    open_window,
    reset_dialog,
    row_of,
    sign_in_as_admin,
    statuses,
    wait_idle,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from server_stub.admin.messages import SESSION_ENDED
from server_stub.admin.widgets.users_page import MORE_COLUMN, STATUS_COLUMN

ALICE = "alice@acme.test"
pytestmark = OFFSCREEN_POPUP_NOTICES


@pytest.fixture
def signed_in(qtbot, live_stub):
    """The window signed in as Acme's admin, with Alice's authenticator app enabled."""
    enable_authenticator(live_stub, ALICE)
    window = open_window(qtbot, live_stub)
    sign_in_as_admin(qtbot, window, live_stub)
    return window


def test_more_reset_confirm_disables_the_app_and_audits_it(qtbot, live_stub, signed_in):
    window = signed_in
    assert statuses(window) == {"admin@acme.test": "disabled", ALICE: "enabled",
                                "bob@acme.test": "disabled"}  # fmt: skip
    table = window.users_page.table
    alice_row = row_of(window, ALICE)
    assert table.proxy.index(alice_row, STATUS_COLUMN).data() == "Enabled"
    assert table.proxy.index(alice_row, 4).data() != "—"  # enrolled at

    menu = click_more(window, ALICE)
    assert menu_action(menu, "View profile").isEnabled()
    reset = menu_action(menu, "Reset authenticator app")
    assert reset.isEnabled()
    reset.trigger()
    dialog = reset_dialog(qtbot, window)
    assert dialog.text() == "Reset authenticator app for Alice Anders?"
    assert dialog.informativeText() == (
        "They will sign in with an emailed code until they set it up again."
    )
    assert dialog.defaultButton() is dialog.cancel_button
    dialog.reset_button.click()
    wait_idle(qtbot, window)

    assert statuses(window)[ALICE] == "disabled"
    assert table.proxy.index(row_of(window, ALICE), 4).data() == "—"
    assert "Reset the authenticator app of Alice Anders" in window.statusBar().currentMessage()
    window.console.tabs.setCurrentIndex(window.console.audit_tab)
    newest = window.audit_page.table.visible_records()[0]
    assert (newest.actor, newest.action, newest.target) == (
        "admin@acme.test", "authenticator.reset", ALICE)  # fmt: skip


def test_cancel_leaves_the_user_enabled(qtbot, live_stub, signed_in):
    window = signed_in
    menu_action(click_more(window, ALICE), "Reset authenticator app").trigger()
    dialog = reset_dialog(qtbot, window)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.reset_dialog is None)
    window.refresh_action.trigger()
    wait_idle(qtbot, window)
    assert statuses(window)[ALICE] == "enabled"
    actions = [e.action for e in window.audit_page.table.visible_records()]
    assert "authenticator.reset" not in actions


def test_reset_is_unavailable_for_users_without_an_app(qtbot, live_stub, signed_in):
    window = signed_in
    reset = menu_action(click_more(window, "bob@acme.test"), "Reset authenticator app")
    assert not reset.isEnabled()
    assert reset.toolTip() == (
        "Bob Brown has no authenticator app set up, so there is nothing to reset."
    )


def test_the_profile_page_shows_the_status_and_resets(qtbot, live_stub, signed_in):
    window = signed_in
    double_click_row(window, ALICE)
    wait_idle(qtbot, window)
    profile = window.profile_page
    assert window.console.showing_profile
    assert profile.name.text() == "Alice Anders"
    assert profile.email.text() == ALICE
    assert profile.org.text() == "Acme Analytics"
    assert profile.account_type.text() == "Creator"
    assert profile.badge.status == "enabled"
    assert profile.enrolled.text().startswith("since ")
    assert profile.reset_button.isEnabled()
    profile.reset_button.click()
    reset_dialog(qtbot, window).reset_button.click()
    wait_idle(qtbot, window)
    assert profile.badge.status == "disabled" and profile.enrolled.text() == ""
    assert not profile.reset_button.isEnabled()
    assert "nothing to reset" in profile.reset_button.toolTip()
    window.activateWindow()  # a window manager does this when the dialog closes; offscreen not
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_Escape)  # back to the users
    assert not window.console.showing_profile
    assert statuses(window)[ALICE] == "disabled"


def test_view_profile_from_the_menu_and_keyboard_menu(qtbot, live_stub, signed_in):
    window = signed_in
    menu_action(click_more(window, "bob@acme.test"), "View profile").trigger()
    wait_idle(qtbot, window)
    assert window.profile_page.name.text() == "Bob Brown"
    window.back_action.trigger()
    table = window.users_page.table
    table.setFocus()
    table.setCurrentIndex(table.proxy.index(row_of(window, ALICE), 0))
    QTest.keyClick(table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = window.users_page.menu
    assert menu is not None and menu.isVisible()
    assert menu.accessibleName() == "Actions for Alice Anders"
    menu.close()
    QTest.keyClick(table, Qt.Key.Key_Return)  # Enter opens the profile
    wait_idle(qtbot, window)
    assert window.profile_page.name.text() == "Alice Anders"


def test_search_filters_the_table_and_says_when_nothing_matches(qtbot, live_stub, signed_in):
    window = signed_in
    page = window.users_page
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    QTest.keyClicks(page.search, "enabled")
    assert [u.email for u in page.table.visible_records()] == [ALICE]
    assert page.header.count.text() == "1 of 3 users"
    page.search.setText("zebra")
    assert page.content.currentWidget() is page.no_match
    assert page.no_match.text() == "No users match “zebra”."
    page.search.clear()
    assert page.header.count.text() == "3 users"


def test_sorting_by_status_puts_enabled_first(qtbot, live_stub, signed_in):
    table = signed_in.users_page.table
    table.sortByColumn(STATUS_COLUMN, Qt.SortOrder.AscendingOrder)
    assert table.visible_records()[0].email == ALICE


def test_auto_refresh_and_f5_pick_up_changes_made_elsewhere(qtbot, live_stub, signed_in):
    window = signed_in
    enable_authenticator(live_stub, "bob@acme.test")
    live_stub.clock.advance(29)
    window.heartbeat.tick()
    wait_idle(qtbot, window)
    assert statuses(window)["bob@acme.test"] == "disabled"  # not due yet
    live_stub.clock.advance(1)
    window.heartbeat.tick()
    wait_idle(qtbot, window)
    assert statuses(window)["bob@acme.test"] == "enabled"


def test_a_refresh_keeps_the_selected_row(qtbot, live_stub, signed_in):
    window = signed_in
    table = window.users_page.table
    table.setCurrentIndex(table.proxy.index(row_of(window, "bob@acme.test"), 0))
    QTest.keyClick(window, Qt.Key.Key_F5)
    wait_idle(qtbot, window)
    assert table.current_record().email == "bob@acme.test"


def test_an_expired_session_returns_to_sign_in_with_a_message(qtbot, live_stub, signed_in):
    window = signed_in
    live_stub.clock.advance(12 * 3600 + 1)
    window.refresh_action.trigger()
    wait_idle(qtbot, window)
    assert not window.signed_in
    assert window.sign_in_page.error.text() == SESSION_ENDED
    assert window.sign_in_page.email.text() == "admin@acme.test"
    assert not window.refresh_action.isEnabled()


def test_sign_out_returns_to_sign_in_and_ends_the_session(qtbot, live_stub, signed_in):
    window = signed_in
    window.console.sign_out_button.click()
    assert not window.signed_in
    assert window.sign_in_page.error.text() == "You signed out."
    assert window.users_page.table.visible_records() == []  # nothing lingers
    assert window.audit_page.table.visible_records() == []
    wait_idle(qtbot, window)
    admin = window.controller.admin
    assert admin is None
    sign_in_as_admin(qtbot, window, live_stub)
    assert window.signed_in and len(window.users_page.table.visible_records()) == 3


def test_the_table_is_described_for_screen_readers(qtbot, live_stub, signed_in):
    table = signed_in.users_page.table
    more = table.proxy.index(row_of(signed_in, ALICE), MORE_COLUMN)
    assert more.data(Qt.ItemDataRole.AccessibleTextRole) == "More actions for Alice Anders"
    status = table.proxy.index(row_of(signed_in, ALICE), STATUS_COLUMN)
    assert "authenticator app" in status.data(Qt.ItemDataRole.ToolTipRole)
    assert table.accessibleName() == "Users of your organization"
