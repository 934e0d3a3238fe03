"""Small pieces shared by the account dialogs."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from desktop_app.ui.theme import error_color, success_color, warning_color


def line_edit(
    placeholder: str, accessible_name: str, parent: QWidget, tooltip: str = ""
) -> QLineEdit:
    field = QLineEdit(parent)
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(accessible_name)
    field.setToolTip(tooltip or accessible_name)
    field.setMinimumHeight(30)
    return field


class StatusLabel(QLabel):
    """A hint line under a field that can say ok, warn or error, in theme-aware colours."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("statusText")  # not styled by the sheet: its palette sets the colour
        self.setWordWrap(True)
        self._kind = "hint"

    def say(self, text: str, kind: str = "hint") -> None:
        """kind: hint, ok, warning or error."""
        self._kind = kind
        self.setText(text)
        self.setVisible(bool(text))
        self.setAccessibleName(text)
        self._apply()

    @property
    def kind(self) -> str:
        return self._kind

    def _apply(self) -> None:
        base = self.parentWidget().palette() if self.parentWidget() else self.palette()
        colors = {
            "ok": success_color(base),
            "warning": warning_color(base),
            "error": error_color(base),
            "hint": base.color(QPalette.ColorRole.PlaceholderText),
        }
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colors[self._kind])
        self.setPalette(palette)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        # A theme switch arrives as a palette change; re-setting an equal palette sends none,
        # so this does not loop.
        if event.type() in (event.Type.ParentChange, event.Type.PaletteChange):
            self._apply()


def mark_primary(button: QPushButton) -> None:
    """Style a button as the main action. Re-polished, because QDialogButtonBox polishes its
    buttons on creation and a later name change alone does not re-apply the style sheet."""
    button.setObjectName("primaryButton")
    button.style().unpolish(button)
    button.style().polish(button)
