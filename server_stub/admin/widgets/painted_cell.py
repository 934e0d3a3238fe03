"""The base of the painted cells (status badge, More button): the row's own background first.

Selected rows are a light tint with the text keeping its colour (the window's style sheet), so
what these delegates paint on top stays readable.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

ModelIndex = QModelIndex | QPersistentModelIndex


class PaintedCellDelegate(QStyledItemDelegate):
    def paint_cell_background(self, painter: QPainter, option: QStyleOptionViewItem,
                              index: ModelIndex) -> None:  # fmt: skip
        """The row's background and selection, without the cell's text."""
        cell = QStyleOptionViewItem(option)
        self.initStyleOption(cell, index)
        cell.text = ""
        widget = option.widget
        if widget is not None:
            widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, cell, painter, widget)
