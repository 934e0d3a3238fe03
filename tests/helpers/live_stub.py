"""A real stub server on 127.0.0.1 and a free port, in a thread, with a clock the test moves.

Clients (the desktop app's SigmaClient, the admin window) talk to it over real HTTP.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.fake_clock import FakeClock

from server_stub.app import StubConfig, create_app
from server_stub.domain.passwords import CHEAP_PASSWORD_PARAMS
from server_stub.serving import BackgroundServer, serve_in_background

# 10 s into a 30 s step, so codes of the step either side stay valid while a test runs.
LIVE_START = 59_000_000 * 30 + 10.0


@dataclass
class LiveStub:
    url: str
    clock: FakeClock
    db_path: Path
    _running: BackgroundServer

    def stop(self) -> None:
        self._running.stop()


def stub_config(db_path: Path, clock: FakeClock, *, dev_mode: bool = True,
                demo: bool = True) -> StubConfig:  # fmt: skip
    """A stub on its own database, reading the test's clock, with cheap password hashing."""
    return StubConfig(db_path=db_path, dev_mode=dev_mode, clock=clock,
                      password_params=CHEAP_PASSWORD_PARAMS, seed_demo=demo)  # fmt: skip


def start_live_stub(db_path: Path, clock: FakeClock | None = None, *, dev_mode: bool = True,
                    demo: bool = True) -> LiveStub:  # fmt: skip
    clock = clock or FakeClock(LIVE_START)
    config = stub_config(db_path, clock, dev_mode=dev_mode, demo=demo)
    running = serve_in_background(create_app(config))
    return LiveStub(running.url, clock, db_path, running)
