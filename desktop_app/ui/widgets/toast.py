"""A short message at the bottom of the window, optionally with one action (Undo)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

DEFAULT_MS = 3500
WITH_ACTION_MS = 8000


class Toast(QFrame):
    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("toast")
        self.setAccessibleName("Notification")
        self._label = QLabel(self)
        self._label.setObjectName("toastText")
        self._label.setWordWrap(True)
        # Messages quote account names and scanned QR texts: never let them act as markup.
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        self._button = QPushButton(self)
        self._button.setObjectName("toastAction")
        self._button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._button.clicked.connect(self._run_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.setSpacing(12)
        layout.addWidget(self._label)
        layout.addWidget(self._button)
        self._action: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        host.installEventFilter(self)
        self.hide()

    @property
    def text(self) -> str:
        return self._label.text()

    @property
    def action_text(self) -> str:
        return self._button.text() if self._action else ""

    def show_message(
        self,
        text: str,
        action_text: str = "",
        action: Callable[[], None] | None = None,
        duration_ms: int | None = None,
    ) -> None:
        self._label.setText(text)
        self._action = action if action_text else None
        self._button.setText(action_text)
        self._button.setVisible(bool(self._action))
        self._button.setAccessibleName(action_text)
        self.ensurePolished()  # the style sheet's fonts and padding must count in the size
        self._label.ensurePolished()
        self._button.ensurePolished()
        self.show()
        self._place()
        self.raise_()
        self._timer.start(duration_ms or (WITH_ACTION_MS if self._action else DEFAULT_MS))

    def trigger_action(self) -> bool:
        """Run the offered action (the window's Ctrl+Z uses it); False when there is none."""
        if self._action is None or not self.isVisible():
            return False
        self._run_action()
        return True

    def dismiss(self) -> None:
        self._timer.stop()
        self._action = None
        self.hide()

    def _run_action(self) -> None:
        action, self._action = self._action, None
        self.hide()
        if action is not None:
            action()

    def _place(self) -> None:
        host = self.parentWidget()
        if host is None:
            return
        # As wide as the text needs, at most the window less a margin; longer text wraps.
        margins = self.layout().contentsMargins()
        natural = self._label.fontMetrics().horizontalAdvance(self._label.text()) + 4
        natural += margins.left() + margins.right()
        if self._button.isVisible():
            natural += self._button.sizeHint().width() + self.layout().spacing()
        width = min(natural, host.width() - 32)
        height = max(self.layout().heightForWidth(width), self.minimumSizeHint().height())
        self.resize(width, height)
        self.move((host.width() - width) // 2, host.height() - self.height() - 20)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
