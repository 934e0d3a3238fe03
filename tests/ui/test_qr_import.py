"""QR codes from the screen, image files (chooser and drag-and-drop) and the clipboard, through
the real window; Google Authenticator exports; hostile images."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from helpers.authenticator import create_vault
from helpers.qr_images import (
    GITHUB_SECRET,
    GITHUB_URI,
    blank_screen,
    qr_frame,
    qr_png,
    write_image,
)
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.core.accounts import Account
from desktop_app.core.importers.google_migration import build_migration_uri
from desktop_app.core.qr import synth
from desktop_app.core.scan_results import scan_result
from desktop_app.ui.controllers.qr_import import (
    NOTHING_ON_CLIPBOARD,
    NOTHING_ON_SCREEN,
    SCREEN_NOT_GRABBED,
)
from desktop_app.ui.frame_image import frame_to_qimage
from desktop_app.ui.widgets.add_menu import AddSource

EXPORTED = [
    Account(issuer="Acme", name="alice", secret="GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
    Account(issuer="GitHub", name="alice@example.com", secret=GITHUB_SECRET),
    Account(issuer="Bank", name="bob", secret="MFRGGZDFMZTWQ2LK", digits=8),
]


@pytest.fixture
def unlocked(qtbot, authenticator):
    create_vault(qtbot, authenticator)
    authenticator.qr_import.hide_delay_ms = 0
    return authenticator


def toast_text(app) -> str:
    return app.window.accounts_page.toast.text


def wait_for_confirm(qtbot, app):
    qtbot.waitUntil(lambda: app.qr_import.confirm_dialog is not None, timeout=10_000)
    return app.qr_import.confirm_dialog


def wait_for_message(qtbot, app, words: str) -> None:
    qtbot.waitUntil(lambda: words in toast_text(app), timeout=10_000)
    assert app.qr_import.confirm_dialog is None


def trigger(app, source: AddSource) -> None:
    app.add_menu.actions_by_source[source].trigger()


def labels(app) -> list[str]:
    return [a.label for a in app.session.accounts]


# ----- screen ---------------------------------------------------------------------------------


def test_a_code_on_screen_is_found_with_the_window_hidden_and_added(qtbot, unlocked):
    seen_visible = []

    def grab():
        seen_visible.append(unlocked.window.isVisible())
        blank = QImage(1920, 1080, QImage.Format.Format_RGB32)
        blank.fill(Qt.GlobalColor.white)
        return [blank, frame_to_qimage(qr_frame(GITHUB_URI, (1280, 1024), module_px=3))]

    unlocked.qr_import.grab_screens = grab
    trigger(unlocked, AddSource.SCREEN)
    dialog = wait_for_confirm(qtbot, unlocked)
    assert seen_visible == [False] and unlocked.window.isVisible()
    assert dialog.origin.text() == "Found on the screen."
    assert [a.label for a in dialog.selected_accounts()] == ["GitHub (alice@example.com)"]
    dialog.buttons.add_button.click()
    assert labels(unlocked) == ["GitHub (alice@example.com)"]


def test_a_screen_without_a_code_gives_a_plain_message(qtbot, unlocked):
    unlocked.qr_import.grab_screens = lambda: [blank_screen()]
    trigger(unlocked, AddSource.SCREEN)
    wait_for_message(qtbot, unlocked, NOTHING_ON_SCREEN)
    assert unlocked.window.isVisible()


def test_a_system_that_refuses_screen_pictures_is_explained(qtbot, unlocked):
    unlocked.qr_import.grab_screens = lambda: [QImage()]  # what Wayland gives
    trigger(unlocked, AddSource.SCREEN)
    wait_for_message(qtbot, unlocked, SCREEN_NOT_GRABBED)

    def broken():
        raise RuntimeError("no screens")

    unlocked.qr_import.grab_screens = broken
    trigger(unlocked, AddSource.SCREEN)
    wait_for_message(qtbot, unlocked, "The screen could not be captured (no screens).")
    assert unlocked.window.isVisible()


# ----- image files ----------------------------------------------------------------------------


def test_an_image_file_from_the_chooser_is_offered(qtbot, unlocked, tmp_path):
    path = qr_png(tmp_path / "setup code.png", GITHUB_URI)
    unlocked.qr_import.choose_image_file = lambda _parent: str(path)
    trigger(unlocked, AddSource.IMAGE_FILE)
    dialog = wait_for_confirm(qtbot, unlocked)
    assert dialog.origin.text() == "Found in setup code.png."
    dialog.buttons.add_button.click()
    assert labels(unlocked) == ["GitHub (alice@example.com)"]


def test_cancelling_the_chooser_does_nothing(qtbot, unlocked):
    unlocked.qr_import.choose_image_file = lambda _parent: None
    trigger(unlocked, AddSource.IMAGE_FILE)
    assert not unlocked.tasks.busy and toast_text(unlocked) == ""


def drag_files(paths) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_image_files_dropped_on_the_window_are_scanned(qtbot, unlocked, tmp_path):
    good = qr_png(tmp_path / "code.png", GITHUB_URI)
    text = tmp_path / "notes.txt"
    text.write_text("not a picture")
    mime = drag_files([good, text])
    # The drag enters over the account list, which takes only its own rows: the window does.
    viewport = unlocked.window.accounts_page.list_view.viewport()
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(20, 20).toPointF(), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(unlocked.window, drop)
    assert drop.isAccepted()
    dialog = wait_for_confirm(qtbot, unlocked)
    origin = dialog.origin.text()
    assert origin.startswith("Found in code.png, notes.txt.")
    assert "notes.txt: this is not an image file that can be read" in origin
    assert str(tmp_path) not in origin  # names, not whole paths
    dialog.buttons.add_button.click()
    assert labels(unlocked) == ["GitHub (alice@example.com)"]


def test_nothing_is_taken_by_a_locked_window(qtbot, unlocked, tmp_path):
    unlocked.lock()
    mime = drag_files([qr_png(tmp_path / "code.png", GITHUB_URI)])
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)  # fmt: skip
    enter.ignore()
    QApplication.sendEvent(unlocked.window, enter)
    assert not enter.isAccepted()
    QApplication.clipboard().setText(GITHUB_URI)
    assert not unlocked.qr_import.paste_action.isEnabled()


# ----- clipboard ------------------------------------------------------------------------------


def press_paste(app) -> None:
    view = app.window.accounts_page.list_view
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_v_with_a_code_image_on_the_clipboard(qtbot, unlocked):
    QApplication.clipboard().setImage(frame_to_qimage(qr_frame(GITHUB_URI)))
    press_paste(unlocked)
    dialog = wait_for_confirm(qtbot, unlocked)
    assert dialog.origin.text() == "Found in the pasted image."
    dialog.buttons.add_button.click()
    assert labels(unlocked) == ["GitHub (alice@example.com)"]


def test_ctrl_v_with_an_otpauth_link_and_the_menu_entry_with_junk(qtbot, unlocked):
    QApplication.clipboard().setText(f"  {GITHUB_URI}\n")
    press_paste(unlocked)
    dialog = unlocked.qr_import.confirm_dialog  # text needs no decoding: at once
    assert dialog is not None and dialog.origin.text() == "From the clipboard."
    dialog.reject()
    QApplication.clipboard().setText("just some words")
    trigger(unlocked, AddSource.PASTE_IMAGE)
    assert toast_text(unlocked) == NOTHING_ON_CLIPBOARD
    QApplication.clipboard().clear()
    press_paste(unlocked)
    assert toast_text(unlocked) == NOTHING_ON_CLIPBOARD
    assert unlocked.qr_import.confirm_dialog is None


def test_ctrl_v_in_the_search_field_still_pastes_text_there(qtbot, unlocked):
    QApplication.clipboard().setText("git")
    search = unlocked.window.accounts_page.search
    search.setFocus()
    QTest.keyClick(search, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == "git" and unlocked.qr_import.confirm_dialog is None


def test_a_pasted_image_without_a_code_says_so(qtbot, unlocked):
    blank = QImage(400, 300, QImage.Format.Format_ARGB32)
    blank.fill(Qt.GlobalColor.transparent)
    QApplication.clipboard().setImage(blank)
    press_paste(unlocked)
    wait_for_message(qtbot, unlocked, "No QR code found in the pasted image.")


# ----- Google Authenticator export -------------------------------------------------------------


def test_every_account_of_an_export_is_offered_and_saved_duplicates_left_out(
    qtbot, unlocked, tmp_path
):
    unlocked.add_account(Account(issuer="GitHub", name="old", secret=GITHUB_SECRET))
    path = qr_png(tmp_path / "export.png", build_migration_uri(EXPORTED), module_px=4)
    unlocked.qr_import.import_files([str(path)])
    dialog = wait_for_confirm(qtbot, unlocked)
    preview = dialog.preview
    assert preview.heading.text() == "3 accounts found"
    table = preview.table
    items = [table.topLevelItem(r) for r in range(table.topLevelItemCount())]
    rows = [[item.text(c) for c in range(3)] for item in items]
    assert rows == [
        ["Acme (alice)", "TOTP · 6 digits · every 30 s", "New"],
        ["GitHub (alice@example.com)", "TOTP · 6 digits · every 30 s",
         "Already saved as “GitHub (old)”"],
        ["Bank (bob)", "TOTP · 8 digits · every 30 s", "New"],
    ]  # fmt: skip
    assert [preview.is_checked(r) for r in range(3)] == [True, False, True]
    assert dialog.buttons.add_button.text() == "Add 2 accounts"
    dialog.buttons.add_button.click()
    assert labels(unlocked) == ["GitHub (old)", "Acme (alice)", "Bank (bob)"]
    assert "Added 2 accounts." in toast_text(unlocked)


def test_a_duplicate_can_be_checked_and_none_checked_means_no_add(qtbot, unlocked):
    unlocked.add_account(Account(issuer="GitHub", name="old", secret=GITHUB_SECRET))
    result = scan_result([build_migration_uri(EXPORTED)], unlocked.session.accounts)
    result_dialog = unlocked.qr_import.offer(result, "From the clipboard.", "")
    preview = result_dialog.preview
    for row in range(3):
        preview.set_checked(row, False)
    assert not result_dialog.buttons.add_button.isEnabled()
    preview.set_checked(1, True)
    assert result_dialog.buttons.add_button.text() == "Add"
    result_dialog.buttons.add_button.click()
    assert labels(unlocked) == ["GitHub (old)", "GitHub (alice@example.com)"]


def test_a_part_of_a_multi_part_export_says_what_is_missing(qtbot, unlocked):
    part = build_migration_uri(EXPORTED[:1], batch_size=3, batch_index=1, batch_id=9)
    QApplication.clipboard().setText(part)
    press_paste(unlocked)
    dialog = unlocked.qr_import.confirm_dialog
    note = dialog.preview.export_note
    assert note.isVisibleTo(dialog)
    assert "part 2 of 3 scanned; still missing: 1, 3" in note.text()


# ----- hostile input --------------------------------------------------------------------------


def test_a_10000_pixel_square_image_is_scanned_without_harm(qtbot, unlocked, tmp_path):
    huge = np.full((10_000, 10_000), 255, np.uint8)
    path = write_image(tmp_path / "huge.png", huge)
    unlocked.qr_import.import_files([str(path)])
    wait_for_message(qtbot, unlocked, "No QR code found in huge.png.")


def test_a_truncated_png_says_it_is_damaged(qtbot, unlocked, tmp_path):
    whole = qr_png(tmp_path / "whole.png", GITHUB_URI).read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole[: len(whole) // 2])
    unlocked.qr_import.import_files([str(cut)])
    wait_for_message(qtbot, unlocked, "cut.png: the PNG image is damaged or truncated")


def test_a_file_that_is_not_an_image_says_so(qtbot, unlocked, tmp_path):
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    unlocked.qr_import.choose_image_file = lambda _parent: str(fake)
    trigger(unlocked, AddSource.IMAGE_FILE)
    wait_for_message(qtbot, unlocked, "photo.jpg: this is not an image file that can be read")


def test_a_code_holding_3_kb_of_junk_is_quoted_briefly(qtbot, unlocked, tmp_path):
    junk = "https://" + "".join(chr(c) for c in np.random.default_rng(3).integers(48, 58, 2892))
    code = synth.render_qr(junk.encode(), module_px=3, error="l")
    path = tmp_path / "junk.png"
    path.write_bytes(cv2.imencode(".png", code)[1].tobytes())
    unlocked.qr_import.import_files([str(path)])
    wait_for_message(qtbot, unlocked, "This QR code is not for an authenticator app. It says:")
    assert junk[:50] in toast_text(unlocked) and len(toast_text(unlocked)) < 250
