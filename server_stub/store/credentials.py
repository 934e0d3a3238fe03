"""Short-lived bearer credentials: mfa tokens (between password and code) and sessions.

Only SHA-256 hashes of the tokens are stored, so a copy of the database opens no session.
"""

from __future__ import annotations

import sqlite3

from server_stub.store.records import SessionRecord


class MfaTokenRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, token_hash: bytes, user_id: int, expires_at: float, now: float) -> None:
        # Housekeeping rides on inserts: dead tokens are useless and go.
        self._conn.execute(
            "DELETE FROM mfa_tokens WHERE expires_at <= ? OR used_at IS NOT NULL", (now,)
        )
        self._conn.execute(
            "INSERT INTO mfa_tokens (token_hash, user_id, expires_at) VALUES (?, ?, ?)",
            (token_hash, user_id, expires_at),
        )

    def live_user_id(self, token_hash: bytes, now: float) -> int | None:
        row = self._conn.execute(
            "SELECT user_id FROM mfa_tokens"
            " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
            (token_hash, now),
        ).fetchone()
        return int(row[0]) if row else None

    def consume(self, token_hash: bytes, now: float) -> bool:
        cursor = self._conn.execute(
            "UPDATE mfa_tokens SET used_at = ?"
            " WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?",
            (now, token_hash, now),
        )
        return cursor.rowcount == 1


class SessionRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, token_hash: bytes, user_id: int, now: float, idle_limit: float) -> None:
        self._conn.execute("DELETE FROM sessions WHERE last_seen_at <= ?", (now - idle_limit,))
        self._conn.execute(
            "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at)"
            " VALUES (?, ?, ?, ?)",
            (token_hash, user_id, now, now),
        )

    def get(self, token_hash: bytes) -> SessionRecord | None:
        row = self._conn.execute(
            "SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?",
            (token_hash,),
        ).fetchone()
        return SessionRecord(*row) if row else None

    def touch(self, token_hash: bytes, now: float) -> None:
        self._conn.execute(
            "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?",
            (now, token_hash, now),
        )

    def delete(self, token_hash: bytes) -> bool:
        cursor = self._conn.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))
        return cursor.rowcount == 1
