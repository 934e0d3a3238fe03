"""The encrypted vault: format, crypto, atomic storage and the Vault repository."""

from desktop_app.core.vault.crypto import FAST_TEST_ARGON2, KdfParams, default_kdf
from desktop_app.core.vault.errors import (
    VaultAccessError,
    VaultBusyError,
    VaultConflictError,
    VaultDamagedError,
    VaultError,
    VaultExistsError,
    VaultNotFoundError,
    VaultVersionError,
    WrongPasswordError,
)
from desktop_app.core.vault.repository import Vault, backup_path

__all__ = [
    "FAST_TEST_ARGON2",
    "KdfParams",
    "Vault",
    "VaultAccessError",
    "VaultBusyError",
    "VaultConflictError",
    "VaultDamagedError",
    "VaultError",
    "VaultExistsError",
    "VaultNotFoundError",
    "VaultVersionError",
    "WrongPasswordError",
    "backup_path",
    "default_kdf",
]
