"""The decoding engine: a first pass with the default backend, then cheap extra passes.

Most frames decode on the first pass, so the typical cost is one zxing-cpp call. When a pass
finds nothing (or sees a code it could not read), the engine tries the next recipe:
sharpening, doubling small frames, contrast equalisation, OpenCV's Aruco-based detector,
full-size tiles of huge frames. It starts no new pass once the time budget is spent. The list
and its order come from tests/bench/qr_bench.py (--tune prints what each pass rescues).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from desktop_app.core.qr.backends import OpenCvBackend, QrBackend, ZxingBackend
from desktop_app.core.qr.images import to_grey
from desktop_app.core.qr.model import QrCode, Quad

MAX_WORKING_SIDE = 2560  # larger frames are scanned downscaled first, then in full-size tiles
SMALL_FRAME_SIDE = 1280  # frames up to this size are worth doubling
OPENCV_SIDE = 1280  # OpenCV's detector is slow on big frames: give it at most this
DEFAULT_BUDGET_MS = 100.0
TILE_OVERLAP = 0.25


@dataclass(frozen=True)
class Frame:
    """The grey input at full size and the (possibly downscaled) copy most passes work on."""

    full: np.ndarray
    working: np.ndarray
    scale: float  # working = full resized by this factor


@dataclass(frozen=True)
class View:
    """One image a pass hands to a backend, and how to map its coordinates back."""

    image: np.ndarray
    scale: float  # view pixels per full-image pixel
    dx: float = 0.0
    dy: float = 0.0


Recipe = Callable[[Frame], Iterator[View]]


@dataclass(frozen=True)
class Pass:
    name: str
    recipe: Recipe
    backend: QrBackend


def _resized(frame: Frame, factor: float, interpolation: int) -> View:
    height, width = frame.working.shape
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    image = cv2.resize(frame.working, size, interpolation=interpolation)
    return View(image, frame.scale * size[0] / width)


def _unsharp(image: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    blurred = cv2.GaussianBlur(image, (0, 0), sigma)
    return cv2.addWeighted(image, 1.0 + amount, blurred, -amount, 0)


def as_is(frame: Frame) -> Iterator[View]:
    yield View(frame.working, frame.scale)


def sharpened(sigma: float, amount: float) -> Recipe:
    """Unsharp mask: restores module edges softened by focus or motion blur, and lifts the
    local contrast of a washed-out code as a side effect."""

    def recipe(frame: Frame) -> Iterator[View]:
        yield View(_unsharp(frame.working, sigma, amount), frame.scale)

    return recipe


def doubled(sigma: float = 0.0, amount: float = 0.0) -> Recipe:
    """Small or far-away codes have modules of 1-3 pixels; doubling (then optionally
    sharpening) gives the finder-pattern search enough pixels. Only for small frames."""

    def recipe(frame: Frame) -> Iterator[View]:
        if max(frame.working.shape) <= SMALL_FRAME_SIDE:
            view = _resized(frame, 2.0, cv2.INTER_CUBIC)
            if amount:
                view = View(_unsharp(view.image, sigma, amount), view.scale)
            yield view

    return recipe


def equalised(frame: Frame) -> Iterator[View]:
    """CLAHE lifts a low-contrast or unevenly lit code without blowing out the rest."""
    clahe = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))
    yield View(clahe.apply(frame.working), frame.scale)


def at_most(side: int) -> Recipe:
    """The working frame shrunk to `side` pixels at most (for slow backends)."""

    def recipe(frame: Frame) -> Iterator[View]:
        longest = max(frame.working.shape)
        if longest <= side:
            yield View(frame.working, frame.scale)
        else:
            yield _resized(frame, side / longest, cv2.INTER_AREA)

    return recipe


def tiles(frame: Frame) -> Iterator[View]:
    """Full-size pieces of a frame that had to be downscaled: a small code on a huge screen
    grab can vanish in the downscaled copy."""
    if frame.scale >= 1.0:
        return
    height, width = frame.full.shape
    step = int(MAX_WORKING_SIDE * (1 - TILE_OVERLAP))
    for top in range(0, max(1, height - MAX_WORKING_SIDE + step), step):
        for left in range(0, max(1, width - MAX_WORKING_SIDE + step), step):
            tile = frame.full[top : top + MAX_WORKING_SIDE, left : left + MAX_WORKING_SIDE]
            yield View(np.ascontiguousarray(tile), 1.0, left, top)


def default_passes() -> list[Pass]:
    """The passes in the order the benchmark found best: most rescues per millisecond first."""
    zxing = ZxingBackend()
    opencv = OpenCvBackend(aruco=hasattr(cv2, "QRCodeDetectorAruco"))
    return [
        Pass("zxing", as_is, zxing),
        Pass("zxing-tiles", tiles, zxing),  # costs nothing unless the frame was downscaled
        Pass("zxing-sharpened", sharpened(2.0, 2.0), zxing),
        Pass("zxing-doubled", doubled(), zxing),
        Pass("zxing-sharpened-more", sharpened(4.0, 3.0), zxing),
        Pass("zxing-equalised", equalised, zxing),
        Pass("zxing-doubled-sharpened", doubled(6.0, 3.0), zxing),
        Pass(opencv.name, at_most(OPENCV_SIDE), opencv),
    ]


def prepare(image: object, max_side: int = MAX_WORKING_SIDE) -> Frame:
    """Validate, convert to grey and downscale a frame for decoding; QrError when unusable."""
    full = to_grey(image)
    height, width = full.shape
    longest = max(height, width)
    if longest <= max_side:
        return Frame(full, full, 1.0)
    scale = max_side / longest
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    working = cv2.resize(full, size, interpolation=cv2.INTER_AREA)
    return Frame(full, working, size[0] / width)


def reading_order(codes: Sequence[QrCode]) -> list[QrCode]:
    """Codes in rows from top to bottom, each row left to right: a stable, natural order."""
    remaining = sorted(codes, key=lambda code: code.center[1])
    ordered: list[QrCode] = []
    while remaining:
        first = remaining[0]
        reach = first.center[1] + max(first.height, 1.0) / 2
        row = [code for code in remaining if code.center[1] <= reach]
        remaining = [code for code in remaining if code.center[1] > reach]
        ordered += sorted(row, key=lambda code: code.center[0])
    return ordered


def _centre(quad: Quad) -> tuple[float, float]:
    return sum(x for x, _ in quad) / 4, sum(y for _, y in quad) / 4


@dataclass(frozen=True)
class Scan:
    """What one call found, and which pass found it (for tuning and diagnostics)."""

    codes: list[QrCode]
    found_by: str  # name of the first pass that found a code; "" when none did
    passes_run: int


class QrEngine:
    """Decodes frames with a fixed list of passes under a time budget per frame.

    Safe to share between threads: it keeps no per-call state.
    """

    def __init__(
        self,
        passes: Sequence[Pass] | None = None,
        *,
        budget_ms: float = DEFAULT_BUDGET_MS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        self.passes = list(passes) if passes is not None else default_passes()
        self.budget_ms = budget_ms
        self._clock = clock

    def scan(
        self, image: object, *, budget_ms: float | None = None, thorough: bool = False
    ) -> Scan:
        """Every distinct QR code in the image, in reading order, with how it was found.

        The first pass always runs; later passes start only while the budget lasts
        (milliseconds; None means the engine's budget, math.inf no limit). The engine stops
        at the first pass that decodes something, unless that pass also located a code it
        could not read; `thorough` runs every pass in the budget, for one-off scans of files
        and screens where a code only a later pass reads is worth the wait.
        """
        budget = self.budget_ms if budget_ms is None else budget_ms
        start = self._clock()

        def over_budget() -> bool:
            return not math.isinf(budget) and (self._clock() - start) * 1000 >= budget

        frame = prepare(image)
        found: dict[str, QrCode] = {}
        found_by = ""
        passes_run = 0
        for step in self.passes:
            if passes_run and over_budget():
                break
            passes_run += 1
            unread: list[Quad] = []
            for view in step.recipe(frame):
                reading = step.backend.read(view.image)
                for code in reading.codes:
                    found.setdefault(code.text, code.transformed(view.scale, view.dx, view.dy))
                    found_by = found_by or step.name
                unread += [_mapped(quad, view) for quad in reading.undecoded]
                if passes_run > 1 and over_budget():
                    break  # between tiles: a many-tile pass must not overrun by much
            unread = [q for q in unread if not any(c.contains(_centre(q)) for c in found.values())]
            if found and not unread and not thorough:
                break
        return Scan(reading_order(list(found.values())), found_by, passes_run)

    def detect(
        self, image: object, *, budget_ms: float | None = None, thorough: bool = False
    ) -> list[QrCode]:
        return self.scan(image, budget_ms=budget_ms, thorough=thorough).codes

    def decode(
        self, image: object, *, budget_ms: float | None = None, thorough: bool = False
    ) -> list[str]:
        return [code.text for code in self.detect(image, budget_ms=budget_ms, thorough=thorough)]


def _mapped(quad: Quad, view: View) -> Quad:
    return QrCode("", quad).transformed(view.scale, view.dx, view.dy).corners
