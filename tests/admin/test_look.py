"""Status badges readable in light and dark; icons re-tinted when the palette switches."""

from __future__ import annotations

import pytest
from helpers.admin_window import open_window
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from desktop_app.ui.theme import dark_palette, light_palette
from server_stub.admin.look import admin_style_sheet, selection_colors, status_colors


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF()))  # fmt: skip


def _over(top: QColor, bottom: QColor) -> QColor:
    alpha = top.alphaF()
    mix = [alpha * t + (1 - alpha) * b for t, b in zip(top.getRgbF()[:3], bottom.getRgbF()[:3],
                                                        strict=True)]  # fmt: skip
    return QColor.fromRgbF(*mix)


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
@pytest.mark.parametrize("status", ["enabled", "pending", "disabled"])
def test_badges_are_readable_on_the_table(qapp, palette, status):
    text, fill = status_colors(status, palette)
    for row in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase):
        background = _over(fill, palette.color(row))
        assert _contrast(text, background) >= 4.5, (status, row)


def test_badges_tell_the_statuses_apart(qapp):
    palette = light_palette()
    assert len({status_colors(s, palette)[0].name() for s in ("enabled", "pending",
                                                                "disabled")}) == 3  # fmt: skip


@pytest.mark.parametrize("palette", [light_palette(), dark_palette()], ids=["light", "dark"])
def test_selected_rows_are_a_tint_and_keep_their_text(qapp, palette):
    highlight, text = selection_colors(palette)
    assert highlight.rgb() == palette.color(QPalette.ColorRole.Highlight).rgb()
    assert highlight.alpha() < 128
    assert text == palette.color(QPalette.ColorRole.Text)
    assert _contrast(text, _over(highlight, palette.color(QPalette.ColorRole.Base))) >= 7
    sheet = admin_style_sheet(palette)
    assert "@" not in sheet
    assert f"rgba({highlight.red()}, {highlight.green()}, {highlight.blue()}, " in sheet


def test_icons_and_selection_follow_a_switch_to_dark(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    button = window.console.sign_out_button
    before = button.icon().pixmap(20, 20).toImage()
    app = QApplication.instance()
    original = app.palette()
    try:
        app.setPalette(dark_palette())
        qtbot.waitUntil(lambda: button.icon().pixmap(20, 20).toImage() != before)
        assert window.styleSheet() == admin_style_sheet(dark_palette())
    finally:
        app.setPalette(original)
