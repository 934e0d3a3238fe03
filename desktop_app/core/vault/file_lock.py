"""An exclusive advisory lock on a side file, held by the kernel for the owning process.

The kernel drops flock/LockFileEx locks when the process dies, so a `kill -9` in the middle of a
save never leaves the vault stuck; the lock file itself may remain and is harmless.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

if os.name == "nt":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class LockTimeout(Exception):
    pass


class FileLock:
    """`with FileLock(path, timeout=5):` waits up to `timeout` seconds, then raises LockTimeout."""

    def __init__(
        self,
        path: Path,
        timeout: float = 5.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path
        self.timeout = timeout
        self._sleep = sleep
        self._clock = clock
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = self._clock() + self.timeout
        while not _try_lock(fd):
            if self._clock() >= deadline:
                os.close(fd)
                raise LockTimeout(str(self.path))
            self._sleep(0.05)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()
