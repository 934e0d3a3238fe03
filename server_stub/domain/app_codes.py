"""TOTP for the authenticator app: secrets, the otpauth URI and its QR code, code checks.

pyotp does the RFC 6238 arithmetic; the rules it leaves to us live here: the code must be six
ASCII digits (pyotp would take full-width digits), every candidate is compared in constant
time, and a step at or before the last accepted one is never a match (replay).
"""

from __future__ import annotations

import base64
import hmac
import io
import re
import secrets
from dataclasses import dataclass
from urllib.parse import quote

import pyotp
import segno

STEP_SECONDS = 30
DIGITS = 6
WINDOW_STEPS = 1  # accept the current step and one either side (clock drift, typing time)
SECRET_BYTES = 20  # 160 bits, as RFC 4226 recommends for SHA-1
ISSUER = "Sigma"
ENROLMENT_LIFETIME_SECONDS = 10 * 60  # a pending secret must be confirmed within this

_CODE = re.compile(r"[0-9]{6}")


def is_well_formed(code: str) -> bool:
    return _CODE.fullmatch(code) is not None


def new_secret() -> str:
    """160 random bits in base32; 20 bytes encode to exactly 32 characters, no padding."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii")


def provisioning_uri(email: str, secret: str) -> str:
    label = f"{ISSUER}:{quote(email, safe='')}"
    return (
        f"otpauth://totp/{label}?secret={secret}&issuer={ISSUER}"
        f"&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}"
    )


def qr_png_base64(text: str) -> str:
    buffer = io.BytesIO()
    segno.make_qr(text, error="m").save(buffer, kind="png", scale=6, border=4)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def time_step(now: float) -> int:
    return int(now // STEP_SECONDS)


def code_at_step(secret: str, step: int) -> str:
    return pyotp.TOTP(secret, digits=DIGITS, interval=STEP_SECONDS).generate_otp(step)


@dataclass(frozen=True)
class CodeCheck:
    step: int | None  # the step the code was accepted for, or None
    replayed: bool  # it fits the window, but only at or before the last accepted step


def check_code(secret: str, code: str, now: float, last_accepted_step: int) -> CodeCheck:
    """Accept `code` for the earliest step in the window that is later than the last accepted."""
    if not is_well_formed(code):
        return CodeCheck(None, replayed=False)
    current = time_step(now)
    candidates = range(current - WINDOW_STEPS, current + WINDOW_STEPS + 1)
    # Compare every candidate, so the time taken does not depend on where a match is.
    matches = [
        step
        for step in candidates
        if hmac.compare_digest(code_at_step(secret, step).encode(), code.encode())
    ]
    fresh = [step for step in matches if step > last_accepted_step]
    if fresh:
        return CodeCheck(fresh[0], replayed=False)
    return CodeCheck(None, replayed=bool(matches))
