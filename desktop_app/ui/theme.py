"""Light and dark: palettes, the few semantic colours Qt has no role for, and the style sheet.

Widgets and the delegate draw with palette roles; the only colours chosen here are the ones a
palette lacks (warning, error, success, avatar tints), picked per light or dark background so both
keep their contrast. "System" leaves the platform's palette alone and follows its changes.
"""

from __future__ import annotations

import hashlib

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from sigma_resources import resource_path

from desktop_app.ui.settings import Theme

# Avatar hues: distinct at a glance, white text readable on each at the lightness used below.
_AVATAR_HUES = (4, 24, 42, 96, 150, 172, 196, 214, 236, 262, 288, 330)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def warning_color(palette: QPalette) -> QColor:
    return QColor("#f5b73b") if is_dark(palette) else QColor("#b45309")


def error_color(palette: QPalette) -> QColor:
    return QColor("#ff7b72") if is_dark(palette) else QColor("#c62828")


def success_color(palette: QPalette) -> QColor:
    return QColor("#56d364") if is_dark(palette) else QColor("#1a7f37")


def avatar_color(seed: str, explicit: str = "") -> QColor:
    """The account's chosen colour, else a stable colour derived from its issuer or name."""
    if explicit:
        return QColor(explicit)
    digest = hashlib.blake2s(seed.casefold().encode("utf-8"), digest_size=2).digest()
    hue = _AVATAR_HUES[int.from_bytes(digest, "big") % len(_AVATAR_HUES)]
    return QColor.fromHsl(hue, 150, 105)


def _palette(colors: dict[QPalette.ColorRole, str], disabled_text: str) -> QPalette:
    palette = QPalette()
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled_text))
    return palette


R = QPalette.ColorRole

LIGHT = {
    R.Window: "#f6f7f9", R.WindowText: "#1f2328", R.Base: "#ffffff", R.AlternateBase: "#f0f2f5",
    R.Text: "#1f2328", R.Button: "#ffffff", R.ButtonText: "#1f2328", R.Highlight: "#4f46e5",
    R.HighlightedText: "#ffffff", R.ToolTipBase: "#1f2328", R.ToolTipText: "#f6f7f9",
    R.PlaceholderText: "#6e7781", R.Mid: "#d0d7de", R.Midlight: "#e6e9ed", R.Dark: "#8c959f",
    R.Light: "#ffffff", R.Shadow: "#57606a", R.Link: "#4f46e5", R.BrightText: "#ffffff",
    R.Accent: "#4f46e5",
}  # fmt: skip

DARK = {
    R.Window: "#1b1d21", R.WindowText: "#e6e8eb", R.Base: "#23262b", R.AlternateBase: "#2a2e34",
    R.Text: "#e6e8eb", R.Button: "#2d3137", R.ButtonText: "#e6e8eb", R.Highlight: "#7c74ff",
    R.HighlightedText: "#ffffff", R.ToolTipBase: "#e6e8eb", R.ToolTipText: "#1b1d21",
    R.PlaceholderText: "#8b949e", R.Mid: "#3d434b", R.Midlight: "#32373e", R.Dark: "#15171a",
    R.Light: "#3d434b", R.Shadow: "#000000", R.Link: "#9d97ff", R.BrightText: "#ffffff",
    R.Accent: "#7c74ff",
}  # fmt: skip


def light_palette() -> QPalette:
    return _palette(LIGHT, "#8c959f")


def dark_palette() -> QPalette:
    return _palette(DARK, "#6e7681")


def style_sheet() -> str:
    return resource_path("style.qss").read_text(encoding="utf-8")


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Set palette and style sheet; palette() references in the sheet resolve per theme."""
    if theme is Theme.SYSTEM:
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        app.setPalette(app.style().standardPalette())
    else:
        # Fusion honours any palette on every platform; native styles may ignore a dark one.
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if theme is Theme.DARK else light_palette())
    app.setStyleSheet(style_sheet())
