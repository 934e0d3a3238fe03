"""When to lock: after N minutes without user input, or after the computer slept.

Qt-free; the window feeds it input events (`touch`) and asks it on every tick (`reason_to_lock`).
"""

from __future__ import annotations

from enum import StrEnum

from desktop_app.core.clock import Clock

DEFAULT_IDLE_MINUTES = 5
# The ticker runs every second while the app runs; a gap this long between two ticks means the
# process was frozen, which in practice is a suspend (or a debugger).
SUSPEND_GAP_SECONDS = 90.0


class LockReason(StrEnum):
    IDLE = "idle"
    SUSPEND = "suspend"


class IdleLockPolicy:
    def __init__(
        self,
        clock: Clock,
        idle_minutes: int = DEFAULT_IDLE_MINUTES,
        lock_after_suspend: bool = True,
    ) -> None:
        self._clock = clock
        self.idle_minutes = idle_minutes
        self.lock_after_suspend = lock_after_suspend
        now = clock()
        self._last_input = now
        self._last_check = now

    def touch(self) -> None:
        """The user did something."""
        self._last_input = self._clock()

    def reset(self) -> None:
        """Start counting afresh (after unlocking)."""
        now = self._clock()
        self._last_input = now
        self._last_check = now

    def idle_seconds(self) -> float:
        return self._clock() - self._last_input

    def reason_to_lock(self) -> LockReason | None:
        now = self._clock()
        gap = now - self._last_check
        self._last_check = now
        if self.lock_after_suspend and gap > SUSPEND_GAP_SECONDS:
            return LockReason.SUSPEND
        if self.idle_minutes > 0 and now - self._last_input >= self.idle_minutes * 60:
            return LockReason.IDLE
        return None
