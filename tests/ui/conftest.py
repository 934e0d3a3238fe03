from __future__ import annotations

import pytest
from helpers.authenticator import START, make_app
from helpers.fake_clock import FakeClock
from PySide6.QtWidgets import QApplication


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def authenticator(qtbot, clock):
    app = make_app(qtbot, clock)
    yield app
    app.shutdown()
    QApplication.clipboard().clear()
