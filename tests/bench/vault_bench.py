"""Benchmark: all codes of a 10,000-account vault, vault open/save at 1,000 and 10,000 accounts,
and the key derivation itself. Prints a table; asserts nothing.

Run: ./dev bench vault
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from desktop_app.core.accounts import Account, bytes_to_secret
from desktop_app.core.otp import Algorithm
from desktop_app.core.vault import Vault, crypto


def timed(action, repeat: int = 5) -> tuple[float, float]:
    """(median, best) wall-clock seconds of `action()` over `repeat` runs."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples), min(samples)


def make_accounts(count: int) -> list[Account]:
    algorithms = list(Algorithm)
    return [
        Account(
            issuer=f"Service {i % 97}",
            name=f"user{i}@example.com",
            secret=bytes_to_secret(os.urandom(20)),
            algorithm=algorithms[i % 3],
            note="a short note" if i % 10 == 0 else "",
        )
        for i in range(count)
    ]


def row(label: str, median: float, best: float, extra: str = "") -> None:
    print(f"{label:<50} {median * 1000:>10.1f} {best * 1000:>10.1f}  {extra}")


def main() -> None:
    print(f"{'operation':<50} {'median ms':>10} {'best ms':>10}")
    params = crypto.default_kdf()
    median, best = timed(lambda: crypto.derive_key("a password", params), repeat=5)
    row(f"KDF {params.name}", median, best, str(params.cost))

    accounts = make_accounts(10_000)
    now = time.time()
    median, best = timed(lambda: [a.code_at(now) for a in accounts], repeat=5)
    row("codes of 10,000 accounts (keys decoded)", median, best, f"{median * 100:.1f} us/account")
    fresh = make_accounts(10_000)
    median, best = timed(lambda: [a.code_at(now) for a in fresh], repeat=1)
    row("codes of 10,000 accounts (first, incl. base32)", median, best)

    with tempfile.TemporaryDirectory() as folder:
        for count in (1_000, 10_000):
            path = Path(folder) / f"vault-{count}"
            vault = Vault.create(path, "a password")
            subset = accounts[:count]
            median, best = timed(lambda v=vault, s=subset: v.replace_all(s), repeat=5)
            size = path.stat().st_size
            row(f"save {count:,} accounts (fsync, backup)", median, best, f"{size / 1024:.0f} KiB")
            median, best = timed(lambda p=path: Vault.open(p, "a password"), repeat=5)
            row(f"open {count:,} accounts (KDF included)", median, best)


if __name__ == "__main__":
    main()
