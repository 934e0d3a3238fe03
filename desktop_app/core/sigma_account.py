"""Qt-free rules of the Sigma account panel: which vault entry belongs to a Sigma user, countdowns,
how an enrolment key is shown, and what each server error means to a person."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import datetime

from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.clock import Clock
from desktop_app.core.sigma_client import (
    EnrollmentExpired,
    InvalidMfaToken,
    NoPendingEnrollment,
    ServerUnreachable,
    SigmaError,
    TooManyAttempts,
    Unauthenticated,
    start_command,
)

SIGMA_ISSUER = "Sigma"


def sigma_entries(accounts: Iterable[Account], email: str) -> list[Account]:
    """Vault entries for this Sigma user, newest first (a re-enrolment adds a newer one)."""
    wanted = email.strip().casefold()
    found = [
        a
        for a in accounts
        if a.type is OtpType.TOTP
        and a.issuer.casefold() == SIGMA_ISSUER.casefold()
        and a.name.casefold() == wanted
    ]
    return sorted(found, key=lambda a: a.created, reverse=True)


def group_key(secret: str) -> str:
    """The manual-entry key in groups of four, as Sigma and phone apps show it."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def mask_email(address: str) -> str:
    """a***@acme.test: enough to recognise one's own address on a shared screen."""
    local, at, domain = address.partition("@")
    if not at:
        return address
    return f"{local[:1]}***@{domain}"


def format_instant(iso: str | None) -> str:
    """An ISO 8601 time from the server in the user's local time, or "" when absent/unreadable."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    local = moment.astimezone()
    return f"{local.day} {local.strftime('%b %Y, %H:%M')}"  # no %-d: Windows lacks it


def format_duration(seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    if whole < 60:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    return f"{minutes}:{rest:02d}"


class Countdown:
    """A deadline on an injected clock: throttling waits and enrolment expiry."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._deadline: float | None = None

    def start(self, seconds: float) -> None:
        self._deadline = self._clock() + seconds

    def stop(self) -> None:
        self._deadline = None

    def remaining(self) -> float:
        if self._deadline is None:
            return 0.0
        return max(0.0, self._deadline - self._clock())

    @property
    def running(self) -> bool:
        return self.remaining() > 0


def explain(error: BaseException, server_url: str = "") -> str:
    """The sentence the panel shows for a failed call."""
    if isinstance(error, ServerUnreachable):
        command = start_command(server_url) if error.code == "unreachable" else None
        return f"{error.message} Start it with: {command}" if command else error.message
    if isinstance(error, TooManyAttempts):
        return f"Too many attempts. Try again in {format_duration(error.retry_after)}."
    if isinstance(error, Unauthenticated):
        return "Your Sigma session ended. Sign in again."
    if isinstance(error, InvalidMfaToken):
        return "The sign-in took too long. Enter your password again."
    if isinstance(error, EnrollmentExpired | NoPendingEnrollment):
        return "This setup expired before it was verified. Start it again."
    if isinstance(error, SigmaError):
        return error.message
    return f"Something went wrong: {error.__class__.__name__}."
