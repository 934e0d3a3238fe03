"""Open the admin window: inside a running QApplication (the launcher), or on its own.

    window = open_admin_window("http://127.0.0.1:8765")   # a QApplication must exist
    window.closed.connect(...)                              # e.g. stop a stub you started

`main(argv)` is `sigma-stub admin [--server URL] [--theme system|light|dark]`.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from server_stub.admin.client_queue import ClientQueue
from server_stub.admin.console import Console
from server_stub.admin.heartbeat import Heartbeat
from server_stub.admin.look import THEMES, apply_app_look
from server_stub.admin.settings import AdminSettings
from server_stub.admin.sign_in_flow import SignInFlow
from server_stub.admin.timing import Clock
from server_stub.admin.window import AdminWindow


def build_admin_window(server_url: str | None = None, *, clock: Clock = time.time,
                       settings: AdminSettings | None = None,
                       refresh_seconds: int | None = None) -> AdminWindow:  # fmt: skip
    """The window with its controllers wired, not yet shown. `server_url` prefills the address
    (else the remembered one); `clock` drives countdowns and auto-refresh (tests move it)."""
    settings = settings or AdminSettings()
    window = AdminWindow()
    requests = ClientQueue(parent=window)
    heartbeat = Heartbeat(clock, parent=window)
    interval = settings.refresh_seconds if refresh_seconds is None else refresh_seconds
    flow = SignInFlow(window.sign_in_page, requests, settings, heartbeat, parent=window)
    console = Console(window, requests, heartbeat, interval, parent=window)
    window.attach(requests, heartbeat, flow, console)

    def on_signed_in(admin) -> None:
        console.start(admin, flow.server_url)

    def on_outbox_wanted(recipient: str) -> None:
        dialog = window.open_outbox_dialog(recipient)
        if not dialog.property("wired"):
            dialog.refresh_requested.connect(lambda: flow.load_outbox(dialog))
            dialog.setProperty("wired", True)
        flow.load_outbox(dialog)

    def on_closed() -> None:
        heartbeat.stop()
        requests.close(sign_out=console.active)

    flow.signed_in.connect(on_signed_in)
    flow.outbox_wanted.connect(on_outbox_wanted)
    console.session_ended.connect(lambda *_: window.show_sign_in())
    console.session_ended.connect(flow.restart)
    requests.busy_changed.connect(window.set_busy)
    window.closed.connect(on_closed)
    flow.prefill(server_url)
    heartbeat.start()
    return window


def open_admin_window(server_url: str | None = None, parent_app: QApplication | None = None,
                      **options) -> AdminWindow:  # fmt: skip
    """Build and show the window in an existing QApplication (its theme is left alone)."""
    app = parent_app or QApplication.instance()
    if app is None:
        raise RuntimeError("open_admin_window needs a QApplication; main() runs the window alone")
    window = build_admin_window(server_url, **options)
    window.show()
    return window


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sigma-stub admin",
                                     description="The stub's admin window.")  # fmt: skip
    parser.add_argument("--server", help="the stub's address (default: the last one used)")
    parser.add_argument("--theme", choices=THEMES, default="system")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("Sigma administration")
    apply_app_look(app, args.theme)
    window = open_admin_window(args.server, app)
    window.raise_()
    return app.exec()
