"""The frame every Sigma panel page shares: heading, text, a form, an error line, a busy bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.dialogs.form_helpers import StatusLabel

CODE_FIELD_WIDTH = 170


def primary_button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName("primaryButton")
    button.setMinimumHeight(36)
    button.setAutoDefault(True)
    return button


def secondary_button(text: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setMinimumHeight(32)
    button.setAutoDefault(True)
    return button


def code_field(accessible_name: str, parent: QWidget) -> QLineEdit:
    """A six-digit code entry: digits only, large, centred."""
    field = QLineEdit(parent)
    field.setObjectName("codeField")
    field.setAccessibleName(accessible_name)
    field.setPlaceholderText("000000")
    field.setMaxLength(6)
    field.setAlignment(Qt.AlignmentFlag.AlignCenter)
    field.setFixedWidth(CODE_FIELD_WIDTH)
    field.setMinimumHeight(40)
    return field


def is_six_digits(text: str) -> bool:
    return len(text) == 6 and text.isascii() and text.isdigit()


class PanelPage(QWidget):
    """Subclasses add widgets to `self.body` and `self.buttons`."""

    def __init__(self, heading: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("pageHeading")
        self.heading.setWordWrap(True)
        self.text = QLabel(text, self)
        self.text.setObjectName("pageBody")
        self.text.setWordWrap(True)
        self.text.setVisible(bool(text))
        self.body = QVBoxLayout()
        self.body.setSpacing(8)
        self.message = StatusLabel(self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(4)
        self.busy.setAccessibleName("Working")
        keep_space = self.busy.sizePolicy()
        keep_space.setRetainSizeWhenHidden(True)  # the layout stays still when it hides
        self.busy.setSizePolicy(keep_space)
        self.busy.hide()
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(8)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        layout.addSpacing(6)
        layout.addLayout(self.body)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.busy)
        layout.addLayout(self.buttons)

    def show_error(self, text: str) -> None:
        self.message.say(text, "error")

    def show_note(self, text: str) -> None:
        self.message.say(text, "ok")

    def clear_message(self) -> None:
        self.message.say("")

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
