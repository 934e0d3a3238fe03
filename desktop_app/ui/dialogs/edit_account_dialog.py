"""Edit what the user may change about an account: names, icon colour and letter, note.

The secret and OTP parameters are not editable: a changed secret is a different credential, and
is added as a new account.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.accounts import MAX_NOTE_LENGTH, Account, AccountError
from desktop_app.ui.dialogs.form_helpers import StatusLabel, line_edit, mark_primary
from desktop_app.ui.theme import avatar_color
from desktop_app.ui.widgets.account_delegate import avatar_letter

# Swatches offered for the icon; "automatic" (derived from the issuer) comes first.
SWATCHES = ("#d64545", "#e07b24", "#c9a227", "#2f9e44", "#0c8599", "#1c7ed6", "#5f3dc4",
            "#ae3ec9", "#d6336c", "#495057")  # fmt: skip


def _swatch_icon(color: QColor, letter: str = "") -> QIcon:
    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(color)
    painter.drawEllipse(2, 2, 44, 44)
    if letter:
        font = painter.font()
        font.setPixelSize(22)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, letter)
    painter.end()
    return QIcon(pixmap)


class EditAccountDialog(QDialog):
    def __init__(self, account: Account, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit account")
        self.setObjectName("editAccountDialog")
        self.setMinimumWidth(420)
        self.original = account
        self.preview = QLabel(self)
        self.preview.setAccessibleName("Icon preview")
        self.issuer = line_edit("e.g. GitHub", "Issuer", self)
        self.issuer.setText(account.issuer)
        self.account_name = line_edit("e.g. alice@example.com", "Account name", self)
        self.account_name.setText(account.name)
        self.letter = line_edit("Automatic", "Icon letter", self, "One or two characters")
        self.letter.setMaxLength(2)
        self.letter.setText(account.icon_letter)
        self.letter.setMaximumWidth(110)

        self.colors = QButtonGroup(self)
        self.colors.setExclusive(True)
        swatch_row = QHBoxLayout()
        swatch_row.setSpacing(4)
        for value in ("", *SWATCHES):
            button = QToolButton(self)
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setIconSize(QSize(22, 22))
            button.setProperty("color", value)
            seed = account.issuer or account.name
            button.setIcon(_swatch_icon(avatar_color(seed, value), "A" if not value else ""))
            name = "Automatic colour" if not value else f"Colour {value}"
            button.setToolTip(name)
            button.setAccessibleName(name)
            button.setChecked(value == account.icon_color)
            self.colors.addButton(button)
            swatch_row.addWidget(button)
        swatch_row.addStretch(1)

        self.note = QPlainTextEdit(self)
        self.note.setPlainText(account.note)
        self.note.setPlaceholderText("Recovery hints, where this account is used… (kept encrypted)")
        self.note.setAccessibleName("Note")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)
        self.status = StatusLabel(self)

        form = QFormLayout()
        form.addRow("&Issuer", self.issuer)
        form.addRow("&Account", self.account_name)
        form.addRow("Icon &letter", self.letter)
        form.addRow("Icon colour", swatch_row)
        form.addRow("&Note", self.note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        mark_primary(self.save_button)
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)

        header = QHBoxLayout()
        header.addWidget(self.preview)
        self.title = QLabel(self)
        self.title.setObjectName("pageHeading")
        header.addWidget(self.title, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        for field in (self.issuer, self.account_name, self.letter):
            field.textChanged.connect(self._update)
        self.colors.buttonToggled.connect(self._update)
        self.note.textChanged.connect(self._update)
        self._update()

    def selected_color(self) -> str:
        button = self.colors.checkedButton()
        return str(button.property("color")) if button is not None else ""

    def _candidate(self) -> Account:
        """The edited account; raises AccountError (the note limit included)."""
        if len(self.note.toPlainText()) > MAX_NOTE_LENGTH:
            raise AccountError(f"the note is too long (at most {MAX_NOTE_LENGTH} characters)")
        return replace(
            self.original,
            issuer=self.issuer.text(),
            name=self.account_name.text(),
            icon_letter=self.letter.text().strip(),
            icon_color=self.selected_color(),
            note=self.note.toPlainText(),
        )

    def account(self) -> Account | None:
        try:
            return self._candidate()
        except AccountError:
            return None

    def _update(self, *_args: object) -> None:
        try:
            candidate = self._candidate()
        except AccountError as exc:
            message = str(exc)
            self.status.say(message[:1].upper() + message[1:] + ".", "error")
            self.save_button.setEnabled(False)
            return
        self.status.say("")
        self.save_button.setEnabled(True)
        seed = candidate.issuer or candidate.name
        icon = _swatch_icon(avatar_color(seed, candidate.icon_color), avatar_letter(candidate))
        self.preview.setPixmap(icon.pixmap(40, 40))
        self.title.setText(candidate.label)

    def _accept_if_valid(self) -> None:
        if self.account() is not None:
            self.accept()
