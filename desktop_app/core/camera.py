"""Frame sources for QR scanning: a camera through OpenCV, an image or video file, synthetic codes.

Every source gives BGR uint8 numpy frames through open()/read()/close() and works as a context
manager. Opening a camera can take seconds (Windows' Media Foundation especially), so call
open() from a worker thread; nothing here touches Qt. A source is used by one thread at a time.
"""

from __future__ import annotations

import contextlib
import os
import sys
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Self

import cv2
import numpy as np

from desktop_app.core.qr import QrError, synth
from desktop_app.core.qr.images import load_image_file

DEFAULT_RESOLUTION = (1280, 720)
MAX_PROBED_INDEX = 8  # cameras are numbered from 0; more than 8 on one machine is rare
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".webp", ".tif", ".tiff"})


class CameraProblem(StrEnum):
    NO_CAMERA = "no-camera"
    BUSY = "busy"
    PERMISSION_DENIED = "permission-denied"
    UNAVAILABLE = "unavailable"  # opening failed and the system does not say why
    STOPPED = "stopped"  # it was working and stopped sending frames (unplugged?)
    BAD_SOURCE = "bad-source"  # a file or synthetic source that cannot give frames


class CameraError(RuntimeError):
    """A frame source that cannot be opened or read; the message says what to do."""

    def __init__(self, message: str, problem: CameraProblem) -> None:
        super().__init__(message)
        self.problem = problem


class FrameSource(ABC):
    """open() once, read() frames (None when a finite source has ended), close() always."""

    description: str = ""

    @abstractmethod
    def open(self) -> None: ...

    @abstractmethod
    def read(self) -> np.ndarray | None:
        """The next BGR frame; None when the source has no more. Raises CameraError."""

    @abstractmethod
    def close(self) -> None:
        """Release the device or file; safe to call more than once."""

    @property
    @abstractmethod
    def is_open(self) -> bool: ...

    def __enter__(self) -> Self:
        if not self.is_open:
            self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _require_open(self) -> None:
        if not self.is_open:
            raise CameraError(
                f"{self.description or 'the source'} is not open", CameraProblem.STOPPED
            )


def as_bgr(frame: np.ndarray) -> np.ndarray:
    """A 3-channel BGR frame from a grey, BGR or BGRA one."""
    if frame.ndim == 2:
        return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
    if frame.shape[2] == 4:
        return cv2.cvtColor(frame, cv2.COLOR_BGRA2BGR)
    return frame


@contextlib.contextmanager
def _quiet_opencv() -> Iterator[None]:
    """Silence OpenCV's warnings while probing: a missing camera is an expected answer here,
    not something to print on the terminal."""
    logging = cv2.utils.logging
    level = logging.getLogLevel()
    logging.setLogLevel(logging.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        logging.setLogLevel(level)


def preferred_backends(platform: str = sys.platform) -> list[int]:
    """OpenCV capture backends to try, fastest to open first, for this platform."""
    if platform.startswith("win"):
        # DirectShow opens in well under a second; Media Foundation can take many seconds.
        wanted = [cv2.CAP_DSHOW, cv2.CAP_MSMF]
    elif platform == "darwin":
        wanted = [cv2.CAP_AVFOUNDATION]
    else:
        wanted = [cv2.CAP_V4L2]
    usable = [b for b in wanted if cv2.videoio_registry.hasBackend(b)]
    return [*usable, cv2.CAP_ANY]


@dataclass(frozen=True)
class CameraInfo:
    index: int
    name: str


def _linux_device(index: int) -> Path:
    return Path(f"/dev/video{index}")


def _linux_camera_name(index: int) -> str:
    try:
        return Path(f"/sys/class/video4linux/video{index}/name").read_text().strip()
    except OSError:
        return f"Camera {index}"


def list_cameras(max_index: int = MAX_PROBED_INDEX) -> list[CameraInfo]:
    """Cameras that open and give a frame, by index. Slow (opens each): use a worker thread."""
    if sys.platform.startswith("linux"):
        candidates = [i for i in range(max_index) if _linux_device(i).exists()]
    else:
        candidates = list(range(max_index))
    found = []
    fastest = preferred_backends()[:1]  # a second, slower backend per missing index adds up
    for index in candidates:
        camera = OpenCvCamera(index, resolution=None, backends=fastest)
        try:
            camera.open()
        except CameraError:
            continue
        finally:
            camera.close()
        name = _linux_camera_name(index) if sys.platform.startswith("linux") else f"Camera {index}"
        found.append(CameraInfo(index, name))
    return found


def _why_camera_failed(index: int) -> CameraError:
    """The clearest error we can give for a camera index that did not open."""
    if sys.platform.startswith("linux"):
        device = _linux_device(index)
        if not device.exists():
            return CameraError(
                f"No camera found (there is no {device}). Connect a camera, or scan from the "
                "screen or an image file instead.",
                CameraProblem.NO_CAMERA,
            )
        if not os.access(device, os.R_OK | os.W_OK):
            return CameraError(
                f"Permission denied for {device}. Add your user to the 'video' group "
                "(sudo usermod -aG video $USER), then log out and in again.",
                CameraProblem.PERMISSION_DENIED,
            )
        return CameraError(
            f"The camera {device} could not be opened; it may be in use by another program. "
            "Close that program and try again.",
            CameraProblem.BUSY,
        )
    privacy = (
        "Settings > Privacy & security > Camera"
        if sys.platform.startswith("win")
        else "System Settings > Privacy & Security > Camera"
    )
    return CameraError(
        f"Camera {index} could not be opened. Check that a camera is connected, that no other "
        f"program is using it, and that this app may use the camera ({privacy}).",
        CameraProblem.UNAVAILABLE,
    )


class OpenCvCamera(FrameSource):
    """A camera by index (0 is the default one), or a video file or stream URL by name.

    A file name stands in for a device in tests: OpenCV opens both through VideoCapture.
    """

    def __init__(
        self,
        device: int | str | os.PathLike[str] = 0,
        *,
        resolution: tuple[int, int] | None = DEFAULT_RESOLUTION,
        backends: Sequence[int] | None = None,
    ) -> None:
        self.device = device if isinstance(device, int) else os.fspath(device)
        self.resolution = resolution
        self.backends = list(backends) if backends is not None else preferred_backends()
        self.description = f"camera {device}" if isinstance(device, int) else str(self.device)
        self._capture: cv2.VideoCapture | None = None
        self._first_frame: np.ndarray | None = None

    @property
    def is_open(self) -> bool:
        return self._capture is not None

    @property
    def frame_size(self) -> tuple[int, int] | None:
        """(width, height) the device actually delivers, once open."""
        if self._capture is None:
            return None
        width = int(self._capture.get(cv2.CAP_PROP_FRAME_WIDTH))
        height = int(self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT))
        return width, height

    def _open_capture(self) -> cv2.VideoCapture | None:
        if isinstance(self.device, str):
            capture = cv2.VideoCapture(self.device)
            return capture if capture.isOpened() else None
        for backend in self.backends:
            capture = cv2.VideoCapture(self.device, backend)
            if capture.isOpened():
                return capture
            capture.release()
        return None

    def open(self) -> None:
        if self.is_open:
            return
        with _quiet_opencv():
            capture = self._open_capture()
        if capture is None:
            if isinstance(self.device, str):
                raise CameraError(
                    f"{self.device}: cannot be opened as a video", CameraProblem.BAD_SOURCE
                )
            raise _why_camera_failed(self.device)
        if self.resolution is not None:
            width, height = self.resolution
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
        # A device another program holds often opens but gives no frame: read one now so the
        # caller hears "busy" at open time, not a silent black preview.
        ok, frame = capture.read()
        if not ok or frame is None:
            capture.release()
            if isinstance(self.device, str):
                raise CameraError(f"{self.device}: holds no frames", CameraProblem.BAD_SOURCE)
            raise CameraError(
                f"Camera {self.device} opened but sends no picture; it may be in use by another "
                "program. Close that program and try again.",
                CameraProblem.BUSY,
            )
        self._capture = capture
        self._first_frame = as_bgr(frame)

    def read(self) -> np.ndarray | None:
        self._require_open()
        assert self._capture is not None
        if self._first_frame is not None:
            frame, self._first_frame = self._first_frame, None
            return frame
        ok, frame = self._capture.read()
        if ok and frame is not None:
            return as_bgr(frame)
        if isinstance(self.device, str):
            return None  # end of the video
        raise CameraError(
            f"Camera {self.device} stopped sending pictures (was it unplugged?)",
            CameraProblem.STOPPED,
        )

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
        self._capture = None
        self._first_frame = None


class FileFrameSource(FrameSource):
    """Frames from an image file (the same picture every read) or a video file.

    With `loop` a video starts again at its end and an image repeats forever; without it,
    read() returns None after the last frame (after the one frame of an image).
    """

    def __init__(self, path: str | os.PathLike[str], *, loop: bool = True) -> None:
        self.path = Path(path)
        self.loop = loop
        self.description = str(self.path)
        self._image: np.ndarray | None = None
        self._video: OpenCvCamera | None = None
        self._image_given = False

    @property
    def is_open(self) -> bool:
        return self._image is not None or self._video is not None

    def open(self) -> None:
        if self.is_open:
            return
        if not self.path.is_file():
            raise CameraError(f"{self.path}: no such file", CameraProblem.BAD_SOURCE)
        if self.path.suffix.lower() in IMAGE_SUFFIXES:
            self._open_image()
            return
        video = OpenCvCamera(self.path, resolution=None)
        try:
            video.open()
        except CameraError:
            self._open_image()  # not a video OpenCV can read: perhaps an image without suffix
            return
        self._video = video

    def _open_image(self) -> None:
        try:
            self._image = as_bgr(load_image_file(self.path))
        except QrError as exc:
            raise CameraError(str(exc), CameraProblem.BAD_SOURCE) from None
        self._image_given = False

    def read(self) -> np.ndarray | None:
        self._require_open()
        if self._image is not None:
            if self._image_given and not self.loop:
                return None
            self._image_given = True
            return self._image.copy()
        assert self._video is not None
        frame = self._video.read()
        if frame is None and self.loop:
            self._video.close()
            self._video.open()  # reopening is more reliable than seeking to frame 0
            frame = self._video.read()
        return frame

    def close(self) -> None:
        if self._video is not None:
            self._video.close()
        self._video = None
        self._image = None


class SyntheticFrameSource(FrameSource):
    """Frames showing the given texts as QR codes, each frame slightly different, as a hand-held
    code in front of a camera would be. For tests and the scan dialog's test mode.

    `rotation` (degrees), `perspective` (corner shift, fraction of the code size), `blur`
    (Gaussian sigma, pixels) and `noise` (grey levels) set the damage; `seed` makes the
    sequence repeatable; `frame_count` ends the source after that many frames.
    """

    def __init__(
        self,
        texts: Sequence[str],
        *,
        size: tuple[int, int] = (640, 480),
        code_fraction: float = 0.6,
        rotation: float = 0.0,
        perspective: float = 0.0,
        blur: float = 0.0,
        noise: float = 0.0,
        seed: int = 0,
        frame_count: int | None = None,
    ) -> None:
        self.texts = list(texts)
        self.size = size
        self.code_fraction = code_fraction
        self.rotation = rotation
        self.perspective = perspective
        self.blur = blur
        self.noise = noise
        self.seed = seed
        self.frame_count = frame_count
        self.description = "synthetic camera"
        self._codes: list[np.ndarray] | None = None
        self._rng = np.random.default_rng(seed)
        self._frames_given = 0

    @property
    def is_open(self) -> bool:
        return self._codes is not None

    def open(self) -> None:
        if self.is_open:
            return
        try:
            self._codes = [synth.render_qr(text) for text in self.texts]
        except (ValueError, TypeError) as exc:  # segno: too much data for a QR code
            raise CameraError(f"cannot draw the QR code: {exc}", CameraProblem.BAD_SOURCE) from None
        self._rng = np.random.default_rng(self.seed)
        self._frames_given = 0

    def read(self) -> np.ndarray | None:
        self._require_open()
        assert self._codes is not None
        if self.frame_count is not None and self._frames_given >= self.frame_count:
            return None
        self._frames_given += 1
        frame = synth.compose(
            self._codes,
            self.size,
            self._rng,
            code_fraction=self.code_fraction,
            max_angle=self.rotation,
            tilt=self.perspective,
            jitter=0.03,
        )
        frame = synth.gaussian_blur(frame, self.blur)
        if self.noise:
            frame = synth.noise(frame, self.noise, self._rng)
        return as_bgr(frame)

    def close(self) -> None:
        self._codes = None
