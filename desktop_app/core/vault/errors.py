"""Vault errors: each one a distinct situation with a message a person can act on."""

from __future__ import annotations

from pathlib import Path


class VaultError(Exception):
    """Base of every vault failure."""


class WrongPasswordError(VaultError):
    def __init__(self) -> None:
        super().__init__("Wrong password: the vault could not be unlocked with it.")


class VaultDamagedError(VaultError):
    """The file is truncated, corrupted or was modified outside the app."""

    def __init__(self, path: Path, detail: str, backup: Path | None = None) -> None:
        message = f"The vault file {path} is damaged or was tampered with ({detail})."
        if backup is not None:
            message += (
                f" The previous version is kept at {backup}: to use it, open that file or copy"
                " it over the damaged one."
            )
        else:
            message += " No backup of it exists."
        super().__init__(message)
        self.path = path
        self.backup = backup


class VaultVersionError(VaultError):
    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"The vault file {path} was written by a newer version of Sigma Authenticator "
            f"(format {found}; this version reads up to {supported}). Update the app to open it."
        )


class VaultNotFoundError(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"No vault at {path}. Create one first (sigma-auth init).")
        self.path = path


class VaultExistsError(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"A vault already exists at {path}; it was left untouched.")


class VaultAccessError(VaultError):
    """The operating system refused to read or write the vault or its folder."""


class VaultBusyError(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"The vault {path} is being saved by another Sigma Authenticator process; "
            "try again in a moment."
        )


class VaultConflictError(VaultError):
    """The vault on disk no longer matches what this process opened and cannot be merged."""
