"""Key derivation and AES-256-GCM sealing for the vault.

A random 256-bit master key seals the content. A password slot keeps that master key wrapped
under a key derived from the password, so changing the password re-wraps 32 bytes instead of
re-deriving anything for the content.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16


class HeaderError(ValueError):
    """A header field missing, malformed or out of bounds (a damaged or hostile file)."""


# Bounds checked on every read: a header must not be able to ask for a gigabyte-hour KDF,
# nor for a trivially cheap one that a tampered file could downgrade to.
_BOUNDS: dict[str, dict[str, tuple[int, int]]] = {
    "argon2id": {"memory_kib": (8 * 1024, 1024 * 1024), "iterations": (1, 16), "lanes": (1, 16)},
    "scrypt": {"log2_n": (14, 22), "r": (1, 32), "p": (1, 16)},
}


@dataclass(frozen=True)
class KdfParams:
    name: str
    salt: bytes
    cost: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "salt": b64(self.salt), **self.cost}

    @classmethod
    def from_json(cls, data: Any) -> KdfParams:
        if not isinstance(data, dict) or data.get("name") not in _BOUNDS:
            raise HeaderError("unknown key-derivation function")
        name = data["name"]
        cost = {}
        for key, (low, high) in _BOUNDS[name].items():
            value = data.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise HeaderError(f"key-derivation parameter {key} out of bounds")
            cost[key] = value
        salt = unb64(data.get("salt"), "salt")
        if not SALT_BYTES <= len(salt) <= 64:
            raise HeaderError("key-derivation salt has a wrong length")
        return cls(name, salt, cost)

    def with_new_salt(self) -> KdfParams:
        return KdfParams(self.name, os.urandom(SALT_BYTES), dict(self.cost))


# About 0.35 s on the reference 2-core machine (tests/bench/vault_bench.py measures it).
DEFAULT_ARGON2 = {"memory_kib": 128 * 1024, "iterations": 2, "lanes": 4}
DEFAULT_SCRYPT = {"log2_n": 17, "r": 8, "p": 1}
# The cheapest parameters the bounds allow: for tests only.
FAST_TEST_ARGON2 = {"memory_kib": 8 * 1024, "iterations": 1, "lanes": 1}


def default_kdf(cost: dict[str, int] | None = None) -> KdfParams:
    """Argon2id when the linked OpenSSL has it, scrypt otherwise."""
    salt = os.urandom(SALT_BYTES)
    if argon2_available():
        return KdfParams("argon2id", salt, dict(cost or DEFAULT_ARGON2))
    return KdfParams("scrypt", salt, dict(DEFAULT_SCRYPT))


def argon2_available() -> bool:
    try:
        Argon2id(salt=b"\0" * SALT_BYTES, length=KEY_BYTES, iterations=1, lanes=1, memory_cost=8)
    except UnsupportedAlgorithm:
        return False
    return True


def derive_key(password: str, params: KdfParams) -> bytes:
    secret = password.encode("utf-8")
    if params.name == "argon2id":
        kdf = Argon2id(
            salt=params.salt,
            length=KEY_BYTES,
            iterations=params.cost["iterations"],
            lanes=params.cost["lanes"],
            memory_cost=params.cost["memory_kib"],
        )
        return kdf.derive(secret)
    kdf = Scrypt(
        salt=params.salt,
        length=KEY_BYTES,
        n=2 ** params.cost["log2_n"],
        r=params.cost["r"],
        p=params.cost["p"],
    )
    return kdf.derive(secret)


def new_nonce() -> bytes:
    """A fresh random 96-bit nonce: every seal gets its own."""
    return os.urandom(NONCE_BYTES)


def seal(key: bytes, nonce: bytes, plaintext: bytes, associated: bytes) -> bytes:
    """Ciphertext with its GCM tag."""
    return AESGCM(key).encrypt(nonce, plaintext, associated)


def open_sealed(key: bytes, nonce: bytes, ciphertext: bytes, associated: bytes) -> bytes | None:
    """The plaintext, or None when the key is wrong or anything was altered."""
    if len(nonce) != NONCE_BYTES:
        return None
    try:
        return AESGCM(key).decrypt(nonce, ciphertext, associated)
    except InvalidTag:
        return None


def new_master_key() -> bytes:
    return os.urandom(KEY_BYTES)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(value: Any, what: str) -> bytes:
    if not isinstance(value, str):
        raise HeaderError(f"{what} is missing")
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        raise HeaderError(f"{what} is not valid base64") from None
