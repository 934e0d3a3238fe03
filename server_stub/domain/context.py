"""What every domain service shares: the database, the clock, the keys and the attempt locks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from server_stub.domain.clock import Clock
from server_stub.domain.errors import ServiceError
from server_stub.domain.passwords import PasswordChecker
from server_stub.domain.secret_box import SecretBox
from server_stub.domain.throttle import AttemptLocks
from server_stub.store import Database, Repositories


@dataclass(frozen=True)
class DomainContext:
    db: Database
    clock: Clock
    passwords: PasswordChecker
    box: SecretBox
    attempt_locks: AttemptLocks


@contextmanager
def transaction_keeping_refusals(db: Database) -> Iterator[Repositories]:
    """A write transaction in which a ServiceError is an answer, not a failure.

    What was written before the refusal (a failure counted, an audit event) is committed and the
    refusal then raised; any other exception rolls everything back.
    """
    refusal: ServiceError | None = None
    with db.write() as tx:
        try:
            yield tx
        except ServiceError as exc:
            refusal = exc
    if refusal is not None:
        raise refusal
