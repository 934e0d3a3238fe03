"""The admin window's sentences and deadlines, without a display or a server."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

import pytest

from desktop_app.core.sigma_client import (
    AuthenticatorState,
    Forbidden,
    InvalidCredentials,
    Org,
    ServerError,
    ServerUnreachable,
    TooManyAttempts,
    Unauthenticated,
    User,
    start_command,
)
from server_stub.admin.messages import (
    NO_LONGER_ADMIN,
    SESSION_ENDED,
    WRONG_PASSWORD,
    clock_time,
    describe_error,
    format_wait,
    local_time,
    refusal,
    reset_unavailable,
)
from server_stub.admin.timing import Deadline


def _user(account_type: str, status: str = "disabled") -> User:
    return User("7", "x@acme.test", "Xavier Example", account_type,
                Org("1", "Acme", "password"), AuthenticatorState(status))  # fmt: skip


@pytest.mark.parametrize(
    ("url", "command"),
    [
        ("http://127.0.0.1:8765", "sigma-stub serve --demo"),
        ("http://127.0.0.1:9000", "sigma-stub serve --demo --port 9000"),
        ("http://localhost:8765", "sigma-stub serve --demo --host localhost"),
        ("http://[::1]:8765", "sigma-stub serve --demo --host ::1"),
        ("http://sigma.example:8765", None),
        ("https://127.0.0.1:8765", None),
    ],
)
def test_the_start_command_matches_the_address(url, command):
    assert start_command(url) == command


def test_errors_read_as_sentences():
    url = "http://127.0.0.1:8765"
    down = ServerUnreachable("Cannot reach the server.", "unreachable")
    assert describe_error(down, url) == (
        "Cannot reach the server at http://127.0.0.1:8765. Start it with: sigma-stub serve --demo"
    )
    slow = ServerUnreachable("The server did not answer in time.", "timeout")
    assert describe_error(slow, url) == "The server did not answer in time."
    assert describe_error(InvalidCredentials("x"), url) == WRONG_PASSWORD
    assert describe_error(Unauthenticated("x"), url) == SESSION_ENDED
    assert describe_error(Forbidden("x"), url) == NO_LONGER_ADMIN
    throttled = TooManyAttempts("x", 75)
    assert describe_error(throttled, url) == "Too many attempts. Try again in 1 min 15 s."
    assert describe_error(ServerError("HTTP 502."), url) == "HTTP 502."
    assert "ValueError: odd" in describe_error(ValueError("odd"), url)


@pytest.mark.parametrize(("seconds", "text"), [(0, "0 s"), (1, "1 s"), (59, "59 s"),
                                               (60, "1 min"), (905, "15 min 5 s")])  # fmt: skip
def test_waits_are_in_minutes_and_seconds(seconds, text):
    assert format_wait(seconds) == text


def test_refusal_names_the_person_and_their_type():
    assert refusal(_user("creator")) == (
        "This window is for admins of an organization; Xavier Example is a creator."
    )
    assert refusal(_user("editor")).endswith("is an editor.")


def test_reset_is_unavailable_only_without_an_app():
    assert "nothing to reset" in reset_unavailable(_user("viewer", "disabled"))
    assert reset_unavailable(_user("viewer", "pending")) is None
    assert reset_unavailable(_user("viewer", "enabled")) is None


def test_server_times_are_shown_in_the_local_zone():
    plus_two = timezone(timedelta(hours=2))
    assert local_time("2025-01-31T12:00:00Z", plus_two) == "2025-01-31 14:00"
    assert local_time("2025-01-31T12:00:05Z", UTC, seconds=True) == "2025-01-31 12:00:05"
    assert local_time(None) == "—"
    assert local_time("yesterday") == "yesterday"  # shown as given rather than hidden
    assert clock_time(3600.0, UTC) == "01:00:00"


def test_a_deadline_counts_whole_seconds_up_and_passes():
    deadline = Deadline()
    assert not deadline.active and deadline.remaining(100) == 0 and not deadline.passed(100)
    deadline.start(100.0, 3)
    assert deadline.remaining(100.0) == 3
    assert deadline.remaining(100.2) == 3  # rounds up: never says 0 while still waiting
    assert deadline.remaining(102.5) == 1
    assert not deadline.passed(102.9)
    assert deadline.passed(103.0) and deadline.remaining(103.0) == 0
    deadline.clear()
    assert not deadline.active
