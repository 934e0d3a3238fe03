"""Throttling of failed attempts, per user and across sessions (contract: Throttling).

Five consecutive failures are free; after that each attempt must wait 1 s after the latest
failure, doubling with every further failure up to 15 minutes. An attempt made during the wait
is refused unevaluated and does not count. A full sign-in (or an admin reset) clears the count;
a correct password alone does not, or knowing the password would reset the code throttle.

Attempts on one subject run one at a time (AttemptLocks), so a burst of parallel guesses cannot
all be evaluated before the first failure is counted.
"""

from __future__ import annotations

import math
import threading

from server_stub.domain import audit
from server_stub.domain.errors import too_many_attempts
from server_stub.store import Repositories
from server_stub.store.records import ThrottleRecord, UserRecord

FREE_FAILURES = 5
FIRST_WAIT_SECONDS = 1
MAX_WAIT_SECONDS = 15 * 60
# A count idle this long starts again, for accounts and unknown emails alike (treating them
# differently would tell them apart); 96 waits of 15 minutes fit in a day anyway.
MEMORY_SECONDS = 24 * 3600


def user_subject(user_id: int) -> str:
    return f"user:{user_id}"


def unknown_email_subject(email: str) -> str:
    # Unknown addresses are throttled like accounts, so a 429 does not reveal which exist.
    return f"email:{email}"


def wait_after(failures: int) -> int:
    """Seconds an attempt must wait after the latest of `failures` consecutive failures."""
    if failures < FREE_FAILURES:
        return 0
    doublings = min(failures - FREE_FAILURES, MAX_WAIT_SECONDS.bit_length())
    return min(FIRST_WAIT_SECONDS * 2**doublings, MAX_WAIT_SECONDS)


def seconds_to_wait(record: ThrottleRecord | None, now: float) -> int:
    if record is None:
        return 0
    remaining = record.last_failure_at + wait_after(record.failures) - now
    return math.ceil(remaining) if remaining > 0 else 0


class AttemptLocks:
    """A fixed set of locks; a subject always maps to the same one."""

    def __init__(self, stripes: int = 256) -> None:
        self._locks = [threading.Lock() for _ in range(stripes)]

    def hold(self, subject: str) -> threading.Lock:
        return self._locks[hash(subject) % len(self._locks)]


def refuse_if_waiting(tx: Repositories, subject: str, now: float, user: UserRecord | None) -> None:
    """Raise 429 when the subject must still wait; audit it once per wait."""
    record = tx.throttles.get(subject)
    wait = seconds_to_wait(record, now)
    if not wait or record is None:
        return
    first_refusal = (
        record.throttle_noted_at is None or record.throttle_noted_at < record.last_failure_at
    )
    if user is not None and first_refusal:
        audit.record(tx, audit.Action.LOGIN_THROTTLED, user, now)
        tx.throttles.note_throttled(subject, now)
    raise too_many_attempts(wait)


def count_failure(tx: Repositories, subject: str, now: float) -> None:
    tx.throttles.record_failure(subject, now, forget_before=now - MEMORY_SECONDS)
    tx.throttles.forget_stale(before=now - MEMORY_SECONDS)


def clear(tx: Repositories, subject: str) -> None:
    tx.throttles.clear(subject)
