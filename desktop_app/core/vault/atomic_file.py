"""Crash-safe replacement of a file, keeping the previous version as a backup.

At every instant the target path holds either the old or the new complete file: the new bytes go
to a temporary file in the same folder, are flushed to the disk, and only then renamed over the
target; the folder is flushed too so the rename itself survives a power cut.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


def fsync_directory(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for flushing; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temp(folder: Path, prefix: str, data: bytes) -> Path:
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _refresh_backup(target: Path, backup: Path) -> None:
    """Make `backup` a copy of the current `target`, itself replaced atomically."""
    staging = backup.with_name(backup.name + ".new")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        os.link(target, staging)  # instant and already durable where hard links exist
    except OSError:
        shutil.copyfile(target, staging)
        with open(staging, "rb+") as handle:
            os.fsync(handle.fileno())
    os.replace(staging, backup)
    # When a writer was killed between refreshing the backup and replacing the target, both
    # names still share one inode; rename() between two links to one file does nothing and
    # leaves the staging name behind.
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()


def remove_stale_temporaries(target: Path) -> None:
    """Delete temporary files a killed writer left; call only while holding the writer lock."""
    for stale in target.parent.glob(f".{target.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def replace_atomically(target: Path, data: bytes, backup: Path | None = None) -> None:
    folder = target.parent
    temp = _write_temp(folder, f".{target.name}.", data)
    try:
        if backup is not None and target.exists():
            _refresh_backup(target, backup)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_directory(folder)
