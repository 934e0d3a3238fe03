"""The admin window's look: the authenticator's palettes and style sheet, plus status colours.

Inside another application (the lead's launcher) the host's theme stays; the window adds only
its own style sheet (`admin.qss`), whose colours come from the palette like the app's.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from sigma_resources import resource_path

from desktop_app.ui.icons import palette_icon
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


def admin_style_sheet(palette: QPalette) -> str:
    """admin.qss with the colours a palette has no role for filled in (the selection tint, the
    destructive red); the window renews the sheet when the palette changes."""
    background, text = selection_colors(palette)
    rgba = f"rgba({background.red()}, {background.green()}, {background.blue()}, "
    rgba += f"{background.alpha()})"
    sheet = resource_path("admin.qss").read_text(encoding="utf-8")
    for name, value in (("@selection@", rgba), ("@selection-text@", text.name()),
                        ("@danger@", error_color(palette).name())):  # fmt: skip
        sheet = sheet.replace(name, value)
    return sheet


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
    """(text, fill) of a status badge: a tint of the tone over the row, the text a shade
    further from the background than the tone itself, so it stays above 4.5:1 (WCAG AA)."""
    tone = tone_color(_STATUS_TONES.get(status, "muted"), palette)
    dark = is_dark(palette)
    fill = QColor(tone)
    fill.setAlpha(45 if dark else 34)
    return (tone.lighter(125) if dark else tone.darker(125)), fill


def selection_colors(palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) of a selected table row: a light tint of the highlight with the text
    keeping its colour, as the authenticator's list selects, so status badges stay readable."""
    highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
    highlight.setAlpha(70 if is_dark(palette) else 40)
    return highlight, palette.color(QPalette.ColorRole.Text)


ICON_PROPERTY = "paletteIcon"


def set_icon(target: QAbstractButton | QAction, name: str, palette: QPalette) -> None:
    """Give a button or action a palette-tinted icon that `retint_icons` renews later."""
    target.setProperty(ICON_PROPERTY, name)
    target.setIcon(palette_icon(name, palette))


def retint_icons(root: QWidget) -> None:
    """After a light/dark switch: re-render every icon set with `set_icon` under `root`."""
    palette = root.palette()
    for target in [*root.findChildren(QAbstractButton), *root.findChildren(QAction)]:
        name = target.property(ICON_PROPERTY)
        if isinstance(name, str) and name:
            target.setIcon(palette_icon(name, palette))
