"""Monochrome SVG icons from resources/icons, tinted with the current palette.

The SVGs draw with `currentColor`; each icon is rendered in the palette's text colour, and
re-rendered when the palette changes (light/dark switch), so no icon is hard-coded to a theme.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton
from sigma_resources import resource_path

_SIZES = (16, 20, 24, 32, 48)


@cache
def _svg_source(name: str) -> str:
    return resource_path(f"icons/{name}.svg").read_text(encoding="utf-8")


def _pixmap(name: str, color: QColor, size: int, scale: float) -> QPixmap:
    svg = _svg_source(name).replace("currentColor", color.name())
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    pixmap = QPixmap(int(size * scale), int(size * scale))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def tinted_icon(name: str, color: QColor, disabled: QColor | None = None) -> QIcon:
    icon = QIcon()
    for size in _SIZES:
        for scale in (1.0, 2.0):
            icon.addPixmap(_pixmap(name, color, size, scale), QIcon.Mode.Normal)
            if disabled is not None:
                icon.addPixmap(_pixmap(name, disabled, size, scale), QIcon.Mode.Disabled)
    return icon


def palette_icon(name: str, palette: QPalette) -> QIcon:
    return tinted_icon(
        name,
        palette.color(QPalette.ColorRole.ButtonText),
        palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText),
    )


def app_icon() -> QIcon:
    return QIcon(str(resource_path("app-icon.svg")))


class IconBinder:
    """Remembers which button or action shows which icon, to re-tint all on a palette change."""

    def __init__(self) -> None:
        self._bindings: list[tuple[Callable[[QIcon], None], str]] = []

    def bind(self, target: QAbstractButton | QAction, name: str, palette: QPalette) -> None:
        setter = target.setIcon
        self._bindings.append((setter, name))
        setter(palette_icon(name, palette))

    def refresh(self, palette: QPalette) -> None:
        for setter, name in self._bindings:
            setter(palette_icon(name, palette))


ICON_SIZE = QSize(20, 20)
