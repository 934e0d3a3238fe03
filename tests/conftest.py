"""Shared fixtures: every test gets its own data folders, so nothing touches the real home."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_homes(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("SIGMA_AUTH_HOME", str(home / "auth"))
    monkeypatch.setenv("SIGMA_STUB_HOME", str(home / "stub"))
    monkeypatch.delenv("SIGMA_AUTH_PASSWORD", raising=False)
    return home


@pytest.fixture(autouse=True)
def cheap_key_derivation(monkeypatch):
    """Vaults made in tests use the cheapest KDF the format accepts (real cost is ~0.35 s).

    Tests that need the real parameters pass them explicitly.
    """
    from desktop_app.core.vault import crypto

    monkeypatch.setattr(crypto, "DEFAULT_ARGON2", dict(crypto.FAST_TEST_ARGON2))


@pytest.fixture
def live_stub(tmp_path):
    """The stub server with demo data over real HTTP on a free loopback port; clock in .clock."""
    from helpers.live_stub import start_live_stub

    stub = start_live_stub(tmp_path / "stub.sqlite3")
    yield stub
    stub.stop()
