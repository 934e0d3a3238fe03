"""QR codes as files, frames and QImages for the scanning tests, and a camera the test steers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import cv2
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from desktop_app.core.camera import FrameSource, SyntheticFrameSource
from desktop_app.core.qr import synth

GITHUB_SECRET = "JBSWY3DPEHPK3PXP"
GITHUB_URI = (
    f"otpauth://totp/GitHub:alice%40example.com?secret={GITHUB_SECRET}&issuer=GitHub"
)


def qr_frame(text: str, size: tuple[int, int] = (800, 600), module_px: int = 6) -> np.ndarray:
    """A BGR picture with the code in the middle of a plain light background."""
    code = synth.render_qr(text, module_px=module_px)
    width, height = size
    frame = np.full((height, width), 235, np.uint8)
    top, left = (height - code.shape[0]) // 2, (width - code.shape[1]) // 2
    frame[top : top + code.shape[0], left : left + code.shape[1]] = code
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


def blank_screen() -> QImage:
    """A grabbed screen showing no code."""
    image = QImage(1280, 800, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    return image


def write_image(path: Path, frame: np.ndarray) -> Path:
    ok, data = cv2.imencode(path.suffix, frame)
    assert ok
    path.write_bytes(data.tobytes())
    return path


def qr_png(path: Path, text: str, module_px: int = 6) -> Path:
    code = synth.render_qr(text, module_px=module_px)
    return write_image(path, code)


class SteeredCamera(FrameSource):
    """Shows whichever code the test puts in `showing` (a pre-rendered frame per text)."""

    description = "steered test camera"

    def __init__(self, texts: Sequence[str]) -> None:
        self.frames = {text: _one_frame(text) for text in texts}
        self.showing = texts[0]
        self._open = False

    def open(self) -> None:
        self._open = True

    def read(self) -> np.ndarray | None:
        self._require_open()
        return self.frames[self.showing].copy()

    def close(self) -> None:
        self._open = False

    @property
    def is_open(self) -> bool:
        return self._open


def _one_frame(text: str) -> np.ndarray:
    with SyntheticFrameSource([text]) as source:
        frame = source.read()
    assert frame is not None
    return frame
