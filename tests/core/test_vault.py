import os
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import replace

import pytest
from helpers.vault_files import rewrite_header, with_version

from desktop_app.core.accounts import Account, OtpType, secret_to_bytes
from desktop_app.core.otp import Algorithm
from desktop_app.core.vault import (
    Vault,
    VaultAccessError,
    VaultBusyError,
    VaultDamagedError,
    VaultExistsError,
    VaultNotFoundError,
    VaultVersionError,
    WrongPasswordError,
    backup_path,
    crypto,
)
from desktop_app.core.vault.crypto import DEFAULT_ARGON2, KdfParams

PASSWORD = "correct horse battery"
SECRET = "HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"


def github(**changes) -> Account:
    base = Account(
        issuer="GitHub",
        name="alice@example.com",
        secret=SECRET,
        note="recovery codes in the safe",
    )
    return replace(base, **changes)


@pytest.fixture
def vault_path(tmp_path):
    return tmp_path / "data" / "vault"


@pytest.fixture
def vault(vault_path):
    return Vault.create(vault_path, PASSWORD)


def test_accounts_survive_a_reopen_with_every_field(vault, vault_path):
    first = github(icon_color="#336699", icon_letter="G", use_count=3)
    second = Account(
        issuer="Bank",
        name="",
        secret="JBSWY3DPEHPK3PXP",
        type=OtpType.HOTP,
        algorithm=Algorithm.SHA512,
        digits=8,
        counter=41,
    )
    vault.add(first)
    vault.add(second)
    assert Vault.open(vault_path, PASSWORD).accounts == (first, second)


def test_order_is_kept(vault, vault_path):
    accounts = [github(name=f"user{i}") for i in range(5)]
    vault.replace_all(reversed(accounts))
    names = [a.name for a in Vault.open(vault_path, PASSWORD).accounts]
    assert names == [f"user{i}" for i in reversed(range(5))]


def test_nothing_identifying_is_readable_on_disk(vault, vault_path):
    vault.add(github())
    vault.add(github(name="second"))
    secret_bytes = secret_to_bytes(SECRET)
    for path in (vault_path, backup_path(vault_path)):
        raw = path.read_bytes()
        for needle in (b"GitHub", b"alice", b"example.com", SECRET.encode(), secret_bytes,
                       b"recovery", b"totp", b"SHA1"):  # fmt: skip
            assert needle not in raw, (path.name, needle)


def test_the_size_on_disk_hides_the_account_count(vault, vault_path):
    vault.add(github())
    one = vault_path.stat().st_size
    vault.add(github(name="two"))
    vault.add(github(name="three"))
    assert vault_path.stat().st_size == one


def test_each_save_uses_a_fresh_nonce(vault, vault_path):
    vault.replace_all([github()])
    first = vault_path.read_bytes()
    vault.replace_all([github()])
    assert vault_path.read_bytes() != first


def test_a_wrong_password_is_told_apart_and_changes_nothing(vault, vault_path):
    vault.add(github())
    before = vault_path.read_bytes()
    with pytest.raises(WrongPasswordError, match="Wrong password"):
        Vault.open(vault_path, "not it")
    assert vault_path.read_bytes() == before
    assert Vault.open(vault_path, PASSWORD).accounts[0].name == "alice@example.com"


def test_a_flipped_byte_anywhere_is_reported_as_damage_with_the_backup(vault, vault_path):
    vault.add(github())
    vault.add(github(name="second"))  # now a backup exists
    good = vault_path.read_bytes()
    for position in range(len(good)):
        damaged = bytearray(good)
        damaged[position] ^= 0x01 << (position % 8)
        vault_path.write_bytes(damaged)
        with pytest.raises(VaultDamagedError) as caught:
            Vault.open(vault_path, PASSWORD)
        assert str(backup_path(vault_path)) in str(caught.value), position
    vault_path.write_bytes(good)
    assert len(Vault.open(vault_path, PASSWORD).accounts) == 2


def test_the_backup_holds_the_previous_version_and_opens(vault, vault_path):
    vault.add(github())
    vault.add(github(name="second"))
    previous = Vault.open(backup_path(vault_path), PASSWORD)
    assert [a.name for a in previous.accounts] == ["alice@example.com"]


@pytest.mark.parametrize("keep", [0, 1, 9, 13, 14, 100, -33, -32, -1])
def test_a_truncated_file_is_reported_as_damage(vault, vault_path, keep):
    vault.add(github())
    raw = vault_path.read_bytes()
    vault_path.write_bytes(raw[:keep])
    with pytest.raises(VaultDamagedError, match="truncated|empty|checksum"):
        Vault.open(vault_path, PASSWORD)


def test_a_file_that_is_not_a_vault_says_so(vault_path):
    vault_path.parent.mkdir(parents=True)
    vault_path.write_bytes(b"PK\x03\x04 this is a zip file, really" * 4)
    with pytest.raises(VaultDamagedError, match="not a Sigma Authenticator vault"):
        Vault.open(vault_path, PASSWORD)


def test_a_newer_format_asks_for_an_update(vault, vault_path):
    vault_path.write_bytes(with_version(vault_path, 7))
    with pytest.raises(VaultVersionError, match="newer version.*format 7"):
        Vault.open(vault_path, PASSWORD)


def test_hostile_kdf_parameters_are_refused_before_any_derivation(vault, vault_path):
    def ask_for_a_terabyte(header):
        header["slots"][0]["kdf"]["memory_kib"] = 2**30

    rewrite_header(vault_path, ask_for_a_terabyte)
    started = time.perf_counter()
    with pytest.raises(VaultDamagedError, match="out of bounds"):
        Vault.open(vault_path, PASSWORD)
    assert time.perf_counter() - started < 5  # refused, not attempted


def test_a_downgraded_kdf_with_a_valid_checksum_cannot_unwrap_the_key(vault, vault_path):
    def cheaper(header):
        header["slots"][0]["kdf"]["iterations"] = 2

    rewrite_header(vault_path, cheaper)
    with pytest.raises(WrongPasswordError):
        Vault.open(vault_path, PASSWORD)


def test_kdf_bounds_reject_every_malformed_value():
    good = KdfParams("argon2id", b"s" * 16, dict(DEFAULT_ARGON2)).to_json()
    assert KdfParams.from_json(good).cost == DEFAULT_ARGON2
    malformed = [
        ("memory_kib", 1),
        ("iterations", 0),
        ("lanes", 99),
        ("iterations", "2"),
        ("lanes", True),
        ("salt", "c2hvcnQ="),
        ("salt", "%%%"),
        ("name", "md5"),
    ]
    for key, bad in malformed:
        with pytest.raises(crypto.HeaderError):
            KdfParams.from_json({**good, key: bad})


def test_the_default_kdf_costs_what_the_format_allows():
    params = crypto.default_kdf(DEFAULT_ARGON2)
    assert KdfParams.from_json(params.to_json()) == params
    assert params.cost["memory_kib"] >= 64 * 1024  # memory-hard, not a toy


def test_opening_a_missing_vault_says_how_to_create_one(vault_path):
    with pytest.raises(VaultNotFoundError, match="sigma-auth init"):
        Vault.open(vault_path, PASSWORD)


def test_creating_over_an_existing_vault_leaves_it_untouched(vault, vault_path):
    vault.add(github())
    before = vault_path.read_bytes()
    with pytest.raises(VaultExistsError):
        Vault.create(vault_path, "another password")
    assert vault_path.read_bytes() == before


def test_an_unusable_folder_is_a_clear_access_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(VaultAccessError, match="Cannot use the vault"):
        Vault.create(blocker / "vault", PASSWORD)
    with pytest.raises(VaultAccessError, match="Cannot use the vault"):
        Vault.open(blocker / "vault", PASSWORD)
    with pytest.raises(VaultAccessError, match="folder"):
        Vault.open(tmp_path, PASSWORD)


def test_change_password_rewraps_the_same_key(vault, vault_path):
    vault.add(github())
    other_process = Vault.open(vault_path, PASSWORD)
    vault.change_password("a brand new password")
    with pytest.raises(WrongPasswordError):
        Vault.open(vault_path, PASSWORD)
    assert Vault.open(vault_path, "a brand new password").accounts == vault.accounts
    # A window opened before the change still saves: the master key did not change.
    other_process.add(github(name="added elsewhere"))
    reopened = Vault.open(vault_path, "a brand new password")
    assert [a.name for a in reopened.accounts] == ["alice@example.com", "added elsewhere"]


def test_two_processes_editing_never_lose_each_others_changes(vault, vault_path):
    window = vault
    command_line = Vault.open(vault_path, PASSWORD)
    window.add(github(name="from the window"))
    command_line.add(github(name="from the command line"))
    window.update(lambda accounts: [replace(a, use_count=a.use_count + 1) for a in accounts])
    final = Vault.open(vault_path, PASSWORD).accounts
    assert [(a.name, a.use_count) for a in final] == [
        ("from the window", 1),
        ("from the command line", 1),
    ]
    assert window.reload() == final
    assert command_line.reload() == final


def test_a_closed_vault_forgets_its_accounts_and_refuses_to_save(vault):
    vault.add(github())
    vault.close()
    assert vault.accounts == ()
    assert not vault.is_open
    with pytest.raises(Exception, match="locked"):
        vault.add(github())


LOCK_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from desktop_app.core.vault.file_lock import FileLock
    lock = FileLock(Path(sys.argv[1]))
    lock.acquire()
    print("locked", flush=True)
    time.sleep(60)
    """
)


def _start_lock_holder(vault_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(vault_path.with_name("vault.lock"))],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_writer_waits_then_gets_a_clear_busy_error(vault, vault_path):
    holder = _start_lock_holder(vault_path)
    try:
        vault.lock_timeout = 0.2
        with pytest.raises(VaultBusyError, match="another Sigma Authenticator process"):
            vault.add(github())
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_left_by_a_killed_process_does_not_block(vault, vault_path):
    holder = _start_lock_holder(vault_path)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert vault_path.with_name("vault.lock").exists()  # the stale file is still there
    vault.lock_timeout = 0.2
    vault.add(github())
    assert len(Vault.open(vault_path, PASSWORD).accounts) == 1


def test_a_save_after_a_killed_one_leaves_no_staging_file(tmp_path):
    """A writer killed between refreshing the backup and replacing the vault leaves both names on
    one inode; the next save must not leave the backup's staging link behind."""
    from desktop_app.core.vault.atomic_file import replace_atomically

    target, backup = tmp_path / "vault", tmp_path / "vault.bak"
    target.write_bytes(b"old")
    os.link(target, backup)
    replace_atomically(target, b"new", backup=backup)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vault", "vault.bak"]
    assert (target.read_bytes(), backup.read_bytes()) == (b"new", b"old")
