#!/usr/bin/env python3
"""Render the Sigma account panel's screenshots against a real stub with demo data.

    ./dev screenshots   (or: python tools/screenshots.py --only sigma)

The stub runs in a thread on a free loopback port with a fixed clock and a temporary database;
the authenticator uses a temporary SIGMA_AUTH_HOME. Nothing touches real data.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from screenshots import DEMO_TIME, _settle, _wait

EMAIL = "alice@acme.test"


def take(out: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.sigma_client import SigmaClient
    from desktop_app.core.vault import crypto
    from desktop_app.ui.app import AuthenticatorApp
    from desktop_app.ui.settings import Settings, Theme
    from server_stub.app import StubConfig, create_app
    from server_stub.domain.demo import DEMO_PASSWORD
    from server_stub.domain.passwords import CHEAP_PASSWORD_PARAMS
    from server_stub.serving import serve_in_background

    crypto.DEFAULT_ARGON2 = dict(crypto.FAST_TEST_ARGON2)  # demo vault only
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "xcb"])
    saved: list[Path] = []
    now = [DEMO_TIME]

    def grab(widget, name: str) -> None:
        _settle(app)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    work = Path(tempfile.mkdtemp(prefix="sigma-shots-"))
    config = StubConfig(db_path=work / "stub.sqlite3", clock=lambda: now[0],
                        password_params=CHEAP_PASSWORD_PARAMS, seed_demo=True)  # fmt: skip
    stub = serve_in_background(create_app(config))
    os.environ["SIGMA_AUTH_HOME"] = str(work / "auth")
    try:
        settings = Settings(work / "auth" / "settings.ini")
        settings.theme = Theme.LIGHT
        settings.sigma_server_url = stub.url
        settings.sigma_email = EMAIL
        authenticator = AuthenticatorApp(app, clock=lambda: now[0], settings=settings)
        authenticator.start()
        authenticator.window.create_page.password.setText("correct horse battery")
        authenticator.window.create_page.confirm.setText("correct horse battery")
        authenticator.window.create_page.button.click()
        _wait(app, lambda: authenticator.window.is_unlocked)
        panel, window = authenticator.sigma, authenticator.sigma_window
        panel.open()
        window.sign_in_page.password.setText(DEMO_PASSWORD)
        grab(window, "sigma-sign-in")
        window.sign_in_page.button.click()
        _wait(app, lambda: window.current_page is window.second_factor_page)
        code = SigmaClient(stub.url).outbox(EMAIL)[0].code
        window.second_factor_page.code.setText(code)
        window.second_factor_page.button.click()
        _wait(app, lambda: window.current_page is window.profile_page and not panel.busy)
        grab(window, "sigma-profile")
        window.profile_page.enroll_button.click()
        _wait(app, lambda: window.current_page is window.enroll_page)
        window.enroll_page.add_button.click()
        authenticator.ticker.tick()
        grab(window, "sigma-enroll")
        window.enroll_page.button.click()
        _wait(app, lambda: window.current_page is window.profile_page and not panel.busy)
        grab(window, "sigma-profile-enabled")
        window.close()
        authenticator.window.close()
        authenticator.shutdown()
    finally:
        stub.stop()
        shutil.rmtree(work, ignore_errors=True)
    return saved


if __name__ == "__main__":
    import screenshots

    sys.exit(screenshots.main([*sys.argv[1:], "--only", "sigma"]))
