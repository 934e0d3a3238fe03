"""Frame sources: synthetic, image and video files, and OpenCvCamera with a video file standing
in for a device (cv2.VideoCapture opens both). No real webcam is used."""

from __future__ import annotations

import sys

import cv2
import numpy as np
import pytest

from desktop_app.core import camera, qr
from desktop_app.core.camera import (
    CameraError,
    CameraProblem,
    FileFrameSource,
    OpenCvCamera,
    SyntheticFrameSource,
)
from desktop_app.core.qr import synth

URI = "otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme"
OTHER = "otpauth://totp/Bank:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Bank"
VIDEO_FRAMES = 6


@pytest.fixture
def video_file(tmp_path):
    """A short MJPG video: two blank frames, then frames showing the code."""
    path = tmp_path / "scan.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (640, 480))
    assert writer.isOpened()
    with SyntheticFrameSource([URI], rotation=10, seed=3) as source:
        code_frames = [source.read() for _ in range(VIDEO_FRAMES - 2)]
    blank = np.full((480, 640, 3), 128, np.uint8)
    for frame in [blank, blank, *code_frames]:
        writer.write(frame)
    writer.release()
    return path


def read_all(source: camera.FrameSource, limit: int = 100) -> list[np.ndarray]:
    frames = []
    while len(frames) < limit and (frame := source.read()) is not None:
        frames.append(frame)
    return frames


def test_synthetic_frames_are_bgr_show_the_codes_and_repeat_by_seed() -> None:
    options = {"size": (800, 600), "rotation": 25, "perspective": 0.08, "blur": 1.0, "noise": 8}
    with SyntheticFrameSource([URI, OTHER], seed=4, frame_count=3, **options) as source:
        frames = read_all(source)
    assert len(frames) == 3
    assert all(f.shape == (600, 800, 3) and f.dtype == np.uint8 for f in frames)
    assert not np.array_equal(frames[0], frames[1])  # each frame moves a little
    for frame in frames:
        assert qr.decode(frame) == [URI, OTHER]
    with SyntheticFrameSource([URI, OTHER], seed=4, frame_count=1, **options) as again:
        assert np.array_equal(again.read(), frames[0])


def test_a_synthetic_source_without_texts_shows_no_code() -> None:
    with SyntheticFrameSource([], frame_count=1) as source:
        assert qr.decode(source.read()) == []


def test_a_synthetic_source_with_too_much_text_fails_to_open() -> None:
    with pytest.raises(CameraError, match="cannot draw the QR code") as caught:
        SyntheticFrameSource(["x" * 8000]).open()
    assert caught.value.problem is CameraProblem.BAD_SOURCE


def test_reading_a_closed_source_is_an_error() -> None:
    source = SyntheticFrameSource([URI])
    with pytest.raises(CameraError, match="not open"):
        source.read()
    with source:
        assert source.is_open
    assert not source.is_open
    source.close()  # closing twice is harmless


def test_an_image_file_repeats_or_ends(tmp_path) -> None:
    path = tmp_path / "code.png"
    cv2.imwrite(str(path), synth.render_qr(URI))
    with FileFrameSource(path) as looping:
        first, second = looping.read(), looping.read()
    assert first.ndim == 3 and np.array_equal(first, second) and first is not second
    assert qr.decode(first) == [URI]
    with FileFrameSource(path, loop=False) as once:
        assert len(read_all(once)) == 1


def test_a_video_file_plays_to_its_end_or_loops(video_file) -> None:
    with FileFrameSource(video_file, loop=False) as once:
        frames = read_all(once)
    assert len(frames) == VIDEO_FRAMES
    assert qr.decode(frames[0]) == []
    assert qr.decode(frames[-1]) == [URI]
    with FileFrameSource(video_file) as looping:
        assert len(read_all(looping, limit=VIDEO_FRAMES * 2 + 1)) == VIDEO_FRAMES * 2 + 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [("missing.avi", None, "no such file"), ("notes.png", b"hello", "not an image file")],
)
def test_unreadable_files_raise_camera_error(tmp_path, name, content, message) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CameraError, match=message) as caught:
        FileFrameSource(path).open()
    assert caught.value.problem is CameraProblem.BAD_SOURCE


def test_a_video_file_stands_in_for_a_camera_device(video_file) -> None:
    device = OpenCvCamera(str(video_file), resolution=(1280, 720))
    with device:
        assert device.frame_size == (640, 480)  # a file ignores the requested resolution
        frames = read_all(device)
    assert not device.is_open and device.frame_size is None
    assert len(frames) == VIDEO_FRAMES  # the frame read at open time is not lost
    found = [texts for frame in frames if (texts := qr.decode(frame))]
    assert found and found[0] == [URI]


def test_a_camera_index_that_does_not_exist_says_no_camera() -> None:
    if sys.platform.startswith("linux"):
        expected = CameraProblem.NO_CAMERA
    else:
        expected = CameraProblem.UNAVAILABLE
    with pytest.raises(CameraError) as caught:
        OpenCvCamera(97).open()
    assert caught.value.problem is expected
    assert "camera" in str(caught.value).lower()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads Linux device nodes")
def test_a_linux_device_that_cannot_be_opened_is_explained(tmp_path, monkeypatch) -> None:
    node = tmp_path / "video5"
    node.write_bytes(b"")
    monkeypatch.setattr(camera, "_linux_device", lambda index: node)
    monkeypatch.setattr(camera.os, "access", lambda path, mode: False)
    with pytest.raises(CameraError, match="video' group") as denied:
        OpenCvCamera(5, backends=[cv2.CAP_V4L2]).open()
    assert denied.value.problem is CameraProblem.PERMISSION_DENIED
    monkeypatch.setattr(camera.os, "access", lambda path, mode: True)
    with pytest.raises(CameraError, match="in use by another program") as busy:
        OpenCvCamera(5, backends=[cv2.CAP_V4L2]).open()
    assert busy.value.problem is CameraProblem.BUSY


def test_no_cameras_are_listed_where_none_exists(monkeypatch) -> None:
    monkeypatch.setattr(camera, "_linux_device", lambda index: camera.Path("/nonexistent/video"))
    monkeypatch.setattr(camera.sys, "platform", "linux")
    assert camera.list_cameras() == []


def test_a_device_that_opens_is_listed(monkeypatch, video_file) -> None:
    # Stand a video file in for /dev/video1: VideoCapture(1) becomes VideoCapture(file).
    real_capture = cv2.VideoCapture
    monkeypatch.setattr(camera.sys, "platform", "linux")
    monkeypatch.setattr(
        camera,
        "_linux_device",
        lambda index: video_file if index == 1 else camera.Path("/nonexistent"),
    )
    monkeypatch.setattr(
        camera.cv2,
        "VideoCapture",
        lambda device, *backend: real_capture(str(video_file) if device == 1 else "/nonexistent"),
    )
    assert [c.index for c in camera.list_cameras()] == [1]


@pytest.mark.parametrize(
    ("platform", "first"),
    [("win32", cv2.CAP_DSHOW), ("linux", cv2.CAP_V4L2), ("darwin", cv2.CAP_AVFOUNDATION)],
)
def test_backends_prefer_the_fast_opening_one_for_each_platform(platform, first, monkeypatch):
    monkeypatch.setattr(camera.cv2.videoio_registry, "hasBackend", lambda backend: True)
    backends = camera.preferred_backends(platform)
    assert backends[0] == first and backends[-1] == cv2.CAP_ANY


def test_core_imports_no_qt() -> None:
    import subprocess

    code = (
        "import sys, desktop_app.core.camera, desktop_app.core.qr, desktop_app.core.importers;"
        "print([m for m in sys.modules if m.startswith(('PySide6', 'PyQt'))])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


class FakeCapture:
    """A device that opens; `frames` says what each read() returns."""

    def __init__(self, frames: list[np.ndarray | None]) -> None:
        self.frames = frames
        self.released = False

    def isOpened(self) -> bool:
        return True

    def set(self, prop: int, value: float) -> bool:
        return True

    def read(self):
        frame = self.frames.pop(0) if self.frames else None
        return frame is not None, frame

    def release(self) -> None:
        self.released = True


def test_a_device_that_opens_but_sends_nothing_is_reported_busy(monkeypatch) -> None:
    capture = FakeCapture([None])
    monkeypatch.setattr(camera.cv2, "VideoCapture", lambda *args: capture)
    with pytest.raises(CameraError, match="sends no picture") as caught:
        OpenCvCamera(0).open()
    assert caught.value.problem is CameraProblem.BUSY
    assert capture.released


def test_a_device_that_stops_mid_stream_is_reported(monkeypatch) -> None:
    grey = np.zeros((48, 64), np.uint8)
    capture = FakeCapture([grey, grey, None])
    monkeypatch.setattr(camera.cv2, "VideoCapture", lambda *args: capture)
    with OpenCvCamera(0) as device:
        assert device.read().shape == (48, 64, 3)  # grey devices still give BGR frames
        assert device.read().shape == (48, 64, 3)
        with pytest.raises(CameraError, match="stopped sending pictures") as caught:
            device.read()
    assert caught.value.problem is CameraProblem.STOPPED
    assert capture.released
