"""The admin window's one timer: once a second it reads the injected clock and says `now`.

Countdowns and auto-refresh listen to it and compare deadlines with that `now`; tests stop the
timer (QTimer.stop), move a fake clock and call `tick()` themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from server_stub.admin.timing import Clock

INTERVAL_MS = 1000


class Heartbeat(QTimer):
    ticked = Signal(float)

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.setInterval(INTERVAL_MS)
        self.timeout.connect(self.tick)

    def tick(self) -> float:
        now = self.clock()
        self.ticked.emit(now)
        return now
