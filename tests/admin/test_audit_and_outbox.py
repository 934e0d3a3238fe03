"""The Audit tab (newest first, local time, filter by action) and the Outbox tab (dev mode
only: the emailed code large and copyable, filter by recipient)."""

from __future__ import annotations

from datetime import datetime

import pytest
from helpers.admin_window import (
    OFFSCREEN_POPUP_NOTICES,
    emailed_code,
    open_window,
    sign_in_as_admin,
    submit_code,
    submit_password,
    wait_idle,
)
from helpers.live_stub import start_live_stub
from PySide6.QtWidgets import QApplication

from desktop_app.core.sigma_client import InvalidCredentials, SigmaClient
from server_stub.store import Database

pytestmark = OFFSCREEN_POPUP_NOTICES


@pytest.fixture
def window(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    sign_in_as_admin(qtbot, window, live_stub)
    return window


def test_the_outbox_tab_shows_the_code_large_and_copies_it(qtbot, live_stub, window):
    console = window.console
    assert console.outbox_available
    console.tabs.setCurrentIndex(console.outbox_tab)
    page = window.outbox_page
    page.recipient.setText("admin@acme.test")
    page.table.select_first()
    message = page.current
    assert message.to == "admin@acme.test"
    assert page.code.text() == message.code == emailed_code(live_stub, "admin@acme.test")
    assert page.code.isVisibleTo(page)
    assert message.code in page.body.toPlainText()
    assert page.subject.text() == message.subject
    page.copy_button.click()
    assert QApplication.clipboard().text() == message.code
    assert "Copied the code sent to admin@acme.test" in window.statusBar().currentMessage()
    page.recipient.setText("nobody@acme.test")
    assert page.table.visible_records() == [] and page.current is None
    assert page.code.isHidden() and page.body.toPlainText() == ""


def test_new_mail_shows_in_the_outbox_after_a_refresh_keeping_the_selection(qtbot, live_stub,
                                                                             window):  # fmt: skip
    page = window.outbox_page
    page.table.select_first()
    selected = page.current
    count = len(page.table.visible_records())
    SigmaClient(live_stub.url).login("bob@acme.test", "Sigma-demo-1")  # emails Bob a code
    window.refresh_action.trigger()
    wait_idle(qtbot, window)
    assert len(page.table.visible_records()) == count + 1
    assert page.table.visible_records()[0].to == "bob@acme.test"  # newest first
    assert page.current == selected


def test_the_audit_is_newest_first_in_local_time_and_filters_by_action(qtbot, live_stub, window):
    live_stub.clock.advance(5)
    with pytest.raises(InvalidCredentials):
        SigmaClient(live_stub.url).login("bob@acme.test", "wrong")
    window.refresh_action.trigger()
    wait_idle(qtbot, window)
    page = window.audit_page
    events = page.table.visible_records()
    assert [(e.action, e.target) for e in events] == [
        ("login.failed", "bob@acme.test"), ("login.succeeded", "admin@acme.test")]  # fmt: skip
    newest = events[0]
    shown_time = page.table.proxy.index(0, 0).data()
    assert shown_time == datetime.fromisoformat(newest.at.replace("Z", "+00:00")).astimezone(
    ).strftime("%Y-%m-%d %H:%M:%S")  # fmt: skip
    page.action_filter.setCurrentText("login.succeeded")
    assert {e.action for e in page.table.visible_records()} == {"login.succeeded"}
    assert page.header.count.text() == "1 of 2 events"
    page.action_filter.setCurrentText("authenticator.reset")
    assert page.table.visible_records() == []
    page.action_filter.setCurrentIndex(0)
    assert len(page.table.visible_records()) == len(events)


def _code_from_the_database(db_path, email: str) -> str:
    db = Database(db_path)
    try:
        with db.read() as tx:
            return tx.outbox.newest(email, 1)[0].code
    finally:
        db.close()


def test_without_dev_mode_there_is_no_outbox_tab_nor_link(qtbot, tmp_path):
    stub = start_live_stub(tmp_path / "production.sqlite3", dev_mode=False)
    try:
        window = open_window(qtbot, stub)
        submit_password(qtbot, window, "admin@acme.test")
        assert not window.sign_in_page.outbox_button.isVisibleTo(window.sign_in_page)
        submit_code(qtbot, window, _code_from_the_database(stub.db_path, "admin@acme.test"))
        assert window.signed_in
        wait_idle(qtbot, window)
        assert not window.console.outbox_available
        assert window.console.notice.text == ""  # a 404 here is not an error
        assert len(window.users_page.table.visible_records()) == 3
        window.close()
    finally:
        stub.stop()


def test_in_dev_mode_the_code_step_opens_the_outbox(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    submit_password(qtbot, window, "admin@acme.test")
    wait_idle(qtbot, window)
    link = window.sign_in_page.outbox_button
    assert link.isVisibleTo(window.sign_in_page)
    link.click()
    wait_idle(qtbot, window)
    dialog = window.outbox_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.page.recipient.text() == "admin@acme.test"
    assert dialog.page.code.text() == emailed_code(live_stub, "admin@acme.test")
    dialog.close()
