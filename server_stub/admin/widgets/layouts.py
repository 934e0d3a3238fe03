"""Box layouts in one call: `vbox(parent, widget, layout, 8, stretch(), ..., margins=...)`.

Items: a widget or a layout is added (`(item, n)` with stretch factor n), an int adds that
much spacing, `stretch(n)` an empty stretch.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget


@dataclass(frozen=True)
class Stretch:
    factor: int = 1


def stretch(factor: int = 1) -> Stretch:
    return Stretch(factor)


Item = QWidget | QLayout | int | Stretch | tuple[QWidget | QLayout, int]
Margins = tuple[int, int, int, int]


def _fill(layout: QBoxLayout, items: tuple[Item, ...], margins: Margins, spacing: int) -> None:
    layout.setContentsMargins(*margins)
    layout.setSpacing(spacing)
    for entry in items:
        item, factor = entry if isinstance(entry, tuple) else (entry, 0)
        if isinstance(item, Stretch):
            layout.addStretch(item.factor)
        elif isinstance(item, int):
            layout.addSpacing(item)
        elif isinstance(item, QLayout):
            layout.addLayout(item, factor)
        else:
            layout.addWidget(item, factor)


def vbox(parent: QWidget | None, *items: Item, margins: Margins = (0, 0, 0, 0),
         spacing: int = 0) -> QVBoxLayout:  # fmt: skip
    layout = QVBoxLayout(parent) if parent is not None else QVBoxLayout()
    _fill(layout, items, margins, spacing)
    return layout


def hbox(parent: QWidget | None, *items: Item, margins: Margins = (0, 0, 0, 0),
         spacing: int = 6) -> QHBoxLayout:  # fmt: skip
    layout = QHBoxLayout(parent) if parent is not None else QHBoxLayout()
    _fill(layout, items, margins, spacing)
    return layout
