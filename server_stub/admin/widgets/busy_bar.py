"""A thin indeterminate bar that shows while the window waits for the server."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget


class BusyBar(QProgressBar):
    def __init__(self, height: int, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 0)  # no progress to report: a request either answers or fails
        self.setTextVisible(False)
        self.setFixedHeight(height)
        self.setAccessibleName(accessible_name)
        self.hide()
