"""The admin window's screenshots: a live stub on a fixed clock with a few more Acme users.

    ./dev screenshots                               (all screenshots)
    python tools/screenshots.py --only admin        (just these)

Times are fixed (clock and TZ=UTC), so the images change only when the window does. Popup menus
and dialogs are top-level windows of their own: those images grab the screen under the window.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).resolve().parent)]

from screenshots import _settle, _wait  # noqa: E402

# Thursday 12 March 2026, 09:41:10 UTC: 10 s into a 30 s step, so app codes stay valid.
DEMO_TIME = 1773308470.0
EXTRA_USERS = [
    # name, email, account type
    ("Chen Wei", "chen@acme.test", "creator"),
    ("Dana Ortiz", "dana@acme.test", "viewer"),
    ("Eve Martin", "eve@acme.test", "creator"),
    ("Farid Haddad", "farid@acme.test", "viewer"),
]


def _populate(stub) -> str:
    """Mixed statuses and a realistic audit; returns the admin's authenticator secret."""
    from helpers.admin_window import emailed_code, enable_authenticator

    from desktop_app.core.sigma_client import InvalidCredentials, SigmaClient
    from server_stub.domain.accounts import NewUser, add_user
    from server_stub.domain.demo import DEMO_PASSWORD
    from server_stub.domain.passwords import CHEAP_PASSWORD_PARAMS, PasswordChecker
    from server_stub.store import Database

    db = Database(stub.db_path)
    for name, email, kind in EXTRA_USERS:
        new = NewUser("Acme Analytics", email, name, kind, DEMO_PASSWORD)
        add_user(db, PasswordChecker(CHEAP_PASSWORD_PARAMS), new, stub.clock.now)
    db.close()
    for email, days_ago in [("alice@acme.test", 41), ("chen@acme.test", 12),
                            ("farid@acme.test", 3), ("eve@acme.test", 2)]:  # fmt: skip
        stub.clock.set(DEMO_TIME - days_ago * 86400 - 5 * 3600)
        enable_authenticator(stub, email)
    stub.clock.set(DEMO_TIME - 3600)
    admin_secret = enable_authenticator(stub, "admin@acme.test")
    admin = SigmaClient(stub.url)  # this morning's reset of Eve, for the audit
    stub.clock.set(DEMO_TIME - 1800)
    challenge = admin.login("admin@acme.test", DEMO_PASSWORD)
    admin.send_email_code(challenge.mfa_token)
    admin.verify(challenge.mfa_token, "email", emailed_code(stub, "admin@acme.test"))
    eve = next(u for u in admin.admin_users() if u.email == "eve@acme.test")
    admin.admin_reset(eve.id)
    admin.logout()
    stub.clock.set(DEMO_TIME - 240)
    bob = SigmaClient(stub.url)  # Bob is setting up his app right now: pending (for 10 min)
    challenge = bob.login("bob@acme.test", DEMO_PASSWORD)
    bob.verify(challenge.mfa_token, "email", emailed_code(stub, "bob@acme.test"))
    bob.enroll()
    stub.clock.set(DEMO_TIME - 120)
    with contextlib.suppress(InvalidCredentials):
        SigmaClient(stub.url).login("dana@acme.test", "a wrong password")
    stub.clock.set(DEMO_TIME)
    return admin_secret


def take(out: Path) -> list[Path]:
    from helpers.admin_window import code_at, row_of
    from helpers.fake_clock import FakeClock
    from helpers.live_stub import start_live_stub
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    from server_stub.admin.app import build_admin_window
    from server_stub.admin.look import apply_app_look
    from server_stub.admin.settings import AdminSettings

    os.environ["TZ"] = "UTC"  # the window shows local times; make them the same everywhere
    time.tzset()
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "xcb"])
    app.setApplicationName("Sigma administration")
    apply_app_look(app, "light")
    home = Path(tempfile.gettempdir()) / "sigma-admin-demo"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(mode=0o700)
    stub = start_live_stub(home / "stub.sqlite3", FakeClock(DEMO_TIME))
    saved: list[Path] = []

    def save(image, name: str) -> None:
        path = out / f"{name}.png"
        image.save(str(path))
        saved.append(path)

    def grab(widget, name: str) -> None:
        _settle(app)
        save(widget.grab(), name)

    def grab_screen(area: QRect, name: str) -> None:
        _settle(app, 0.5)
        save(app.primaryScreen().grabWindow(0, area.x(), area.y(), area.width(),
                                            area.height()), name)  # fmt: skip

    try:
        admin_secret = _populate(stub)
        window = build_admin_window(stub.url, clock=stub.clock,
                                    settings=AdminSettings(home / "admin.ini"))  # fmt: skip
        window.heartbeat.stop()
        window.resize(1080, 660)
        window.move(20, 20)
        window.show()
        idle = lambda: not window.busy and not window.sign_in_page.is_busy  # noqa: E731
        page = window.sign_in_page
        page.server.setText("http://127.0.0.1:8765")  # the default, not this run's free port
        page.email.setText("admin@acme.test")
        page.password.setText("Sigma-demo-1")
        page.password.setFocus()
        grab(window, "admin-sign-in")
        page.server.setText(stub.url)

        page.button.click()
        _wait(app, lambda: idle() and page.on_code_step)
        _wait(app, lambda: idle() and page.outbox_button.isVisible())
        page.code.setText("482")  # half typed (the real code changes with every run's secret)
        grab(window, "admin-code-step")
        page.code.setText(code_at(admin_secret, stub.clock.now))
        page.button.click()
        _wait(app, lambda: window.signed_in and idle())

        users = window.users_page
        table = users.table
        table.setCurrentIndex(table.proxy.index(row_of(window, "alice@acme.test"), 0))
        grab(window, "admin-users-light")

        menu = users.open_menu_for_current()
        _settle(app)
        menu.setActiveAction(menu.actions()[-1])
        grab_screen(window.geometry().united(menu.geometry()), "admin-more-menu")
        menu.close()
        dialog = window.ask_reset(table.current_record())
        grab_screen(window.geometry(), "admin-reset-confirm")
        dialog.cancel_button.click()

        window.controller.open_profile(table.current_record())
        _wait(app, idle)
        grab(window, "admin-profile")
        window.console.show_users()

        window.console.tabs.setCurrentIndex(window.console.audit_tab)
        window.audit_page.table.select_first()
        grab(window, "admin-audit")
        window.console.tabs.setCurrentIndex(window.console.outbox_tab)
        outbox = window.outbox_page.table
        with_code = next(m for m in outbox.visible_records() if m.code)
        outbox.select_key(outbox.source.key_of(with_code))
        grab(window, "admin-outbox")

        apply_app_look(app, "dark")
        window.console.tabs.setCurrentIndex(window.console.users_tab)
        grab(window, "admin-users-dark")
        window.close()
        app.processEvents()
    finally:
        stub.stop()
        shutil.rmtree(home, ignore_errors=True)
    return saved
