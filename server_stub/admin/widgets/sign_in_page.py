"""Sign in as an admin: server, email and password; then the second factor.

The page only shows and asks; SignInFlow decides. Step two offers "Code from authenticator app"
or "Email me a code" when the account has an app, else says where the code was emailed. Errors,
the throttle countdown and the refusal of non-admins appear in place, under the fields.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QStackedWidget,
    QWidget,
)

from desktop_app.ui.icons import app_icon
from server_stub.admin.widgets.busy_bar import BusyBar
from server_stub.admin.widgets.labels import CENTRE, logo_label, styled_frame, styled_label
from server_stub.admin.widgets.layouts import hbox, stretch, vbox
from server_stub.admin.widgets.tone_label import ToneLabel

CARD_WIDTH = 420
CODE_PATTERN = QRegularExpression("[0-9]{0,6}")
APP, EMAIL = "app", "email"


def _field(parent: QWidget, placeholder: str, name: str, tip: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(name)
    field.setToolTip(tip)
    field.setMinimumHeight(34)
    return field


def _link_button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName("linkButton")
    button.setFlat(True)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.setToolTip(tip)
    return button


class SignInPage(QWidget):
    sign_in_requested = Signal(str, str, str)  # server text, email, password
    verify_requested = Signal(str, str)  # method, code
    method_chosen = Signal(str)  # "app" or "email"
    resend_requested = Signal()
    back_requested = Signal()
    outbox_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInPage")
        card = styled_frame(self, "card")
        card.setFixedWidth(CARD_WIDTH)
        logo = logo_label(card, app_icon(), 64, CENTRE)
        self.heading = styled_label(card, "pageHeading", align=CENTRE)
        self.subheading = styled_label(card, "pageBody", align=CENTRE, wrap=True)

        self.steps = QStackedWidget(card)
        self.steps.addWidget(self._build_credentials())
        self.steps.addWidget(self._build_code_step())

        self.error = ToneLabel("error", card)
        self.error.setAccessibleName("Sign-in message")
        self.error.hide()
        self.busy = BusyBar(4, "Waiting for the server", card)
        self.button = QPushButton(card)
        self.button.setObjectName("primaryButton")
        self.button.setDefault(True)
        self.button.setMinimumHeight(36)
        self.button.clicked.connect(self._submit)

        slot = QWidget(card)  # a fixed place for the busy bar: the button does not jump
        slot.setFixedHeight(4)
        vbox(slot, self.busy)
        vbox(card, logo, self.heading, self.subheading, 6, self.steps, self.error, slot,
             self.button, margins=(28, 26, 28, 24), spacing=10)  # fmt: skip
        # Centred by stretches around it (an aligned item would lose height-for-width).
        page = QGridLayout(self)
        page.addWidget(card, 1, 1)
        for index, factor in ((0, 1), (2, 2)):
            page.setRowStretch(index, factor)
        for index in (0, 2):
            page.setColumnStretch(index, 1)

        self._waiting = False
        for field in (self.server, self.email, self.password, self.code):
            field.textChanged.connect(self._update_button)
            field.returnPressed.connect(self._submit)
        self.show_credentials()

    # ----- building ----------------------------------------------------------------------------
    def _build_credentials(self) -> QWidget:
        step = QWidget(self)
        self.server = _field(step, "http://127.0.0.1:8765", "Server address",
                             "The stub's address (sigma-stub serve prints it)")  # fmt: skip
        self.email = _field(step, "admin@acme.test", "Email", "Your admin account's email")
        self.email.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)
        self.password = _field(step, "Password", "Password", "Your Sigma password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        rows: list[QWidget | int] = []
        for text, field in (("&Server", self.server), ("&Email", self.email),
                            ("&Password", self.password)):  # fmt: skip
            label = styled_label(step, "fieldLabel", text)
            label.setBuddy(field)
            rows += [label, field, 6]
        vbox(step, *rows, spacing=4)
        return step

    def _show_step(self, index: int) -> None:
        """Switch steps; the stack takes the height of the step shown, not of the taller one."""
        for number in range(self.steps.count()):
            policy = QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored
            self.steps.widget(number).setSizePolicy(QSizePolicy.Policy.Preferred, policy)
        self.steps.setCurrentIndex(index)
        self.steps.adjustSize()

    def _build_code_step(self) -> QWidget:
        step = QWidget(self)
        self.app_choice = QRadioButton("Code from authenticator app", step)
        self.app_choice.setToolTip("Type the 6-digit code your authenticator app shows for Sigma")
        self.email_choice = QRadioButton("Email me a code", step)
        self.email_choice.setToolTip("Get a 6-digit code by email instead (valid 10 minutes)")
        self.choices = QButtonGroup(step)
        self.choices.addButton(self.app_choice)
        self.choices.addButton(self.email_choice)
        self.app_choice.toggled.connect(self._on_choice)
        self.info = ToneLabel("muted", step)
        self.info.setAccessibleName("Where the code comes from")
        self.code = _field(step, "000000", "Verification code", "The 6-digit code")
        self.code.setValidator(QRegularExpressionValidator(CODE_PATTERN, self.code))
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setMaxLength(6)
        code_font = QFont(self.code.font())
        code_font.setPointSizeF(code_font.pointSizeF() * 1.6)
        code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6)
        self.code.setFont(code_font)
        self.code.setMinimumHeight(46)
        self.resend_button = _link_button("Send a new code", "Email a new code; the previous one "
                                          "stops working", step)  # fmt: skip
        self.resend_button.clicked.connect(self.resend_requested)
        self.outbox_button = _link_button("Open the outbox", "Dev mode: read the emailed code "
                                          "in the stub's outbox", step)  # fmt: skip
        self.outbox_button.clicked.connect(self.outbox_requested)
        self.back_button = _link_button("Use another account", "Back to email and password",
                                        step)  # fmt: skip
        self.back_button.clicked.connect(self.back_requested)
        links = hbox(None, self.back_button, stretch(), self.outbox_button, self.resend_button)
        vbox(step, self.app_choice, self.email_choice, self.info, self.code, links, spacing=8)
        return step

    # ----- what the flow shows -----------------------------------------------------------------
    @property
    def on_code_step(self) -> bool:
        return self.steps.currentIndex() == 1

    @property
    def method(self) -> str:
        return EMAIL if self.email_choice.isChecked() else APP

    @property
    def is_busy(self) -> bool:
        return not self.busy.isHidden()

    @property
    def is_waiting(self) -> bool:
        return self._waiting

    def show_credentials(self, message: str = "", tone: str = "error") -> None:
        self.heading.setText("Sigma administration")
        self.subheading.setText("Sign in as an admin of your organization.")
        self._show_step(0)
        self.button.setText("Continue")
        self.button.setToolTip("Check the password, then ask for the second factor (Enter)")
        self.password.clear()
        self.code.clear()
        self.set_busy(False)
        self.error.say(message, tone)
        self.setTabOrder(self.server, self.email)
        self.setTabOrder(self.email, self.password)
        self.setTabOrder(self.password, self.button)
        (self.password if self.server.text() and self.email.text() else self.server).setFocus()

    def show_code_step(self, methods: tuple[str, ...]) -> None:
        self.heading.setText("Two-step verification")
        self.subheading.setText(self.email.text().strip())
        self._show_step(1)
        self.button.setText("Verify")
        self.button.setToolTip("Sign in with this code (Enter)")
        has_app = APP in methods
        self.app_choice.setVisible(has_app)
        self.email_choice.setVisible(has_app)
        self.outbox_button.hide()
        self.resend_button.setVisible(not has_app)
        self.code.clear()
        self.error.say("")
        with_signals_blocked = self.choices.blockSignals(True)
        (self.app_choice if has_app else self.email_choice).setChecked(True)
        self.choices.blockSignals(with_signals_blocked)
        self.info.say("Enter the 6-digit code from your authenticator app." if has_app else "")
        self.setTabOrder(self.app_choice, self.email_choice)
        self.setTabOrder(self.email_choice, self.code)
        self.setTabOrder(self.code, self.button)
        self.setTabOrder(self.button, self.back_button)
        self.setTabOrder(self.back_button, self.outbox_button)
        self.setTabOrder(self.outbox_button, self.resend_button)
        self.set_busy(False)
        self.code.setFocus()

    def show_email_sent(self, sent_to: str) -> None:
        self.info.say(f"We emailed a code to {sent_to}. It works for 10 minutes.")
        self.resend_button.show()
        self.code.setFocus()

    def set_dev_mode(self, on: bool) -> None:
        self.outbox_button.setVisible(on and self.on_code_step)

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for field in (self.server, self.email, self.password, self.code):
            field.setReadOnly(busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        self._update_button()

    def show_error(self, message: str) -> None:
        self.error.say(message, "error")

    def set_wait(self, message: str | None) -> None:
        """A throttle countdown: the message in place and no submitting until it is None."""
        self._waiting = message is not None
        self.error.say(message or "", "warning" if message else None)
        self._update_button()

    def rejected(self, message: str) -> None:
        """The server said no: the message in place, the field to retype selected."""
        self.show_error(message)
        field = self.code if self.on_code_step else self.password
        field.selectAll()
        field.setFocus()

    # ----- input -------------------------------------------------------------------------------
    def can_submit(self) -> bool:
        if self.is_busy or self._waiting:
            return False
        if self.on_code_step:
            return len(self.code.text()) == 6
        return all(f.text().strip() for f in (self.server, self.email)) and bool(
            self.password.text()
        )

    def _update_button(self) -> None:
        self.button.setEnabled(self.can_submit())
        self.resend_button.setEnabled(not self.is_busy and not self._waiting)

    def _on_choice(self, _app_checked: bool) -> None:
        self.code.clear()
        self.error.say("")
        if self.method == APP:
            self.info.say("Enter the 6-digit code from your authenticator app.")
            self.resend_button.hide()
        self.code.setFocus()
        self.method_chosen.emit(self.method)

    def _submit(self) -> None:
        if not self.can_submit():
            return
        self.error.say("")
        if self.on_code_step:
            self.verify_requested.emit(self.method, self.code.text())
        else:
            self.sign_in_requested.emit(self.server.text(), self.email.text().strip(),
                                        self.password.text())  # fmt: skip
