"""The authenticator status as a coloured pill: a dot and the word, in a tint of its tone.

One painting function serves the table's delegate and the profile page's badge widget.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyleOptionViewItem, QWidget

from server_stub.admin.look import status_colors
from server_stub.admin.messages import STATUS_DESCRIPTIONS, status_label
from server_stub.admin.widgets.painted_cell import PaintedCellDelegate

DOT = 7
PAD = 9
GAP = 6


def badge_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setWeight(QFont.Weight.DemiBold)
    font.setPointSizeF(base.pointSizeF() * 0.92)
    return font


def badge_size(font: QFont, status: str) -> QSize:
    metrics = QFontMetrics(font)
    text_width = metrics.horizontalAdvance(status_label(status))
    return QSize(PAD + DOT + GAP + text_width + PAD + 2, metrics.height() + 8)


def paint_badge(painter: QPainter, area: QRect, status: str, palette: QPalette,
                font: QFont) -> None:  # fmt: skip
    """Draw the pill at the left of `area`, centred vertically."""
    size = badge_size(font, status)
    pill = QRectF(area.left(), area.center().y() - size.height() / 2 + 0.5,
                  size.width(), size.height())  # fmt: skip
    text_color, fill = status_colors(status, palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(fill)
    painter.drawRoundedRect(pill, size.height() / 2, size.height() / 2)
    painter.setBrush(text_color)
    dot_top = pill.center().y() - DOT / 2
    painter.drawEllipse(QRectF(pill.left() + PAD, dot_top, DOT, DOT))
    painter.setPen(text_color)
    painter.setFont(font)
    text_rect = pill.adjusted(PAD + DOT + GAP, 0, -PAD, 0)
    painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                     status_label(status))  # fmt: skip
    painter.restore()


class StatusBadge(QWidget):
    """The pill as a widget (profile page); its accessible name says the status in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._status = "disabled"
        self.set_status("disabled")

    @property
    def status(self) -> str:
        return self._status

    def set_status(self, status: str) -> None:
        self._status = status
        self.setAccessibleName(f"Authenticator app: {status_label(status)}")
        self.setToolTip(STATUS_DESCRIPTIONS.get(status, ""))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return badge_size(badge_font(self.font()), self._status)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        paint_badge(painter, self.rect(), self._status, self.palette(), badge_font(self.font()))
        painter.end()


ModelIndex = QModelIndex | QPersistentModelIndex


class StatusBadgeDelegate(PaintedCellDelegate):
    """Paints the cell's DisplayRole status word (as the model gives it, lower case) as a pill.

    `status_of(index)` reads the raw status; the model's display text stays readable for
    screen readers and for the search box.
    """

    def __init__(self, status_of, parent=None) -> None:
        super().__init__(parent)
        self._status_of = status_of

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        self.paint_cell_background(painter, option, index)
        area = option.rect.adjusted(8, 0, -4, 0)
        paint_badge(painter, area, self._status_of(index), option.palette,
                    badge_font(option.font))  # fmt: skip

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        size = badge_size(badge_font(option.font), self._status_of(index))
        return QSize(size.width() + 16, size.height() + 12)
