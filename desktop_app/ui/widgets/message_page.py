"""A centred icon, heading, explanation and optional button: empty list, no search results."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.ui.icons import tinted_icon


class MessagePage(QWidget):
    def __init__(self, icon_name: str, heading: str, body: str, button_text: str = "",
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._icon_name = icon_name
        self.icon_label = QLabel(self)
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading = QLabel(heading, self)
        self.heading.setObjectName("pageHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body = QLabel(body, self)
        self.body.setObjectName("pageBody")
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.setMaximumWidth(380)
        self.body.setMinimumWidth(240)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.button = QPushButton(button_text, self)
        self.button.setObjectName("primaryButton")
        self.button.setVisible(bool(button_text))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addStretch(2)
        layout.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(8)
        layout.addWidget(self.heading, 0, Qt.AlignmentFlag.AlignHCenter)
        # Stretches, not an alignment flag: an aligned label loses height-for-width and clips.
        body_row = QHBoxLayout()
        body_row.addStretch(1)
        body_row.addWidget(self.body, 100)
        body_row.addStretch(1)
        layout.addLayout(body_row)
        layout.addSpacing(12)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)
        self._refresh_icon()

    def _refresh_icon(self) -> None:
        color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.icon_label.setPixmap(tinted_icon(self._icon_name, color).pixmap(56, 56))

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._refresh_icon()
