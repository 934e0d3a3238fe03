"""kill -9 a process in the middle of saving, many times: no acknowledged change may be lost."""

import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from desktop_app.core.accounts import Account
from desktop_app.core.vault import Vault, backup_path

PASSWORD = "crash test password"

# The child adds accounts as fast as it can and acknowledges each one only after save() returned.
SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from desktop_app.core.accounts import Account
    from desktop_app.core.vault import Vault
    vault = Vault.open(Path(sys.argv[1]), sys.argv[2])
    start = len(vault.accounts)
    for number in range(start, start + 100000):
        vault.add(Account(issuer="Crash", name=f"n{number}", secret="JBSWY3DPEHPK3PXP"))
        print(number, flush=True)
    """
)


@pytest.mark.slow
def test_killing_a_saving_process_never_loses_an_acknowledged_change(tmp_path):
    path = tmp_path / "vault"
    Vault.create(path, PASSWORD).add(
        Account(issuer="Seed", name="first", secret="JBSWY3DPEHPK3PXP")
    )
    chooser = random.Random(20261204)
    rounds = 30
    total_acknowledged = 0
    for _ in range(rounds):
        child = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path), PASSWORD],
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONDONTWRITEBYTECODE="1"),
        )
        acknowledged: list[int] = []
        first = child.stdout.readline()  # the child is now saving in a loop
        assert first, "the saving process died before its first save"
        acknowledged.append(int(first))
        time.sleep(chooser.uniform(0.0, 0.15))
        os.kill(child.pid, signal.SIGKILL)
        acknowledged += [int(line) for line in child.stdout.read().split()]
        child.wait()

        survivor = Vault.open(path, PASSWORD)  # must open: never damaged
        names = {a.name for a in survivor.accounts}
        missing = [n for n in acknowledged if f"n{n}" not in names]
        assert not missing, f"acknowledged saves lost: {missing}"
        assert "first" in names
        assert Vault.open(backup_path(path), PASSWORD).accounts  # the backup opens too
        total_acknowledged += len(acknowledged)
    assert total_acknowledged > rounds
    # Temporary files of killed saves are swept by the next save, under the lock.
    Vault.open(path, PASSWORD).add(Account(issuer="After", name="x", secret="JBSWY3DPEHPK3PXP"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault", "vault.bak", "vault.lock"]
