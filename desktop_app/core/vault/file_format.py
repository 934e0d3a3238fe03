"""The vault's byte layout (docs/vault-format.md describes it for people).

    magic "SIGMAVLT" | version u16 BE | header length u32 BE | header (UTF-8 JSON)
    | content (AES-256-GCM ciphertext and tag) | SHA-256 of everything before it

The trailing checksum tells accidental damage (a flipped bit, a truncated copy) apart from a
wrong password before any key derivation runs; authenticity comes from GCM, which also covers
the magic, version and header as associated data.
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass
from typing import Any

from desktop_app.core.vault.crypto import KdfParams, b64, unb64

MAGIC = b"SIGMAVLT"
FORMAT_VERSION = 1
_PREFIX = struct.Struct(">8sHI")
_CHECKSUM_BYTES = 32
MAX_HEADER_BYTES = 64 * 1024
MAX_FILE_BYTES = 256 * 1024 * 1024


class FormatError(ValueError):
    """The bytes are not an intact vault file; the message says what is wrong."""


class NewerFormatError(ValueError):
    def __init__(self, found: int) -> None:
        super().__init__(f"format {found}")
        self.found = found


@dataclass(frozen=True)
class PasswordSlot:
    kdf: KdfParams
    nonce: bytes
    wrapped_key: bytes

    def associated_data(self) -> bytes:
        # Binds the wrapped key to its KDF parameters: swapping them fails the unwrap.
        return MAGIC + b"/slot/" + canonical_json(self.kdf.to_json())


@dataclass(frozen=True)
class VaultFile:
    slot: PasswordSlot
    content_nonce: bytes
    content: bytes
    header_bytes: bytes

    @property
    def associated_data(self) -> bytes:
        return associated_data_for(self.header_bytes)


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode("utf-8")


def encode_header(slot: PasswordSlot, content_nonce: bytes) -> bytes:
    header = {
        "slots": [
            {
                "kind": "password",
                "kdf": slot.kdf.to_json(),
                "nonce": b64(slot.nonce),
                "wrapped_key": b64(slot.wrapped_key),
            }
        ],
        "content": {"cipher": "AES-256-GCM", "nonce": b64(content_nonce)},
    }
    return canonical_json(header)


def associated_data_for(header_bytes: bytes) -> bytes:
    return _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes)) + header_bytes


def encode_file(header_bytes: bytes, content: bytes) -> bytes:
    body = associated_data_for(header_bytes) + content
    return body + hashlib.sha256(body).digest()


def checksum_of(data: bytes) -> bytes:
    """The trailing checksum: a cheap fingerprint to notice that the file changed on disk."""
    return data[-_CHECKSUM_BYTES:]


def decode_file(data: bytes) -> VaultFile:
    if len(data) < _PREFIX.size:
        raise FormatError("the file is truncated" if data else "the file is empty")
    magic, version, header_length = _PREFIX.unpack_from(data)
    if magic != MAGIC:
        raise FormatError("it is not a Sigma Authenticator vault")
    if len(data) < _PREFIX.size + _CHECKSUM_BYTES:
        raise FormatError("the file is truncated")
    # Every format version keeps this prefix and ends with this checksum, so a damaged version
    # field reads as damage, not as "written by a newer version".
    body, checksum = data[:-_CHECKSUM_BYTES], data[-_CHECKSUM_BYTES:]
    if hashlib.sha256(body).digest() != checksum:
        raise FormatError("its checksum does not match: the file was truncated or altered")
    if version > FORMAT_VERSION:
        raise NewerFormatError(version)
    if version < 1:
        raise FormatError(f"unknown format version {version}")
    if header_length > MAX_HEADER_BYTES or _PREFIX.size + header_length > len(body):
        raise FormatError("the header length is impossible")
    header_bytes = body[_PREFIX.size : _PREFIX.size + header_length]
    content = body[_PREFIX.size + header_length :]
    try:
        header = json.loads(header_bytes)
        slot_json = header["slots"][0]
        if slot_json["kind"] != "password":
            raise FormatError("it has no password slot")
        slot = PasswordSlot(
            kdf=KdfParams.from_json(slot_json["kdf"]),
            nonce=unb64(slot_json["nonce"], "slot nonce"),
            wrapped_key=unb64(slot_json["wrapped_key"], "wrapped key"),
        )
        content_nonce = unb64(header["content"]["nonce"], "content nonce")
    except FormatError:
        raise
    except (ValueError, KeyError, IndexError, TypeError) as exc:  # HeaderError is a ValueError
        raise FormatError(f"its header is unreadable: {exc}") from None
    return VaultFile(slot, content_nonce, content, header_bytes)
