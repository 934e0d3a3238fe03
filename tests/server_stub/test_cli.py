"""sigma-stub commands that run without a server: add-org, add-user, admin, argument checks."""

from __future__ import annotations

import io
import os
from pathlib import Path

import platformdirs
import pytest

from server_stub import cli
from server_stub.domain.demo import DEMO_ACCOUNTS, seed_demo
from server_stub.domain.passwords import CHEAP_PASSWORD_PARAMS, PasswordChecker
from server_stub.paths import default_db_path
from server_stub.store import Database


def run(capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    original = cli.sys.stdin
    cli.sys.stdin = io.StringIO(stdin)
    try:
        status = cli.main(list(args))
    finally:
        cli.sys.stdin = original
    out, err = capsys.readouterr()
    return status, out, err


def test_default_database_follows_sigma_stub_home(isolated_homes):
    assert default_db_path() == Path(os.environ["SIGMA_STUB_HOME"]) / "stub.sqlite3"


def test_default_database_is_in_the_user_data_folder(monkeypatch):
    monkeypatch.delenv("SIGMA_STUB_HOME")
    expected = platformdirs.user_data_path("sigma-stub", appauthor=False) / "stub.sqlite3"
    assert default_db_path() == expected


def test_add_org_and_user(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "PasswordParams", lambda: CHEAP_PASSWORD_PARAMS)
    db = str(tmp_path / "s.sqlite3")
    status, out, _ = run(capsys, "add-org", "--db", db, "--name", "Umbrella")
    assert status == 0 and "Umbrella (password)" in out
    status, out, _ = run(
        capsys,
        "add-user",
        "--db",
        db,
        "--org",
        "Umbrella",
        "--email",
        "Ann@Umbrella.test",
        "--name",
        "Ann",
        "--type",
        "admin",
        "--password-stdin",
        stdin="Long-enough-1\n",
    )
    assert status == 0 and "ann@umbrella.test (admin) in Umbrella" in out
    database = Database(Path(db))
    with database.read() as tx:
        user = tx.users.find_by_email("ann@umbrella.test")
    database.close()
    assert PasswordChecker(CHEAP_PASSWORD_PARAMS).verify(user.password_hash, "Long-enough-1")


def test_add_user_to_an_sso_org_needs_no_password(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "PasswordParams", lambda: CHEAP_PASSWORD_PARAMS)
    db = str(tmp_path / "s.sqlite3")
    run(capsys, "add-org", "--db", db, "--name", "Hooli", "--auth", "sso")
    status, out, _ = run(
        capsys,
        "add-user",
        "--db",
        db,
        "--org",
        "Hooli",
        "--email",
        "gavin@hooli.test",
        "--name",
        "Gavin",
    )
    assert status == 0 and "gavin@hooli.test (creator)" in out


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["add-user", "--org", "Nope", "--email", "a@b.c", "--name", "A"], "", "no org named"),
        (
            [
                "add-user",
                "--org",
                "Umbrella",
                "--email",
                "not-an-email",
                "--name",
                "A",
                "--password-stdin",
            ],
            "Long-enough-1\n",
            "look like",
        ),
        (
            [
                "add-user",
                "--org",
                "Umbrella",
                "--email",
                "a@b.c",
                "--name",
                "A",
                "--password-stdin",
            ],
            "short\n",
            "8 to 1024",
        ),
        (
            ["add-user", "--org", "Umbrella", "--email", "a@b.c", "--name", "A"],
            "",
            "--password-stdin",
        ),
        (["add-org", "--name", "Umbrella"], "", "already exists"),
        (["add-org", "--name", "  "], "", "org name"),
    ],
)
def test_bad_account_requests_exit_1_with_a_reason(capsys, tmp_path, args, stdin, message):
    db = str(tmp_path / "s.sqlite3")
    run(capsys, "add-org", "--db", db, "--name", "Umbrella")
    status, _, err = run(capsys, *args, "--db", db, stdin=stdin)
    assert status == 1
    assert err.startswith("sigma-stub: error:") and message in err


def test_a_duplicate_email_is_refused(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(cli, "PasswordParams", lambda: CHEAP_PASSWORD_PARAMS)
    db = str(tmp_path / "s.sqlite3")
    run(capsys, "add-org", "--db", db, "--name", "Umbrella")
    args = ["add-user", "--db", db, "--org", "Umbrella", "--name", "A", "--password-stdin"]
    assert run(capsys, *args, "--email", "a@b.c", stdin="Long-enough-1\n")[0] == 0
    status, _, err = run(capsys, *args, "--email", "A@B.C", stdin="Long-enough-1\n")
    assert status == 1 and "already exists" in err


@pytest.mark.parametrize(
    ("args", "passed"),
    [
        ([], ["--theme", "system"]),
        (["--server", "http://127.0.0.1:9000", "--theme", "dark"],
         ["--server", "http://127.0.0.1:9000", "--theme", "dark"]),
    ],
)  # fmt: skip
def test_admin_opens_the_admin_window_with_its_options(capsys, monkeypatch, args, passed):
    from server_stub.admin import app

    received = []
    monkeypatch.setattr(app, "main", lambda argv: received.append(argv) or 0)
    status, _, _ = run(capsys, "admin", *args)
    assert status == 0 and received == [passed]


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1", "example.test", "::"])
def test_serve_refuses_a_non_loopback_host_in_dev_mode(capsys, host):
    status, out, err = run(capsys, "serve", "--host", host)
    assert status == 1 and "--no-dev" in err and out == ""


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("localhost.example", False),
    ],
)
def test_is_loopback(host, loopback):
    assert cli.is_loopback(host) is loopback


def test_demo_seeding_is_idempotent(tmp_path):
    db = Database(tmp_path / "s.sqlite3")
    passwords = PasswordChecker(CHEAP_PASSWORD_PARAMS)
    assert len(seed_demo(db, passwords, 0.0)) == len(DEMO_ACCOUNTS)
    assert seed_demo(db, passwords, 1.0) == []
    with db.read() as tx:
        orgs = {a.org for a in DEMO_ACCOUNTS}
        assert all(tx.orgs.find_by_name(name) for name in orgs)
        assert sum(len(tx.users.list_in_org(tx.orgs.find_by_name(n).id)) for n in orgs) == 6
    db.close()


def test_served_connections_have_nagle_off():
    """With Nagle on, each keep-alive response stalls ~40 ms on the client's delayed ACK."""
    import asyncio
    import socket

    listener = cli._listen("127.0.0.1", 0)
    port = listener.getsockname()[1]
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport):
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def scenario() -> None:
        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(scenario())
    assert seen and seen[0] != 0


def test_a_busy_port_is_a_clear_error():
    listener = cli._listen("127.0.0.1", 0)
    try:
        with pytest.raises(cli.CliError, match=r"cannot listen on 127\.0\.0\.1"):
            cli._listen("127.0.0.1", listener.getsockname()[1])
    finally:
        listener.close()


@pytest.mark.parametrize("port", ["70000", "-1", "http"])
def test_serve_refuses_a_port_out_of_range(capsys, port):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["serve", "--port", port])
    assert stopped.value.code == 2
    assert "not a port number" in capsys.readouterr().err


def test_a_database_path_that_cannot_be_used_is_a_clear_error(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    status, _, err = run(capsys, "add-org", "--db", str(blocker / "s.sqlite3"), "--name", "X")
    assert status == 1 and "cannot open the database" in err
