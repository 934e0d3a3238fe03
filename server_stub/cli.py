"""sigma-stub: serve the stub, or manage its accounts without a running server."""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import logging
import signal
import socket
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from server_stub.domain.accounts import (
    ACCOUNT_TYPES,
    AUTH_METHODS,
    AccountError,
    NewUser,
    add_org,
    add_user,
)
from server_stub.domain.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from server_stub.domain.passwords import PasswordChecker, PasswordParams
from server_stub.paths import default_db_path
from server_stub.serving import open_listener, url_for
from server_stub.store import Database, StoreError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


class CliError(Exception):
    """A problem to print on stderr before exiting with status 1."""


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return port


def _listen(host: str, port: int) -> socket.socket:
    try:
        return open_listener(host, port)
    except OSError as exc:
        raise CliError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc


def _print_demo_accounts() -> None:
    print(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for account in DEMO_ACCOUNTS:
        sso = "  (SSO org: password login refused)" if account.auth_method == "sso" else ""
        print(f"  {account.email:<20} {account.account_type:<8} {account.org}{sso}")


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from server_stub.app import StubConfig, create_app

    if not is_loopback(args.host) and not args.no_dev:
        raise CliError(
            f"refusing to serve on {args.host}: dev mode (readable outbox) is for loopback "
            "only. Use --host 127.0.0.1, or add --no-dev."
        )
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    db_path = Path(args.db) if args.db else default_db_path()
    listener = _listen(args.host, args.port)  # first: a busy port fails before any seeding
    try:
        app = create_app(
            StubConfig(db_path=db_path, dev_mode=not args.no_dev, seed_demo=args.demo)
        )
    except BaseException:
        listener.close()
        raise
    port = listener.getsockname()[1]
    print(f"Sigma stub serving on {url_for(args.host, port)}", flush=True)
    print(f"  database: {db_path}")
    print(f"  API docs: {url_for(args.host, port)}/docs")
    if args.no_dev:
        print("  dev mode off: the outbox is not readable over HTTP")
    else:
        print(f"  outbox:   {url_for(args.host, port)}/api/v1/dev/outbox?to=<email>")
    if args.demo:
        _print_demo_accounts()
    print("Press Ctrl+C to stop.", flush=True)
    if args.admin:
        return _serve_beside_admin_window(app, listener, url_for(args.host, port))

    # log_config=None: uvicorn's loggers go through the root logger set up above, so the
    # access log and our audit lines share one format.
    server = uvicorn.Server(
        uvicorn.Config(
            app, log_config=None, log_level="info", timeout_graceful_shutdown=5, lifespan="on"
        )
    )
    # uvicorn shuts down gracefully on SIGINT/SIGTERM, then re-raises the signal to whatever
    # handler was there before: make that one a no-op, so a requested stop exits with 0.
    previous = {
        sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        server.run(sockets=[listener])
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        listener.close()
    print("Sigma stub stopped.", flush=True)
    return 0


def _serve_beside_admin_window(app, listener: socket.socket, url: str) -> int:
    """serve --admin (the demo launcher): the server on a thread, the admin window on the main
    thread; closing the window leaves the server running until Ctrl+C or SIGTERM."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from server_stub.admin.app import main as admin_main
    from server_stub.serving import serve_in_background

    running = serve_in_background(app, listener=listener, log_config=None, log_level="info")
    stopping = threading.Event()
    qt_app = QApplication([sys.argv[0]])

    def request_stop(*_args: object) -> None:
        stopping.set()
        qt_app.quit()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    # Python runs signal handlers only between bytecodes: wake the interpreter while Qt waits.
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(200)
    try:
        admin_main(["--server", url])
        if not stopping.is_set():
            print("Admin window closed; the stub keeps serving. Press Ctrl+C to stop.", flush=True)
            stopping.wait()
    finally:
        wake.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        running.stop()
        listener.close()
    print("Sigma stub stopped.", flush=True)
    return 0


def _open_db(args: argparse.Namespace) -> Database:
    return Database(Path(args.db) if args.db else default_db_path())


def cmd_add_org(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        org = add_org(db, args.name, args.auth, time.time())
    finally:
        db.close()
    print(f"created org {org.id}: {org.name} ({org.auth_method})")
    return 0


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for the password on; use --password-stdin")
    first = getpass.getpass("Password for the new user: ")
    if getpass.getpass("Repeat it: ") != first:
        raise CliError("the two passwords differ")
    return first


def cmd_add_user(args: argparse.Namespace) -> int:
    db = _open_db(args)
    try:
        with db.read() as tx:
            org = tx.orgs.find_by_name(args.org.strip())
        if org is None:
            raise CliError(f"there is no org named {args.org!r}; create it with add-org")
        password = _read_password(args) if org.auth_method == "password" else None
        new = NewUser(args.org, args.email, args.name, args.type, password)
        user = add_user(db, PasswordChecker(PasswordParams()), new, time.time())
    finally:
        db.close()
    print(f"created user {user.id}: {user.email} ({user.account_type}) in {user.org.name}")
    return 0


def cmd_admin(args: argparse.Namespace) -> int:
    # Imported here: serving and account tools must not need Qt.
    from server_stub.admin.app import main as admin_main

    return admin_main(
        [*(["--server", args.server] if args.server else []), "--theme", args.theme]
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sigma-stub", description="The Sigma-like stub server and its account tools."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db_help = f"database file (default: {default_db_path()})"

    serve = commands.add_parser("serve", help="serve the HTTP API until stopped")
    serve.add_argument("--host", default=DEFAULT_HOST, help="address to listen on")
    serve.add_argument(
        "--port", type=port_number, default=DEFAULT_PORT, help="0 picks a free port"
    )
    serve.add_argument("--db", help=db_help)
    serve.add_argument("--demo", action="store_true", help="create the demo orgs and users")
    serve.add_argument(
        "--no-dev", action="store_true", help="production-like: no readable outbox"
    )
    serve.add_argument(
        "--admin", action="store_true", help="also open the admin window (needs a display)"
    )
    serve.set_defaults(handler=cmd_serve)

    org = commands.add_parser("add-org", help="create an org")
    org.add_argument("--name", required=True)
    org.add_argument("--auth", choices=AUTH_METHODS, default="password")
    org.add_argument("--db", help=db_help)
    org.set_defaults(handler=cmd_add_org)

    user = commands.add_parser("add-user", help="create a user in an org")
    user.add_argument("--org", required=True, help="the org's name")
    user.add_argument("--email", required=True)
    user.add_argument("--name", required=True, help="the person's name")
    user.add_argument("--type", choices=ACCOUNT_TYPES, default="creator")
    user.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    user.add_argument("--db", help=db_help)
    user.set_defaults(handler=cmd_add_user)

    admin = commands.add_parser(
        "admin", help="the admin window: users' authenticator status and reset, audit, outbox"
    )
    default_server = url_for(DEFAULT_HOST, DEFAULT_PORT)
    admin.add_argument(
        "--server", help=f"the stub's address (default: the last one used, else {default_server})"
    )
    admin.add_argument("--theme", choices=("system", "light", "dark"), default="system")
    admin.set_defaults(handler=cmd_admin)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (CliError, AccountError, StoreError) as exc:
        print(f"sigma-stub: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
