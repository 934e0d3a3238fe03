"""The last column of the users table: a "More" button per row that opens the row's menu.

Painted, not a widget per row, so sorting, filtering and refreshes never leave buttons behind.
A click inside the button emits `clicked(index, global_pos)`; the keyboard reaches the same
menu through the context-menu key (or Shift+F10) on the selected row.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QMouseEvent, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from desktop_app.ui.icons import palette_icon
from server_stub.admin.widgets.painted_cell import PaintedCellDelegate

ModelIndex = QModelIndex | QPersistentModelIndex
BUTTON = 28


def button_rect(cell: QRect) -> QRect:
    return QRect(cell.center().x() - BUTTON // 2, cell.center().y() - BUTTON // 2, BUTTON, BUTTON)


class MoreButtonDelegate(PaintedCellDelegate):
    clicked = Signal(QModelIndex, QPoint)  # the view's index, the button's bottom-right (global)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._icons: dict[str, QIcon] = {}  # by text colour: rendering SVG per paint is slow

    def _icon(self, palette: QPalette) -> QIcon:
        key = palette.color(QPalette.ColorRole.ButtonText).name()
        if key not in self._icons:
            self._icons[key] = palette_icon("more", palette)
        return self._icons[key]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self.paint_cell_background(painter, option, index)
        rect = button_rect(option.rect)
        palette = option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
            painter.setBrush(palette.color(QPalette.ColorRole.Button))
            painter.drawRoundedRect(rect.adjusted(0, 0, -1, -1), 6, 6)
        self._icon(palette).paint(painter, rect.adjusted(4, 4, -4, -4))
        painter.restore()

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem,
                    index: ModelIndex) -> bool:  # fmt: skip
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and button_rect(option.rect).contains(event.position().toPoint())
        ):
            rect = button_rect(option.rect)
            viewport = getattr(option.widget, "viewport", lambda: None)()  # rects are viewport's
            anchor = rect.bottomRight()
            where = viewport.mapToGlobal(anchor) if viewport is not None else anchor
            self.clicked.emit(QModelIndex(index), where)
            return True
        return super().editorEvent(event, model, option, index)
