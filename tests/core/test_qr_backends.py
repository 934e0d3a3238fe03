"""Each decoding library on its own, for real: zxing-cpp, pyzbar (libzbar0), OpenCV."""

from __future__ import annotations

import sys

import cv2
import numpy as np
import pytest

from desktop_app.core import qr
from desktop_app.core.qr import backends, synth

URI = "otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme"


def framed_code(content: str | bytes = URI, module_px: int = 4) -> tuple[np.ndarray, int]:
    """The code on a larger canvas (OpenCV's classic detector needs room around it)."""
    code = synth.render_qr(content, module_px=module_px, border=0)
    canvas = np.full((code.shape[0] + 200, code.shape[1] + 300), 255, np.uint8)
    canvas[100 : 100 + code.shape[0], 150 : 150 + code.shape[1]] = code
    return canvas, code.shape[0]


def camera_like_frame() -> np.ndarray:
    """A code turned by a few degrees in an 800x600 frame, centred at (400, 300).

    OpenCV's classic detector misses many perfectly upright synthetic codes (see the
    benchmark); a slightly turned, slightly soft code is what a camera gives anyway.
    """
    rng = np.random.default_rng(2)
    frame = synth.compose([synth.render_qr(URI)], (800, 600), rng, code_fraction=0.6, max_angle=10)
    return synth.gaussian_blur(frame, 0.8)


@pytest.mark.parametrize("name", qr.BACKEND_NAMES)
def test_every_backend_reads_a_code_and_locates_it(name: str) -> None:
    reading = qr.make_backend(name).read(camera_like_frame())
    assert [code.text for code in reading.codes] == [URI]
    cx, cy = reading.codes[0].center
    assert cx == pytest.approx(400, abs=6)
    assert cy == pytest.approx(300, abs=6)


@pytest.mark.parametrize("name", qr.BACKEND_NAMES)
def test_every_backend_gives_an_empty_reading_for_a_blank_image(name: str) -> None:
    assert qr.make_backend(name).read(np.full((300, 400), 255, np.uint8)).codes == []


@pytest.mark.parametrize("name", qr.BACKEND_NAMES)
def test_binary_content_comes_back_as_text_without_error(name: str) -> None:
    image, _ = framed_code(bytes(range(256)) * 2, module_px=3)
    texts = [code.text for code in qr.make_backend(name).read(image).codes]
    assert len(texts) <= 1  # some libraries give up on binary codes; none may raise
    if texts:
        assert len(texts[0]) >= 256


def test_pyzbar_is_available_where_the_tests_run() -> None:
    # ./dev test installs the zbar extra and libzbar0, so the optional backend is tested here.
    assert qr.pyzbar_available()
    assert "pyzbar" in qr.available_backends()


def test_available_backends_lead_with_zxing_and_all_can_be_made() -> None:
    names = qr.available_backends()
    assert names[0] == "zxing"
    assert {"zxing", "opencv"} <= set(names)
    for name in names:
        assert qr.make_backend(name).name == name


def test_an_unknown_backend_name_is_a_qr_error() -> None:
    with pytest.raises(qr.QrError, match="unknown QR backend 'quirc'"):
        qr.make_backend("quirc")


@pytest.fixture
def without_pyzbar(monkeypatch):
    """As on a machine where pyzbar is not installed (or libzbar does not load)."""
    backends._pyzbar_module.cache_clear()
    monkeypatch.setitem(sys.modules, "pyzbar", None)  # the import now raises ImportError
    yield
    backends._pyzbar_module.cache_clear()


@pytest.mark.usefixtures("without_pyzbar")
def test_without_pyzbar_the_backend_is_absent_and_asking_for_it_explains() -> None:
    assert not qr.pyzbar_available()
    assert "pyzbar" not in qr.available_backends()
    with pytest.raises(qr.QrError, match="libzbar0"):
        qr.make_backend("pyzbar")
    image, _ = framed_code()
    assert qr.decode(image) == [URI]  # the default engine does not need it


def test_an_engine_can_lead_with_an_opt_in_backend() -> None:
    engine = qr.engine_for_backend("pyzbar")
    assert engine.passes[0].name == "pyzbar"
    image, _ = framed_code()
    scan = engine.scan(image)
    assert ([c.text for c in scan.codes], scan.found_by) == ([URI], "pyzbar")


@pytest.mark.parametrize("name", ["opencv", "opencv-aruco"])
def test_an_opencv_failure_inside_a_frame_reads_as_no_code(monkeypatch, name: str) -> None:
    backend = qr.make_backend(name)

    class Broken:
        def detectAndDecodeBytes(self, image):
            raise cv2.error("simulated failure")

        detectAndDecodeBytesMulti = detectAndDecodeBytes

    monkeypatch.setattr(backend, "_detector", Broken)
    assert backend.read(camera_like_frame()).codes == []


def test_zxing_reports_a_located_but_unreadable_code_as_undecoded() -> None:
    image, side = framed_code(module_px=6)
    # Wipe a band through the middle: finder patterns stay, too much data is lost.
    image[100 + side // 3 : 100 + 2 * side // 3, 150 + side // 4 : 150 + 3 * side // 4] = 255
    reading = qr.make_backend("zxing").read(image)
    assert reading.codes == []
    assert len(reading.undecoded) >= 1
