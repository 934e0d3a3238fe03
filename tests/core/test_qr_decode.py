"""decode()/detect() on generated images of every kind a webcam, screen or file gives.

Damaged images are decoded with an unlimited budget so the result never depends on how fast
the machine is; the budget itself is tested with a fake clock.
"""

from __future__ import annotations

import math

import cv2
import numpy as np
import pytest

from desktop_app.core import qr
from desktop_app.core.qr import synth
from desktop_app.core.qr.engine import MAX_WORKING_SIDE, prepare

URI = "otpauth://totp/Acme:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Acme"
OTHER_URIS = [
    "otpauth://totp/Bank:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bank",
    "otpauth://hotp/Mail:carol?secret=MFRGGZDFMZTWQ2LK&counter=7",
]


def webcam_frame(
    texts: list[str],
    *,
    size: tuple[int, int] = (1280, 720),
    seed: int = 1,
    code_fraction: float = 0.45,
    angle: float = 20.0,
    tilt: float = 0.06,
) -> np.ndarray:
    rng = np.random.default_rng(seed)
    codes = [synth.render_qr(text) for text in texts]
    return synth.compose(
        codes, size, rng, code_fraction=code_fraction, max_angle=angle, tilt=tilt, jitter=0.02
    )


def decode_all(image: np.ndarray) -> list[str]:
    return qr.decode(image, budget_ms=math.inf)


def screen_grab(module_px: float, *, dark: bool = False) -> np.ndarray:
    """A 1920x1080 desktop with panels, text-like lines and one small code."""
    rng = np.random.default_rng(3)
    base, ink = (30, 220) if dark else (245, 30)
    frame = np.full((1080, 1920), base, np.uint8)
    for _ in range(200):
        x, y = int(rng.integers(0, 1800)), int(rng.integers(0, 1070))
        frame[y : y + 8, x : x + int(rng.integers(20, 100))] = ink
    code = synth.render_qr(URI, module_px=4)
    side = round(code.shape[0] * module_px / 4)
    small = cv2.resize(code, (side, side), interpolation=cv2.INTER_AREA)
    if dark:
        small = 255 - small
    frame[600 : 600 + side, 1400 : 1400 + side] = small
    return frame


def test_decodes_a_clean_generated_code() -> None:
    assert qr.decode(synth.render_qr(URI)) == [URI]


def test_decodes_a_code_filling_the_whole_image_without_quiet_zone_margin() -> None:
    assert decode_all(synth.render_qr(URI, border=1)) == [URI]


@pytest.mark.parametrize("size", [(640, 480), (1280, 720), (1920, 1080)])
def test_decodes_a_rotated_tilted_code_in_webcam_frames(size: tuple[int, int]) -> None:
    assert decode_all(webcam_frame([URI], size=size, angle=35, tilt=0.1)) == [URI]


def _rng() -> np.random.Generator:
    return np.random.default_rng(7)


DAMAGE = {
    "blur": lambda f: synth.gaussian_blur(f, 2.0),
    "motion blur": lambda f: synth.motion_blur(f, 9, 30.0),
    "noise": lambda f: synth.noise(f, 30, _rng()),
    "low contrast": lambda f: synth.contrast(f, 100, 135),
    "uneven light": lambda f: synth.uneven_light(f, 0.85, _rng()),
    "jpeg artefacts": lambda f: synth.jpeg(f, 10),
    "colour": lambda f: synth.colourise(f, (120, 40, 0), (200, 255, 255)),
    "inverted": lambda f: 255 - f,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_decodes_damaged_webcam_frames(damage) -> None:
    assert decode_all(damage(webcam_frame([URI]))) == [URI]


@pytest.mark.parametrize("module_px", [1.6, 2.0, 3.0])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark-inverted"])
def test_decodes_small_codes_in_screen_grabs(module_px: float, dark: bool) -> None:
    assert decode_all(screen_grab(module_px, dark=dark)) == [URI]


def test_several_codes_come_back_once_each_in_reading_order() -> None:
    texts = [URI, *OTHER_URIS]
    frame = webcam_frame(texts, size=(1920, 1080), angle=8, tilt=0.03)
    assert decode_all(frame) == texts


def test_codes_on_two_rows_are_ordered_top_row_first() -> None:
    code_a, code_b, code_c = (synth.render_qr(t, module_px=3) for t in [URI, *OTHER_URIS])
    canvas = np.full((900, 900), 255, np.uint8)
    canvas[500 : 500 + code_a.shape[0], 20 : 20 + code_a.shape[1]] = code_a
    canvas[30 : 30 + code_b.shape[0], 450 : 450 + code_b.shape[1]] = code_b
    canvas[40 : 40 + code_c.shape[0], 30 : 30 + code_c.shape[1]] = code_c
    assert decode_all(canvas) == [OTHER_URIS[1], OTHER_URIS[0], URI]


def test_the_same_code_twice_is_reported_once() -> None:
    code = synth.render_qr(URI, module_px=3)
    canvas = np.full((code.shape[0], code.shape[1] * 2 + 40), 255, np.uint8)
    canvas[:, : code.shape[1]] = code
    canvas[:, -code.shape[1] :] = code
    assert decode_all(canvas) == [URI]


def test_detect_gives_corners_in_the_callers_coordinates() -> None:
    code = synth.render_qr(URI, module_px=4, border=0)
    canvas = np.full((600, 800), 255, np.uint8)
    canvas[100 : 100 + code.shape[0], 300 : 300 + code.shape[1]] = code
    (found,) = qr.detect(canvas)
    xs = [x for x, _ in found.corners]
    ys = [y for _, y in found.corners]
    side = code.shape[0]
    assert min(xs) == pytest.approx(300, abs=4) and max(xs) == pytest.approx(300 + side, abs=4)
    assert min(ys) == pytest.approx(100, abs=4) and max(ys) == pytest.approx(100 + side, abs=4)


def test_corners_of_a_downscaled_huge_frame_map_back_to_full_size() -> None:
    code = synth.render_qr(URI, module_px=12)
    canvas = np.full((3000, 6000), 255, np.uint8)
    canvas[2000 : 2000 + code.shape[0], 4000 : 4000 + code.shape[1]] = code
    (found,) = qr.detect(canvas, budget_ms=math.inf)
    cx, cy = found.center
    assert cx == pytest.approx(4000 + code.shape[1] / 2, abs=15)
    assert cy == pytest.approx(2000 + code.shape[0] / 2, abs=15)


@pytest.mark.parametrize("channels", [1, 3, 4])
def test_accepts_grey_bgr_and_bgra_layouts(channels: int) -> None:
    grey = webcam_frame([URI], size=(640, 480))
    image = {
        1: grey[:, :, None],
        3: cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR),
        4: cv2.cvtColor(grey, cv2.COLOR_GRAY2BGRA),
    }[channels]
    assert qr.decode(image) == [URI]


def test_transparent_background_counts_as_white() -> None:
    code = synth.render_qr(URI)
    bgra = np.zeros((*code.shape, 4), np.uint8)  # black everywhere ...
    bgra[:, :, 3] = 255 - code  # ... but only the dark modules are opaque
    assert qr.decode(bgra) == [URI]


def test_non_contiguous_and_fortran_ordered_arrays_work() -> None:
    frame = webcam_frame([URI], size=(640, 480))
    assert qr.decode(np.asfortranarray(frame)) == [URI]
    doubled = np.repeat(np.repeat(frame, 2, axis=0), 2, axis=1)
    assert qr.decode(doubled[::2, ::2]) == [URI]


def test_an_image_without_a_code_gives_an_empty_list() -> None:
    assert decode_all(synth.background(480, 640, np.random.default_rng(0))) == []
    assert qr.decode(np.zeros((1, 1), np.uint8)) == []


def test_a_qr_holding_3_kb_of_junk_decodes_and_is_not_an_authenticator_code() -> None:
    junk = np.random.default_rng(5).bytes(2900)
    (text,) = decode_all(synth.render_qr(junk, module_px=3, error="l"))
    assert len(text) == 2900
    content = qr.classify(text)
    assert isinstance(content, qr.NotAuthenticatorQr)
    assert content.text == text


def first_pass_only(image: np.ndarray) -> list[str]:
    return qr.QrEngine(qr.default_engine().passes[:1]).decode(image, budget_ms=math.inf)


def test_a_10000_pixel_square_image_is_downscaled_and_its_small_code_found_in_tiles() -> None:
    huge = np.full((10_000, 10_000), 255, np.uint8)
    code = synth.render_qr(URI, module_px=4)
    huge[6000 : 6000 + code.shape[0], 2000 : 2000 + code.shape[1]] = code
    assert max(prepare(huge).working.shape) == MAX_WORKING_SIDE
    assert first_pass_only(huge) == []  # modules of 1 pixel after downscaling
    assert decode_all(huge) == [URI]


RESCUES = {
    "strong motion blur": lambda: synth.motion_blur(webcam_frame([URI]), 16, 60.0),
    "very low contrast": lambda: synth.contrast(webcam_frame([URI]), 100, 115),
    "small blurred code": lambda: synth.gaussian_blur(
        webcam_frame([URI], size=(640, 480), code_fraction=0.25), 1.2
    ),
}


@pytest.mark.parametrize("make_image", RESCUES.values(), ids=RESCUES.keys())
def test_extra_passes_read_what_the_first_pass_misses(make_image) -> None:
    # If a zxing-cpp upgrade reads one of these on its own, make that image harder: the point
    # is to prove the extra passes earn their time.
    image = make_image()
    assert first_pass_only(image) == []
    assert decode_all(image) == [URI]


def test_a_10000_pixel_square_colour_image_without_code_gives_nothing() -> None:
    assert qr.decode(np.full((10_000, 10_000, 3), 200, np.uint8)) == []


@pytest.mark.parametrize(
    ("image", "words"),
    [
        (np.zeros((10, 10), np.float32), "uint8"),
        (np.zeros((10, 10), np.uint16), "uint8"),
        (np.zeros((10, 10), bool), "uint8"),
        (np.zeros(100, np.uint8), "shape (100,)"),
        (np.zeros((10, 10, 2), np.uint8), "shape (10, 10, 2)"),
        (np.zeros((10, 10, 5), np.uint8), "H×W×4"),
        (np.zeros((2, 10, 10, 3), np.uint8), "shape (2, 10, 10, 3)"),
        (np.zeros((0, 10), np.uint8), "empty"),
        ([[0, 255], [255, 0]], "numpy image array, not list"),
        (None, "not NoneType"),
        (b"\x89PNG", "not bytes"),
    ],
)
def test_unusable_arrays_raise_qr_error_saying_what_is_wrong(image: object, words: str) -> None:
    with pytest.raises(qr.QrError, match=None) as caught:
        qr.decode(image)  # type: ignore[arg-type]
    assert words in str(caught.value)


def test_decode_still_reads_every_code_of_a_4k_bgra_screen_grab() -> None:
    # As QScreen.grabWindow gives it: BGRA, opaque, a 4K desktop downscaled for the first pass.
    screen = np.full((2160, 3840), 240, np.uint8)
    for x, text in ((300, URI), (3000, OTHER_URIS[0])):
        code = synth.render_qr(text, module_px=2)
        screen[1500 : 1500 + code.shape[0], x : x + code.shape[1]] = code
    grab = cv2.cvtColor(screen, cv2.COLOR_GRAY2BGRA)
    assert qr.decode_still(grab) == [URI, OTHER_URIS[0]]
