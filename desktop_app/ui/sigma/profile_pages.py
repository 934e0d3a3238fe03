"""The signed-in side: the profile with "Set up authenticator app", and the enrolment steps."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.sigma_account import format_instant, group_key
from desktop_app.core.sigma_client import User
from desktop_app.ui.sigma.page_frame import (
    PanelPage,
    code_field,
    is_six_digits,
    primary_button,
    secondary_button,
)
from desktop_app.ui.theme import success_color, warning_color
from desktop_app.ui.widgets.banner import Banner
from desktop_app.ui.widgets.lock_screen import password_field

QR_SIZE = 208
_STATUS_TEXT = {
    "enabled": "On",
    "pending": "Setup started, not verified",
    "disabled": "Off",
}


class ProfilePage(PanelPage):
    enroll_requested = Signal()
    disable_requested = Signal(str)  # password
    sign_out_requested = Signal()
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Profile", "", parent)
        self.clock_banner = Banner(self)
        self.body.addWidget(self.clock_banner)
        self.details = QFormLayout()
        self.email = QLabel(self)
        self.org = QLabel(self)
        self.account_type = QLabel(self)
        for label in (self.email, self.org, self.account_type):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.addRow("Email", self.email)
        self.details.addRow("Organization", self.org)
        self.details.addRow("Account type", self.account_type)
        self.body.addLayout(self.details)

        section = QFrame(self)
        section.setObjectName("noteBox")
        inner = QVBoxLayout(section)
        inner.setContentsMargins(14, 12, 14, 12)
        title = QLabel("Set up authenticator app", section)
        title.setObjectName("sectionTitle")
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        self.status = QLabel(section)
        self.status.setAccessibleName("Authenticator app status")
        self.status.setWordWrap(True)
        self.enroll_button = primary_button("Enroll app", section)
        self.disable_button = secondary_button("Disable", section)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.enroll_button)
        row.addWidget(self.disable_button)
        inner.addWidget(title)
        inner.addLayout(row)

        # Disabling asks for the password in place, as Sigma does.
        self.disable_form = QWidget(section)
        form = QHBoxLayout(self.disable_form)
        form.setContentsMargins(0, 6, 0, 0)
        self.disable_password = password_field("Your Sigma password", "Password to disable",
                                               self.disable_form)  # fmt: skip
        self.confirm_disable = secondary_button("Disable", self.disable_form)
        self.confirm_disable.setObjectName("dangerButton")
        self.cancel_disable = secondary_button("Cancel", self.disable_form)
        form.addWidget(self.disable_password, 1)
        form.addWidget(self.confirm_disable)
        form.addWidget(self.cancel_disable)
        self.disable_form.hide()
        inner.addWidget(self.disable_form)
        self.body.addWidget(section)

        self.refresh_button = secondary_button("Refresh", self)
        self.sign_out_button = secondary_button("Sign out", self)
        self.buttons.addWidget(self.refresh_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.sign_out_button)

        self.enroll_button.clicked.connect(self.enroll_requested)
        self.disable_button.clicked.connect(self._ask_password)
        self.confirm_disable.clicked.connect(self._submit_disable)
        self.disable_password.returnPressed.connect(self._submit_disable)
        self.disable_password.textChanged.connect(
            lambda text: self.confirm_disable.setEnabled(bool(text))
        )
        self.cancel_disable.clicked.connect(self._hide_password)
        self.sign_out_button.clicked.connect(self.sign_out_requested)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self._state = "disabled"

    def show_user(self, user: User) -> None:
        self.heading.setText(user.name)
        self.email.setText(user.email)
        self.org.setText(user.org.name)
        self.account_type.setText(user.account_type.capitalize())
        state = user.authenticator.status
        self._state = state
        text = _STATUS_TEXT.get(state, state)
        since = format_instant(user.authenticator.enrolled_at)
        if state == "enabled" and since:
            text = f"On since {since}"
        self.status.setText(text)
        self.enroll_button.setVisible(state != "enabled")
        self.enroll_button.setText("Continue setup" if state == "pending" else "Enroll app")
        self.disable_button.setVisible(state == "enabled")
        self._hide_password()
        self._refresh_status_color()

    def _ask_password(self) -> None:
        self.disable_button.hide()
        self.disable_form.show()
        self.confirm_disable.setEnabled(False)
        self.disable_password.setFocus()

    def _hide_password(self) -> None:
        self.disable_password.clear()
        self.disable_form.hide()
        self.disable_button.setVisible(self._state == "enabled")

    def _submit_disable(self) -> None:
        if self.disable_password.text():
            self.clear_message()
            self.disable_requested.emit(self.disable_password.text())

    def disable_failed(self, message: str) -> None:
        self.show_error(message)
        self.disable_password.selectAll()
        self.disable_password.setFocus()

    def _refresh_status_color(self) -> None:
        palette = self.status.palette()
        color = {
            "enabled": success_color(self.palette()),
            "pending": warning_color(self.palette()),
        }.get(self._state, self.palette().color(QPalette.ColorRole.PlaceholderText))
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.status.setPalette(palette)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        for button in (self.enroll_button, self.confirm_disable, self.refresh_button):
            button.setEnabled(not busy)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._refresh_status_color()


class EnrollPage(PanelPage):
    add_to_vault_requested = Signal()
    verify_requested = Signal(str)  # code
    cancel_requested = Signal()
    restart_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Set up authenticator app",
            "1. Scan the QR code with your authenticator app, or enter the key manually.",
            parent,
        )
        self.qr = QLabel(self)
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr.setFixedSize(QR_SIZE + 16, QR_SIZE + 16)
        self.qr.setObjectName("qrImage")
        self.qr.setAccessibleName("Enrolment QR code")
        self.key = QLabel(self)
        self.key.setObjectName("manualKey")
        self.key.setAccessibleName("Manual setup key")
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() * 1.05)
        self.key.setFont(mono)
        self.add_button = primary_button("Add to this authenticator", self)
        self.add_button.setToolTip("Save this account in this app's vault in one click")
        step_two = QLabel("2. Enter the 6-digit code the app shows, then click Verify.", self)
        step_two.setObjectName("pageBody")
        step_two.setWordWrap(True)
        self.code = code_field("Code from the authenticator app", self)
        self.expiry = QLabel(self)
        self.expiry.setObjectName("hintText")
        self.expiry.setAlignment(Qt.AlignmentFlag.AlignCenter)

        centred_qr = QHBoxLayout()
        centred_qr.addStretch(1)
        centred_qr.addWidget(self.qr)
        centred_qr.addStretch(1)
        self.body.addLayout(centred_qr)
        self.body.addWidget(self.key)
        self.body.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignHCenter)
        self.body.addSpacing(6)
        self.body.addWidget(step_two)
        code_row = QHBoxLayout()
        code_row.addStretch(1)
        code_row.addWidget(self.code)
        code_row.addStretch(1)
        self.body.addLayout(code_row)
        self.body.addWidget(self.expiry)

        self.cancel_button = secondary_button("Cancel", self)
        self.restart_button = secondary_button("Start again", self)
        self.restart_button.hide()
        self.button = primary_button("Verify", self)
        self.button.setDefault(True)
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.restart_button)
        self.buttons.addWidget(self.button)

        self.add_button.clicked.connect(self.add_to_vault_requested)
        self.button.clicked.connect(self._submit)
        self.code.returnPressed.connect(self._submit)
        self.code.textEdited.connect(self._on_edited)
        self.code.textChanged.connect(self.refresh_button)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.restart_button.clicked.connect(self.restart_requested)
        self.prefilled = False

    def show_enrollment(self, qr_png: bytes, secret: str) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png, "PNG")
        self.qr.setPixmap(
            pixmap.scaled(
                QR_SIZE,
                QR_SIZE,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )
        self.key.setText(group_key(secret))
        self.code.clear()
        self.prefilled = False
        self.clear_message()
        self.set_added(False)
        self.restart_button.hide()
        self.code.setFocus()
        self.refresh_button()

    def set_added(self, added: bool) -> None:
        self.add_button.setEnabled(not added)
        self.add_button.setText("Added to this authenticator ✓" if added
                                else "Add to this authenticator")  # fmt: skip

    def prefill(self, code: str) -> None:
        if self.code.text() and not self.prefilled:
            return
        self.prefilled = True
        self.code.setText(code)
        self.button.setFocus()

    def _on_edited(self, _text: str) -> None:
        self.prefilled = False

    def set_expiry(self, text: str) -> None:
        self.expiry.setText(text)

    def expired(self, message: str) -> None:
        self.show_error(message)
        self.restart_button.show()
        self.button.setEnabled(False)

    def forget(self) -> None:
        """Drop the secret from the screen (lock, sign out, done)."""
        self.qr.clear()
        self.key.clear()
        self.code.clear()
        self.prefilled = False

    def _submit(self) -> None:
        if self.button.isEnabled():
            self.clear_message()
            self.verify_requested.emit(self.code.text())

    def refresh_button(self, *_args: object) -> None:
        self.button.setEnabled(
            is_six_digits(self.code.text())
            and self.busy.isHidden()
            and self.restart_button.isHidden()
        )

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.refresh_button()
