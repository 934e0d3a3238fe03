"""Google Authenticator's export: `otpauth-migration://offline?data=BASE64(MigrationPayload)`.

    MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
                       int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
    OtpParameters    { bytes secret = 1; string name = 2; string issuer = 3;
                       Algorithm algorithm = 4; DigitCount digits = 5; OtpType type = 6;
                       int64 counter = 7; }

A large export is split over several QR codes ("batches") sharing one batch_id. An entry that
cannot become an account (MD5, a bad name) is reported on its own; the rest still import.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from desktop_app.core.accounts import Account, AccountError, OtpType, bytes_to_secret
from desktop_app.core.importers.base import EntryError, ImporterError, ImportResult
from desktop_app.core.importers.protobuf_wire import (
    LENGTH_DELIMITED,
    VARINT,
    WireError,
    as_signed,
    bytes_field,
    iter_fields,
    varint_field,
)
from desktop_app.core.otp import Algorithm

SCHEME = "otpauth-migration://"
MAX_URI_LENGTH = 1_000_000  # one QR holds under 3 KB; a pasted text may hold more, not this much

# Wire enum values (0 means "unspecified" and gets Google Authenticator's default).
ALGORITHM_CODES = {0: Algorithm.SHA1, 1: Algorithm.SHA1, 2: Algorithm.SHA256, 3: Algorithm.SHA512}
ALGORITHM_MD5 = 4
DIGIT_CODES = {0: 6, 1: 6, 2: 8}
TYPE_CODES = {0: OtpType.TOTP, 1: OtpType.HOTP, 2: OtpType.TOTP}


class MigrationError(ImporterError):
    """The text is not a readable Google Authenticator export; the message says why."""


@dataclass(frozen=True)
class OtpParameters:
    """One entry as it travels on the wire (enum fields hold the raw wire numbers)."""

    secret: bytes
    name: str = ""
    issuer: str = ""
    algorithm: int = 1
    digits: int = 1
    type: int = 2
    counter: int = 0

    @classmethod
    def from_account(cls, account: Account) -> OtpParameters:
        algorithm = next(c for c, a in ALGORITHM_CODES.items() if a is account.algorithm and c)
        digits = {6: 1, 8: 2}.get(account.digits)
        if digits is None:
            raise MigrationError(
                f"Google Authenticator exports only 6 or 8 digits, not {account.digits}"
            )
        if account.type is OtpType.TOTP and account.period != 30:
            raise MigrationError("Google Authenticator exports only 30-second codes")
        kind = 1 if account.type is OtpType.HOTP else 2
        name = (
            f"{account.issuer}:{account.name}"
            if account.issuer and account.name
            else (account.name or account.issuer)
        )
        return cls(account.key, name, account.issuer, algorithm, digits, kind, account.counter)


@dataclass(frozen=True)
class BatchInfo:
    """Which part of a (possibly multi-code) export one QR code holds."""

    version: int = 1
    batch_size: int = 1
    batch_index: int = 0
    batch_id: int = 0

    def describe(self) -> str:
        return f"part {self.batch_index + 1} of {self.batch_size}"


@dataclass(frozen=True)
class MigrationImport(ImportResult):
    batch: BatchInfo = field(default_factory=BatchInfo)


def is_migration_uri(text: str) -> bool:
    return text.lstrip()[: len(SCHEME)].lower() == SCHEME


def payload_from_uri(uri: str) -> bytes:
    """The protobuf bytes in an export URI's data parameter."""
    if not isinstance(uri, str):
        raise MigrationError("an export URI must be text")
    uri = uri.strip()
    if len(uri) > MAX_URI_LENGTH:
        raise MigrationError(f"the export is too long ({len(uri)} characters)")
    if not is_migration_uri(uri):
        raise MigrationError("not a Google Authenticator export (otpauth-migration://)")
    _, _, query = uri[len(SCHEME) :].partition("?")
    query, _, _fragment = query.partition("#")
    values = [part[5:] for part in query.split("&") if part[:5].lower() == "data="]
    if not values or not values[0]:
        raise MigrationError("the export has no data parameter")
    if len(values) > 1:
        raise MigrationError("the export has more than one data parameter")
    # Percent-decode without turning '+' into a space: '+' is a base64 digit here. Accept the
    # URL-safe alphabet too, and spaces where a '+' was mangled on the way.
    text = unquote(values[0]).strip().replace(" ", "+").replace("-", "+").replace("_", "/")
    text += "=" * (-len(text) % 4)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise MigrationError("the export's data is not valid base64") from None


def _int_field(value: int | bytes, wire_type: int, what: str) -> int:
    if wire_type != VARINT or not isinstance(value, int):
        raise WireError(f"the {what} field has the wrong type")
    return as_signed(value)


def _bytes_field(value: int | bytes, wire_type: int, what: str) -> bytes:
    if wire_type != LENGTH_DELIMITED or not isinstance(value, bytes):
        raise WireError(f"the {what} field has the wrong type")
    return value


def _text_field(value: int | bytes, wire_type: int, what: str) -> str:
    try:
        return _bytes_field(value, wire_type, what).decode("utf-8")
    except UnicodeDecodeError:
        raise WireError(f"the {what} is not valid UTF-8") from None


def decode_entry(data: bytes) -> OtpParameters:
    """One OtpParameters message; WireError when malformed."""
    values: dict[str, object] = {}
    for number, wire_type, value in iter_fields(data):
        if number == 1:
            values["secret"] = _bytes_field(value, wire_type, "secret")
        elif number == 2:
            values["name"] = _text_field(value, wire_type, "name")
        elif number == 3:
            values["issuer"] = _text_field(value, wire_type, "issuer")
        elif number in (4, 5, 6, 7):
            key = {4: "algorithm", 5: "digits", 6: "type", 7: "counter"}[number]
            values[key] = _int_field(value, wire_type, key)
        # other field numbers: newer versions of the format; skipped, as protobuf does
    defaults = {"algorithm": 0, "digits": 0, "type": 0}  # absent enum = unspecified on the wire
    return OtpParameters(**{"secret": b"", **defaults, **values})  # type: ignore[arg-type]


def decode_payload(data: bytes) -> tuple[list[bytes], BatchInfo]:
    """The raw entry messages and the batch info of a MigrationPayload."""
    entries: list[bytes] = []
    batch = {"version": 0, "batch_size": 0, "batch_index": 0, "batch_id": 0}
    names = {2: "version", 3: "batch_size", 4: "batch_index", 5: "batch_id"}
    try:
        for number, wire_type, value in iter_fields(data):
            if number == 1:
                entries.append(_bytes_field(value, wire_type, "account"))
            elif number in names:
                batch[names[number]] = _int_field(value, wire_type, names[number])
    except WireError as exc:
        raise MigrationError(f"the export's data is damaged ({exc})") from None
    info = BatchInfo(
        version=batch["version"],
        batch_size=batch["batch_size"] or 1,  # absent in single-code exports of old versions
        batch_index=batch["batch_index"],
        batch_id=batch["batch_id"],
    )
    if info.batch_size < 1 or not 0 <= info.batch_index < info.batch_size:
        raise MigrationError(
            "the export's part number is out of range "
            f"({info.batch_index + 1} of {info.batch_size})"
        )
    return entries, info


def split_name(name: str, issuer: str) -> tuple[str, str]:
    """(issuer, account name) from an entry's name, which is often "Issuer:account"."""
    prefix, colon, rest = name.partition(":")
    if not colon:
        return issuer.strip(), name.strip()
    return (issuer.strip() or prefix.strip()), rest.strip()


def to_account(entry: OtpParameters) -> Account:
    """The account an entry describes; MigrationError or AccountError when it cannot be used."""
    if not entry.secret:
        raise MigrationError("it has no secret key")
    if entry.algorithm == ALGORITHM_MD5:
        raise MigrationError("it uses MD5, which this app does not support")
    if entry.algorithm not in ALGORITHM_CODES:
        raise MigrationError(f"unknown algorithm number {entry.algorithm}")
    if entry.digits not in DIGIT_CODES:
        raise MigrationError(f"unknown digit count number {entry.digits}")
    if entry.type not in TYPE_CODES:
        raise MigrationError(f"unknown OTP type number {entry.type}")
    if entry.counter < 0:
        raise MigrationError("its counter is negative")
    issuer, name = split_name(entry.name, entry.issuer)
    return Account(
        issuer=issuer,
        name=name,
        secret=bytes_to_secret(entry.secret),
        type=TYPE_CODES[entry.type],
        algorithm=ALGORITHM_CODES[entry.algorithm],
        digits=DIGIT_CODES[entry.digits],
        counter=entry.counter,
    )


def _entry_label(index: int, entry: OtpParameters | None) -> str:
    if entry is not None:
        issuer, name = split_name(entry.name, entry.issuer)
        if issuer and name:
            return f"{issuer} ({name})"[:120]
        if issuer or name:
            return (issuer or name)[:120]
    return f"entry {index + 1}"


def parse_payload(data: bytes) -> MigrationImport:
    raw_entries, batch = decode_payload(data)
    if not raw_entries:
        raise MigrationError("the export contains no accounts")
    accounts: list[Account] = []
    errors: list[EntryError] = []
    for index, raw in enumerate(raw_entries):
        entry: OtpParameters | None = None
        try:
            entry = decode_entry(raw)
            accounts.append(to_account(entry))
        except (WireError, MigrationError, AccountError) as exc:
            errors.append(EntryError(index, _entry_label(index, entry), str(exc)))
    return MigrationImport(tuple(accounts), tuple(errors), batch)


def parse_migration_uri(uri: str) -> MigrationImport:
    """Accounts, per-entry errors and batch info of an export URI. Raises MigrationError."""
    return parse_payload(payload_from_uri(uri))


def encode_payload(entries: Sequence[OtpParameters], batch: BatchInfo | None = None) -> bytes:
    batch = batch or BatchInfo()
    out = bytearray()
    for entry in entries:
        message = (
            bytes_field(1, entry.secret)
            + bytes_field(2, entry.name.encode("utf-8"))
            + bytes_field(3, entry.issuer.encode("utf-8"))
            + varint_field(4, entry.algorithm)
            + varint_field(5, entry.digits)
            + varint_field(6, entry.type)
            + varint_field(7, entry.counter)
        )
        out += bytes_field(1, message)
    out += varint_field(2, batch.version) + varint_field(3, batch.batch_size)
    out += varint_field(4, batch.batch_index) + varint_field(5, batch.batch_id)
    return bytes(out)


def build_migration_uri(
    entries: Sequence[OtpParameters | Account],
    *,
    batch_size: int = 1,
    batch_index: int = 0,
    batch_id: int = 0,
    version: int = 1,
) -> str:
    """An export URI as Google Authenticator writes it (standard base64, percent-encoded)."""
    raw = [e if isinstance(e, OtpParameters) else OtpParameters.from_account(e) for e in entries]
    payload = encode_payload(raw, BatchInfo(version, batch_size, batch_index, batch_id))
    data = base64.b64encode(payload).decode("ascii")
    return f"{SCHEME}offline?data={quote(data, safe='')}"


def missing_parts(parts: Iterable[BatchInfo]) -> list[int]:
    """The batch indexes (0-based) not yet among `parts`; MigrationError if they mix exports."""
    parts = list(parts)
    if not parts:
        return []
    first = parts[0]
    for part in parts[1:]:
        if (part.batch_id, part.batch_size) != (first.batch_id, first.batch_size):
            raise MigrationError(
                "these codes come from different exports; scan the parts of one export"
            )
    seen = {part.batch_index for part in parts}
    return [index for index in range(first.batch_size) if index not in seen]


class MigrationCollector:
    """Gathers the parts of one multi-code export as they are scanned, in any order."""

    def __init__(self) -> None:
        self._parts: dict[int, MigrationImport] = {}

    def add(self, part: MigrationImport) -> bool:
        """True when the part is new; False when already seen. MigrationError if foreign."""
        missing_parts([*(p.batch for p in self._parts.values()), part.batch])
        if part.batch.batch_index in self._parts:
            return False
        self._parts[part.batch.batch_index] = part
        return True

    @property
    def missing(self) -> list[int]:
        return missing_parts(p.batch for p in self._parts.values())

    @property
    def parts(self) -> list[int]:
        """The batch indexes (0-based) gathered so far."""
        return sorted(self._parts)

    @property
    def complete(self) -> bool:
        return bool(self._parts) and not self.missing

    @property
    def accounts(self) -> tuple[Account, ...]:
        return tuple(a for _, p in sorted(self._parts.items()) for a in p.accounts)

    @property
    def errors(self) -> tuple[EntryError, ...]:
        return tuple(e for _, p in sorted(self._parts.items()) for e in p.errors)
