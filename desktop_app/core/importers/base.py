"""Types every importer returns: accounts that worked, and one error per entry that did not."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.accounts import Account


class ImporterError(ValueError):
    """The whole input cannot be imported (wrong format, damaged); the message says why."""


@dataclass(frozen=True)
class EntryError:
    """One entry of an otherwise readable export that cannot become an account."""

    index: int  # 0-based position of the entry in the export
    label: str  # what the person would recognise it by ("Acme (alice)"), or "entry 3"
    message: str

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass(frozen=True)
class ImportResult:
    accounts: tuple[Account, ...]
    errors: tuple[EntryError, ...] = ()
