"""SQLite connections and transactions.

Connections are pooled, one per concurrent request: uvicorn runs our sync endpoints on a thread
pool, and a pooled connection is used by one thread at a time (hence check_same_thread=False).
Write transactions start with BEGIN IMMEDIATE, taking the write lock up front, so two writers
never both read and then fail to upgrade; WAL lets readers run alongside the one writer.
"""

from __future__ import annotations

import os
import queue
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from server_stub.store.accounts import AuthenticatorRepository, OrgRepository, UserRepository
from server_stub.store.audit import AuditRepository
from server_stub.store.credentials import MfaTokenRepository, SessionRepository
from server_stub.store.errors import StoreError
from server_stub.store.mail import EmailCodeRepository, OutboxRepository
from server_stub.store.meta import MetaRepository
from server_stub.store.schema import migrate
from server_stub.store.throttles import ThrottleRepository

BUSY_TIMEOUT_SECONDS = 10.0


class Repositories:
    """Every repository, bound to the one connection (and so the one transaction) in use."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.orgs = OrgRepository(conn)
        self.users = UserRepository(conn)
        self.authenticators = AuthenticatorRepository(conn)
        self.mfa_tokens = MfaTokenRepository(conn)
        self.sessions = SessionRepository(conn)
        self.email_codes = EmailCodeRepository(conn)
        self.outbox = OutboxRepository(conn)
        self.throttles = ThrottleRepository(conn)
        self.audit = AuditRepository(conn)
        self.meta = MetaRepository(conn)


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._open_connections: list[sqlite3.Connection] = []
        self._closed = False
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            # Password hashes and sealed secrets: owner only. SQLite gives the -wal and -shm
            # files the mode of the database file, so creating it 0600 covers all three.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
            conn = self._connect()
            conn.execute("PRAGMA journal_mode = WAL")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"cannot open the database {path}: {exc}") from exc
        except OSError as exc:
            self.close()
            raise StoreError(f"cannot open the database {path}: {exc.strerror or exc}") from exc
        self._idle.put(conn)

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            self.path,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,  # we issue BEGIN/COMMIT ourselves
            check_same_thread=False,
        )
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")  # durable enough with WAL, much faster
        with self._lock:
            self._open_connections.append(conn)
        return conn

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        if self._closed:
            raise StoreError("the database is closed")
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._connect()
        try:
            yield conn
        finally:
            if conn.in_transaction:  # a failed ROLLBACK: never hand this one out again
                self._discard(conn)
            else:
                self._idle.put(conn)

    def _discard(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            if conn in self._open_connections:
                self._open_connections.remove(conn)
        conn.close()

    @contextmanager
    def write(self) -> Iterator[Repositories]:
        """One write transaction: committed on normal exit, rolled back on an exception."""
        with self._connection() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield Repositories(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def read(self) -> Iterator[Repositories]:
        """One read transaction: all reads inside see the same snapshot."""
        with self._connection() as conn:
            conn.execute("BEGIN")
            try:
                yield Repositories(conn)
            finally:
                conn.execute("ROLLBACK")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            connections, self._open_connections = self._open_connections, []
        for conn in connections:
            conn.close()
