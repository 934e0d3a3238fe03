"""The one timer of the window: every countdown, code change, clipboard clear and idle check.

Ticks are aligned to the clock's interval boundaries so a code flips when its period ends, not up
to a tick later. Tests drive it with `tick()` after moving their fake clock.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop_app.core.clock import Clock

DEFAULT_INTERVAL_MS = 500


class Ticker(QObject):
    ticked = Signal(float)  # the clock's "now" for this tick

    def __init__(
        self, clock: Clock, interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._interval_ms = interval_ms
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timeout)

    @property
    def clock(self) -> Clock:
        return self._clock

    def start(self) -> None:
        self._schedule()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def tick(self) -> float:
        """Emit one tick now (the timer calls this; tests call it after moving the clock)."""
        now = self._clock()
        self.ticked.emit(now)
        return now

    def _on_timeout(self) -> None:
        self.tick()
        self._schedule()

    def _schedule(self) -> None:
        now_ms = int(self._clock() * 1000)
        delay = self._interval_ms - now_ms % self._interval_ms
        # A few ms late rather than early, so the tick lands after the boundary.
        self._timer.start(delay + 5)
