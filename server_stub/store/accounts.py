"""Orgs, users and their authenticator rows."""

from __future__ import annotations

import sqlite3

from server_stub.store.records import AuthenticatorRecord, OrgRecord, UserRecord

_USER_COLUMNS = """
    u.id, u.email, u.name, u.account_type, u.password_hash, u.last_totp_step,
    o.id, o.name, o.auth_method,
    a.status, a.secret_sealed, a.issued_at, a.enrolled_at
"""
_USER_FROM = """
    FROM users u
    JOIN orgs o ON o.id = u.org_id
    LEFT JOIN authenticators a ON a.user_id = u.id
"""


def _user(row: tuple) -> UserRecord:
    (uid, email, name, account_type, password_hash, last_step,
     org_id, org_name, auth_method, status, sealed, issued_at, enrolled_at) = row
    authenticator = (
        AuthenticatorRecord(uid, status, bytes(sealed), issued_at, enrolled_at)
        if status is not None
        else None
    )
    return UserRecord(
        id=uid,
        email=email,
        name=name,
        account_type=account_type,
        password_hash=password_hash,
        last_totp_step=last_step,
        org=OrgRecord(org_id, org_name, auth_method),
        authenticator=authenticator,
    )


class OrgRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, name: str, auth_method: str, now: float) -> OrgRecord:
        cursor = self._conn.execute(
            "INSERT INTO orgs (name, auth_method, created_at) VALUES (?, ?, ?)",
            (name, auth_method, now),
        )
        return OrgRecord(int(cursor.lastrowid or 0), name, auth_method)

    def find_by_name(self, name: str) -> OrgRecord | None:
        row = self._conn.execute(
            "SELECT id, name, auth_method FROM orgs WHERE name = ?", (name,)
        ).fetchone()
        return OrgRecord(*row) if row else None


class UserRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(
        self,
        *,
        org_id: int,
        email: str,
        name: str,
        account_type: str,
        password_hash: str,
        now: float,
    ) -> int:
        cursor = self._conn.execute(
            "INSERT INTO users (org_id, email, name, account_type, password_hash, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (org_id, email, name, account_type, password_hash, now),
        )
        return int(cursor.lastrowid or 0)

    def get(self, user_id: int) -> UserRecord | None:
        row = self._conn.execute(
            f"SELECT {_USER_COLUMNS} {_USER_FROM} WHERE u.id = ?", (user_id,)
        ).fetchone()
        return _user(row) if row else None

    def find_by_email(self, email: str) -> UserRecord | None:
        row = self._conn.execute(
            f"SELECT {_USER_COLUMNS} {_USER_FROM} WHERE u.email = ?", (email,)
        ).fetchone()
        return _user(row) if row else None

    def list_in_org(self, org_id: int) -> list[UserRecord]:
        rows = self._conn.execute(
            f"SELECT {_USER_COLUMNS} {_USER_FROM} WHERE u.org_id = ? ORDER BY u.id",
            (org_id,),
        ).fetchall()
        return [_user(row) for row in rows]

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        self._conn.execute(
            "UPDATE users SET password_hash = ? WHERE id = ?", (password_hash, user_id)
        )

    def advance_totp_step(self, user_id: int, step: int) -> bool:
        """Record `step` as the last accepted one if it is later; False means a replay.

        The condition sits in the UPDATE itself, so of two requests racing with the same code
        exactly one sees a changed row, whatever either read before.
        """
        cursor = self._conn.execute(
            "UPDATE users SET last_totp_step = ? WHERE id = ? AND last_totp_step < ?",
            (step, user_id, step),
        )
        return cursor.rowcount == 1


class AuthenticatorRepository:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def put_pending(self, user_id: int, secret_sealed: bytes, now: float) -> None:
        """Start (or restart) an enrolment; an enabled row is never replaced."""
        self._conn.execute(
            "INSERT INTO authenticators (user_id, status, secret_sealed, issued_at)"
            " VALUES (?, 'pending', ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET"
            "   secret_sealed = excluded.secret_sealed, issued_at = excluded.issued_at"
            " WHERE authenticators.status = 'pending'",
            (user_id, secret_sealed, now),
        )

    def enable(self, user_id: int, now: float) -> bool:
        cursor = self._conn.execute(
            "UPDATE authenticators SET status = 'enabled', enrolled_at = ?"
            " WHERE user_id = ? AND status = 'pending'",
            (now, user_id),
        )
        return cursor.rowcount == 1

    def delete(self, user_id: int) -> bool:
        cursor = self._conn.execute("DELETE FROM authenticators WHERE user_id = ?", (user_id,))
        return cursor.rowcount == 1
