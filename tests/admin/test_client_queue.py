"""The admin window's HTTP runner: off the UI thread, in order, late answers dropped."""

from __future__ import annotations

import threading

from desktop_app.core.sigma_client import SigmaError
from server_stub.admin.client_queue import ClientQueue


class _FakeClient:
    def __init__(self, url: str) -> None:
        self.url = url
        self.session_token = None


def test_calls_run_in_order_on_one_worker_thread(qtbot):
    requests = ClientQueue(make_client=_FakeClient)
    requests.use_server("http://one")
    seen: list[tuple[str, str, int]] = []
    for number in range(3):
        requests.submit(lambda c, n=number: (c.url, threading.current_thread().name, n),
                        seen.append, lambda e: seen.append(e))  # fmt: skip
    assert requests.busy
    qtbot.waitUntil(lambda: not requests.busy)
    assert [n for _, _, n in seen] == [0, 1, 2]
    assert {thread for _, thread, _ in seen} == {"sigma-admin-http"}
    assert {url for url, _, _ in seen} == {"http://one"}
    requests.close(sign_out=False)


def test_errors_come_back_to_the_error_callback_and_busy_follows(qtbot):
    requests = ClientQueue(make_client=_FakeClient)
    changes: list[bool] = []
    requests.busy_changed.connect(changes.append)
    failures: list[BaseException] = []
    requests.submit(lambda c: c.url, lambda _: None, failures.append)  # no server chosen yet
    qtbot.waitUntil(lambda: not requests.busy)
    assert isinstance(failures[0], SigmaError) and failures[0].code == "no_server"
    assert changes == [True, False]
    requests.close(sign_out=False)


def test_forgotten_calls_still_run_but_their_answers_are_dropped(qtbot):
    requests = ClientQueue(make_client=_FakeClient)
    requests.use_server("http://one")
    gate = threading.Event()
    ran: list[str] = []
    answers: list[object] = []
    requests.submit(lambda c: gate.wait(5) and ran.append("old"), answers.append, answers.append)
    requests.forget_pending()  # e.g. signed out while it was in flight
    assert not requests.busy
    requests.submit(lambda c: ran.append("new") or "fresh", answers.append, answers.append)
    gate.set()
    qtbot.waitUntil(lambda: not requests.busy)
    assert ran == ["old", "new"]
    assert answers == ["fresh"]
    requests.close(sign_out=False)
