"""The Vault: an open, decrypted account list backed by an encrypted file.

Several processes may use one vault (the window and the `sigma-auth` command line). Each save
takes the file lock, re-reads the file if another process changed it since, applies the change to
the fresh list and writes it back, so no acknowledged change is overwritten by a stale copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path

from desktop_app.core.accounts import Account, AccountError
from desktop_app.core.vault import crypto
from desktop_app.core.vault.atomic_file import remove_stale_temporaries, replace_atomically
from desktop_app.core.vault.errors import (
    VaultAccessError,
    VaultBusyError,
    VaultConflictError,
    VaultDamagedError,
    VaultExistsError,
    VaultNotFoundError,
    VaultVersionError,
    WrongPasswordError,
)
from desktop_app.core.vault.file_format import (
    FORMAT_VERSION,
    MAX_FILE_BYTES,
    FormatError,
    NewerFormatError,
    PasswordSlot,
    VaultFile,
    associated_data_for,
    checksum_of,
    decode_file,
    encode_file,
    encode_header,
)
from desktop_app.core.vault.file_lock import FileLock, LockTimeout

CONTENT_VERSION = 1
# Content is padded to this granularity so the file size hints at the number of accounts only
# coarsely.
PADDING_BLOCK = 4096

AccountChange = Callable[[list[Account]], list[Account]]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _encode_content(accounts: Iterable[Account]) -> bytes:
    payload = json.dumps(
        {"version": CONTENT_VERSION, "accounts": [a.to_dict() for a in accounts]},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return payload + b" " * (-len(payload) % PADDING_BLOCK)


class Vault:
    """Use `Vault.create(...)` or `Vault.open(...)`; `close()` forgets the keys."""

    def __init__(self, path: Path, master_key: bytes, slot: PasswordSlot, raw: bytes) -> None:
        self.path = path
        self._master_key: bytearray | None = bytearray(master_key)
        self._slot = slot
        self._checksum = checksum_of(raw)
        self._accounts: list[Account] = []
        self.lock_timeout = 5.0

    # ----- opening -------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, password: str, kdf: crypto.KdfParams | None = None) -> Vault:
        path = Path(path)
        _ensure_folder(path.parent)
        master_key = crypto.new_master_key()
        slot = _wrap(master_key, password, kdf or crypto.default_kdf())
        vault = cls(path, master_key, slot, b"")
        with vault._locked():
            if path.exists():
                raise VaultExistsError(path)
            vault._write([])
        return vault

    @classmethod
    def open(cls, path: Path, password: str) -> Vault:
        path = Path(path)
        raw = _read(path)
        parsed = _parse(path, raw)
        master_key = _unwrap(parsed.slot, password)
        vault = cls(path, master_key, parsed.slot, raw)
        vault._accounts = vault._decrypt_accounts(parsed)
        return vault

    @staticmethod
    def exists(path: Path) -> bool:
        return Path(path).is_file()

    # ----- reading -------------------------------------------------------------------------
    @property
    def accounts(self) -> tuple[Account, ...]:
        return tuple(self._accounts)

    @property
    def is_open(self) -> bool:
        return self._master_key is not None

    def reload(self) -> tuple[Account, ...]:
        """Pick up changes another process saved."""
        self._refresh_from_disk()
        return self.accounts

    # ----- changing ------------------------------------------------------------------------
    def update(self, change: AccountChange) -> tuple[Account, ...]:
        """Apply `change` to the freshest account list and save it; returns the new list."""
        with self._locked():
            self._refresh_from_disk()
            new_accounts = list(change(list(self._accounts)))
            self._write(new_accounts)
        return self.accounts

    def add(self, account: Account) -> tuple[Account, ...]:
        return self.update(lambda accounts: [*accounts, account])

    def replace_all(self, accounts: Iterable[Account]) -> tuple[Account, ...]:
        fixed = list(accounts)
        return self.update(lambda _old: fixed)

    def change_password(self, new_password: str) -> None:
        """Re-wrap the same master key under a new password (one key derivation)."""
        key = self._key()
        new_slot = _wrap(key, new_password, self._slot.kdf.with_new_salt())
        with self._locked():
            self._refresh_from_disk()
            self._slot = new_slot
            self._write(self._accounts)

    def close(self) -> None:
        """Forget the master key and the decrypted accounts (best effort in Python)."""
        if self._master_key is not None:
            for index in range(len(self._master_key)):
                self._master_key[index] = 0
        self._master_key = None
        self._accounts = []

    # ----- internals -----------------------------------------------------------------------
    def _key(self) -> bytes:
        if self._master_key is None:
            raise VaultConflictError("The vault is locked; unlock it again.")
        return bytes(self._master_key)

    def _locked(self) -> _LockGuard:
        lock = FileLock(lock_path(self.path), timeout=self.lock_timeout)
        return _LockGuard(lock, self.path)

    def _refresh_from_disk(self) -> None:
        raw = _read(self.path)
        if checksum_of(raw) != self._checksum:
            self._adopt(raw)

    def _adopt(self, raw: bytes) -> None:
        parsed = _parse(self.path, raw)
        accounts = self._decrypt_accounts(parsed)
        self._slot = parsed.slot
        self._accounts = accounts
        self._checksum = checksum_of(raw)

    def _decrypt_accounts(self, parsed: VaultFile) -> list[Account]:
        plaintext = crypto.open_sealed(
            self._key(), parsed.content_nonce, parsed.content, parsed.associated_data
        )
        if plaintext is None:
            # The checksum matched, so this is not accidental damage: either the file was
            # re-created by someone else (a different master key) or deliberately altered.
            raise VaultConflictError(
                f"The vault {self.path} no longer opens with the key this window holds: it was "
                "replaced or altered by another program. Lock and unlock it again."
            )
        try:
            content = json.loads(plaintext)
            if content.get("version", 0) > CONTENT_VERSION:
                raise VaultVersionError(self.path, content["version"], CONTENT_VERSION)
            return [Account.from_dict(item) for item in content["accounts"]]
        except (ValueError, KeyError, TypeError, AttributeError, AccountError) as exc:
            raise VaultDamagedError(
                self.path, f"its content is unreadable: {exc}", _existing_backup(self.path)
            ) from None

    def _write(self, accounts: list[Account]) -> None:
        nonce = crypto.new_nonce()
        header = encode_header(self._slot, nonce)
        content = _encode_content(accounts)
        sealed = crypto.seal(self._key(), nonce, content, associated_data_for(header))
        raw = encode_file(header, sealed)
        try:
            remove_stale_temporaries(self.path)
            replace_atomically(self.path, raw, backup=backup_path(self.path))
        except OSError as exc:
            raise _access_error(self.path, exc) from None
        self._accounts = accounts
        self._checksum = checksum_of(raw)


class _LockGuard:
    """Turns the lock's timeout and OS errors into vault errors."""

    def __init__(self, lock: FileLock, path: Path) -> None:
        self._lock = lock
        self._path = path

    def __enter__(self) -> None:
        try:
            self._lock.acquire()
        except LockTimeout:
            raise VaultBusyError(self._path) from None
        except OSError as exc:
            raise _access_error(self._path, exc) from None

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()


def _wrap(master_key: bytes, password: str, kdf: crypto.KdfParams) -> PasswordSlot:
    kek = crypto.derive_key(password, kdf)
    nonce = crypto.new_nonce()
    associated = PasswordSlot(kdf, nonce, b"").associated_data()
    return PasswordSlot(kdf, nonce, crypto.seal(kek, nonce, master_key, associated))


def _unwrap(slot: PasswordSlot, password: str) -> bytes:
    kek = crypto.derive_key(password, slot.kdf)
    master_key = crypto.open_sealed(kek, slot.nonce, slot.wrapped_key, slot.associated_data())
    if master_key is None or len(master_key) != crypto.KEY_BYTES:
        raise WrongPasswordError()
    return master_key


def _ensure_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise _access_error(folder, exc) from None


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise VaultDamagedError(path, f"it is implausibly large ({size} bytes)")
        return path.read_bytes()
    except FileNotFoundError:
        raise VaultNotFoundError(path) from None
    except IsADirectoryError:
        raise VaultAccessError(f"{path} is a folder, not a vault file.") from None
    except OSError as exc:
        raise _access_error(path, exc) from None


def _parse(path: Path, raw: bytes) -> VaultFile:
    try:
        return decode_file(raw)
    except NewerFormatError as exc:
        raise VaultVersionError(path, exc.found, FORMAT_VERSION) from None
    except FormatError as exc:
        raise VaultDamagedError(path, str(exc), _existing_backup(path)) from None


def _existing_backup(path: Path) -> Path | None:
    backup = backup_path(path)
    return backup if backup.is_file() else None


def _access_error(path: Path, exc: OSError) -> VaultAccessError:
    reason = exc.strerror or exc.__class__.__name__
    return VaultAccessError(f"Cannot use the vault at {path}: {reason}.")
