"""How the window is opened (inside another QApplication, or `sigma-stub admin`), what closing
it does, and how it behaves when the server goes away mid-session."""

from __future__ import annotations

from urllib.parse import urlsplit

from helpers.admin_window import OFFSCREEN_POPUP_NOTICES, open_window, sign_in_as_admin, wait_idle
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.core.sigma_client import SigmaClient
from server_stub.admin import app as admin_app
from server_stub.admin.app import open_admin_window
from server_stub.domain.demo import DEMO_PASSWORD


def test_open_admin_window_shows_it_in_the_running_application(qtbot, live_stub):
    app = QApplication.instance()
    sheet = app.styleSheet()
    window = open_admin_window(live_stub.url, app, clock=live_stub.clock)
    qtbot.addWidget(window)
    assert window.isVisible()
    assert window.sign_in_page.server.text() == live_stub.url
    assert app.styleSheet() == sheet  # the host application's look is left alone
    assert window.heartbeat.isActive()


@OFFSCREEN_POPUP_NOTICES  # main() raises the window
def test_main_runs_the_window_until_it_is_closed(qtbot, live_stub, monkeypatch):
    app = QApplication.instance()
    saved = (app.palette(), app.styleSheet(), app.style().name())
    opened = []

    def close_soon(server_url, parent_app, **options):
        window = open_admin_window(server_url, parent_app, clock=live_stub.clock, **options)
        opened.append(window)
        QTimer.singleShot(0, window.close)
        return window

    monkeypatch.setattr(admin_app, "open_admin_window", close_soon)
    try:
        assert admin_app.main(["--server", live_stub.url, "--theme", "dark"]) == 0
        assert opened[0].sign_in_page.server.text() == live_stub.url
        assert app.palette().color(app.palette().ColorRole.Window).lightness() < 128
    finally:
        app.setPalette(saved[0])
        app.setStyleSheet(saved[1])
        app.setStyle(saved[2])


def test_closing_the_window_signs_out(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    sign_in_as_admin(qtbot, window, live_stub)
    window.close()  # waits for the sign-out call
    admin = SigmaClient(live_stub.url)
    challenge = admin.login("admin@acme.test", DEMO_PASSWORD)
    code = admin.outbox("admin@acme.test")[0].code
    admin.verify(challenge.mfa_token, "email", code)
    actions = [(e.action, e.actor) for e in admin.admin_audit()]
    assert actions[1] == ("logout", "admin@acme.test")  # before this sign-in


def test_a_server_that_stops_mid_session_is_explained_and_the_list_kept(qtbot, live_stub):
    window = open_window(qtbot, live_stub)
    sign_in_as_admin(qtbot, window, live_stub)
    live_stub.stop()
    window.refresh_action.trigger()
    wait_idle(qtbot, window)
    port = urlsplit(live_stub.url).port
    assert window.signed_in
    assert window.console.notice.text == (
        f"Cannot reach the server at {live_stub.url}. "
        f"Start it with: sigma-stub serve --demo --port {port}"
    )
    assert len(window.users_page.table.visible_records()) == 3
