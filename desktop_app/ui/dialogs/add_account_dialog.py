"""Add an account by hand: issuer, account, setup key, and the rarely needed advanced options.

Pasting an otpauth:// link into any field fills them all. The setup key is checked as it is
typed; a key that is already saved is pointed out, and can still be added.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import otpauth
from desktop_app.core.account_list import duplicates_of
from desktop_app.core.accounts import (
    MAX_PERIOD,
    Account,
    AccountError,
    OtpType,
    normalize_secret,
    secret_to_bytes,
)
from desktop_app.core.clock import Clock
from desktop_app.core.otp import MAX_DIGITS, MIN_DIGITS, Algorithm, format_code
from desktop_app.ui.dialogs.form_helpers import StatusLabel, line_edit, mark_primary

INTRO = (
    "Enter the setup key the website shows when you turn on two-factor authentication, or paste "
    "an <b>otpauth://</b> link into any field."
)
COUNTER_LIMIT = 2**31 - 1  # QSpinBox holds an int; real HOTP counters are far below this


class AddAccountDialog(QDialog):
    def __init__(self, clock: Clock, existing: Sequence[Account],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Add account")
        self.setObjectName("addAccountDialog")
        self.setMinimumWidth(440)
        self._clock = clock
        self._existing = list(existing)
        self._filling = False  # set while a pasted link fills the fields
        self.on_refresh: Callable[[], None] | None = None

        intro = QLabel(INTRO, self)
        intro.setObjectName("pageBody")
        intro.setWordWrap(True)

        self.issuer = line_edit("e.g. GitHub", "Issuer", self, "The service, e.g. GitHub")
        self.account_name = line_edit("e.g. alice@example.com", "Account name", self,
                                      "Your user name or e-mail at that service")  # fmt: skip
        self.secret = line_edit("e.g. JBSW Y3DP EHPK 3PXP", "Setup key", self,
                                "The secret key in base32 (letters A-Z and digits 2-7); "
                                "spaces are fine")  # fmt: skip
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(self.font().pointSizeF())
        self.secret.setFont(mono)
        self.secret_status = StatusLabel(self)
        self.link_status = StatusLabel(self)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow("&Issuer", self.issuer)
        form.addRow("&Account", self.account_name)
        form.addRow("Setup &key", self.secret)
        form.addRow("", self.secret_status)

        self.advanced_toggle = QToolButton(self)
        self.advanced_toggle.setText("Advanced options")
        self.advanced_toggle.setCheckable(True)
        self.advanced_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.advanced_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.advanced_toggle.setAutoRaise(True)
        self.advanced_toggle.setAccessibleName("Show advanced options")
        self.advanced_toggle.toggled.connect(self._toggle_advanced)

        self.advanced = QWidget(self)
        self.otp_type = QComboBox(self.advanced)
        self.otp_type.addItem("Time-based (TOTP)", OtpType.TOTP)
        self.otp_type.addItem("Counter-based (HOTP)", OtpType.HOTP)
        self.otp_type.setAccessibleName("Type")
        self.algorithm = QComboBox(self.advanced)
        for algorithm in Algorithm:
            self.algorithm.addItem(algorithm.value, algorithm)
        self.algorithm.setAccessibleName("Algorithm")
        self.digits = QSpinBox(self.advanced)
        self.digits.setRange(MIN_DIGITS, MAX_DIGITS)
        self.digits.setValue(6)
        self.digits.setAccessibleName("Digits")
        self.period = QSpinBox(self.advanced)
        self.period.setRange(1, MAX_PERIOD)
        self.period.setValue(30)
        self.period.setSuffix(" s")
        self.period.setAccessibleName("Period in seconds")
        self.counter = QSpinBox(self.advanced)
        self.counter.setRange(0, COUNTER_LIMIT)
        self.counter.setAccessibleName("Counter")
        advanced_form = QFormLayout(self.advanced)
        advanced_form.setContentsMargins(0, 0, 0, 0)
        advanced_form.addRow("&Type", self.otp_type)
        advanced_form.addRow("A&lgorithm", self.algorithm)
        advanced_form.addRow("&Digits", self.digits)
        advanced_form.addRow("&Period", self.period)
        advanced_form.addRow("&Counter", self.counter)
        self.advanced.hide()

        self.preview = QLabel(self)
        self.preview.setObjectName("previewText")
        self.preview.setAccessibleName("Code preview")
        self.duplicate_status = StatusLabel(self)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add")
        mark_primary(self.add_button)
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.link_status)
        layout.addLayout(form)
        layout.addWidget(self.advanced_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.advanced)
        layout.addWidget(self.preview)
        layout.addWidget(self.duplicate_status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        for field in (self.issuer, self.account_name, self.secret):
            field.textChanged.connect(self._on_text_changed)
        for combo in (self.otp_type, self.algorithm):
            combo.currentIndexChanged.connect(self._validate)
        for spin in (self.digits, self.period, self.counter):
            spin.valueChanged.connect(self._validate)
        self.link_status.say("")
        self._validate()

    # ----- public ------------------------------------------------------------------------------
    def fill(self, account: Account) -> None:
        """Put an account's fields into the form (a pasted link, or later a scanned QR code)."""
        self._filling = True
        try:
            self.issuer.setText(account.issuer)
            self.account_name.setText(account.name)
            self.secret.setText(_grouped_secret(account.secret))
            self.otp_type.setCurrentIndex(self.otp_type.findData(account.type))
            self.algorithm.setCurrentIndex(self.algorithm.findData(account.algorithm))
            self.digits.setValue(account.digits)
            self.period.setValue(account.period)
            self.counter.setValue(min(account.counter, COUNTER_LIMIT))
        finally:
            self._filling = False
        non_default = (account.type is OtpType.HOTP or account.algorithm is not Algorithm.SHA1
                       or account.digits != 6 or account.period != 30)  # fmt: skip
        if non_default:
            self.advanced_toggle.setChecked(True)
        self._validate()

    def account(self) -> Account | None:
        """The account the form describes, or None while it is incomplete."""
        try:
            return Account(
                issuer=self.issuer.text(),
                name=self.account_name.text(),
                secret=self.secret.text(),
                type=self.otp_type.currentData(),
                algorithm=self.algorithm.currentData(),
                digits=self.digits.value(),
                period=self.period.value(),
                counter=self.counter.value(),
            )
        except AccountError:
            return None

    def refresh_preview(self, _now: float | None = None) -> None:
        """Recompute the preview code (the window's ticker calls this while the dialog is open)."""
        account = self.account()
        if account is None:
            self.preview.setText("")
            return
        code = format_code(account.code_at(self._clock()))
        kind = "counter" if account.type is OtpType.HOTP else "now"
        self.preview.setText(f"Code {kind}: <b>{code}</b>  (compare with the website)")

    # ----- internals ---------------------------------------------------------------------------
    def _on_text_changed(self, text: str) -> None:
        if self._filling:
            return
        if otpauth.looks_like_otpauth(text):
            self._fill_from_link(text)
            return
        if self.link_status.kind == "error" and not self._holds_link():
            self.link_status.say("")
        self._validate()

    def _holds_link(self) -> bool:
        return any(otpauth.looks_like_otpauth(field.text())
                   for field in (self.issuer, self.account_name, self.secret))  # fmt: skip

    def _fill_from_link(self, text: str) -> None:
        try:
            account = otpauth.parse(text)
        except otpauth.OtpauthError as exc:
            # Left in place so the user can see and fix it; Add stays off while it is there.
            self.link_status.say(f"That link cannot be used: {exc}.", "error")
            self._validate()
            return
        self.fill(account)
        self.link_status.say("Filled in from the otpauth:// link.", "ok")

    def _toggle_advanced(self, shown: bool) -> None:
        self.advanced.setVisible(shown)
        arrow = Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        self.advanced_toggle.setArrowType(arrow)
        self.adjustSize()

    def _validate(self, *_args: object) -> None:
        is_hotp = self.otp_type.currentData() is OtpType.HOTP
        self.period.setEnabled(not is_hotp)
        self.counter.setEnabled(is_hotp)
        self._check_secret()
        account = self.account()
        has_label = bool(self.issuer.text().strip() or self.account_name.text().strip())
        self.add_button.setEnabled(account is not None and has_label and not self._holds_link())
        self._check_duplicates(account)
        self.refresh_preview()

    def _check_secret(self) -> None:
        text = self.secret.text()
        if not text.strip():
            self.secret_status.say("Letters A-Z and digits 2-7; spaces and dashes are ignored.")
            return
        try:
            key = secret_to_bytes(normalize_secret(text))
        except AccountError as exc:
            self.secret_status.say(_sentence(str(exc)), "error")
            return
        if len(key) < 10:
            self.secret_status.say(f"Valid, but short ({len(key) * 8} bits): check you copied "
                                   "the whole key.", "warning")  # fmt: skip
        else:
            self.secret_status.say(f"Valid key ({len(key) * 8} bits).", "ok")

    def _check_duplicates(self, account: Account | None) -> None:
        matches = duplicates_of(account, self._existing) if account is not None else []
        if matches:
            names = ", ".join(f"“{a.label}”" for a in matches[:3])
            self.duplicate_status.say(f"This key is already saved as {names}. You can add it "
                                      "anyway.", "warning")  # fmt: skip
            self.add_button.setText("Add anyway")
        else:
            self.duplicate_status.say("")
            self.add_button.setText("Add")

    @property
    def is_duplicate(self) -> bool:
        return self.duplicate_status.isVisibleTo(self) and bool(self.duplicate_status.text())

    def _accept_if_valid(self) -> None:
        if self.add_button.isEnabled():
            self.accept()


def _grouped_secret(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _sentence(message: str) -> str:
    message = message[:1].upper() + message[1:]
    return message if message.endswith(".") else message + "."
