"""Start-up times and size of the PyInstaller bundle in dist/ (build it with ./dev build), next
to the same programs from .venv. Prints tables; asserts nothing.

    time to: `sigma-auth --version` exit; the window's first paint (`--self-test` prints it);
    the stub's first answer to GET /api/v1/health (with and without --demo seeding).
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "sigma-authenticator"
VENV_BIN = Path(sys.executable).parent
RUNS = 5


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(home: str) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SIGMA_AUTH_HOME": f"{home}/auth",
            "SIGMA_STUB_HOME": f"{home}/stub"}  # fmt: skip


def version_time(folder: Path, home: str) -> float:
    start = time.perf_counter()
    subprocess.run([str(folder / "sigma-auth"), "--version"], check=True, capture_output=True,
                   env=environment(home))  # fmt: skip
    return time.perf_counter() - start


def first_window_time(folder: Path, home: str) -> float:
    start = time.perf_counter()
    command = [str(folder / "sigma-authenticator"), "--self-test"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=environment(home))
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    assert line.startswith("window shown"), line
    return elapsed


def first_health_time(folder: Path, home: str, demo: bool) -> float:
    port = free_port()
    command = [str(folder / "sigma-stub"), "serve", "--port", str(port), "--db", f"{home}/s.db"]
    start = time.perf_counter()
    process = subprocess.Popen([*command, *(["--demo"] if demo else [])],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env=environment(home))  # fmt: skip
    try:
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=5):
                    return time.perf_counter() - start
            except OSError:
                time.sleep(0.01)  # polling for start-up
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(folder: Path, probe, *args) -> str:
    times = []
    for _ in range(RUNS):
        with tempfile.TemporaryDirectory() as home:
            times.append(probe(folder, home, *args))
    return f"{times[0]:6.2f} s first, {statistics.median(times):6.2f} s median"


def size_table() -> None:
    total = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nbundle: {total / 1e6:.0f} MB in {BUNDLE.relative_to(ROOT)}")
    internal = BUNDLE / "_internal"
    sizes = {}
    for entry in internal.iterdir():  # links (PyInstaller makes some to shared libraries) skipped
        files = [entry] if entry.is_file() else [p for p in entry.rglob("*") if p.is_file()]
        sizes[entry.name] = sum(p.stat().st_size for p in files if not p.is_symlink())
    print(f"{'biggest parts':<40} {'MB':>6}")
    for name, size in sorted(sizes.items(), key=lambda item: -item[1])[:12]:
        print(f"{name:<40} {size / 1e6:6.1f}")


def main() -> int:
    if not (BUNDLE / "sigma-authenticator").exists():
        print("no bundle in dist/: build it with ./dev build")
        return 0
    rows = [
        ("sigma-auth --version", version_time, ()),
        ("window: first paint", first_window_time, ()),
        ("stub: first health answer", first_health_time, (False,)),
        ("stub --demo: first health answer", first_health_time, (True,)),
    ]
    print(f"{'start-up (' + str(RUNS) + ' runs)':<34} {'bundle':<34} {'.venv':<34}")
    for label, probe, args in rows:
        print(f"{label:<34} {measure(BUNDLE, probe, *args):<34} {measure(VENV_BIN, probe, *args)}")
    size_table()
    return 0


if __name__ == "__main__":
    sys.exit(main())
