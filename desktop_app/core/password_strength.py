"""A rough password strength hint for the create-vault form.

Not a security guarantee: it estimates guessing effort from length and character variety, and
punishes the patterns people reach for first. The vault's Argon2id makes each guess slow; this
hint is about not choosing something found in the first million guesses.
"""

from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass

MIN_LENGTH = 8

_COMMON = {
    "password", "passw0rd", "123456", "12345678", "123456789", "qwerty", "azerty", "letmein",
    "iloveyou", "admin", "welcome", "monkey", "dragon", "football", "abc123", "secret",
    "sunshine", "princess", "trustno1", "000000", "111111", "qwertyuiop", "1q2w3e4r",
}  # fmt: skip
_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm")


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (very weak) to 4 (strong)
    label: str
    hint: str

    @property
    def acceptable(self) -> bool:
        return self.score >= 1


def _pool_size(password: str) -> int:
    pool = 0
    if any(c in string.ascii_lowercase for c in password):
        pool += 26
    if any(c in string.ascii_uppercase for c in password):
        pool += 26
    if any(c in string.digits for c in password):
        pool += 10
    if any(c in string.punctuation or c == " " for c in password):
        pool += 33
    if any(ord(c) > 127 for c in password):
        pool += 100
    return max(pool, 1)


def _has_sequence(password: str, length: int = 4) -> bool:
    lowered = password.lower()
    for sequence in _SEQUENCES:
        for start in range(len(sequence) - length + 1):
            if sequence[start : start + length] in lowered:
                return True
    return False


def estimate(password: str) -> Strength:
    if not password:
        return Strength(0, "", f"Use at least {MIN_LENGTH} characters; a few unrelated words work.")
    if len(password) < MIN_LENGTH:
        return Strength(0, "Too short", f"Use at least {MIN_LENGTH} characters.")
    if password.lower() in _COMMON:
        return Strength(0, "Very weak", "This is one of the most common passwords.")
    bits = len(password) * math.log2(_pool_size(password))
    if re.fullmatch(r"(.)\1*", password):
        bits = math.log2(95) + math.log2(len(password))
    if _has_sequence(password):
        bits -= 15
    if bits < 40:
        return Strength(1, "Weak", "Add more characters, or a few unrelated words.")
    if bits < 60:
        return Strength(2, "Fair", "Longer is better: add another word.")
    if bits < 80:
        return Strength(3, "Good", "")
    return Strength(4, "Strong", "")
