"""The shared frame of the unlock and create-vault pages: a centred card under the app icon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.dialogs.form_helpers import StatusLabel
from desktop_app.ui.icons import app_icon, palette_icon

CARD_WIDTH = 380


def add_reveal_action(field: QLineEdit) -> QAction:
    """An eye button inside a password field that shows or hides what was typed."""
    action = field.addAction(palette_icon("eye", field.palette()),
                             QLineEdit.ActionPosition.TrailingPosition)  # fmt: skip
    action.setCheckable(True)
    action.setToolTip("Show password")

    def toggle(shown: bool) -> None:
        field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        action.setIcon(palette_icon("eye-off" if shown else "eye", field.palette()))
        action.setToolTip("Hide password" if shown else "Show password")

    action.toggled.connect(toggle)
    return action


def password_field(placeholder: str, accessible_name: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(accessible_name)
    field.setClearButtonEnabled(False)
    field.setMinimumHeight(34)
    add_reveal_action(field)
    return field


class LockScreenPage(QWidget):
    """Subclasses create `self.password`, add their fields to `self.form`, implement `request`."""

    password: QLineEdit

    def __init__(self, heading: str, subheading: str, button_text: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setObjectName("lockScreen")
        card = QFrame(self)
        card.setObjectName("card")
        card.setFixedWidth(CARD_WIDTH)
        icon = QLabel(card)
        icon.setPixmap(app_icon().pixmap(72, 72))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        icon.setAccessibleName("Sigma Authenticator")
        self.heading = QLabel(heading, card)
        self.heading.setObjectName("pageHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        self.subheading = QLabel(subheading, card)
        self.subheading.setObjectName("pageBody")
        self.subheading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subheading.setWordWrap(True)
        self.form = QVBoxLayout()
        self.form.setSpacing(8)
        self.error = StatusLabel(card)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.busy = QProgressBar(card)
        self.busy.setRange(0, 0)  # indeterminate: key derivation has no progress to report
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(4)
        self.busy.setAccessibleName("Working")
        self.busy_placeholder = QWidget(card)  # keeps the layout still when the bar hides
        self.busy_placeholder.setFixedHeight(4)
        self.busy.hide()
        self.button = QPushButton(button_text, card)
        self.button.setObjectName("primaryButton")
        self.button.setDefault(True)
        self.button.setAutoDefault(True)
        self.button.setMinimumHeight(36)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 28, 28, 24)
        inner.setSpacing(10)
        inner.addWidget(icon)
        inner.addSpacing(4)
        inner.addWidget(self.heading)
        inner.addWidget(self.subheading)
        inner.addSpacing(10)
        inner.addLayout(self.form)
        inner.addWidget(self.error)
        inner.addSpacing(4)
        inner.addWidget(self.busy)
        inner.addWidget(self.busy_placeholder)
        inner.addWidget(self.button)

        # Stretches rather than an alignment flag: an aligned item gets its size hint, which
        # ignores height-for-width, and word-wrapped labels in the card would be clipped.
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(card)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

    def show_error(self, message: str) -> None:
        self.error.say(message, "error")

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.busy_placeholder.setVisible(not busy)
        for field in self.findChildren(QLineEdit):
            field.setReadOnly(busy)
        self.button.setEnabled(not busy and self.can_submit())
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    @property
    def is_busy(self) -> bool:
        return not self.busy.isHidden()

    def can_submit(self) -> bool:
        return True

    def request(self, password: str) -> None:
        """Emit the page's own request signal (unlock or create)."""
        raise NotImplementedError

    def _submit(self) -> None:
        if self.is_busy or not self.can_submit():
            return
        self.show_error("")
        self.set_busy(True)
        self.request(self.password.text())

    def failed(self, message: str) -> None:
        """The request failed: say why in place and let the user try again."""
        self.set_busy(False)
        self.show_error(message)
        self.password.selectAll()
        self.password.setFocus()
