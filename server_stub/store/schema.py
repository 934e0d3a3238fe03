"""The database schema as an ordered list of migrations, and the code that applies them.

Each migration is a list of single statements (not a script) so that all of them run inside the
one transaction that also bumps `schema_version`: a crash mid-migration leaves the old version.
"""

from __future__ import annotations

import sqlite3

from server_stub.store.errors import StoreError

MIGRATIONS: list[list[str]] = [
    # 1: the whole contract v1.
    [
        """CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value BLOB NOT NULL
        )""",
        """CREATE TABLE orgs (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            auth_method TEXT NOT NULL CHECK (auth_method IN ('password', 'sso')),
            created_at REAL NOT NULL
        )""",
        # email is stored normalised (trimmed, lower-case); the unique index makes it the key.
        # last_totp_step is per user, not per secret: accepted steps only ever move forward.
        """CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
            email TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            account_type TEXT NOT NULL CHECK (account_type IN ('admin', 'creator', 'viewer')),
            password_hash TEXT NOT NULL,
            last_totp_step INTEGER NOT NULL DEFAULT -1,
            created_at REAL NOT NULL
        )""",
        "CREATE INDEX users_by_org ON users(org_id, id)",
        # No row means status `disabled`. secret_sealed is AES-GCM ciphertext, never the secret.
        """CREATE TABLE authenticators (
            user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
            status TEXT NOT NULL CHECK (status IN ('pending', 'enabled')),
            secret_sealed BLOB NOT NULL,
            issued_at REAL NOT NULL,
            enrolled_at REAL
        )""",
        """CREATE TABLE mfa_tokens (
            token_hash BLOB PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            expires_at REAL NOT NULL,
            used_at REAL
        ) WITHOUT ROWID""",
        """CREATE TABLE sessions (
            token_hash BLOB PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            created_at REAL NOT NULL,
            last_seen_at REAL NOT NULL
        ) WITHOUT ROWID""",
        "CREATE INDEX sessions_by_user ON sessions(user_id)",
        # code_digest is an HMAC under the server key: the table alone cannot give the code away.
        """CREATE TABLE email_codes (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            code_digest BLOB NOT NULL,
            sent_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            closed_at REAL
        )""",
        "CREATE INDEX email_codes_by_user ON email_codes(user_id, id)",
        """CREATE TABLE outbox (
            id INTEGER PRIMARY KEY,
            to_email TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            code TEXT,
            sent_at REAL NOT NULL
        )""",
        "CREATE INDEX outbox_by_recipient ON outbox(to_email, id)",
        # subject is 'user:<id>' or 'email:<address>' (unknown accounts are throttled alike so
        # that a 429 does not tell which addresses exist).
        """CREATE TABLE throttles (
            subject TEXT PRIMARY KEY,
            failures INTEGER NOT NULL,
            last_failure_at REAL NOT NULL,
            throttle_noted_at REAL
        ) WITHOUT ROWID""",
        "CREATE INDEX throttles_by_age ON throttles(last_failure_at)",
        """CREATE TABLE audit_events (
            id INTEGER PRIMARY KEY,
            org_id INTEGER NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
            at REAL NOT NULL,
            actor TEXT,
            action TEXT NOT NULL,
            target TEXT
        )""",
        "CREATE INDEX audit_by_org ON audit_events(org_id, id)",
    ],
]

LATEST_VERSION = len(MIGRATIONS)


def current_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to LATEST_VERSION; returns the version found before."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        found = current_version(conn)
        if found > LATEST_VERSION:
            raise StoreError(
                f"the database has schema version {found}, newer than this program knows "
                f"({LATEST_VERSION}); use a newer sigma-stub"
            )
        for statements in MIGRATIONS[found:]:
            for statement in statements:
                conn.execute(statement)
        conn.execute("DELETE FROM schema_version")
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST_VERSION,))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return found
