"""A label whose text takes a tone colour (error, success, warning, muted) from the palette.

It re-tints itself when the palette changes, so a light/dark switch keeps messages readable.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QWidget

from server_stub.admin.look import tone_color


class ToneLabel(QLabel):
    def __init__(self, tone: str = "error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tone = tone
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._tint()

    @property
    def tone(self) -> str:
        return self._tone

    def say(self, text: str, tone: str | None = None) -> None:
        """Show `text` (hidden when empty), optionally in another tone."""
        if tone is not None and tone != self._tone:
            self._tone = tone
            self._tint()
        self.setText(text)
        self.setAccessibleDescription(text)
        self.setVisible(bool(text))

    def _tint(self) -> None:
        colors = QPalette(self.palette())
        colors.setColor(QPalette.ColorRole.WindowText, tone_color(self._tone, self.palette()))
        self.setPalette(colors)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._tint()
