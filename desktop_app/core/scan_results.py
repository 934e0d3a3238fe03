"""What scanned QR texts give a person: accounts to confirm, codes that cannot be used, and
progress through a multi-part Google Authenticator export.

One `ScanCollector` gathers the codes of one scan: a camera over many frames, or a screen grab,
image file or pasted image at once. The window and `sigma-auth add --scan` both read its
`result()`; the camera dialog also reads `feed()`'s status after every decoded frame.
Messages never include a secret: an unusable otpauth code is described by its error alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.importers.google_migration import MigrationCollector
from desktop_app.core.qr.content import (
    InvalidOtpauth,
    MigrationExport,
    NotAuthenticatorQr,
    OtpauthAccount,
    QrContent,
    classify,
    preview,
)

OTHER_PREVIEW_LENGTH = 120


@dataclass(frozen=True)
class Candidate:
    """An account found in a scan, and whether its key is already there."""

    account: Account
    duplicate_of: str = ""  # label of the account with the same key, when there is one
    duplicate_in_vault: bool = False  # True: saved already; False: earlier in this same scan

    @property
    def is_duplicate(self) -> bool:
        return bool(self.duplicate_of)

    @property
    def duplicate_note(self) -> str:
        if not self.duplicate_of:
            return ""
        if self.duplicate_in_vault:
            return f"Already saved as “{self.duplicate_of}”"
        return f"Same key as “{self.duplicate_of}” above"


def describe_parts(numbers: Sequence[int]) -> str:
    """1-based part numbers as words: "2", "1 and 3", "1, 2 and 4"."""
    shown = [str(n) for n in numbers]
    if len(shown) <= 1:
        return "".join(shown)
    return f"{', '.join(shown[:-1])} and {shown[-1]}"


@dataclass(frozen=True)
class ExportProgress:
    """The parts of one multi-code export seen so far (0-based indexes)."""

    batch_size: int
    scanned: tuple[int, ...]
    missing: tuple[int, ...]

    def describe(self) -> str:
        """E.g. "part 2 of 3 scanned; still missing: 1, 3"."""
        scanned = [i + 1 for i in self.scanned]
        noun = "part" if len(scanned) == 1 else "parts"
        missing = ", ".join(str(i + 1) for i in self.missing)
        return (
            f"{noun} {describe_parts(scanned)} of {self.batch_size} scanned; "
            f"still missing: {missing}"
        )


def account_details(account: Account) -> str:
    """Type, digits and period or counter in a few words; never the secret."""
    parts = [account.type.value.upper(), f"{account.digits} digits"]
    if account.type is OtpType.HOTP:
        parts.append(f"counter {account.counter}")
    else:
        parts.append(f"every {account.period} s")
    if account.algorithm.value != "SHA1":
        parts.append(account.algorithm.value)
    return " · ".join(parts)


@dataclass(frozen=True)
class ScanResult:
    candidates: tuple[Candidate, ...] = ()
    problems: tuple[str, ...] = ()  # codes or export entries that cannot be used, and why
    # (each one sentence, not capitalised: "the secret key is not valid base32...")
    other_texts: tuple[str, ...] = ()  # QR codes not meant for an authenticator, as found
    incomplete_exports: tuple[ExportProgress, ...] = ()

    @property
    def accounts(self) -> tuple[Account, ...]:
        return tuple(c.account for c in self.candidates)

    @property
    def new_accounts(self) -> tuple[Account, ...]:
        """The accounts to add unless the person says otherwise: duplicates left out."""
        return tuple(c.account for c in self.candidates if not c.is_duplicate)

    @property
    def found_anything(self) -> bool:
        return bool(self.candidates or self.problems or self.other_texts)

    def other_notes(self) -> list[str]:
        return [
            f"Not an authenticator QR code: “{preview(text, OTHER_PREVIEW_LENGTH)}”"
            for text in self.other_texts
        ]

    def export_notes(self) -> list[str]:
        return [
            f"Google Authenticator export: {p.describe()}. Scan the missing parts too, "
            "or add the accounts found so far."
            for p in self.incomplete_exports
        ]

    def nothing_to_add_message(self) -> str:
        """One sentence for a scan that found no account: what it did find instead."""
        if self.problems:
            return f"This QR code cannot be used: {self.problems[0]}"
        if self.other_texts:
            return (
                "This QR code is not for an authenticator app. It says: "
                f"“{preview(self.other_texts[0], OTHER_PREVIEW_LENGTH)}”"
            )
        return "No QR code found."


class ScanStatusKind(StrEnum):
    DONE = "done"  # every account is in: stop scanning and confirm
    PARTIAL = "partial"  # part of a multi-code export: keep scanning
    INVALID = "invalid"  # an otpauth code that cannot be used
    OTHER = "other"  # a QR code that is not for an authenticator


@dataclass(frozen=True)
class ScanStatus:
    kind: ScanStatusKind
    message: str


def _full_stop(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!", "”")) else text + "."



class ScanCollector:
    """Gathers the QR texts of one scan, each text once, in the order first seen."""

    def __init__(self, existing: Sequence[Account] = ()) -> None:
        self._existing = list(existing)
        self._contents: dict[str, QrContent] = {}  # every text seen, classified once
        # What to offer, in order: an otpauth account, or the key of an export (its parts
        # gathered by a collector each; parts of different exports never mix).
        self._order: list[Account | tuple[int, int]] = []
        self._exports: dict[tuple[int, int], MigrationCollector] = {}

    def add(self, text: str) -> QrContent:
        """Classify a text and keep what it holds; a text seen before changes nothing."""
        content = self._contents.get(text)
        if content is not None:
            return content
        content = classify(text)
        self._contents[text] = content
        if isinstance(content, OtpauthAccount):
            self._order.append(content.account)
        elif isinstance(content, MigrationExport):
            batch = content.result.batch
            key = (batch.batch_id, batch.batch_size)
            if key not in self._exports:
                self._exports[key] = MigrationCollector()
                self._order.append(key)
            self._exports[key].add(content.result)
        return content

    def add_all(self, texts: Iterable[str]) -> list[QrContent]:
        return [self.add(text) for text in dict.fromkeys(texts)]

    @property
    def waiting_for_parts(self) -> list[ExportProgress]:
        return [self._progress(c) for c in self._exports.values() if not c.complete]

    @property
    def complete(self) -> bool:
        """Something to offer was found and no export still misses a part."""
        return bool(self._order) and not self.waiting_for_parts

    def feed(self, texts: Iterable[str]) -> ScanStatus | None:
        """Take the codes of one camera frame; what to tell the person (None: no code)."""
        contents = self.add_all(texts)
        if not contents:
            return None
        if self.complete:
            return ScanStatus(ScanStatusKind.DONE, "Found it.")
        waiting = self.waiting_for_parts
        if waiting:
            return ScanStatus(
                ScanStatusKind.PARTIAL,
                f"Google Authenticator export: {waiting[0].describe()}. Show the next part.",
            )
        invalid = next((c for c in contents if isinstance(c, InvalidOtpauth)), None)
        if invalid is not None:
            return ScanStatus(
                ScanStatusKind.INVALID, f"This QR code cannot be used: {_full_stop(invalid.error)}"
            )
        other = next(c for c in contents if isinstance(c, NotAuthenticatorQr))
        return ScanStatus(
            ScanStatusKind.OTHER,
            "This QR code is not for an authenticator app. It says: "
            f"“{preview(other.text, OTHER_PREVIEW_LENGTH)}”",
        )

    def result(self) -> ScanResult:
        accounts: list[Account] = []
        problems: list[str] = []
        for item in self._order:
            if isinstance(item, Account):
                accounts.append(item)
            else:
                collector = self._exports[item]
                accounts += collector.accounts
                problems += [_full_stop(str(error)) for error in collector.errors]
        problems += [
            _full_stop(c.error) for c in self._contents.values() if isinstance(c, InvalidOtpauth)
        ]
        others = [c.text for c in self._contents.values() if isinstance(c, NotAuthenticatorQr)]
        return ScanResult(
            candidates=tuple(self._candidates(accounts)),
            problems=tuple(problems),
            other_texts=tuple(others),
            incomplete_exports=tuple(self.waiting_for_parts),
        )

    def _candidates(self, accounts: list[Account]) -> list[Candidate]:
        candidates: list[Candidate] = []
        for account in accounts:
            saved = next((a for a in self._existing if a.same_credential(account)), None)
            earlier = next((c.account for c in candidates if c.account.same_credential(account)),
                           None)  # fmt: skip
            if saved is not None:
                candidates.append(Candidate(account, saved.label, duplicate_in_vault=True))
            elif earlier is not None:
                candidates.append(Candidate(account, earlier.label))
            else:
                candidates.append(Candidate(account))
        return candidates

    @staticmethod
    def _progress(collector: MigrationCollector) -> ExportProgress:
        missing = tuple(collector.missing)
        size = len(missing) + len(collector.parts)
        return ExportProgress(size, tuple(sorted(collector.parts)), missing)


def scan_result(texts: Iterable[str], existing: Sequence[Account] = ()) -> ScanResult:
    """Everything a still image's codes hold (a screen grab, an image file, a pasted image)."""
    collector = ScanCollector(existing)
    collector.add_all(texts)
    return collector.result()
