"""Fixtures for the stub server: an app per test on a fresh database, with a clock we move."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers.fake_clock import FakeClock
from helpers.live_stub import stub_config
from helpers.stub_app import START, Stub, TestClient

from server_stub.app import create_app


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def make_stub(tmp_path: Path, clock: FakeClock) -> Iterator[Callable[..., Stub]]:
    """Build stubs on fresh databases (one per call); all closed at the end of the test."""
    clients: list[TestClient] = []

    def make(*, dev_mode: bool = True, demo: bool = True, db_path: Path | None = None) -> Stub:
        path = db_path or tmp_path / f"stub-{len(clients)}.sqlite3"
        client = TestClient(create_app(stub_config(path, clock, dev_mode=dev_mode, demo=demo)))
        client.__enter__()
        clients.append(client)
        return Stub(client, clock, path)

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def stub(make_stub) -> Stub:
    return make_stub()
