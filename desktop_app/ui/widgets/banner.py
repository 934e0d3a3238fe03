"""A discreet one-line notice under the header (the clock warning uses it)."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel

from desktop_app.ui.icons import tinted_icon
from desktop_app.ui.theme import warning_color


class Banner(QFrame):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self._icon = QLabel(self)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 6, 14, 6)
        layout.addWidget(self._icon)
        layout.addWidget(self.label, 1)
        self._refresh()
        self.hide()

    def show_text(self, text: str | None) -> None:
        self.label.setText(text or "")
        self.setAccessibleName(text or "")
        self.setVisible(bool(text))

    def _refresh(self) -> None:
        color = warning_color(self.palette())
        self._icon.setPixmap(tinted_icon("warning", color).pixmap(16, 16))
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, color)
        self.label.setPalette(palette)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._refresh()
