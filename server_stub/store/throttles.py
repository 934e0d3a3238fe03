"""Consecutive-failure counters, one row per throttled subject."""

from __future__ import annotations

import sqlite3

from server_stub.store.records import ThrottleRecord


class ThrottleRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def get(self, subject: str) -> ThrottleRecord | None:
        row = self._conn.execute(
            "SELECT subject, failures, last_failure_at, throttle_noted_at FROM throttles"
            " WHERE subject = ?",
            (subject,),
        ).fetchone()
        return ThrottleRecord(*row) if row else None

    def record_failure(self, subject: str, now: float, forget_before: float) -> int:
        """Count one more consecutive failure; returns the new count.

        A count whose latest failure is older than `forget_before` starts again from one.
        """
        row = self._conn.execute(
            "INSERT INTO throttles (subject, failures, last_failure_at) VALUES (?, 1, ?)"
            " ON CONFLICT (subject) DO UPDATE SET"
            "   failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END,"
            "   last_failure_at = excluded.last_failure_at"
            " RETURNING failures",
            (subject, now, forget_before),
        ).fetchone()
        return int(row[0])

    def note_throttled(self, subject: str, now: float) -> None:
        self._conn.execute(
            "UPDATE throttles SET throttle_noted_at = ? WHERE subject = ?", (now, subject)
        )

    def clear(self, subject: str) -> None:
        self._conn.execute("DELETE FROM throttles WHERE subject = ?", (subject,))

    def forget_stale(self, before: float) -> None:
        """Drop counters idle since `before`; keeps guesses at unknown emails from piling up."""
        self._conn.execute("DELETE FROM throttles WHERE last_failure_at < ?", (before,))
