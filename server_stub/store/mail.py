"""Emailed login codes and the outbox that stands in for real mail delivery."""

from __future__ import annotations

import sqlite3

from server_stub.store.records import EmailCodeRecord, OutboxRecord


class EmailCodeRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, user_id: int, code_digest: bytes, now: float, expires_at: float) -> None:
        """Store a new code and close every older open one: only the newest code counts."""
        self._conn.execute(
            "UPDATE email_codes SET closed_at = ? WHERE user_id = ? AND closed_at IS NULL",
            (now, user_id),
        )
        self._conn.execute(
            "INSERT INTO email_codes (user_id, code_digest, sent_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            (user_id, code_digest, now, expires_at),
        )

    def last_sent_at(self, user_id: int) -> float | None:
        row = self._conn.execute(
            "SELECT MAX(sent_at) FROM email_codes WHERE user_id = ?", (user_id,)
        ).fetchone()
        return row[0] if row else None

    def open_code(self, user_id: int, now: float) -> EmailCodeRecord | None:
        row = self._conn.execute(
            "SELECT id, user_id, code_digest, sent_at, expires_at FROM email_codes"
            " WHERE user_id = ? AND closed_at IS NULL AND expires_at > ?"
            " ORDER BY id DESC LIMIT 1",
            (user_id, now),
        ).fetchone()
        if not row:
            return None
        code_id, uid, digest, sent_at, expires_at = row
        return EmailCodeRecord(code_id, uid, bytes(digest), sent_at, expires_at)

    def close(self, code_id: int, now: float) -> bool:
        """Mark a code used; False if it was already closed (single use, race-proof)."""
        cursor = self._conn.execute(
            "UPDATE email_codes SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
            (now, code_id),
        )
        return cursor.rowcount == 1


class OutboxRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, message: OutboxRecord) -> None:
        self._conn.execute(
            "INSERT INTO outbox (to_email, subject, body, code, sent_at) VALUES (?, ?, ?, ?, ?)",
            (message.to_email, message.subject, message.body, message.code, message.sent_at),
        )

    def newest(self, to_email: str | None, limit: int) -> list[OutboxRecord]:
        if to_email is None:
            rows = self._conn.execute(
                "SELECT to_email, subject, body, code, sent_at FROM outbox"
                " ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        else:
            rows = self._conn.execute(
                "SELECT to_email, subject, body, code, sent_at FROM outbox"
                " WHERE to_email = ? ORDER BY id DESC LIMIT ?",
                (to_email, limit),
            ).fetchall()
        return [OutboxRecord(*row) for row in rows]
