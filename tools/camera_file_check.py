#!/usr/bin/env python3
"""Check the webcam path without a webcam: a generated video stands in for the device.

    python tools/camera_file_check.py [--out DIR] [--video FILE]

Writes a short MJPG video (no code for a second, then a hand-held code: turning, tilted,
blurred, noisy), starts the real window under Xvfb with SIGMA_AUTH_CAMERA_FILE pointing at it,
opens Add > Scan QR code with camera and waits for the code to be read: frames come through
OpenCV's VideoCapture, as a device's do, on the scan dialog's worker threads. Then it shows the
code in a window and scans the screen with the real QScreen grab. It saves screenshots (the live
dialog, the confirm step, the whole Xvfb screen) into DIR and prints what happened.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URI = "otpauth://totp/Example:carol%40example.com?secret=KRSXG5CTMVRXEZLUKN2XAZLSONSWG4TF"


def write_video(path: Path, fps: int = 15) -> int:
    """A 640x480 MJPG video: 15 frames without a code, then 60 with one; returns the count."""
    import cv2

    from desktop_app.core.camera import SyntheticFrameSource

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (640, 480))
    empty = SyntheticFrameSource([], seed=1)
    held = SyntheticFrameSource([URI], code_fraction=0.45, rotation=15, perspective=0.05,
                                blur=1.2, noise=6, seed=2)  # fmt: skip
    count = 0
    for source, frames in ((empty, 15), (held, 60)):
        with source:
            for _ in range(frames):
                writer.write(source.read())
                count += 1
    writer.release()
    return count


def check(out: Path, video: Path) -> int:
    sys.path.insert(0, str(ROOT / "tools"))
    from screenshots import _ensure_display, _settle, _wait

    xvfb = _ensure_display()
    home = Path(tempfile.mkdtemp(prefix="sigma-camera-check-"))
    os.environ["SIGMA_AUTH_HOME"] = str(home)
    os.environ["SIGMA_AUTH_CAMERA_FILE"] = str(video)
    try:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication, QPixmap
        from PySide6.QtWidgets import QApplication, QLabel

        from desktop_app.core.qr import synth
        from desktop_app.core.vault import crypto
        from desktop_app.ui.app import AuthenticatorApp
        from desktop_app.ui.dialogs.scan_dialog import ScanState
        from desktop_app.ui.frame_image import frame_to_qimage
        from desktop_app.ui.widgets.add_menu import AddSource

        crypto.DEFAULT_ARGON2 = dict(crypto.FAST_TEST_ARGON2)  # a throwaway vault
        app = QApplication([sys.argv[0], "-platform", "xcb"])
        authenticator = AuthenticatorApp(app)
        authenticator.start()
        page = authenticator.window.create_page
        page.password.setText("camera check password")
        page.confirm.setText("camera check password")
        page.button.click()
        _wait(app, lambda: authenticator.window.is_unlocked)

        started = time.monotonic()
        authenticator.add_menu.actions_by_source[AddSource.CAMERA].trigger()
        dialog = authenticator.qr_import.scan_dialog
        _wait(app, lambda: dialog.state is ScanState.LIVE)
        combo = dialog.camera_combo
        print(f"camera list: {[combo.itemText(i) for i in range(combo.count())]}")
        _settle(app, 0.4)
        dialog.grab().save(str(out / "camera-file-live.png"))
        _wait(app, lambda: dialog.state is ScanState.CONFIRM, timeout=20)
        print(f"code read after {time.monotonic() - started:.1f} s; preview: "
              f"{dialog.preview.card.issuer.text()} / {dialog.preview.card.account_name.text()}")
        _settle(app, 0.4)  # let the X server repaint before grabbing the screen itself
        dialog.grab().save(str(out / "camera-file-confirm.png"))
        QGuiApplication.primaryScreen().grabWindow(0).save(str(out / "camera-file-screen.png"))
        capture, decode = dialog.pipeline.capture_thread, dialog.pipeline.decode_thread
        dialog.add_button.click()
        _wait(app, lambda: authenticator.qr_import.scan_dialog is None)
        print(f"threads finished: {capture.isFinished() and decode.isFinished()}; "
              f"vault: {[a.label for a in authenticator.session.accounts]}")

        # The screen path with the real grab: a code in a window of its own.
        shown = QLabel()
        code = synth.render_qr(URI.replace("carol", "dave"), module_px=4)
        shown.setPixmap(QPixmap.fromImage(frame_to_qimage(code)))
        shown.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        shown.move(900, 300)
        shown.show()
        _settle(app, 0.5)
        authenticator.add_menu.actions_by_source[AddSource.SCREEN].trigger()
        _wait(app, lambda: authenticator.qr_import.confirm_dialog is not None, timeout=20)
        found = authenticator.qr_import.confirm_dialog.selected_accounts()
        print(f"screen scan found: {[a.label for a in found]}")
        authenticator.qr_import.confirm_dialog.reject()
        authenticator.window.close()
        authenticator.shutdown()
        return 0
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--video", type=Path, help="use this video instead of generating one")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    video = args.video
    if video is None:
        video = args.out / "sigma-camera-check.avi"
        print(f"wrote {video}: {write_video(video)} frames")
    return check(args.out, video)


if __name__ == "__main__":
    sys.exit(main())
