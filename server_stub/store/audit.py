"""The per-org audit trail."""

from __future__ import annotations

import sqlite3

from server_stub.store.records import AuditRecord


class AuditRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, org_id: int, event: AuditRecord) -> None:
        self._conn.execute(
            "INSERT INTO audit_events (org_id, at, actor, action, target) VALUES (?, ?, ?, ?, ?)",
            (org_id, event.at, event.actor, event.action, event.target),
        )

    def newest(self, org_id: int, limit: int) -> list[AuditRecord]:
        rows = self._conn.execute(
            "SELECT at, actor, action, target FROM audit_events WHERE org_id = ?"
            " ORDER BY id DESC LIMIT ?",
            (org_id, limit),
        ).fetchall()
        return [AuditRecord(*row) for row in rows]
