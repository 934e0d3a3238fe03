"""Frames to QImages and back, and the capture/decode threads: newest frame only, no backlog."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from desktop_app.core.camera import CameraError, CameraProblem, FrameSource, SyntheticFrameSource
from desktop_app.core.qr import QrCode
from desktop_app.ui.camera_pipeline import CameraPipeline, LatestFrame
from desktop_app.ui.frame_image import frame_to_qimage, qimage_to_frame


def test_a_bgr_frame_becomes_an_rgb_image_that_owns_its_pixels():
    frame = np.zeros((3, 5, 3), np.uint8)  # 5 x 3 bytes a row: Qt would pad to 16
    frame[1, 2] = (255, 0, 0)  # blue in BGR
    frame[0, 4] = (0, 0, 255)  # red
    image = frame_to_qimage(frame)
    del frame  # the image must not read freed memory
    assert image.width() == 5 and image.height() == 3
    assert image.pixelColor(2, 1) == QColor(0, 0, 255)
    assert image.pixelColor(4, 0) == QColor(255, 0, 0)


def test_grey_bgra_and_sliced_frames_convert_with_their_real_row_stride():
    grey = np.arange(7 * 3, dtype=np.uint8).reshape(3, 7)
    assert frame_to_qimage(grey).pixelColor(6, 2) == QColor(20, 20, 20)
    bgra = np.zeros((2, 2, 4), np.uint8)
    bgra[0, 1] = (10, 20, 30, 255)
    assert frame_to_qimage(bgra).pixelColor(1, 0) == QColor(30, 20, 10)
    big = np.random.default_rng(1).integers(0, 255, (40, 60, 3), dtype=np.uint8)
    window = big[5:25, 7:38]  # a view: its rows are 180 bytes apart, not 93
    image = frame_to_qimage(window)
    b, g, r = window[13, 29]
    assert image.pixelColor(29, 13) == QColor(int(r), int(g), int(b))
    with pytest.raises(ValueError, match="uint8"):
        frame_to_qimage(np.zeros((2, 2), np.float32))


def test_a_qimage_becomes_a_bgr_frame_with_transparency_on_white():
    image = QImage(5, 2, QImage.Format.Format_ARGB32)  # odd width: padded rows in RGB888
    image.fill(Qt.GlobalColor.transparent)
    image.setPixelColor(3, 1, QColor(200, 100, 50))
    frame = qimage_to_frame(image)
    assert frame.shape == (2, 5, 3)
    assert tuple(frame[1, 3]) == (50, 100, 200)
    assert tuple(frame[0, 0]) == (255, 255, 255)
    rgb = frame_to_qimage(frame)
    assert np.array_equal(qimage_to_frame(rgb), frame)
    with pytest.raises(ValueError, match="empty"):
        qimage_to_frame(QImage())


def test_the_mailbox_tells_the_ui_once_until_it_takes_the_frame():
    mailbox = LatestFrame()
    images = [QImage(1, 1, QImage.Format.Format_RGB888) for _ in range(3)]
    frames = [np.full((1, 1, 3), i, np.uint8) for i in range(3)]
    assert mailbox.put(frames[0], images[0]) is True
    assert mailbox.put(frames[1], images[1]) is False  # the UI has not taken the first
    assert mailbox.take_image() is images[1]  # only the newest is ever shown
    assert mailbox.put(frames[2], images[2]) is True
    number, newest, image = mailbox.wait_newer(0, timeout=0)
    assert number == 3 and newest is frames[2] and image is images[2]
    assert mailbox.wait_newer(3, timeout=0) is None
    mailbox.close()
    assert mailbox.wait_newer(0, timeout=5) is None  # closed: returns at once


class CountingSource(SyntheticFrameSource):
    def __init__(self) -> None:
        super().__init__([])
        self.reads = 0
        self._read = threading.Condition()

    def read(self) -> np.ndarray | None:
        frame = super().read()
        with self._read:
            self.reads += 1
            frame[0, 0] = (self.reads % 256, self.reads // 256 % 256, 0)  # the frame's number
            self._read.notify_all()
        return frame

    def wait_for_reads(self, count: int) -> None:
        """Block this (UI) thread, delivering no Qt events, until `count` frames were read."""
        with self._read:
            assert self._read.wait_for(lambda: self.reads >= count, timeout=5)


def test_a_slow_decoder_skips_frames_instead_of_queueing_them(qtbot):
    decoded_numbers: list[int] = []

    def slow_detect(frame: np.ndarray) -> list[QrCode]:
        time.sleep(0.1)  # a decoder far slower than the camera (on the decode thread)
        decoded_numbers.append(int(frame[0, 0, 0]) + 256 * int(frame[0, 0, 1]))
        return []

    source = CountingSource()
    pipeline = CameraPipeline(slow_detect, decode_interval_ms=10, max_fps=200)
    results = []
    pipeline.decoded.connect(lambda codes, image: results.append(image.size().toTuple()))
    pipeline.start(lambda: source)
    qtbot.waitUntil(lambda: len(results) >= 3, timeout=5000)
    pipeline.stop()
    assert pipeline.capture_thread.isFinished() and pipeline.decode_thread.isFinished()
    assert results[0] == (640, 480)
    assert source.reads > 2 * len(decoded_numbers)  # most frames were never decoded
    assert decoded_numbers == sorted(set(decoded_numbers))  # always a newer frame
    assert not source.is_open  # closed by the capture thread


def test_a_failing_source_is_reported_and_the_pipeline_stops(qtbot):
    class Broken(FrameSource):
        is_open = False

        def open(self) -> None:
            pass

        def read(self) -> np.ndarray | None:
            raise OSError("device vanished")

        def close(self) -> None:
            pass

    pipeline = CameraPipeline()
    errors = []
    pipeline.failed.connect(errors.append)
    pipeline.start(Broken)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    [error] = errors
    assert isinstance(error, CameraError) and error.problem is CameraProblem.UNAVAILABLE
    assert "device vanished" in str(error) and not pipeline.running
    assert pipeline.capture_thread.isFinished() and pipeline.decode_thread.isFinished()


def test_signals_of_a_stopped_camera_are_dropped(qtbot):
    pipeline = CameraPipeline()
    frames = []
    pipeline.frame.connect(frames.append)
    source = CountingSource()
    pipeline.start(lambda: source)
    qtbot.waitUntil(lambda: bool(frames), timeout=5000)
    # A read after the next one means the next frame's "ready" signal is queued, undelivered.
    source.wait_for_reads(source.reads + 2)
    pipeline.stop()
    count = len(frames)
    QApplication.processEvents()  # what the joined threads queued arrives now, and is dropped
    assert len(frames) == count
