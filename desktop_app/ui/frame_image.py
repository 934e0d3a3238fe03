"""numpy frames <-> QImage, with copies, so no QImage points into memory numpy may free.

A QImage built on a numpy buffer only borrows it: when the array goes, the image reads freed
memory. Each conversion here ends with an image (or array) that owns its pixels. Rows are
addressed through the real stride (bytesPerLine), which is not always width x channels: Qt pads
rows to 4 bytes, and a numpy view may be a slice of a larger frame.
"""

from __future__ import annotations

import cv2
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter


def frame_to_qimage(frame: np.ndarray) -> QImage:
    """A QImage owning a copy of a grey, BGR or BGRA uint8 frame. Safe on any thread."""
    if frame.dtype != np.uint8 or frame.ndim not in (2, 3):
        raise ValueError(f"expected a uint8 grey or colour frame, not {frame.dtype} {frame.shape}")
    if frame.ndim == 2:
        pixels, fmt = np.ascontiguousarray(frame), QImage.Format.Format_Grayscale8
    elif frame.shape[2] == 4:
        pixels, fmt = cv2.cvtColor(frame, cv2.COLOR_BGRA2RGBA), QImage.Format.Format_RGBA8888
    elif frame.shape[2] == 3:
        pixels, fmt = cv2.cvtColor(frame, cv2.COLOR_BGR2RGB), QImage.Format.Format_RGB888
    else:
        raise ValueError(f"expected 1, 3 or 4 channels, not {frame.shape[2]}")
    height, width = pixels.shape[:2]
    image = QImage(pixels.data, width, height, pixels.strides[0], fmt)
    return image.copy()  # detach from `pixels`, which is freed when this returns


def qimage_to_frame(image: QImage) -> np.ndarray:
    """A BGR uint8 array (its own copy) of any QImage; transparent pixels land on white."""
    if image.isNull():
        raise ValueError("the image is empty")
    if image.hasAlphaChannel():
        opaque = QImage(image.size(), QImage.Format.Format_RGB888)
        opaque.fill(Qt.GlobalColor.white)
        painter = QPainter(opaque)
        painter.drawImage(0, 0, image)
        painter.end()
        image = opaque
    else:
        image = image.convertToFormat(QImage.Format.Format_RGB888)
    width, height, stride = image.width(), image.height(), image.bytesPerLine()
    rows = np.frombuffer(image.constBits(), np.uint8, count=stride * height).reshape(height, stride)
    rgb = rows[:, : width * 3].reshape(height, width, 3)
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)  # a new array: `image` may go now
