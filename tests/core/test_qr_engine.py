"""The engine's pass logic with stand-in backends: order, stopping, budget, merging."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop_app.core.qr import Pass, QrCode, QrEngine
from desktop_app.core.qr.backends import Reading
from desktop_app.core.qr.engine import as_is, reading_order

FRAME = np.full((100, 200), 255, np.uint8)


def square(x: float, y: float, side: float = 10) -> QrCode:
    return QrCode("", ((x, y), (x + side, y), (x + side, y + side), (x, y + side)))


class FakeBackend:
    """Returns a fixed reading and counts calls."""

    def __init__(self, name: str, texts: list[str] = (), undecoded: list = ()) -> None:
        self.name = name
        self.calls = 0
        self.reading = Reading(
            [QrCode(t, square(20 * i, 0).corners) for i, t in enumerate(texts)],
            [square(*xy).corners for xy in undecoded],
        )

    def read(self, grey: np.ndarray) -> Reading:
        self.calls += 1
        return self.reading


def engine(*backends: FakeBackend, **options) -> QrEngine:
    return QrEngine([Pass(b.name, as_is, b) for b in backends], **options)


class FakeClock:
    """Each reading of the clock advances it by `step` seconds."""

    def __init__(self, step: float) -> None:
        self.now = 0.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def test_stops_at_the_first_pass_that_decodes_something() -> None:
    empty, hit, later = FakeBackend("a"), FakeBackend("b", ["B"]), FakeBackend("c", ["C"])
    scan = engine(empty, hit, later).scan(FRAME, budget_ms=math.inf)
    assert [c.text for c in scan.codes] == ["B"]
    assert (scan.found_by, scan.passes_run) == ("b", 2)
    assert later.calls == 0


def test_thorough_runs_every_pass_and_merges_without_duplicates() -> None:
    first, second = FakeBackend("a", ["A", "B"]), FakeBackend("b", ["B", "C"])
    scan = engine(first, second).scan(FRAME, budget_ms=math.inf, thorough=True)
    assert sorted(c.text for c in scan.codes) == ["A", "B", "C"]
    assert scan.found_by == "a"


def test_an_unread_symbol_elsewhere_keeps_the_search_going() -> None:
    first = FakeBackend("a", ["A"], undecoded=[(150, 50)])  # away from code A at (0, 0)
    second = FakeBackend("b", ["B"])
    texts = [c.text for c in engine(first, second).detect(FRAME, budget_ms=math.inf)]
    assert sorted(texts) == ["A", "B"]


def test_an_unread_symbol_inside_a_found_code_is_ignored() -> None:
    first = FakeBackend("a", ["A"], undecoded=[(2, 2, 5)])  # inside code A's square
    second = FakeBackend("b", ["B"])
    engine(first, second).detect(FRAME, budget_ms=math.inf)
    assert second.calls == 0


def test_no_pass_starts_once_the_budget_is_spent_but_the_first_always_runs() -> None:
    first, second = FakeBackend("a"), FakeBackend("b", ["B"])
    slow_clock = FakeClock(step=1.0)  # a second per reading: over any small budget
    scan = engine(first, second, clock=slow_clock, budget_ms=50).scan(FRAME)
    assert (first.calls, second.calls) == (1, 0)
    assert scan.codes == [] and scan.passes_run == 1


def test_every_pass_runs_while_the_budget_lasts() -> None:
    backends = [FakeBackend(str(i)) for i in range(5)]
    fast_clock = FakeClock(step=0.001)
    engine(*backends, clock=fast_clock, budget_ms=1000).scan(FRAME)
    assert [b.calls for b in backends] == [1] * 5


def test_an_explicit_budget_overrides_the_engines() -> None:
    first, second = FakeBackend("a"), FakeBackend("b", ["B"])
    qr_engine = engine(first, second, clock=FakeClock(step=1.0), budget_ms=10)
    assert qr_engine.decode(FRAME, budget_ms=math.inf) == ["B"]


def test_reading_order_is_rows_top_down_then_left_to_right() -> None:
    codes = [
        QrCode("bottom-left", square(0, 100, 50).corners),
        QrCode("top-right", square(200, 5, 50).corners),
        QrCode("top-left", square(0, 0, 50).corners),
        QrCode("top-middle-lower", square(100, 20, 50).corners),
    ]
    order = [c.text for c in reading_order(codes)]
    assert order == ["top-left", "top-middle-lower", "top-right", "bottom-left"]


@pytest.mark.parametrize(
    ("point", "inside"), [((5, 5), True), ((0, 0), True), ((11, 5), False), ((-1, -1), False)]
)
def test_a_code_knows_which_points_it_covers(point, inside) -> None:
    assert square(0, 0).contains(point) is inside
    reversed_winding = QrCode("", tuple(reversed(square(0, 0).corners)))
    assert reversed_winding.contains(point) is inside


def test_transformed_maps_a_view_back_to_the_full_image() -> None:
    code = QrCode("x", square(10, 20).corners).transformed(scale=0.5, dx=100, dy=200)
    assert code.corners[0] == (120.0, 240.0)
    assert code.corners[2] == (140.0, 260.0)
