"""A real stub server on 127.0.0.1 and a free port, in a thread, with a clock the test moves.

Clients (the desktop app's SigmaClient, the admin window) talk to it over real HTTP.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from helpers.fake_clock import FakeClock

from server_stub.app import StubConfig, create_app
from server_stub.domain.passwords import CHEAP_PASSWORD_PARAMS

# 10 s into a 30 s step, so codes of the step either side stay valid while a test runs.
LIVE_START = 59_000_000 * 30 + 10.0


@dataclass
class LiveStub:
    url: str
    clock: FakeClock
    db_path: Path
    _server: uvicorn.Server
    _thread: threading.Thread

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


def start_live_stub(db_path: Path, clock: FakeClock | None = None, *, dev_mode: bool = True,
                    demo: bool = True) -> LiveStub:  # fmt: skip
    clock = clock or FakeClock(LIVE_START)
    app = create_app(
        StubConfig(
            db_path=db_path,
            dev_mode=dev_mode,
            clock=clock,
            password_params=CHEAP_PASSWORD_PARAMS,
            seed_demo=demo,
        )
    )
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live stub did not start")
        time.sleep(0.01)
    return LiveStub(f"http://127.0.0.1:{port}", clock, db_path, server, thread)
