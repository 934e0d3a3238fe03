"""The server key: 32 random bytes in a file beside the database, readable by its owner only."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from server_stub.store.errors import StoreError

KEY_BYTES = 32


def key_path_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".key")


def load_or_create_key(path: Path) -> bytes:
    """Read the key, creating it (mode 0600, atomically) on first start."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _read_key(path)
    except OSError as exc:
        raise StoreError(f"cannot create the key file {path}: {exc}") from exc
    key = secrets.token_bytes(KEY_BYTES)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise StoreError(f"cannot write the key file {path}: {exc}") from exc
    return key


def _read_key(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
        key = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read the key file {path}: {exc}") from exc
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise StoreError(
            f"the key file {path} is open to other users; run: chmod 600 '{path}'"
        )
    if len(key) != KEY_BYTES:
        raise StoreError(f"the key file {path} is damaged (not {KEY_BYTES} bytes)")
    return key
