"""What the admin window says: errors in words, the refusal, the reset confirmation, times.

Pure Python (no Qt), so every sentence is tested without a display. The client's own messages
are precise about transport; the ones written here add what an admin should do next.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from desktop_app.core.sigma_client import (
    Forbidden,
    InvalidCredentials,
    InvalidMfaToken,
    NotFound,
    ServerUnreachable,
    SigmaError,
    TooManyAttempts,
    Unauthenticated,
    User,
    start_command,
)

STATUS_LABELS = {"enabled": "Enabled", "pending": "Pending", "disabled": "Disabled"}
STATUS_DESCRIPTIONS = {
    "enabled": "Signs in with a code from their authenticator app (or an emailed code).",
    "pending": "Started setting up an authenticator app but has not confirmed it with a code yet.",
    "disabled": "No authenticator app: signs in with an emailed code.",
}
ACCOUNT_TYPE_LABELS = {"admin": "Admin", "creator": "Creator", "viewer": "Viewer"}

WRONG_PASSWORD = "Wrong email or password."  # noqa: S105 (a message, not a password)
MFA_EXPIRED = (
    "The sign-in attempt expired (a code must be entered within 5 minutes). "
    "Enter your password again."
)
SESSION_ENDED = "Your session has ended (12 hours without use, or signed out). Sign in again."
NO_LONGER_ADMIN = "Your account is no longer an admin of this organization."
USER_GONE = "That user is no longer in your organization."


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.capitalize())


def account_type_label(account_type: str) -> str:
    return ACCOUNT_TYPE_LABELS.get(account_type, account_type.capitalize())


def describe_error(error: BaseException, server_url: str) -> str:
    """One or two sentences for a person; never a traceback."""
    if isinstance(error, ServerUnreachable):
        command = start_command(server_url) if error.code == "unreachable" else None
        if command:
            return f"Cannot reach the server at {server_url}. Start it with: {command}"
        return error.message
    if isinstance(error, InvalidCredentials):
        return WRONG_PASSWORD
    if isinstance(error, InvalidMfaToken):
        return MFA_EXPIRED
    if isinstance(error, Unauthenticated):
        return SESSION_ENDED
    if isinstance(error, Forbidden):
        return NO_LONGER_ADMIN
    if isinstance(error, NotFound):
        return USER_GONE
    if isinstance(error, TooManyAttempts):
        return f"Too many attempts. Try again in {format_wait(error.retry_after)}."
    if isinstance(error, SigmaError):
        return error.message
    return f"Something went wrong in the admin window: {type(error).__name__}: {error}"


def format_wait(seconds: int) -> str:
    """42 -> '42 s', 75 -> '1 min 15 s', 120 -> '2 min'."""
    seconds = max(0, int(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min {rest} s" if rest else f"{minutes} min"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def refusal(user: User) -> str:
    kind = user.account_type
    return f"This window is for admins of an organization; {user.name} is {_article(kind)} {kind}."


RESET_CONSEQUENCE = "They will sign in with an emailed code until they set it up again."


def reset_question(user: User) -> str:
    return f"Reset authenticator app for {user.name}?"


RESET_TIP = (
    "Delete their authenticator app: they sign in with an emailed code until they set it up again."
)


def reset_unavailable(user: User) -> str | None:
    """Why Reset is greyed out for this user, or None when it is available."""
    if user.authenticator.status == "disabled":
        return f"{user.name} has no authenticator app set up, so there is nothing to reset."
    return None


def reset_done(user: User) -> str:
    return f"Reset the authenticator app of {user.name}; they now sign in with an emailed code."


def parse_instant(text: str | None) -> datetime | None:
    """The contract's UTC ISO 8601 ('2025-01-31T12:00:00Z'); None when absent or unreadable."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def local_time(text: str | None, zone: tzinfo | None = None, *, seconds: bool = False) -> str:
    """A server timestamp in the local time zone ('2025-01-31 13:00'); '—' when absent."""
    moment = parse_instant(text)
    if moment is None:
        return text or "—"
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def clock_time(epoch: float, zone: tzinfo | None = None) -> str:
    """An instant of the window's clock as local wall time, e.g. '14:03:27'."""
    return datetime.fromtimestamp(epoch, zone).strftime("%H:%M:%S")
