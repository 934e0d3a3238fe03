"""Deadlines on an injected clock: the throttle countdown and the next auto-refresh.

No timers here: the window's heartbeat asks `remaining(now)` once a second, and tests move a
fake clock instead of sleeping.
"""

from __future__ import annotations

import math
from collections.abc import Callable

Clock = Callable[[], float]


class Deadline:
    """A moment in the future, or none. `remaining` counts whole seconds, rounded up."""

    def __init__(self) -> None:
        self._at: float | None = None

    def start(self, now: float, seconds: float) -> None:
        self._at = now + seconds

    def clear(self) -> None:
        self._at = None

    @property
    def active(self) -> bool:
        return self._at is not None

    def remaining(self, now: float) -> int:
        if self._at is None:
            return 0
        return max(0, math.ceil(self._at - now))

    def passed(self, now: float) -> bool:
        """True once the deadline is reached (False while none is set)."""
        return self._at is not None and now >= self._at
