"""Drive the stub's admin window in tests: open it on a live stub, sign in, read emailed codes.

The window's heartbeat is stopped: tests move the stub's fake clock and call `tick()`.
"""

from __future__ import annotations

import pyotp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from desktop_app.core.sigma_client import SigmaClient
from server_stub.admin.app import build_admin_window
from server_stub.admin.widgets.users_page import MORE_COLUMN
from server_stub.admin.window import AdminWindow
from server_stub.domain.demo import DEMO_PASSWORD

WAIT_MS = 10_000
# Popup menus and dialogs ask the platform to raise them and grab the keyboard; the offscreen
# test platform says it cannot. That is about the test platform, not the window.
OFFSCREEN_POPUP_NOTICES = pytest.mark.qt_log_ignore(
    r"This plugin does not support (raise|grabbing)"
)


def open_window(qtbot, stub, server_url: str | None = None, **options) -> AdminWindow:
    options.setdefault("refresh_seconds", 30)
    window = build_admin_window(server_url or stub.url, clock=stub.clock, **options)
    window.heartbeat.stop()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()  # so focus and keyboard navigation behave as on a desktop
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    return window


def wait_idle(qtbot, window: AdminWindow) -> None:
    qtbot.waitUntil(lambda: not window.busy and not window.sign_in_page.is_busy, timeout=WAIT_MS)


def submit_password(qtbot, window: AdminWindow, email: str, password: str = DEMO_PASSWORD) -> None:
    page = window.sign_in_page
    page.email.setText(email)
    page.password.setText(password)
    QTest.keyClick(page.password, Qt.Key.Key_Return)
    wait_idle(qtbot, window)


def submit_code(qtbot, window: AdminWindow, code: str) -> None:
    page = window.sign_in_page
    page.code.clear()
    QTest.keyClicks(page.code, code)
    QTest.keyClick(page.code, Qt.Key.Key_Return)
    wait_idle(qtbot, window)


def emailed_code(stub, email: str) -> str:
    codes = [m.code for m in SigmaClient(stub.url).outbox(email) if m.code]
    assert codes, f"no code was emailed to {email}"
    return codes[0]


def sign_in(qtbot, window: AdminWindow, stub, email: str = "admin@acme.test") -> None:
    """Password, then the emailed code (asked for when the account also has an app)."""
    submit_password(qtbot, window, email)
    page = window.sign_in_page
    assert page.on_code_step, page.error.text()
    if page.method != "email":
        page.email_choice.click()
        wait_idle(qtbot, window)
    submit_code(qtbot, window, emailed_code(stub, email))


def sign_in_as_admin(qtbot, window: AdminWindow, stub) -> None:
    sign_in(qtbot, window, stub)
    assert window.signed_in, window.sign_in_page.error.text()
    wait_idle(qtbot, window)


def code_at(secret: str, now: float, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(now + 30 * steps)


def enable_authenticator(stub, email: str) -> str:
    """Sign the user in by email with their own client, enrol and confirm; returns the secret.

    The confirming code is the previous step's, so the current one stays free for a sign-in.
    """
    client = SigmaClient(stub.url)
    challenge = client.login(email, DEMO_PASSWORD)
    if challenge.app_available:
        client.send_email_code(challenge.mfa_token)
    client.verify(challenge.mfa_token, "email", emailed_code(stub, email))
    secret = client.enroll().secret
    assert client.confirm_enrollment(code_at(secret, stub.clock.now, -1)).status == "enabled"
    client.logout()
    return secret


def statuses(window: AdminWindow) -> dict[str, str]:
    """email -> status as the users table shows it."""
    return {u.email: u.authenticator.status for u in window.users_page.table.visible_records()}


def row_of(window: AdminWindow, email: str) -> int:
    table = window.users_page.table
    for row, user in enumerate(table.visible_records()):
        if user.email == email:
            return row
    raise AssertionError(f"{email} is not listed")


def click_more(window: AdminWindow, email: str) -> QMenu:
    """Click the row's More button; returns the menu it opened."""
    table = window.users_page.table
    index = table.proxy.index(row_of(window, email), MORE_COLUMN)
    center = table.visualRect(index).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=center)
    menu = window.users_page.menu
    assert menu is not None and menu.isVisible()
    return menu


def menu_action(menu: QMenu, text: str):
    for action in menu.actions():
        if action.text().rstrip("…") == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in menu.actions()]}")


def double_click_row(window: AdminWindow, email: str) -> None:
    table = window.users_page.table
    rect = table.visualRect(table.proxy.index(row_of(window, email), 0))
    viewport = table.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())


def close_popups() -> None:
    popup = QApplication.activePopupWidget()
    while popup is not None:
        popup.close()
        popup = QApplication.activePopupWidget()




def reset_dialog(qtbot, window: AdminWindow):
    """The reset confirmation, once it shows."""
    qtbot.waitUntil(lambda: window.reset_dialog is not None and window.reset_dialog.isVisible())
    return window.reset_dialog
