"""Error states, keyboard and accessibility details, clipboard markers, tasks, the Add menu."""

from __future__ import annotations

import threading

import pytest
from helpers.authenticator import create_vault, submit_password, unlock
from helpers.qr_images import blank_screen
from helpers.vault_files import with_version
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QToolButton

from desktop_app.core.accounts import Account
from desktop_app.core.paths import default_vault_path
from desktop_app.core.vault import backup_path
from desktop_app.core.vault.file_lock import FileLock
from desktop_app.core.vault.repository import lock_path
from desktop_app.ui.clipboard import KDE_SECRET_HINT, sensitive_mime_data
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.widgets.add_menu import COMING_SOON, AddSource

SECRET = "JBSWY3DPEHPK3PXP"


def _vault_with_backup(qtbot, authenticator):
    create_vault(qtbot, authenticator)
    authenticator.add_account(Account(issuer="A", name="", secret=SECRET))
    QTest.keyClick(authenticator.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert backup_path(default_vault_path()).exists()


def test_damaged_vault_is_explained_with_its_backup(qtbot, authenticator):
    _vault_with_backup(qtbot, authenticator)
    path = default_vault_path()
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    submit_password(qtbot, authenticator, "correct horse battery")
    message = authenticator.window.unlock_page.error.text()
    assert "damaged" in message
    assert str(backup_path(path)) in message
    assert not authenticator.window.is_unlocked
    # Fixed on disk meanwhile: retry without restarting.
    path.write_bytes(backup_path(path).read_bytes())
    unlock(qtbot, authenticator)


def test_newer_vault_version_is_explained(qtbot, authenticator):
    _vault_with_backup(qtbot, authenticator)
    path = default_vault_path()
    path.write_bytes(with_version(path, 99))
    submit_password(qtbot, authenticator, "correct horse battery")
    assert "newer version" in authenticator.window.unlock_page.error.text()


def test_missing_vault_leads_to_the_create_page(qtbot, authenticator):
    _vault_with_backup(qtbot, authenticator)
    default_vault_path().unlink()
    submit_password(qtbot, authenticator, "anything")
    assert authenticator.window.pages.currentWidget() is authenticator.window.create_page


def test_busy_vault_shows_the_reason_and_keeps_the_list(qtbot, authenticator):
    create_vault(qtbot, authenticator)
    authenticator.add_account(Account(issuer="A", name="", secret=SECRET))
    authenticator.session._vault.lock_timeout = 0.05
    holder = FileLock(lock_path(default_vault_path()), timeout=1)
    holder.acquire()
    try:
        assert not authenticator.add_account(Account(issuer="B", name="", secret=SECRET))
    finally:
        holder.release()
    assert "another Sigma Authenticator process" in authenticator.window.accounts_page.toast.text
    assert authenticator.model.total_count == 1


def test_key_derivation_runs_off_the_ui_thread(qtbot):
    runner = TaskRunner()
    threads = []
    results = []
    runner.run(lambda: threads.append(threading.get_ident()) or 42, results.append, results.append)
    qtbot.waitUntil(lambda: results == [42])
    assert threads and threads[0] != threading.get_ident()
    runner.run(lambda: 1 / 0, results.append, results.append)
    qtbot.waitUntil(lambda: len(results) == 2)
    assert isinstance(results[1], ZeroDivisionError)
    assert not runner.busy


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_copied_codes_are_marked_sensitive(qapp, platform):
    mime = sensitive_mime_data("123456", platform)
    assert mime.text() == "123456"
    formats = mime.formats()
    assert (KDE_SECRET_HINT in formats) == (platform == "linux")
    windows = 'application/x-qt-windows-mime;value="ExcludeClipboardContentFromMonitorProcessing"'
    assert (windows in formats) == (platform == "win32")
    if platform == "win32":
        history = 'application/x-qt-windows-mime;value="CanIncludeInClipboardHistory"'
        assert bytes(mime.data(history)) == b"\x00\x00\x00\x00"


def test_the_add_menu_offers_every_qr_source_and_can_mark_one_unavailable(qtbot, authenticator):
    create_vault(qtbot, authenticator)
    menu = authenticator.add_menu
    for source in AddSource:
        action = menu.actions_by_source[source]
        assert action.isEnabled() and COMING_SOON not in action.text(), source
    menu.set_source_available(AddSource.SCREEN, False)
    screen = menu.actions_by_source[AddSource.SCREEN]
    assert not screen.isEnabled() and COMING_SOON in screen.text()
    menu.set_source_available(AddSource.SCREEN, True)
    authenticator.qr_import.grab_screens = lambda: [blank_screen()]  # no code on it
    authenticator.qr_import.hide_delay_ms = 0
    screen.trigger()
    toast = authenticator.window.accounts_page.toast
    qtbot.waitUntil(lambda: "No QR code found on screen" in toast.text)
    assert authenticator.window.isVisible()


def test_keyboard_reachability_and_accessible_names(qtbot, authenticator):
    create_vault(qtbot, authenticator)
    authenticator.add_account(Account(issuer="A", name="", secret=SECRET))
    page = authenticator.window.accounts_page
    chain = []
    widget = page.search
    widget.setFocus()
    for _ in range(6):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
    assert chain[:6] == [page.search, page.add_button, page.sort_button, page.lock_button,
                         page.menu_button, page.list_view]  # fmt: skip
    assert "Enter to copy" in authenticator.model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert page.list_view.accessibleName() == "Accounts"
    for widget in [*page.findChildren(QToolButton), *page.findChildren(QLineEdit)]:
        # QLineEdit's own clear and action buttons are Qt's, named by Qt.
        if widget.isVisible() and not isinstance(widget.parent(), QLineEdit):
            assert widget.accessibleName(), widget
            assert widget.toolTip() or isinstance(widget, QLineEdit), widget
    shortcuts = {a.text(): a.shortcut().toString() for a in authenticator.window.actions()}
    for name in ("Copy code", "Next code", "Edit…", "Delete…", "Undo delete", "Lock",
                 "Settings…", "Search", "Move up", "Move down"):  # fmt: skip
        assert shortcuts[name], name


def test_quit_clears_our_clipboard(qtbot, authenticator):
    create_vault(qtbot, authenticator)
    authenticator.add_account(Account(issuer="A", name="", secret=SECRET))
    authenticator.window.copy_requested.emit(authenticator.model.account_at(0).id)
    assert QApplication.clipboard().text()
    authenticator.window.close()
    assert QApplication.clipboard().text() == ""
    assert not authenticator.session.is_open
