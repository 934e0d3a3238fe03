"""Encryption at rest for TOTP secrets and keyed digests for email codes.

Two subkeys are derived from the server key (HKDF-SHA256) so the AEAD key and the MAC key are
never the same bytes. Each sealed secret carries its own random 96-bit nonce, and its owner's
id as associated data: a ciphertext copied onto another user's row does not open.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

NONCE_BYTES = 12
_KEY_CHECK_PLAINTEXT = b"sigma-stub server key check v1"


class SealError(Exception):
    """A sealed value does not open with this key (wrong key file or damaged row)."""


def _subkey(master: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(master)


class SecretBox:
    def __init__(self, master_key: bytes) -> None:
        self._aead = AESGCM(_subkey(master_key, b"sigma-stub/totp-secrets/v1"))
        self._mac_key = _subkey(master_key, b"sigma-stub/email-codes/v1")

    def seal(self, plaintext: bytes, context: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, context)

    def open(self, sealed: bytes, context: bytes) -> bytes:
        nonce, ciphertext = sealed[:NONCE_BYTES], sealed[NONCE_BYTES:]
        try:
            return self._aead.decrypt(nonce, ciphertext, context)
        except (InvalidTag, ValueError) as exc:
            raise SealError("a sealed value does not open with the server key") from exc

    def digest(self, data: bytes) -> bytes:
        return hmac.digest(self._mac_key, data, hashlib.sha256)

    def key_check(self) -> bytes:
        """A value to store beside the data, so a later start can tell a wrong key file."""
        return self.seal(_KEY_CHECK_PLAINTEXT, b"key-check")

    def matches_key_check(self, stored: bytes) -> bool:
        try:
            return self.open(stored, b"key-check") == _KEY_CHECK_PLAINTEXT
        except SealError:
            return False


def totp_context(user_id: int) -> bytes:
    return f"totp-secret:user:{user_id}".encode()
