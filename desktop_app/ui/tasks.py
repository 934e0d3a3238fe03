"""Run slow work (key derivation, later imports and QR decoding) off the UI thread.

The result comes back on the UI thread through a queued signal, so callbacks may touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Delivery(QObject):
    """Lives on the UI thread; its signals cross threads as queued calls."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.succeeded.connect(self._deliver_success)
        self.failed.connect(self._deliver_failure)
        self.finished: Callable[[_Delivery], None] = lambda _delivery: None

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        self.finished(self)
        self._on_done(result)

    @Slot(object)
    def _deliver_failure(self, error: object) -> None:
        self.finished(self)
        self._on_error(error)  # type: ignore[arg-type]


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], delivery: _Delivery) -> None:
        super().__init__()
        self._work = work
        self._delivery = delivery

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # handed to the UI thread, which decides what to show
            self._delivery.failed.emit(exc)
        else:
            self._delivery.succeeded.emit(result)


class TaskRunner(QObject):
    """`run(work, on_done, on_error)`: work runs on a pool thread, callbacks on the UI thread."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._pending: set[_Delivery] = set()

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        delivery = _Delivery(on_done, on_error)
        delivery.finished = self._pending.discard
        self._pending.add(delivery)  # keep it alive until its result is delivered
        self._pool.start(_Job(work, delivery))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait_for_all(self, timeout_ms: int = 30_000) -> bool:
        """Block until the pool is idle (quit path and tests); results still arrive queued."""
        return self._pool.waitForDone(timeout_ms)
