#!/usr/bin/env python3
"""Render the README screenshots: the real window with demo accounts, light and dark.

    ./dev screenshots            (starts Xvfb itself when there is no display)
    python tools/screenshots.py [--out docs/screenshots] [--only app|admin]

The stub's admin window has its own module, tools/admin_screenshots.py.

Everything happens in a temporary SIGMA_AUTH_HOME with a fast KDF and a fixed clock, so the
images are reproducible and nothing touches the user's vault.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A fixed time so the images only change when the UI does: 24 s into a 30 s period (amber rings,
# the next code showing), 24 s into the 60 s one (plenty of time left).
DEMO_TIME = 1773489564.0
DEMO_PASSWORD = "demo password for screenshots"  # noqa: S105 (a throwaway temp vault)

DEMO_ACCOUNTS = [
    # issuer, name, secret, extra fields
    ("GitHub", "alice@example.com", "JBSWY3DPEHPK3PXP", {"use_count": 42}),
    ("Google", "alice.martin@gmail.com", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", {"use_count": 31}),
    ("Sigma", "alice", "KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF", {"icon_color": "#4f46e5"}),
    ("Amazon Web Services", "root (prod-eu-west-1)", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U", {}),
    ("Bank of Example", "4402 •••• 1187", "ONSWG4TFOQYTEMZUGU3DOOBZ", {"type": "hotp",
                                                                     "counter": 7}),
    ("Mastodon", "@alice@fosstodon.org", "NBSWY3DPO5XXE3DEEBWWK43TMFTWK", {}),
    ("Proton", "alice@proton.me", "MZXW6YTBOI======", {"digits": 8}),
    ("Discord", "alice#1234", "GAYDAMBQGAYDAMBQGAYDAMBQ", {"period": 60}),
]

# A Google Authenticator export for the import preview: GitHub is already in the demo vault.
EXPORTED_ACCOUNTS = [
    ("GitHub", "alice@example.com", "JBSWY3DPEHPK3PXP", {}),
    ("Slack", "alice@acme.example", "KRUGS4ZANFZSAYLTMVRXEZLU", {}),
    ("Fastmail", "alice@fastmail.com", "MFZWIZTBONSGMYLTMRTGC43E", {}),
    ("Nextcloud", "alice", "NBSWY3DPFQQHO33SNRSCCIJB", {"digits": 8}),
]


def _ensure_display() -> subprocess.Popen | None:
    """Start Xvfb on a free display when none is set; returns the process to stop later."""
    if os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb":
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        print("Xvfb not found: install the xvfb package (./dev screenshots does)", file=sys.stderr)
        sys.exit(1)
    for number in range(91, 120):
        if not Path(f"/tmp/.X{number}-lock").exists():  # noqa: S108 (X11's own lock files)
            break
    display = f":{number}"
    command = [xvfb, display, "-screen", "0", "1600x1200x24", "-nolisten", "tcp"]
    process = subprocess.Popen(command)  # noqa: S603 (our own fixed command line)
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{number}").exists():  # noqa: S108 (X11's socket folder)
            break
        time.sleep(0.1)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    return process


def _settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _wait(app, condition, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def _build_demo_vault(home: Path) -> None:
    from desktop_app.core.accounts import Account
    from desktop_app.core.vault import Vault

    vault = Vault.create(home / "vault", DEMO_PASSWORD)
    accounts = [
        Account(issuer=issuer, name=name, secret=secret, created=DEMO_TIME, **extra)
        for issuer, name, secret, extra in DEMO_ACCOUNTS
    ]
    vault.replace_all(accounts)
    vault.close()


def _scanning_shots(app, authenticator, grab) -> None:
    """The scan dialog (a synthetic camera's code outlined, then its preview), the state without
    a camera (the real OpenCV path: this machine has none), and an export's preview."""
    import cv2

    from desktop_app.core.accounts import Account
    from desktop_app.core.camera import (
        CameraInfo,
        OpenCvCamera,
        SyntheticFrameSource,
        list_cameras,
    )
    from desktop_app.core.importers.google_migration import OtpParameters, build_migration_uri
    from desktop_app.core.qr import synth
    from desktop_app.ui.dialogs.scan_dialog import ScanState

    scanning = authenticator.qr_import
    uri = "otpauth://totp/Dropbox:alice%40example.com?secret=MZXW6YTBOI3TQOJQ&issuer=Dropbox"
    scanning.open_camera = lambda _index: SyntheticFrameSource(
        [uri], size=(800, 600), code_fraction=0.5, rotation=8, perspective=0.04, noise=4, seed=3
    )
    scanning.list_cameras = lambda: [CameraInfo(0, "Integrated Camera: Integrated C")]
    dialog = scanning.scan_camera()
    # Between the flash and the confirm page: the frozen frame with the code outlined.
    _wait(app, lambda: dialog.state is ScanState.FOUND and not dialog.view.flashing)
    grab(dialog, "scan-camera", settle=False)
    _wait(app, lambda: dialog.state is ScanState.CONFIRM)
    grab(dialog, "scan-confirm")
    dialog.reject()

    scanning.open_camera = OpenCvCamera  # no /dev/video* here: the real "no camera" answer
    scanning.list_cameras = list_cameras
    dialog = scanning.scan_camera()
    _wait(app, lambda: dialog.state is ScanState.PROBLEM and dialog.camera_combo.count() > 0
          and dialog.camera_combo.itemText(0) != "Looking for cameras…")  # fmt: skip
    grab(dialog, "scan-no-camera")
    dialog.reject()

    exported = [Account(issuer=issuer, name=name, secret=secret, **extra)
                for issuer, name, secret, extra in EXPORTED_ACCOUNTS]  # fmt: skip
    entries = [OtpParameters.from_account(a) for a in exported]
    entries.append(OtpParameters(secret=b"0123456789", name="Legacy VPN:alice", algorithm=4))
    image = synth.render_qr(build_migration_uri(entries, batch_size=2, batch_id=11), module_px=4)
    home = Path(os.environ["SIGMA_AUTH_HOME"])
    path = home / "google-authenticator-export.png"
    path.write_bytes(cv2.imencode(".png", image)[1].tobytes())
    scanning.import_files([str(path)])
    _wait(app, lambda: scanning.confirm_dialog is not None)
    grab(scanning.confirm_dialog, "scan-export")
    scanning.confirm_dialog.reject()


def take(out: Path) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.vault import crypto
    from desktop_app.ui.app import AuthenticatorApp
    from desktop_app.ui.settings import Settings, Theme

    crypto.DEFAULT_ARGON2 = dict(crypto.FAST_TEST_ARGON2)  # demo vault only
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0], "-platform", "xcb"])
    app.setApplicationName("Sigma Authenticator")
    saved: list[Path] = []

    def grab(widget, name: str, settle: bool = True) -> None:
        if settle:
            _settle(app)
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        saved.append(path)

    now = [DEMO_TIME]
    for theme in (Theme.LIGHT, Theme.DARK):
        # A fixed folder name, so the vault path the pages show is the same in every run.
        home = Path(tempfile.gettempdir()) / "sigma-authenticator-demo"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(mode=0o700)
        os.environ["SIGMA_AUTH_HOME"] = str(home)
        settings = Settings(home / "settings.ini")
        settings.theme = theme
        settings.clipboard_clear_seconds = 30
        if theme is Theme.LIGHT:
            # First run: the create-vault page of an empty data folder.
            first = AuthenticatorApp(app, clock=lambda: now[0], settings=settings)
            first.start()
            first.window.resize(480, 700)
            page = first.window.create_page
            page.password.setText("correct horse battery")
            page.confirm.setText("correct horse battery")
            page.password.setFocus()
            grab(first.window, "create-vault")
            page.button.click()
            _wait(app, lambda w=first.window: w.is_unlocked)
            grab(first.window, "empty")
            first.window.close()
            first.shutdown()
            app.processEvents()
            for leftover in home.glob("vault*"):
                leftover.unlink()
        _build_demo_vault(home)
        authenticator = AuthenticatorApp(app, clock=lambda: now[0], settings=settings)
        authenticator.start()
        window = authenticator.window
        window.resize(480, 700)
        if theme is Theme.LIGHT:
            window.unlock_page.password.setText("a wrong password")
            window.unlock_page.button.click()
            _wait(app, lambda w=window: not w.unlock_page.is_busy)
            window.unlock_page.password.setText("something")
            grab(window, "unlock")
        window.unlock_page.password.setText(DEMO_PASSWORD)
        window.unlock_page.button.click()
        _wait(app, lambda w=window: w.is_unlocked)
        authenticator.ticker.tick()
        view = window.accounts_page.list_view
        view.select_account(authenticator.model.account_at(1).id)
        grab(window, f"main-{theme.value}")
        if theme is Theme.LIGHT:
            authenticator.open_add_dialog()
            dialog = authenticator.actions.add_dialog
            dialog.issuer.setText("Example")
            dialog.account_name.setText("alice@example.com")
            dialog.secret.setText("JBSW Y3DP EHPK 3PXP")
            dialog.advanced_toggle.setChecked(True)
            grab(dialog, "add-account")
            dialog.reject()
            _scanning_shots(app, authenticator, grab)
        window.close()
        authenticator.shutdown()
        app.processEvents()
        shutil.rmtree(home, ignore_errors=True)
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", choices=("app", "sigma", "admin"), help="one set of screenshots")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    xvfb = _ensure_display()
    try:
        # Sibling scripts: the Sigma account panel and the stub's admin window, each on a stub.
        import admin_screenshots
        import sigma_screenshots

        sets = {"app": take, "sigma": sigma_screenshots.take, "admin": admin_screenshots.take}
        saved = []
        for name, take_set in sets.items():
            if args.only in (None, name):
                saved += take_set(args.out)
        for path in saved:
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
