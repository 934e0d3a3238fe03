"""Argon2id password hashing, with a decoy check so unknown emails cost the same time."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError


@dataclass(frozen=True)
class PasswordParams:
    """Argon2id cost; the defaults are RFC 9106's second recommended set (64 MiB, t=3, p=4)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


CHEAP_PASSWORD_PARAMS = PasswordParams(time_cost=1, memory_kib=8, parallelism=1)


class PasswordChecker:
    def __init__(self, params: PasswordParams) -> None:
        self._hasher = PasswordHasher(
            time_cost=params.time_cost,
            memory_cost=params.memory_kib,
            parallelism=params.parallelism,
            type=Type.ID,
        )
        # A real hash of a throwaway password with today's parameters: verifying against it
        # costs what a real check costs.
        self._decoy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def verify_decoy(self, password: str) -> bool:
        """Spend a real check's time on an account that does not exist; always False."""
        self.verify(self._decoy_hash, password)
        return False

    def needs_rehash(self, password_hash: str) -> bool:
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except InvalidHashError:
            return False
