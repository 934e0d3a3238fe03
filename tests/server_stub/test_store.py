"""The SQLite store: schema version and migrations, WAL, foreign keys, transactions."""

from __future__ import annotations

import sqlite3

import pytest

from server_stub.store import Database, StoreError
from server_stub.store.schema import LATEST_VERSION


def test_a_new_database_is_migrated_to_the_latest_version(tmp_path):
    db = Database(tmp_path / "s.sqlite3")
    db.close()
    with sqlite3.connect(tmp_path / "s.sqlite3") as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(LATEST_VERSION,)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_opening_again_keeps_data_and_version(tmp_path):
    db = Database(tmp_path / "s.sqlite3")
    with db.write() as tx:
        tx.orgs.add("Acme", "password", 0.0)
    db.close()
    db = Database(tmp_path / "s.sqlite3")
    with db.read() as tx:
        assert tx.orgs.find_by_name("acme").name == "Acme"  # names are unique, any case
    db.close()


def test_a_database_from_a_newer_program_is_refused(tmp_path):
    Database(tmp_path / "s.sqlite3").close()
    with sqlite3.connect(tmp_path / "s.sqlite3") as conn:
        conn.execute("UPDATE schema_version SET version = ?", (LATEST_VERSION + 1,))
    with pytest.raises(StoreError, match="newer"):
        Database(tmp_path / "s.sqlite3")


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    (tmp_path / "s.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the database"):
        Database(tmp_path / "s.sqlite3")


def test_foreign_keys_are_enforced(tmp_path):
    db = Database(tmp_path / "s.sqlite3")
    with pytest.raises(sqlite3.IntegrityError), db.write() as tx:
        tx.users.add(
            org_id=42, email="x@y.z", name="X", account_type="viewer", password_hash="h", now=0.0
        )
    db.close()


def test_a_failed_write_transaction_is_rolled_back(tmp_path):
    db = Database(tmp_path / "s.sqlite3")
    with pytest.raises(RuntimeError), db.write() as tx:
        tx.orgs.add("Acme", "password", 0.0)
        raise RuntimeError("boom")
    with db.read() as tx:
        assert tx.orgs.find_by_name("Acme") is None
    db.close()


def test_connections_are_reused_across_threads(tmp_path):
    import threading

    db = Database(tmp_path / "s.sqlite3")
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            for j in range(20):
                with db.write() as tx:
                    tx.orgs.add(f"org-{i}-{j}", "password", 0.0)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with sqlite3.connect(tmp_path / "s.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM orgs").fetchone()[0] == 80
    db.close()


def test_the_closed_database_refuses_work(tmp_path):
    db = Database(tmp_path / "s.sqlite3")
    db.close()
    with pytest.raises(StoreError), db.read():
        pass
