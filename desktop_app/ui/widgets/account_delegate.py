"""Paints one account row: avatar, issuer and account name, the code, and its countdown.

No widget per row: the list has one delegate that paints whatever rows are visible, reading
everything from the model's roles. Colours come from the palette (plus the theme's warning and
error tints), so light and dark both work.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop_app.core.accounts import Account
from desktop_app.ui.icons import palette_icon
from desktop_app.ui.models.account_model import AccountRole
from desktop_app.ui.theme import avatar_color, error_color, warning_color

ModelIndex = QModelIndex | QPersistentModelIndex

WARNING_SECONDS = 10
URGENT_SECONDS = 5


@dataclass(frozen=True)
class _Fonts:
    title: QFont
    subtitle: QFont
    code: QFont
    small: QFont
    avatar: QFont
    ring: QFont
    code_width: int
    row_height: int


@dataclass(frozen=True)
class RowGeometry:
    avatar: QRect
    text: QRect
    code: QRect
    next_code: QRect
    action: QRect  # the countdown ring, or the HOTP "next code" button


def _fonts_for(base: QFont) -> _Fonts:
    title = QFont(base)
    title.setWeight(QFont.Weight.DemiBold)
    subtitle = QFont(base)
    code = QFont(base)
    code.setPointSizeF(base.pointSizeF() * 1.65)
    code.setWeight(QFont.Weight.DemiBold)
    code.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 104)
    small = QFont(base)
    small.setPointSizeF(base.pointSizeF() * 0.85)
    avatar = QFont(base)
    avatar.setPointSizeF(base.pointSizeF() * 1.25)
    avatar.setWeight(QFont.Weight.Bold)
    ring = QFont(base)
    ring.setPointSizeF(base.pointSizeF() * 0.72)
    ring.setWeight(QFont.Weight.DemiBold)
    code_metrics = QFontMetrics(code)
    code_width = code_metrics.horizontalAdvance("000 0000")
    row_height = max(64, int(QFontMetrics(base).height() * 4.0))
    return _Fonts(title, subtitle, code, small, avatar, ring, code_width, row_height)


def avatar_letter(account: Account) -> str:
    if account.icon_letter:
        return account.icon_letter
    source = account.issuer or account.name
    return source[:1].upper() or "?"


class AccountDelegate(QStyledItemDelegate):
    MARGIN = 14
    AVATAR = 40
    RING = 28

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._fonts_cache: dict[str, _Fonts] = {}
        self._icon_cache: dict[str, object] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> _Fonts:
        key = option.font.key()
        fonts = self._fonts_cache.get(key)
        if fonts is None:
            fonts = self._fonts_cache[key] = _fonts_for(option.font)
        return fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        fonts = self._fonts(option)
        return QSize(self.AVATAR + fonts.code_width + 220, fonts.row_height)

    def geometry(self, rect: QRect, option: QStyleOptionViewItem) -> RowGeometry:
        fonts = self._fonts(option)
        m = self.MARGIN
        mid = rect.center().y()
        avatar = QRect(rect.left() + m + 2, mid - self.AVATAR // 2, self.AVATAR, self.AVATAR)
        action = QRect(rect.right() - m - self.RING, mid - self.RING // 2, self.RING, self.RING)
        code_height = QFontMetrics(fonts.code).height()
        code_right = action.left() - 12
        code = QRect(code_right - fonts.code_width, mid - code_height // 2 - 4,
                     fonts.code_width, code_height)  # fmt: skip
        small_height = QFontMetrics(fonts.small).height()
        next_code = QRect(code.left() - 40, code.bottom() - 2, code.width() + 40, small_height)
        text_left = avatar.right() + 14
        text = QRect(text_left, rect.top(), max(0, code.left() - 16 - text_left), rect.height())
        return RowGeometry(avatar, text, code, next_code, action)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        account: Account | None = index.data(AccountRole.ACCOUNT)
        if account is None:
            return
        fonts = self._fonts(option)
        palette = option.palette
        rect = option.rect
        geometry = self.geometry(rect, option)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_background(painter, option)

        # Avatar
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(avatar_color(account.issuer or account.name, account.icon_color))
        painter.drawEllipse(geometry.avatar)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(fonts.avatar)
        painter.drawText(geometry.avatar, Qt.AlignmentFlag.AlignCenter, avatar_letter(account))

        # Issuer over account name (a lone label sits centred)
        text = palette.color(QPalette.ColorRole.Text)
        secondary = palette.color(QPalette.ColorRole.PlaceholderText)
        title = account.issuer or account.name
        subtitle = account.name if account.issuer else ""
        title_metrics = QFontMetrics(fonts.title)
        sub_metrics = QFontMetrics(fonts.subtitle)
        block = title_metrics.height() + (sub_metrics.height() + 2 if subtitle else 0)
        top = rect.center().y() - block // 2
        width = geometry.text.width()
        painter.setFont(fonts.title)
        painter.setPen(text)
        title_rect = QRect(geometry.text.left(), top, width, title_metrics.height())
        elided = title_metrics.elidedText(title, Qt.TextElideMode.ElideRight, width)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         elided)  # fmt: skip
        if subtitle:
            painter.setFont(fonts.subtitle)
            painter.setPen(secondary)
            sub_rect = QRect(geometry.text.left(), title_rect.bottom() + 2, width,
                             sub_metrics.height())  # fmt: skip
            elided = sub_metrics.elidedText(subtitle, Qt.TextElideMode.ElideMiddle, width)
            painter.drawText(sub_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             elided)  # fmt: skip

        # Code, and the next one near the end of the period
        hidden = index.data(AccountRole.HIDDEN)
        painter.setFont(fonts.code)
        painter.setPen(secondary if hidden else text)
        painter.drawText(geometry.code, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         index.data(AccountRole.CODE))  # fmt: skip
        next_code = index.data(AccountRole.NEXT_CODE)
        if next_code:
            painter.setFont(fonts.small)
            painter.setPen(secondary)
            painter.drawText(geometry.next_code,
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop,
                             f"next  {next_code}")  # fmt: skip

        if index.data(AccountRole.IS_HOTP):
            self._paint_hotp_button(painter, geometry.action, palette)
        else:
            self._paint_ring(painter, geometry.action, palette, fonts, index)
        painter.restore()

    def _paint_background(self, painter: QPainter, option: QStyleOptionViewItem) -> None:
        palette = option.palette
        rect = QRectF(option.rect).adjusted(6, 3, -6, -3)
        state = option.state
        highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
        if state & QStyle.StateFlag.State_Selected:
            highlight.setAlpha(46)
        elif state & QStyle.StateFlag.State_MouseOver:
            highlight.setAlpha(18)
        else:
            highlight = QColor(palette.color(QPalette.ColorRole.Base))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(highlight)
        painter.drawRoundedRect(rect, 8, 8)
        if state & QStyle.StateFlag.State_HasFocus and state & QStyle.StateFlag.State_Selected:
            focus = QColor(palette.color(QPalette.ColorRole.Highlight))
            focus.setAlpha(150)
            painter.setPen(QPen(focus, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)

    def _paint_ring(self, painter: QPainter, rect: QRect, palette: QPalette, fonts: _Fonts,
                    index: ModelIndex) -> None:  # fmt: skip
        left = float(index.data(AccountRole.SECONDS_LEFT))
        period = int(index.data(AccountRole.PERIOD)) or 30
        if left <= URGENT_SECONDS:
            color = error_color(palette)
        elif left <= WARNING_SECONDS:
            color = warning_color(palette)
        else:
            color = palette.color(QPalette.ColorRole.Highlight)
        ring = QRectF(rect).adjusted(2, 2, -2, -2)
        track = QColor(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(track, 3))
        painter.drawEllipse(ring)
        pen = QPen(color, 3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        # The time left, clockwise from 12 o'clock (Qt angles are counter-clockwise, 1/16 degree).
        span = -int(360 * 16 * min(1.0, left / period))
        painter.drawArc(ring, 90 * 16, span)
        painter.setFont(fonts.ring)
        painter.setPen(color if left <= WARNING_SECONDS else palette.color(QPalette.ColorRole.Text))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(int(left + 0.999)))

    def _paint_hotp_button(self, painter: QPainter, rect: QRect, palette: QPalette) -> None:
        key = palette.color(QPalette.ColorRole.ButtonText).name()
        icon = self._icon_cache.get(key)
        if icon is None:
            icon = self._icon_cache[key] = palette_icon("refresh", palette)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Button))
        painter.drawEllipse(QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5))
        icon.paint(painter, rect.adjusted(5, 5, -5, -5))
