"""TOTP secrets are sealed with AES-GCM under a key file kept beside the database (0600)."""

from __future__ import annotations

import base64
import os
import sqlite3
import stat

import pytest

from server_stub.app import StubConfig, create_app
from server_stub.domain.passwords import CHEAP_PASSWORD_PARAMS
from server_stub.domain.secret_box import SealError, SecretBox, totp_context
from server_stub.store import StoreError
from server_stub.store.keyfile import key_path_for

ALICE = "alice@acme.test"


def stored_bytes(db_path) -> bytes:
    wal = db_path.with_name(db_path.name + "-wal")
    return db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def test_key_file_is_created_beside_the_database_owner_only(stub):
    key_path = key_path_for(stub.db_path)
    assert key_path.parent == stub.db_path.parent
    assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
    assert len(key_path.read_bytes()) == 32


def test_database_file_is_owner_only(stub):
    assert stat.S_IMODE(stub.db_path.stat().st_mode) == 0o600


@pytest.mark.parametrize("confirm", [False, True])
def test_pending_and_enabled_secrets_are_not_stored_in_clear(stub, confirm):
    token = stub.sign_in_by_email(ALICE)
    if confirm:
        secret = stub.enable_app(token)
    else:
        secret = stub.post("/api/v1/me/authenticator/enroll", token).json()["secret"]
    raw = stored_bytes(stub.db_path)
    assert secret.encode() not in raw
    assert base64.b32decode(secret) not in raw
    with sqlite3.connect(stub.db_path) as conn:
        [(sealed,)] = conn.execute("SELECT secret_sealed FROM authenticators").fetchall()
    assert len(sealed) == 12 + 32 + 16  # nonce + ciphertext + GCM tag


def test_email_codes_are_stored_as_keyed_digests(stub):
    stub.login(ALICE)
    code = stub.last_code(ALICE)
    with sqlite3.connect(stub.db_path) as conn:
        [(digest,)] = conn.execute("SELECT code_digest FROM email_codes").fetchall()
    assert code.encode() not in digest and len(digest) == 32


def test_a_sealed_secret_opens_only_for_its_own_user():
    box = SecretBox(os.urandom(32))
    sealed = box.seal(b"JBSWY3DPEHPK3PXP", totp_context(1))
    assert box.open(sealed, totp_context(1)) == b"JBSWY3DPEHPK3PXP"
    with pytest.raises(SealError):
        box.open(sealed, totp_context(2))
    with pytest.raises(SealError):
        SecretBox(os.urandom(32)).open(sealed, totp_context(1))
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(SealError):
        box.open(tampered, totp_context(1))


def test_sealing_twice_gives_different_ciphertexts():
    box = SecretBox(os.urandom(32))
    assert box.seal(b"same", b"ctx") != box.seal(b"same", b"ctx")


def config(db_path) -> StubConfig:
    return StubConfig(db_path=db_path, password_params=CHEAP_PASSWORD_PARAMS)


def test_the_same_key_is_read_back_on_the_next_start(tmp_path):
    db_path = tmp_path / "s.sqlite3"
    create_app(config(db_path)).state.services.ctx.db.close()
    key = key_path_for(db_path).read_bytes()
    create_app(config(db_path)).state.services.ctx.db.close()
    assert key_path_for(db_path).read_bytes() == key


def test_a_foreign_key_file_is_refused(tmp_path):
    db_path = tmp_path / "s.sqlite3"
    create_app(config(db_path)).state.services.ctx.db.close()
    key_path = key_path_for(db_path)
    key_path.write_bytes(os.urandom(32))
    with pytest.raises(StoreError, match="does not belong to this database"):
        create_app(config(db_path))


def test_a_key_file_readable_by_others_is_refused(tmp_path):
    db_path = tmp_path / "s.sqlite3"
    create_app(config(db_path)).state.services.ctx.db.close()
    key_path_for(db_path).chmod(0o644)
    with pytest.raises(StoreError, match="chmod 600"):
        create_app(config(db_path))


def test_a_damaged_key_file_is_refused(tmp_path):
    db_path = tmp_path / "s.sqlite3"
    key_path = key_path_for(db_path)
    key_path.write_bytes(b"short")
    key_path.chmod(0o600)
    with pytest.raises(StoreError, match="damaged"):
        create_app(config(db_path))
