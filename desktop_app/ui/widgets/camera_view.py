"""The live camera picture, with a frame drawn around each detected code and a success flash."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, QVariantAnimation
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.core.qr import QrCode
from desktop_app.ui.theme import success_color, warning_color

CODE_FRAME_MS = 600  # a frame outlives one missed decode (one every 150 ms) without flicker
FLASH_MS = 450
BACKGROUND = "#111317"


class CameraView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cameraView")
        self.setAccessibleName("Camera picture")
        self.setMinimumSize(320, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image = QImage()
        self._codes: list[QrCode] = []
        self._codes_usable = True
        self._code_size = QSize()
        self.placeholder = "Starting the camera…"
        self._codes_timer = QTimer(self)
        self._codes_timer.setSingleShot(True)
        self._codes_timer.setInterval(CODE_FRAME_MS)
        self._codes_timer.timeout.connect(self.clear_codes)
        self._flash = QVariantAnimation(self)
        self._flash.setStartValue(1.0)
        self._flash.setEndValue(0.0)
        self._flash.setDuration(FLASH_MS)
        self._flash.valueChanged.connect(self.update)
        # The picture is framed by a dark background in both themes: the dark theme's colours.
        dark = QPalette()
        dark.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
        self._usable_pen = QPen(success_color(dark), 4)
        self._unusable_pen = QPen(warning_color(dark), 4)
        for pen in (self._usable_pen, self._unusable_pen):
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)

    def sizeHint(self) -> QSize:
        return QSize(640, 400)

    # ----- content ----------------------------------------------------------------------------
    @property
    def image(self) -> QImage:
        return self._image

    @property
    def codes(self) -> list[QrCode]:
        return list(self._codes)

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def set_codes(self, codes: Sequence[QrCode], frame_size: tuple[int, int],
                  usable: bool = True) -> None:  # fmt: skip
        """Outline `codes` (corners in a frame of `frame_size`) until the next call or a
        short while; green when usable, amber for codes this app cannot add."""
        if not codes:
            return  # keep the last outline through a missed frame; the timer clears it
        self._codes = list(codes)
        self._code_size = QSize(*frame_size)
        self._codes_usable = usable
        self._codes_timer.start()
        self.update()

    def clear_codes(self) -> None:
        self._codes = []
        self.update()

    def clear(self, placeholder: str = "") -> None:
        self._image = QImage()
        self._codes = []
        self.placeholder = placeholder
        self.update()

    def flash(self) -> None:
        self._codes_timer.stop()  # the outline stays on the frozen picture
        self._flash.stop()
        self._flash.start()

    @property
    def flashing(self) -> bool:
        return self._flash.state() == QVariantAnimation.State.Running

    # ----- painting ---------------------------------------------------------------------------
    def _image_rect(self) -> QRectF:
        """Where the picture goes: as large as fits, centred, aspect ratio kept."""
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        left = (self.width() - size.width()) / 2
        top = (self.height() - size.height()) / 2
        return QRectF(left, top, size.width(), size.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.fillRect(self.rect(), QColor(BACKGROUND))
        if self._image.isNull():
            painter.setPen(QColor("#c9d1d9"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.placeholder)
            return
        target = self._image_rect()
        painter.drawImage(target, self._image)
        if self._codes and not self._code_size.isEmpty():
            self._paint_codes(painter, target)
        flash = float(self._flash.currentValue() or 0.0) if self.flashing else 0.0
        if flash > 0:
            white = QColor(255, 255, 255, int(150 * flash))
            painter.fillRect(target, white)

    def _paint_codes(self, painter: QPainter, target: QRectF) -> None:
        sx = target.width() / self._code_size.width()
        sy = target.height() / self._code_size.height()
        painter.setPen(self._usable_pen if self._codes_usable else self._unusable_pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for code in self._codes:
            points = [QPointF(target.left() + x * sx, target.top() + y * sy)
                      for x, y in code.corners]  # fmt: skip
            painter.drawPolygon(QPolygonF(points))
