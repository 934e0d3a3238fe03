"""Signing in: server, email and password; then the second factor (app code or emailed code)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop_app.ui.sigma.page_frame import (
    PanelPage,
    code_field,
    is_six_digits,
    primary_button,
    secondary_button,
)
from desktop_app.ui.widgets.lock_screen import password_field


class SignInPage(PanelPage):
    sign_in_requested = Signal(str, str, str)  # server URL, email, password

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Sign in to Sigma",
            "Sign in to set up app-based authentication or to sign in with a code from this app.",
            parent,
        )
        self.server = QLineEdit(self)
        self.server.setAccessibleName("Server address")
        self.server.setToolTip("The Sigma server, e.g. http://127.0.0.1:8765")
        self.email = QLineEdit(self)
        self.email.setAccessibleName("Email")
        self.email.setPlaceholderText("you@example.com")
        self.password = password_field("Password", "Password", self)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        form.addRow("&Server", self.server)
        form.addRow("&Email", self.email)
        form.addRow("&Password", self.password)
        self.body.addLayout(form)
        self.button = primary_button("Sign in", self)
        self.button.setDefault(True)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.button)
        self.button.clicked.connect(self._submit)
        for field in (self.server, self.email, self.password):
            field.returnPressed.connect(self._submit)
            field.textChanged.connect(self.refresh_button)
        self._wait_text = ""
        self.refresh_button()

    def _submit(self) -> None:
        if self.button.isEnabled():
            self.clear_message()
            self.sign_in_requested.emit(
                self.server.text().strip(), self.email.text().strip(), self.password.text()
            )

    def set_waiting(self, text: str) -> None:
        """A throttling wait: the button stays off and says how long while `text` is set."""
        self._wait_text = text
        self.refresh_button()

    def refresh_button(self, *_args: object) -> None:
        ready = all(f.text().strip() for f in (self.server, self.email)) and bool(
            self.password.text()
        )
        self.button.setEnabled(ready and not self._wait_text and self.busy.isHidden())
        self.button.setText(self._wait_text or "Sign in")

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.refresh_button()


class SecondFactorPage(PanelPage):
    verify_requested = Signal(str, str)  # method ("app" or "email"), code
    email_code_requested = Signal()
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Two-factor authentication", "", parent)
        self.method = "app"
        self.hint = QLabel(self)
        self.hint.setObjectName("hintText")
        self.hint.setWordWrap(True)
        self.code = code_field("Verification code", self)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.code)
        row.addStretch(1)
        self.body.addLayout(row)
        self.body.addWidget(self.hint)
        self.email_button = secondary_button("Email me a code instead", self)
        self.email_button.setToolTip("Use the email fallback if you cannot use the app")
        self.body.addWidget(self.email_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.back_button = secondary_button("Back", self)
        self.button = primary_button("Verify", self)
        self.button.setDefault(True)
        self.buttons.addWidget(self.back_button)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.button)
        self.button.clicked.connect(self._submit)
        self.code.returnPressed.connect(self._submit)
        self.code.textEdited.connect(self._on_edited)
        self.code.textChanged.connect(self.refresh_button)
        self.email_button.clicked.connect(self.email_code_requested)
        self.back_button.clicked.connect(self.back_requested)
        self.prefilled = False
        self._wait_text = ""
        self.refresh_button()

    def start(self, methods: tuple[str, ...], email: str) -> None:
        """A fresh challenge: the app when it is enabled, else the code emailed just now."""
        self.clear_message()
        self.code.clear()
        self.prefilled = False
        self._wait_text = ""
        if "app" in methods:
            self.use_app()
        else:
            self.use_email(f"We emailed a code to {email}.")
            self.email_button.hide()
        self.refresh_button()

    def use_app(self) -> None:
        self.method = "app"
        self.text.setText("Enter the 6-digit code from your authenticator app.")
        self.text.show()
        self.hint.setText("")
        self.hint.hide()
        self.email_button.show()

    def use_email(self, note: str) -> None:
        self.method = "email"
        self.prefilled = False
        self.code.clear()
        self.text.setText("Enter the 6-digit code from the email.")
        self.text.show()
        self.hint.setText(note + " It expires in 10 minutes.")
        self.hint.show()
        self.code.setFocus()

    def prefill(self, code: str, source: str) -> None:
        """The vault holds this user's Sigma entry: fill its current code so one click signs in."""
        if self.method != "app" or (self.code.text() and not self.prefilled):
            return  # never overwrite what the user typed
        self.prefilled = True
        self.code.setText(code)
        self.hint.setText(f"Filled in from “{source}” in this authenticator.")
        self.hint.show()
        self.button.setFocus()

    def _on_edited(self, _text: str) -> None:
        self.prefilled = False

    def _submit(self) -> None:
        if self.button.isEnabled():
            self.clear_message()
            self.verify_requested.emit(self.method, self.code.text())

    def set_waiting(self, text: str) -> None:
        self._wait_text = text
        self.refresh_button()

    def refresh_button(self, *_args: object) -> None:
        idle = self.busy.isHidden()
        self.button.setEnabled(is_six_digits(self.code.text()) and not self._wait_text and idle)
        self.button.setText(self._wait_text or "Verify")
        self.email_button.setEnabled(idle)

    def set_busy(self, busy: bool) -> None:
        super().set_busy(busy)
        self.refresh_button()
