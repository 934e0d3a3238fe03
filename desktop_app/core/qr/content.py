"""What a scanned QR text means to an authenticator: an account, an export, or something else.

classify() never raises: every text gets one of four answers the UI can show as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from desktop_app.core.accounts import Account
from desktop_app.core.importers.google_migration import (
    MigrationError,
    MigrationImport,
    is_migration_uri,
    parse_migration_uri,
)
from desktop_app.core.otpauth import OtpauthError, looks_like_otpauth, parse

PREVIEW_LENGTH = 200


def preview(text: str, limit: int = PREVIEW_LENGTH) -> str:
    """The text made safe to show in one line: control characters escaped, long text cut."""
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[: limit + 1])
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


@dataclass(frozen=True)
class OtpauthAccount:
    """An otpauth:// code: one account ready to add."""

    kind: ClassVar[str] = "account"
    text: str
    account: Account


@dataclass(frozen=True)
class MigrationExport:
    """A Google Authenticator export (one part of it): accounts, per-entry errors, batch info."""

    kind: ClassVar[str] = "migration"
    text: str
    result: MigrationImport


@dataclass(frozen=True)
class InvalidOtpauth:
    """An otpauth:// or otpauth-migration:// code that cannot be used; `error` says why."""

    kind: ClassVar[str] = "invalid"
    text: str
    error: str


@dataclass(frozen=True)
class NotAuthenticatorQr:
    """Some other QR code (a web link, a Wi-Fi code, junk); kept so the UI can show it."""

    kind: ClassVar[str] = "other"
    text: str


QrContent = OtpauthAccount | MigrationExport | InvalidOtpauth | NotAuthenticatorQr


def classify(text: str) -> QrContent:
    if not looks_like_otpauth(text):
        return NotAuthenticatorQr(text)
    if is_migration_uri(text):
        try:
            return MigrationExport(text, parse_migration_uri(text))
        except MigrationError as exc:
            return InvalidOtpauth(text, str(exc))
    try:
        return OtpauthAccount(text, parse(text))
    except OtpauthError as exc:
        return InvalidOtpauth(text, str(exc))
