"""The scan dialog's two worker threads: one reads camera frames, one decodes the newest.

Capture opens the FrameSource (seconds on some systems), then reads frames in a loop paced to at
most `max_fps`, turns each into a QImage (allowed off the UI thread; QPixmap is not) and puts it
in a one-slot mailbox. The UI thread hears "a frame is ready" once until it takes the frame, so a
busy UI never builds a backlog: it shows the newest frame and the rest are dropped.

Decode runs the QR engine at most every `decode_interval_ms` on the newest frame it has not seen;
frames that arrive meanwhile are skipped, never queued.

`stop()` stops and joins both threads; it is safe to call again, and from a `destroyed` handler.
Signals that were already queued when it ran are dropped, so a restart never mixes cameras.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import numpy as np
import shiboken6
from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtGui import QImage

from desktop_app.core import qr
from desktop_app.core.camera import CameraError, CameraProblem, FrameSource
from desktop_app.core.qr import QrCode, QrError
from desktop_app.ui.frame_image import frame_to_qimage

DECODE_INTERVAL_MS = 150
MAX_FPS = 30
Detector = Callable[[np.ndarray], list[QrCode]]


class LatestFrame:
    """A one-slot mailbox: the capture thread puts, the UI and the decoder read the newest."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._number = 0
        self._frame: np.ndarray | None = None
        self._image: QImage | None = None
        self._ui_notified = False
        self._closed = False

    def put(self, frame: np.ndarray, image: QImage) -> bool:
        """Store a frame; True when the UI must be told (it has taken the previous one)."""
        with self._changed:
            self._number += 1
            self._frame, self._image = frame, image
            notify = not self._ui_notified
            self._ui_notified = True
            self._changed.notify_all()
            return notify

    def take_image(self) -> QImage | None:
        with self._changed:
            self._ui_notified = False
            return self._image

    def wait_newer(self, seen: int, timeout: float) -> tuple[int, np.ndarray, QImage] | None:
        """The newest frame (and its image) after number `seen`, waiting up to `timeout` s;
        None if none came."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._number > seen, timeout)
            if self._closed or self._number <= seen or self._frame is None:
                return None
            assert self._image is not None
            return self._number, self._frame, self._image

    def close(self) -> None:
        with self._changed:
            self._closed = True
            self._changed.notify_all()


class _StoppableThread(QThread):
    def __init__(self) -> None:
        super().__init__()  # no Qt parent: the pipeline joins it before letting it go
        self._stop = threading.Event()

    def request_stop(self) -> None:
        self._stop.set()
        self.requestInterruption()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()


class CaptureThread(_StoppableThread):
    opened = Signal(str)  # the source's description
    failed = Signal(object)  # CameraError
    frame_ready = Signal()
    ended = Signal()  # a finite source (a video file without looping) has no more frames

    def __init__(self, open_source: Callable[[], FrameSource], mailbox: LatestFrame,
                 max_fps: float) -> None:  # fmt: skip
        super().__init__()
        self._open_source = open_source
        self._mailbox = mailbox
        self._frame_seconds = 1.0 / max_fps

    def run(self) -> None:
        source: FrameSource | None = None
        try:
            source = self._open_source()
            source.open()
            self.opened.emit(source.description)
            while not self.stopping:
                started = time.monotonic()
                frame = source.read()
                if frame is None:
                    self.ended.emit()
                    return
                if self._mailbox.put(frame, frame_to_qimage(frame)):
                    self.frame_ready.emit()
                # Files and synthetic sources could spin; a camera's read() paces itself.
                self._stop.wait(max(0.0, self._frame_seconds - (time.monotonic() - started)))
        except CameraError as exc:
            self.failed.emit(exc)
        except Exception as exc:  # a failing source must reach the person, not end silently
            self.failed.emit(CameraError(f"The camera failed: {exc}", CameraProblem.UNAVAILABLE))
        finally:
            if source is not None:
                source.close()


class DecodeThread(_StoppableThread):
    # list[QrCode], and the decoded frame's QImage: the UI may not have shown that frame yet,
    # and a code's outline belongs on the picture it was found in.
    decoded = Signal(object, QImage)

    def __init__(self, mailbox: LatestFrame, detect: Detector, interval_ms: int) -> None:
        super().__init__()
        self._mailbox = mailbox
        self._detect = detect
        self._interval = interval_ms / 1000

    def run(self) -> None:
        seen = 0
        while not self.stopping:
            newest = self._mailbox.wait_newer(seen, timeout=0.2)
            if newest is None:
                continue
            seen, frame, image = newest
            started = time.monotonic()
            try:
                codes = self._detect(frame)
            except QrError:
                codes = []
            self.decoded.emit(codes, image)
            self._stop.wait(max(0.0, self._interval - (time.monotonic() - started)))


class CameraPipeline(QObject):
    opened = Signal(str)
    failed = Signal(object)  # CameraError
    frame = Signal(QImage)
    decoded = Signal(object, QImage)  # list[QrCode], the frame they were found in
    ended = Signal()

    def __init__(self, detect: Detector = qr.detect, *,
                 decode_interval_ms: int = DECODE_INTERVAL_MS, max_fps: float = MAX_FPS,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._detect = detect
        self.decode_interval_ms = decode_interval_ms
        self.max_fps = max_fps
        self._mailbox: LatestFrame | None = None
        # The last threads started, kept after stop() so tests can check they finished.
        self.capture_thread: CaptureThread | None = None
        self.decode_thread: DecodeThread | None = None
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def start(self, open_source: Callable[[], FrameSource]) -> None:
        """Stop what runs, then open a new source on a fresh pair of threads."""
        self.stop()
        mailbox = LatestFrame()
        capture = CaptureThread(open_source, mailbox, self.max_fps)
        decode = DecodeThread(mailbox, self._detect, self.decode_interval_ms)
        guard = self._if_current
        capture.opened.connect(guard(capture, self.opened.emit))
        capture.failed.connect(guard(capture, self._on_failed))
        capture.ended.connect(guard(capture, self.ended.emit))
        capture.frame_ready.connect(guard(capture, lambda: self._on_frame(mailbox)))
        decode.decoded.connect(guard(capture, self.decoded.emit))
        self._mailbox, self.capture_thread, self.decode_thread = mailbox, capture, decode
        self._running = True
        capture.start()
        decode.start()

    def stop(self) -> None:
        """Stop and join both threads (a camera read in progress finishes first)."""
        self._running = False
        # At interpreter exit Qt may already have deleted joined threads: nothing left to stop.
        threads = [t for t in (self.capture_thread, self.decode_thread)
                   if t is not None and shiboken6.isValid(t)]  # fmt: skip
        for thread in threads:
            thread.request_stop()
        if self._mailbox is not None:
            self._mailbox.close()
        for thread in threads:
            thread.wait()

    def _if_current(
        self, capture: CaptureThread, action: Callable[..., object]
    ) -> Callable[..., None]:
        """`action`, run only while `capture` is the running capture thread. (Connected from
        the UI thread, so Qt queues these calls onto it.)"""

        def deliver(*args: object) -> None:
            if self._running and capture is self.capture_thread:
                action(*args)

        return deliver

    def _on_frame(self, mailbox: LatestFrame) -> None:
        image = mailbox.take_image()
        if image is not None:
            self.frame.emit(image)

    def _on_failed(self, error: CameraError) -> None:
        self.stop()
        self.failed.emit(error)
