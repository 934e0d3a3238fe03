"""The admin window's look: the authenticator's palettes and style sheet, plus status colours.

Inside another application (the lead's launcher) the host's theme stays; the window adds only
its own style sheet (`admin.qss`), whose colours come from the palette like the app's.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from sigma_resources import resource_path

from desktop_app.ui.theme import (
    dark_palette,
    error_color,
    is_dark,
    light_palette,
    style_sheet,
    success_color,
    warning_color,
)

THEMES = ("system", "light", "dark")


def apply_app_look(app: QApplication, theme: str = "system") -> None:
    """For the stand-alone window: the authenticator's palette and style sheet."""
    if theme in ("light", "dark"):
        app.setStyle("Fusion")  # honours any palette everywhere; native styles may not
        app.setPalette(dark_palette() if theme == "dark" else light_palette())
    app.setStyleSheet(style_sheet())


def admin_style_sheet() -> str:
    return resource_path("admin.qss").read_text(encoding="utf-8")


def tone_color(tone: str, palette: QPalette) -> QColor:
    """'error', 'success', 'warning' or 'muted' text, with contrast on this palette."""
    if tone == "error":
        return error_color(palette)
    if tone == "success":
        return success_color(palette)
    if tone == "warning":
        return warning_color(palette)
    return palette.color(QPalette.ColorRole.PlaceholderText)


_STATUS_TONES = {"enabled": "success", "pending": "warning"}


def status_colors(status: str, palette: QPalette) -> tuple[QColor, QColor]:
    """(text, fill) of a status badge: a tint of the tone over the base, text in the tone."""
    text = tone_color(_STATUS_TONES.get(status, "muted"), palette)
    fill = QColor(text)
    fill.setAlpha(60 if is_dark(palette) else 34)
    return text, fill
