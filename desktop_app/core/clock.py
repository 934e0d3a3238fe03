"""Time as a dependency, and a check that the computer's clock is plausible.

Everything that depends on "now" (codes, countdowns, clipboard clearing, idle lock) takes a
`Clock`: any callable returning epoch seconds. Production passes `time.time`; tests pass an
object they can move forward without sleeping.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]

# This code did not exist before this date, so a clock showing an earlier time is certainly wrong
# (a dead CMOS battery typically resets to 1970 or 2000).
NOT_BEFORE = datetime(2025, 1, 1, tzinfo=UTC).timestamp()
# Servers usually accept one step either side; beyond 15 s codes start failing near the edges.
MAX_SKEW_SECONDS = 15.0


class ClockCheck:
    """Decides whether to warn that the system clock looks wrong.

    `set_reference_time(epoch)` is the hook for a trusted time source (the Sigma panel will feed
    it the server's Date); until then only the "before this app existed" check applies.
    """

    def __init__(self, clock: Clock, not_before: float = NOT_BEFORE) -> None:
        self._clock = clock
        self._not_before = not_before
        self._skew: float | None = None

    def set_reference_time(self, reference_epoch: float) -> None:
        """Record a trusted "now" (e.g. a server's time) taken at the current local instant."""
        self._skew = self._clock() - reference_epoch

    def clear_reference(self) -> None:
        self._skew = None

    @property
    def skew(self) -> float | None:
        """Local clock minus reference time, in seconds (positive: local clock is ahead)."""
        return self._skew

    def warning(self) -> str | None:
        """A short sentence for the user, or None when the clock looks fine."""
        if self._clock() < self._not_before:
            return (
                "Your computer's clock is set to a date in the past, so the codes shown will be "
                "rejected. Set the correct date and time."
            )
        if self._skew is not None and abs(self._skew) > MAX_SKEW_SECONDS:
            direction = "ahead" if self._skew > 0 else "behind"
            return (
                f"Your computer's clock is {abs(self._skew):.0f} s {direction}; codes may be "
                "rejected. Turn on automatic time setting."
            )
        return None
