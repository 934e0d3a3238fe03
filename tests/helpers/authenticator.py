"""Drive the authenticator window in tests: build it on a fake clock, unlock, add, tick."""

from __future__ import annotations

from helpers.fake_clock import FakeClock
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.ui.app import AuthenticatorApp
from desktop_app.ui.models.account_model import AccountRole

PASSWORD = "correct horse battery"
# 2027-01-15 08:00:10 UTC: 10 s into a 30 s period, after the clock check's "not before" date.
START = 1_800_000_010.0


def make_app(qtbot, clock: FakeClock) -> AuthenticatorApp:
    """A started window whose real timer is stopped: tests tick by hand after moving the clock."""
    app = AuthenticatorApp(QApplication.instance(), clock=clock)
    app.start()
    app.ticker.stop()
    qtbot.addWidget(app.window)
    return app


def submit_password(qtbot, app: AuthenticatorApp, password: str) -> None:
    field = app.window.unlock_page.password
    field.clear()
    QTest.keyClicks(field, password)
    QTest.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not app.window.unlock_page.is_busy, timeout=10_000)


def create_vault(qtbot, app: AuthenticatorApp, password: str = PASSWORD) -> None:
    page = app.window.create_page
    assert app.window.pages.currentWidget() is page
    QTest.keyClicks(page.password, password)
    QTest.keyClicks(page.confirm, password)
    QTest.keyClick(page.confirm, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.window.is_unlocked, timeout=10_000)


def unlock(qtbot, app: AuthenticatorApp, password: str = PASSWORD) -> None:
    submit_password(qtbot, app, password)
    qtbot.waitUntil(lambda: app.window.is_unlocked, timeout=10_000)


def shown_rows(app: AuthenticatorApp) -> list[tuple[str, str]]:
    """(label, shown code) of every row the list shows, in order."""
    model = app.model
    return [
        (model.index(row).data(), model.index(row).data(AccountRole.CODE))
        for row in range(model.rowCount())
    ]


def click_row(app: AuthenticatorApp, row: int) -> None:
    view = app.window.accounts_page.list_view
    center = view.visualRect(app.model.index(row)).center()
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
