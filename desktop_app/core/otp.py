"""HOTP (RFC 4226) and TOTP (RFC 6238) arithmetic. Time is always passed in.

The functions take the raw key bytes, so callers decode base32 once per account, not once per
code: with thousands of accounts that decode would otherwise dominate a repaint.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import struct
from enum import StrEnum


class Algorithm(StrEnum):
    SHA1 = "SHA1"
    SHA256 = "SHA256"
    SHA512 = "SHA512"


_DIGESTS = {
    Algorithm.SHA1: hashlib.sha1,
    Algorithm.SHA256: hashlib.sha256,
    Algorithm.SHA512: hashlib.sha512,
}

MIN_DIGITS = 6
MAX_DIGITS = 8
MAX_COUNTER = 2**64 - 1


class OtpError(ValueError):
    """OTP parameters outside what RFC 4226/6238 define."""


def _check_digits(digits: int) -> None:
    if not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise OtpError(f"digits must be between {MIN_DIGITS} and {MAX_DIGITS}, not {digits}")


def hotp(
    key: bytes, counter: int, *, digits: int = 6, algorithm: Algorithm = Algorithm.SHA1
) -> str:
    """The HOTP value for `counter`, zero-padded to `digits` characters."""
    _check_digits(digits)
    if not 0 <= counter <= MAX_COUNTER:
        raise OtpError("counter must be between 0 and 2^64-1")
    if not key:
        raise OtpError("the secret key is empty")
    mac = hmac.digest(key, struct.pack(">Q", counter), _DIGESTS[Algorithm(algorithm)])
    offset = mac[-1] & 0x0F
    binary = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(binary % 10**digits).zfill(digits)


def time_step(now: float, period: int = 30, t0: int = 0) -> int:
    """The RFC 6238 time counter T = floor((now - T0) / X)."""
    if period <= 0:
        raise OtpError(f"period must be a positive number of seconds, not {period}")
    return math.floor((now - t0) / period)


def totp(
    key: bytes,
    now: float,
    *,
    period: int = 30,
    digits: int = 6,
    algorithm: Algorithm = Algorithm.SHA1,
) -> str:
    """The TOTP value at epoch time `now`."""
    step = time_step(now, period)
    if step < 0:
        raise OtpError("the time is before 1970")
    return hotp(key, step, digits=digits, algorithm=algorithm)


def seconds_remaining(now: float, period: int = 30) -> float:
    """Seconds until the current TOTP value changes (in (0, period])."""
    if period <= 0:
        raise OtpError(f"period must be a positive number of seconds, not {period}")
    return period - (now % period)


def format_code(code: str) -> str:
    """Group a code for reading: "123456" -> "123 456", "1234567" -> "123 4567"."""
    half = len(code) // 2
    return f"{code[:half]} {code[half:]}"
