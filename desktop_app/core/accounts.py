"""The Account record: one OTP credential with validated parameters.

Accounts are immutable; edits make a new one with `dataclasses.replace`, which re-validates.
"""

from __future__ import annotations

import base64
import binascii
import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from desktop_app.core.otp import MAX_COUNTER, MAX_DIGITS, MIN_DIGITS, Algorithm, hotp, totp

MAX_LABEL_LENGTH = 256
MAX_NOTE_LENGTH = 4096
MAX_SECRET_LENGTH = 1024  # base32 characters; real secrets are 16-128
MAX_PERIOD = 86_400
MIN_RECOMMENDED_SECRET_BYTES = 16  # RFC 4226 section 4, R6: at least 128 bits

_SECRET_SEPARATORS = re.compile(r"[\s\-]+")
_BASE32_BODY = re.compile(r"[A-Z2-7]*")
_VALID_TAIL_LENGTHS = {0, 2, 4, 5, 7}  # base32 lengths mod 8 that end on a whole byte
_CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


class AccountError(ValueError):
    """An account field that cannot be used; the message names the field and the problem."""


class OtpType(StrEnum):
    TOTP = "totp"
    HOTP = "hotp"


def normalize_secret(text: str) -> str:
    """Canonical base32 form: upper case, no spaces, dashes or padding. Raises AccountError."""
    if not isinstance(text, str):
        raise AccountError("the secret key must be text")
    compact = _SECRET_SEPARATORS.sub("", text).upper().rstrip("=")
    if not compact:
        raise AccountError("the secret key is empty")
    if len(compact) > MAX_SECRET_LENGTH:
        raise AccountError(f"the secret key is too long ({len(compact)} characters)")
    if not _BASE32_BODY.fullmatch(compact):
        bad = next(c for c in compact if not ("A" <= c <= "Z" or "2" <= c <= "7"))
        raise AccountError(
            f"the secret key is not valid base32: {bad!r} is not allowed (only A-Z and 2-7)"
        )
    if len(compact) % 8 not in _VALID_TAIL_LENGTHS:
        raise AccountError(
            f"the secret key is not valid base32: {len(compact)} characters "
            "cannot encode whole bytes"
        )
    return compact


def secret_to_bytes(secret: str) -> bytes:
    compact = normalize_secret(secret)
    padded = compact + "=" * (-len(compact) % 8)
    try:
        return base64.b32decode(padded)
    except binascii.Error as exc:  # unreachable after normalize_secret, kept as a guard
        raise AccountError(f"the secret key is not valid base32 ({exc})") from exc


def bytes_to_secret(key: bytes) -> str:
    return base64.b32encode(key).decode("ascii").rstrip("=")


def _clean_label(value: Any, what: str, limit: int = MAX_LABEL_LENGTH) -> str:
    if not isinstance(value, str):
        raise AccountError(f"the {what} must be text")
    value = value.strip()
    if len(value) > limit:
        raise AccountError(f"the {what} is too long ({len(value)} characters, at most {limit})")
    if _CONTROL_CHARS.search(value):
        raise AccountError(f"the {what} contains control characters")
    return value


def _check_int(value: Any, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise AccountError(f"{what} must be a whole number")
    if not low <= value <= high:
        raise AccountError(f"{what} must be between {low} and {high}, not {value}")
    return value


@dataclass(frozen=True)
class Account:
    issuer: str
    name: str
    secret: str = field(repr=False)
    type: OtpType = OtpType.TOTP
    algorithm: Algorithm = Algorithm.SHA1
    digits: int = 6
    period: int = 30
    counter: int = 0
    note: str = ""
    icon_color: str = ""
    icon_letter: str = ""
    use_count: int = 0
    last_used: float = 0.0
    created: float = field(default_factory=time.time)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        set_ = object.__setattr__  # frozen: normalise in place once, at construction
        set_(self, "issuer", _clean_label(self.issuer, "issuer"))
        set_(self, "name", _clean_label(self.name, "account name"))
        if not self.issuer and not self.name:
            raise AccountError("the account needs an issuer or an account name")
        set_(self, "secret", normalize_secret(self.secret))
        try:
            set_(self, "type", OtpType(str(self.type).lower()))
        except ValueError:
            raise AccountError(f"unknown OTP type {self.type!r} (use totp or hotp)") from None
        try:
            set_(self, "algorithm", Algorithm(str(self.algorithm).upper().replace("-", "")))
        except ValueError:
            raise AccountError(
                f"unknown algorithm {self.algorithm!r} (use SHA1, SHA256 or SHA512)"
            ) from None
        _check_int(self.digits, "digits", MIN_DIGITS, MAX_DIGITS)
        _check_int(self.period, "period", 1, MAX_PERIOD)
        _check_int(self.counter, "counter", 0, MAX_COUNTER)
        _check_int(self.use_count, "use count", 0, 2**63)
        set_(self, "note", _clean_note(self.note))
        if self.icon_color and not _COLOR.fullmatch(self.icon_color):
            raise AccountError("the icon colour must look like #RRGGBB")
        set_(self, "icon_letter", _clean_label(self.icon_letter, "icon letter", limit=2))
        if not isinstance(self.id, str) or not self.id:
            raise AccountError("the account id is missing")

    @cached_property
    def key(self) -> bytes:
        """The decoded secret, computed once per account object."""
        return secret_to_bytes(self.secret)

    @property
    def label(self) -> str:
        if self.issuer and self.name:
            return f"{self.issuer} ({self.name})"
        return self.issuer or self.name

    @property
    def weak_secret(self) -> bool:
        return len(self.key) < MIN_RECOMMENDED_SECRET_BYTES

    def code_at(self, now: float) -> str:
        """The current code: TOTP at `now`, or HOTP at the stored counter."""
        if self.type is OtpType.HOTP:
            return hotp(self.key, self.counter, digits=self.digits, algorithm=self.algorithm)
        return totp(self.key, now, period=self.period, digits=self.digits, algorithm=self.algorithm)

    def same_credential(self, other: Account) -> bool:
        """True when both produce the same codes (duplicate detection ignores names)."""
        return (self.key, self.type, self.algorithm, self.digits, self.period) == (
            other.key,
            other.type,
            other.algorithm,
            other.digits,
            other.period,
        )

    def to_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict: its deep copy makes saving 10,000 accounts several times slower.
        data = {name: getattr(self, name) for name in _FIELD_ORDER}
        data["type"] = self.type.value
        data["algorithm"] = self.algorithm.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Account:
        if not isinstance(data, dict):
            raise AccountError("an account entry is not an object")
        known = {k: v for k, v in data.items() if k in _FIELD_NAMES}
        try:
            return cls(**known)
        except TypeError as exc:
            raise AccountError(f"an account entry is incomplete ({exc})") from None


def _clean_note(value: Any) -> str:
    if not isinstance(value, str):
        raise AccountError("the note must be text")
    if len(value) > MAX_NOTE_LENGTH:
        raise AccountError(f"the note is too long (at most {MAX_NOTE_LENGTH} characters)")
    return value


_FIELD_ORDER = tuple(Account.__dataclass_fields__)
_FIELD_NAMES = frozenset(_FIELD_ORDER)


def matches_query(account: Account, query: str) -> bool:
    """Case-insensitive match of every word of `query` against issuer or account name."""
    haystack = f"{account.issuer}\n{account.name}".casefold()
    return all(word in haystack for word in query.casefold().split())


def find_accounts(accounts: Iterable[Account], query: str) -> list[Account]:
    """Accounts matching `query`; an exact label or id match wins over substring matches."""
    accounts = list(accounts)
    folded = query.strip().casefold()
    exact = [
        a
        for a in accounts
        if folded in (a.id, a.label.casefold(), a.name.casefold(), a.issuer.casefold())
    ]
    if len(exact) == 1:
        return exact
    return [a for a in accounts if matches_query(a, query)]
