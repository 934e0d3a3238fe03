"""The camera scan dialog, fed by synthetic frame sources, through the real window."""

from __future__ import annotations

import cv2
import shiboken6
from helpers.authenticator import PASSWORD, create_vault, make_app, shown_rows
from helpers.qr_images import GITHUB_SECRET, GITHUB_URI, SteeredCamera, blank_screen
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.camera import CameraError, CameraInfo, CameraProblem, SyntheticFrameSource
from desktop_app.core.importers.google_migration import build_migration_uri
from desktop_app.core.paths import default_vault_path
from desktop_app.core.vault import Vault
from desktop_app.ui.dialogs.scan_dialog import ScanDialog, ScanState
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.widgets.add_menu import AddSource

TIMEOUT = 5000
NO_CODE: list[str] = []
ONE_CAMERA = (CameraInfo(0, "Test camera"),)


def open_scan_dialog(qtbot, app, open_camera, cameras=ONE_CAMERA):
    create_vault(qtbot, app)
    app.qr_import.open_camera = open_camera
    app.qr_import.list_cameras = lambda: list(cameras)
    app.add_menu.actions_by_source[AddSource.CAMERA].trigger()
    dialog = app.qr_import.scan_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def synthetic(*texts: str):
    return lambda index: SyntheticFrameSource(list(texts), seed=index)


def failing(problem: CameraProblem, message: str):
    def open_camera(_index: int):
        raise CameraError(message, problem)

    return open_camera


def visible_text(widget: QWidget) -> str:
    """Everything a person can read in the dialog: labels and the preview table."""
    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    table = widget.preview.table
    for row in range(table.topLevelItemCount()):
        item = table.topLevelItem(row)
        texts += [item.text(column) for column in range(table.columnCount())]
        texts.append(item.toolTip(0))
    return "\n".join(texts)


def threads_finished(dialog: ScanDialog) -> bool:
    pipeline = dialog.pipeline
    return pipeline.capture_thread.isFinished() and pipeline.decode_thread.isFinished()


def test_a_code_shown_to_the_camera_is_outlined_confirmed_and_added(qtbot, authenticator):
    dialog = open_scan_dialog(qtbot, authenticator, synthetic(GITHUB_URI))
    qtbot.waitUntil(lambda: dialog.state is ScanState.CONFIRM, timeout=TIMEOUT)
    # The picture showed the frame, with the code's outline where the code is.
    assert not dialog.view.image.isNull()
    [outlined] = dialog.view.codes
    assert outlined.text == GITHUB_URI
    xs = [x for x, _ in outlined.corners]
    assert 100 < min(xs) < max(xs) < 540  # inside the 640-pixel-wide synthetic frame
    # The preview names the account and its kind; the secret stays hidden.
    shown = visible_text(dialog)
    assert "Add this account?" in shown
    card = dialog.preview.card
    assert (card.issuer.text(), card.account_name.text()) == ("GitHub", "alice@example.com")
    assert card.details.text() == "TOTP · 6 digits · every 30 s"
    assert GITHUB_SECRET not in shown
    assert dialog.add_button.isVisible() and dialog.add_button.isEnabled()
    assert dialog.buttons.edit_button.isVisible()
    assert threads_finished(dialog)  # the camera stops as soon as the code is read

    dialog.add_button.click()
    qtbot.waitUntil(lambda: authenticator.qr_import.scan_dialog is None)
    authenticator.ticker.tick()
    assert [label for label, _code in shown_rows(authenticator)] == ["GitHub (alice@example.com)"]
    saved = Vault.open(default_vault_path(), PASSWORD).accounts
    assert [(a.issuer, a.name, a.secret) for a in saved] == [
        ("GitHub", "alice@example.com", GITHUB_SECRET)
    ]
    assert "Added GitHub (alice@example.com)." in authenticator.window.accounts_page.toast.text


def test_scan_again_and_edit_first(qtbot, authenticator):
    dialog = open_scan_dialog(qtbot, authenticator, synthetic(GITHUB_URI))
    qtbot.waitUntil(lambda: dialog.state is ScanState.CONFIRM, timeout=TIMEOUT)
    dialog.again_button.click()
    assert dialog.state is ScanState.STARTING and not dialog.add_button.isVisible()
    qtbot.waitUntil(lambda: dialog.state is ScanState.CONFIRM, timeout=TIMEOUT)
    dialog.buttons.edit_button.click()
    add_dialog = authenticator.actions.add_dialog
    assert add_dialog is not None and add_dialog.issuer.text() == "GitHub"
    assert add_dialog.secret.text().replace(" ", "") == GITHUB_SECRET
    assert authenticator.qr_import.scan_dialog is None and threads_finished(dialog)
    assert authenticator.model.total_count == 0  # nothing saved until the Add dialog says so


def test_without_a_camera_the_dialog_says_so_plainly(qtbot, authenticator):
    message = "No camera found (there is no /dev/video0). Connect a camera, or scan the screen."
    dialog = open_scan_dialog(
        qtbot, authenticator, failing(CameraProblem.NO_CAMERA, message), cameras=()
    )
    qtbot.waitUntil(lambda: dialog.state is ScanState.PROBLEM, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: dialog.camera_combo.currentText() == "No camera found")
    assert dialog.picture.currentWidget() is dialog.problem
    assert dialog.problem.heading.text() == "No camera found"
    assert message in dialog.problem.body.text().replace("<br>", " ")
    assert dialog.screen_button.isVisible() and dialog.file_button.isVisible()
    assert not dialog.camera_combo.isEnabled()
    # The other ways are one click away: the screen scan replaces the dialog.
    authenticator.qr_import.grab_screens = lambda: [blank_screen()]
    authenticator.qr_import.hide_delay_ms = 0
    dialog.screen_button.click()
    assert authenticator.qr_import.scan_dialog is None
    toast = authenticator.window.accounts_page.toast
    qtbot.waitUntil(lambda: "No QR code found on screen" in toast.text)


def test_a_busy_camera_can_be_retried(qtbot, authenticator):
    attempts = []

    def busy_then_free(index: int):
        attempts.append(index)
        if len(attempts) == 1:
            raise CameraError("Camera 0 opened but sends no picture.", CameraProblem.BUSY)
        return SyntheticFrameSource(NO_CODE)

    dialog = open_scan_dialog(qtbot, authenticator, busy_then_free)
    qtbot.waitUntil(lambda: dialog.state is ScanState.PROBLEM, timeout=TIMEOUT)
    assert dialog.problem.heading.text() == "The camera is busy"
    assert "Close other programs" in dialog.problem.body.text()
    dialog.problem.button.click()  # Try again
    qtbot.waitUntil(lambda: not dialog.view.image.isNull(), timeout=TIMEOUT)
    assert dialog.state is ScanState.LIVE and dialog.picture.currentWidget() is dialog.view


def test_a_denied_camera_says_where_to_allow_it(qtbot, authenticator):
    dialog = open_scan_dialog(
        qtbot, authenticator, failing(CameraProblem.PERMISSION_DENIED, "Camera access denied.")
    )
    qtbot.waitUntil(lambda: dialog.state is ScanState.PROBLEM, timeout=TIMEOUT)
    assert dialog.problem.heading.text() == "Camera access is not allowed"
    assert "Camera access denied." in dialog.problem.body.text()
    assert "video" in dialog.problem.body.text()  # the Linux hint on this test machine


def test_a_code_for_something_else_shows_its_text_and_scanning_goes_on(qtbot, authenticator):
    dialog = open_scan_dialog(qtbot, authenticator, synthetic("https://example.com/<b>menu</b>"))
    qtbot.waitUntil(lambda: bool(dialog.status.text()) and dialog.status.kind == "warning",
                    timeout=TIMEOUT)  # fmt: skip
    assert dialog.status.text() == (
        "This QR code is not for an authenticator app. It says: “https://example.com/<b>menu</b>”"
    )
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    assert dialog.state is ScanState.LIVE and dialog.view.codes  # outlined, amber
    assert not dialog.add_button.isVisible()


def test_an_unusable_or_unsupported_otpauth_code_says_why(qtbot, authenticator):
    steam = f"otpauth://steam/Steam:me?secret={GITHUB_SECRET}"
    dialog = open_scan_dialog(qtbot, authenticator, synthetic(steam))
    qtbot.waitUntil(lambda: dialog.status.kind == "error", timeout=TIMEOUT)
    assert "cannot be used: unknown OTP type 'steam'" in dialog.status.text()
    assert GITHUB_SECRET not in dialog.status.text()
    assert dialog.state is ScanState.LIVE


def test_a_multi_part_export_is_scanned_part_by_part(qtbot, authenticator):
    accounts = [Account(issuer=f"Site {i}", name="me", secret=GITHUB_SECRET + "A" * (i * 8))
                for i in range(3)]  # fmt: skip
    parts = [build_migration_uri([a], batch_size=3, batch_index=i, batch_id=5)
             for i, a in enumerate(accounts)]  # fmt: skip
    camera = SteeredCamera(parts)
    camera.showing = parts[1]
    dialog = open_scan_dialog(qtbot, authenticator, lambda _index: camera)
    status = dialog.status
    qtbot.waitUntil(lambda: "part 2 of 3 scanned; still missing: 1, 3" in status.text(),
                    timeout=TIMEOUT)  # fmt: skip
    camera.showing = parts[0]
    qtbot.waitUntil(lambda: "parts 1 and 2 of 3 scanned; still missing: 3" in status.text(),
                    timeout=TIMEOUT)  # fmt: skip
    assert dialog.state is ScanState.LIVE
    camera.showing = parts[2]
    qtbot.waitUntil(lambda: dialog.state is ScanState.CONFIRM, timeout=TIMEOUT)
    assert "3 accounts found" in visible_text(dialog)
    assert dialog.add_button.text() == "Add 3 accounts"
    dialog.add_button.click()
    assert [a.issuer for a in authenticator.session.accounts] == ["Site 0", "Site 1", "Site 2"]


def test_the_chosen_camera_is_remembered(qtbot, authenticator):
    opened = []

    def open_camera(index: int):
        opened.append(index)
        return SyntheticFrameSource(NO_CODE)

    cameras = (CameraInfo(0, "Built-in"), CameraInfo(2, "USB camera"))
    dialog = open_scan_dialog(qtbot, authenticator, open_camera, cameras)
    qtbot.waitUntil(lambda: dialog.camera_combo.count() == 2, timeout=TIMEOUT)
    assert dialog.camera_combo.isEnabled() and dialog.camera_combo.currentText() == "Built-in"
    dialog.camera_combo.setCurrentIndex(1)
    dialog.camera_combo.activated.emit(1)  # what a person's pick sends
    qtbot.waitUntil(lambda: opened == [0, 2] and not dialog.view.image.isNull(), timeout=TIMEOUT)
    assert authenticator.settings.camera_index == 2
    dialog.reject()
    authenticator.add_menu.actions_by_source[AddSource.CAMERA].trigger()
    assert opened[-1] == 2  # the next scan starts with it


def test_a_remembered_camera_that_is_gone_gives_way_to_one_that_is_there(qtbot, authenticator):
    authenticator.settings.camera_index = 3

    def open_camera(index: int):
        if index == 3:
            raise CameraError("No camera found (there is no /dev/video3).", CameraProblem.NO_CAMERA)
        return SyntheticFrameSource(NO_CODE)

    dialog = open_scan_dialog(qtbot, authenticator, open_camera, (CameraInfo(0, "Built-in"),))
    qtbot.waitUntil(lambda: dialog.camera_index == 0 and dialog.state is ScanState.LIVE,
                    timeout=TIMEOUT)  # fmt: skip
    assert authenticator.settings.camera_index == 0


def test_threads_are_joined_when_the_dialog_is_closed_rejected_or_locked(qtbot, authenticator):
    dialog = open_scan_dialog(qtbot, authenticator, synthetic())
    qtbot.waitUntil(lambda: dialog.state is ScanState.LIVE, timeout=TIMEOUT)
    assert dialog.pipeline.capture_thread.isRunning()
    dialog.close()
    assert threads_finished(dialog) and authenticator.qr_import.scan_dialog is None

    authenticator.add_menu.actions_by_source[AddSource.CAMERA].trigger()
    dialog = authenticator.qr_import.scan_dialog
    qtbot.waitUntil(lambda: dialog.state is ScanState.LIVE, timeout=TIMEOUT)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert threads_finished(dialog) and not dialog.isVisible()

    authenticator.add_menu.actions_by_source[AddSource.CAMERA].trigger()
    dialog = authenticator.qr_import.scan_dialog
    qtbot.waitUntil(lambda: dialog.state is ScanState.LIVE, timeout=TIMEOUT)
    authenticator.lock("idle")
    assert threads_finished(dialog) and authenticator.qr_import.scan_dialog is None


def test_threads_are_joined_when_the_dialog_is_destroyed_without_closing(qtbot):
    dialog = ScanDialog(synthetic(), lambda: [], TaskRunner(), existing=[])
    dialog.show()
    qtbot.waitUntil(lambda: dialog.state is ScanState.LIVE, timeout=TIMEOUT)
    pipeline = dialog.pipeline
    assert pipeline.capture_thread.isRunning() and pipeline.decode_thread.isRunning()
    dialog.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)
    assert pipeline.capture_thread.isFinished() and pipeline.decode_thread.isFinished()


def test_a_finite_video_that_ends_without_a_code_says_so(qtbot, authenticator):
    dialog = open_scan_dialog(
        qtbot, authenticator, lambda _index: SyntheticFrameSource(NO_CODE, frame_count=3)
    )
    qtbot.waitUntil(lambda: dialog.state is ScanState.PROBLEM, timeout=TIMEOUT)
    assert "ended without a QR code" in dialog.problem.body.text()


def test_a_video_file_named_in_the_environment_stands_in_for_the_webcam(
    qtbot, monkeypatch, tmp_path, clock
):
    video = tmp_path / "hand-held code.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10, (640, 480))
    with SyntheticFrameSource([GITHUB_URI], rotation=10, perspective=0.03, noise=4) as source:
        for _ in range(6):
            writer.write(source.read())
    writer.release()
    monkeypatch.setenv("SIGMA_AUTH_CAMERA_FILE", str(video))
    app = make_app(qtbot, clock)
    try:
        create_vault(qtbot, app)
        app.add_menu.actions_by_source[AddSource.CAMERA].trigger()
        dialog = app.qr_import.scan_dialog
        qtbot.waitUntil(lambda: dialog.state is ScanState.CONFIRM, timeout=TIMEOUT)
        assert dialog.camera_combo.currentText() == "Video file: hand-held code.avi"
        dialog.add_button.click()
        assert [a.label for a in app.session.accounts] == ["GitHub (alice@example.com)"]
    finally:
        app.shutdown()


def test_hotp_details_in_the_preview(qtbot, authenticator):
    uri = f"otpauth://hotp/Bank:me?secret={GITHUB_SECRET}&counter=7&digits=8"
    dialog = open_scan_dialog(qtbot, authenticator, synthetic(uri))
    qtbot.waitUntil(lambda: dialog.state is ScanState.CONFIRM, timeout=TIMEOUT)
    assert "HOTP · 8 digits · counter 7" in visible_text(dialog)
    dialog.add_button.click()
    [account] = authenticator.session.accounts
    assert account.type is OtpType.HOTP and account.counter == 7
