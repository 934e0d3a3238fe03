#!/usr/bin/env python3
"""Authenticator window with 10,000 accounts: unlock to first paint, tick and repaint costs.

    ./dev bench ui        (or: QT_QPA_PLATFORM=offscreen python tests/bench/ui_bench.py)

Prints a table; asserts nothing. The unlock uses the vault's real key-derivation cost.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtWidgets import QApplication

from desktop_app.core.account_list import SortMode
from desktop_app.core.accounts import Account, bytes_to_secret
from desktop_app.core.vault import Vault

ACCOUNTS = 10_000
PASSWORD = "benchmark password"
ISSUERS = ["GitHub", "Google", "Amazon", "Microsoft", "Dropbox", "Slack", "GitLab", "Proton"]


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:9.2f}"


def _measure(run, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="sigma-ui-bench-"))
    os.environ["SIGMA_AUTH_HOME"] = str(home)
    app = QApplication.instance() or QApplication(sys.argv)
    from desktop_app.ui.app import AuthenticatorApp

    accounts = [
        Account(issuer=ISSUERS[i % len(ISSUERS)], name=f"user{i}@example.com",
                secret=bytes_to_secret(i.to_bytes(4, "big") * 5), use_count=i % 17)
        for i in range(ACCOUNTS)
    ]  # fmt: skip
    path = home / "vault"
    vault = Vault.create(path, PASSWORD)  # real Argon2id cost
    vault.replace_all(accounts)
    vault.close()
    size_kib = path.stat().st_size / 1024

    clock = Clock(1_800_000_010.0)
    authenticator = AuthenticatorApp(app, clock=clock, vault_path=path)
    authenticator.start()
    authenticator.ticker.stop()
    authenticator.idle.policy.idle_minutes = 0  # the fake clock runs far ahead of any input
    window = authenticator.window
    window.resize(480, 700)
    app.processEvents()
    view = window.accounts_page.list_view
    rows: list[tuple[str, list[float], str]] = []

    # Unlock: key derivation and decryption off the UI thread, then model, page and first paint.
    start = time.perf_counter()
    opened = Vault.open(path, PASSWORD)
    kdf_done = time.perf_counter()
    authenticator.session._attach(opened)  # the task's callback, run directly to time it
    view.viewport().repaint()
    first_paint = time.perf_counter()
    rows.append(("Vault.open (Argon2id + decrypt 10k)", [kdf_done - start], "worker thread"))
    rows.append(("open result -> list shown, first paint", [first_paint - kdf_done], "UI thread"))
    rows.append(("unlock to first paint, total", [first_paint - start], ""))

    cache = authenticator.model.cache
    computed_before = cache.computed

    def tick_steady() -> None:
        clock.now += 0.5
        if clock.now % 30 < 0.5:  # stay inside one period: codes come from the cache
            clock.now += 0.5
        authenticator.ticker.tick()
        view.viewport().repaint()

    tick_steady()
    computed_before = cache.computed
    times = _measure(tick_steady, 200)
    rows.append(("tick + repaint visible rows (cached)", times,
                 f"{cache.computed - computed_before} codes computed"))  # fmt: skip

    viewport = view.viewport().rect()
    model = authenticator.model
    visible = sum(
        1 for r in range(model.rowCount()) if view.visualRect(model.index(r)).intersects(viewport)
    )

    def tick_new_period() -> None:
        clock.now += 30
        authenticator.ticker.tick()
        view.viewport().repaint()

    before = cache.computed
    times = _measure(tick_new_period, 50)
    per_tick = (cache.computed - before) / 50
    rows.append(("tick + repaint at a period boundary", times,
                 f"{per_tick:.0f} codes per tick ({visible} rows visible)"))  # fmt: skip

    times = _measure(authenticator.ticker.tick, 500)
    rows.append(("tick alone (model time, clipboard, idle)", times, "repaint is queued"))

    page = window.accounts_page

    def search() -> None:
        page.search.setText("gitlab user12")
        page.search.setText("")

    rows.append(("search keystroke + clear (10k filter)", [t / 2 for t in _measure(search, 20)],
                 "per set_filter"))  # fmt: skip

    def resort() -> None:
        authenticator.model.set_sort_mode(SortMode.ALPHABETICAL)
        authenticator.model.set_sort_mode(SortMode.MANUAL)

    rows.append(("sort switch (A-Z and back)", [t / 2 for t in _measure(resort, 10)],
                 "per switch"))  # fmt: skip

    first_id = authenticator.model.account_at(0).id
    times = _measure(lambda: authenticator.actions.copy(first_id), 10)
    rows.append(("copy: clipboard + use count saved", times, f"vault {size_kib:.0f} KiB"))

    authenticator.shutdown()
    print(f"UI benchmark: {ACCOUNTS} accounts, window 480x700, platform "
          f"{app.platformName()}, {os.cpu_count()} CPUs")  # fmt: skip
    print(f"{'measure':44} {'median ms':>10} {'min ms':>9} {'max ms':>9}  notes")
    for name, times, note in rows:
        print(f"{name:44} {_ms(statistics.median(times))} {_ms(min(times))} "
              f"{_ms(max(times))}  {note}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
