"""Start the bundled Sigma stub as a separate process (the demo launcher's job).

The app and the stub meet only over HTTP, so the app never imports the stub: it runs its
command line, waits until `/health` answers, and stops it with SIGTERM (graceful) at the end.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app.core.sigma_client import SigmaClient, SigmaError

DEFAULT_PORT = 8765


class LocalStubError(Exception):
    """The stub could not be started; the message says why and what to do."""


def stub_command() -> list[str]:
    """How to run `sigma-stub` from here: the sibling executable when frozen, else the module."""
    if getattr(sys, "frozen", False):
        executable = Path(sys.executable).with_name("sigma-stub")
        return [str(executable.with_suffix(".exe") if sys.platform == "win32" else executable)]
    return [sys.executable, "-m", "server_stub.cli"]


def is_answering(url: str) -> bool:
    try:
        return SigmaClient(url, timeout=(0.5, 2.0)).health()
    except SigmaError:
        return False


@dataclass
class LocalStub:
    url: str
    process: subprocess.Popen | None  # None: a stub that was already running is reused

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_local_stub(
    port: int = DEFAULT_PORT,
    extra_args: Sequence[str] = ("--demo",),
    *,
    command: Sequence[str] | None = None,
    start_timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> LocalStub:
    """Serve on 127.0.0.1:`port`; reuse a stub already answering there."""
    url = f"http://127.0.0.1:{port}"
    if is_answering(url):
        return LocalStub(url, None)
    args = [*(command or stub_command()), "serve", "--port", str(port), *extra_args]
    process = subprocess.Popen(args)  # noqa: S603 (our own program, fixed arguments)
    deadline = time.monotonic() + start_timeout
    while not is_answering(url):
        if process.poll() is not None:
            raise LocalStubError(
                f"The Sigma stub stopped at start (exit status {process.returncode}); "
                f"see its message above. Is port {port} taken? Try --port."
            )
        if time.monotonic() > deadline:
            LocalStub(url, process).stop()
            raise LocalStubError(f"The Sigma stub did not answer on {url} in time.")
        sleep(0.1)
    return LocalStub(url, process)
