"""All HTTP of the admin window, off the UI thread, one call at a time, on one SigmaClient.

The client holds the session token and a requests.Session, neither meant for several threads,
so one worker thread owns it and runs calls in the order they were asked for. Results come back
on the UI thread through a queued signal, so callbacks may touch widgets. `forget_pending()`
drops the callbacks of calls already asked for (sign-out, a new sign-in), so a late answer for
the previous session never lands in the window.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from desktop_app.core.sigma_client import SigmaClient, SigmaError

Call = Callable[[SigmaClient], Any]
OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]

_STOP = object()


class ClientQueue(QObject):
    busy_changed = Signal(bool)
    _answered = Signal(int, bool, object)  # ticket, succeeded, result or error

    def __init__(self, make_client: Callable[[str], SigmaClient] = SigmaClient,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._make_client = make_client
        self._client: SigmaClient | None = None  # touched only by the worker thread
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._callbacks: dict[int, tuple[OnDone, OnError]] = {}
        self._tickets = count(1)
        self._answered.connect(self._deliver)
        self._closing = threading.Event()
        self._worker = threading.Thread(target=self._work, name="sigma-admin-http", daemon=True)
        self._worker.start()

    # ----- UI thread ---------------------------------------------------------------------------
    def use_server(self, server_url: str) -> None:
        """Later calls go to this server with a fresh client (no session)."""
        self._jobs.put((0, lambda _old: self._replace_client(server_url)))

    def submit(self, call: Call, on_done: OnDone, on_error: OnError) -> None:
        ticket = next(self._tickets)
        was_busy = self.busy
        self._callbacks[ticket] = (on_done, on_error)
        self._jobs.put((ticket, call))
        if not was_busy:
            self.busy_changed.emit(True)

    def forget_pending(self) -> None:
        had = self.busy
        self._callbacks.clear()
        if had:
            self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        return bool(self._callbacks)

    def close(self, sign_out: bool, timeout: float = 5.0) -> None:
        """Stop the worker after what is queued (and a best-effort sign-out); drop all answers."""
        self.forget_pending()
        self._closing.set()
        if sign_out:
            self._jobs.put((0, _sign_out_quietly))
        self._jobs.put(_STOP)
        self._worker.join(timeout)

    @Slot(int, bool, object)
    def _deliver(self, ticket: int, succeeded: bool, payload: object) -> None:
        callbacks = self._callbacks.pop(ticket, None)
        if callbacks is None:
            return  # forgotten: the window has moved on
        if not self._callbacks:
            self.busy_changed.emit(False)
        on_done, on_error = callbacks
        if succeeded:
            on_done(payload)
        else:
            on_error(payload)  # type: ignore[arg-type]

    # ----- worker thread -----------------------------------------------------------------------
    def _replace_client(self, server_url: str) -> None:
        self._client = self._make_client(server_url)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not _STOP:
            ticket, call = job
            try:
                if ticket and self._client is None:
                    raise SigmaError("No server chosen yet.", "no_server")
                outcome = (True, call(self._client))
            except Exception as exc:  # handed to the UI thread, which words it for a person
                outcome = (False, exc)
            if ticket and not self._closing.is_set():
                self._answered.emit(ticket, *outcome)


def _sign_out_quietly(client: SigmaClient | None) -> None:
    if client is not None and client.session_token:
        with contextlib.suppress(SigmaError):  # closing anyway; the session idles out
            client.logout()
