"""Drive the authenticator's Sigma account window as a user: type, click, wait for the server."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QPushButton

from desktop_app.core import otpauth, qr
from desktop_app.core.sigma_client import SigmaClient
from desktop_app.ui.app import AuthenticatorApp

DEMO_PASSWORD = "Sigma-demo-1"
WAIT_MS = 10_000


def type_into(field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    QTest.keyClick(field, Qt.Key.Key_Backspace)
    QTest.keyClicks(field, text)


def click(button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def open_panel(qtbot, app: AuthenticatorApp) -> None:
    QTest.keyClick(app.window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    qtbot.waitUntil(app.sigma_window.isVisible, timeout=WAIT_MS)


def wait_idle(qtbot, app: AuthenticatorApp) -> None:
    qtbot.waitUntil(lambda: not app.sigma.busy, timeout=WAIT_MS)


def submit_password(qtbot, app: AuthenticatorApp, server: str, email: str,
                    password: str = DEMO_PASSWORD) -> None:  # fmt: skip
    page = app.sigma_window.sign_in_page
    assert app.sigma_window.current_page is page
    type_into(page.server, server)
    type_into(page.email, email)
    type_into(page.password, password)
    QTest.keyClick(page.password, Qt.Key.Key_Return)
    wait_idle(qtbot, app)


def emailed_code(server: str, email: str) -> str:
    """What a tester reads in the outbox (dev mode)."""
    return SigmaClient(server).outbox(email)[0].code


def enter_code(qtbot, app: AuthenticatorApp, code: str) -> None:
    page = app.sigma_window.current_page
    type_into(page.code, code)
    click(page.button)
    wait_idle(qtbot, app)


def sign_in_with_email_code(qtbot, app: AuthenticatorApp, server: str, email: str) -> None:
    submit_password(qtbot, app, server, email)
    second = app.sigma_window.second_factor_page
    assert app.sigma_window.current_page is second, app.sigma_window.sign_in_page.message.text()
    if second.method == "app":
        click(second.email_button)
        wait_idle(qtbot, app)
    enter_code(qtbot, app, emailed_code(server, email))
    assert app.sigma_window.current_page is app.sigma_window.profile_page, second.message.text()


def tick(app: AuthenticatorApp, clock, seconds: float = 0) -> None:
    """Move the shared clock, then let the app's one timer fire."""
    clock.advance(seconds)
    app.ticker.tick()


def decode_label_pixmap(label) -> list[str]:
    """What our own QR scanner reads in the picture a QLabel shows."""
    image = label.pixmap().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    pixels = np.frombuffer(image.constBits(), np.uint8, count=stride * height)
    return qr.decode(pixels.reshape(height, stride)[:, :width].copy())


def enrol_in_panel(qtbot, app: AuthenticatorApp, clock) -> str:
    """Profile > Enroll app > Add to this authenticator > Verify; returns the secret.

    On the way: the QR code on screen scans with our own scanner and matches the manual key,
    and the code field is filled from the account just added to the vault."""
    window = app.sigma_window
    click(window.profile_page.enroll_button)
    wait_idle(qtbot, app)
    page = window.enroll_page
    assert window.current_page is page
    [uri] = decode_label_pixmap(page.qr)
    secret = otpauth.parse(uri).secret
    assert page.key.text().replace(" ", "") == secret
    click(page.add_button)
    tick(app, clock)
    assert page.code.text() == app.session.accounts[-1].code_at(clock())
    click(page.button)
    wait_idle(qtbot, app)
    assert window.current_page is window.profile_page
    assert window.profile_page.status.text().startswith("On since"), page.message.text()
    return secret
