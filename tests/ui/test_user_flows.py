"""The window driven as a person would: keyboard and mouse through qtbot, time on a fake clock."""

from __future__ import annotations

from helpers.authenticator import (
    PASSWORD,
    START,
    click_row,
    create_vault,
    make_app,
    shown_rows,
    submit_password,
    unlock,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.otp import format_code, hotp
from desktop_app.core.paths import default_vault_path
from desktop_app.core.vault import Vault
from desktop_app.ui.models.account_model import AccountRole
from desktop_app.ui.settings import Settings

RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # "12345678901234567890"
GITHUB_URI = (
    "otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub"
    "&algorithm=SHA1&digits=6&period=30"
)


def _type_into(widget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def _add_manually(qtbot, app, issuer: str, name: str, secret: str, digits: int = 6) -> None:
    QTest.keyClick(app.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = app.actions.add_dialog
    assert dialog is not None and dialog.isVisible()
    _type_into(dialog.issuer, issuer)
    _type_into(dialog.account_name, name)
    _type_into(dialog.secret, secret)
    if digits != 6:
        dialog.advanced_toggle.click()
        dialog.digits.setValue(digits)
    assert dialog.add_button.isEnabled()
    QTest.keyClick(dialog.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.actions.add_dialog is None)


def test_first_run_create_lock_wrong_then_right_password(qtbot, authenticator):
    window = authenticator.window
    assert window.pages.currentWidget() is window.create_page
    page = window.create_page
    QTest.keyClicks(page.password, "short")
    assert not page.button.isEnabled()
    assert "at least 8" in page.strength_label.text()
    page.password.clear()
    QTest.keyClicks(page.password, PASSWORD)
    QTest.keyClicks(page.confirm, PASSWORD + "x")
    assert not page.button.isEnabled()
    assert "do not match" in page.match_label.text()
    QTest.keyClick(page.confirm, Qt.Key.Key_Backspace)
    create_vault(qtbot, authenticator, password="")  # fields already filled; just submits
    assert Vault.exists(default_vault_path())
    assert window.accounts_page.content.currentWidget() is window.accounts_page.empty_page
    assert "No accounts yet" in window.accounts_page.empty_page.heading.text()

    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.unlock_page
    assert authenticator.lock_reason == "manual"

    submit_password(qtbot, authenticator, "not the password")
    assert window.pages.currentWidget() is window.unlock_page
    assert "Wrong password" in window.unlock_page.error.text()
    assert window.unlock_page.error.isVisible()
    unlock(qtbot, authenticator)
    assert not window.unlock_page.error.isVisible()
    assert window.unlock_page.password.text() == ""  # the password does not linger


def test_add_manually_and_by_pasted_link_with_codes_at_an_injected_time(
    qtbot, authenticator, clock
):
    create_vault(qtbot, authenticator)
    clock.set(59)  # RFC 6238 appendix B: T=59 s, SHA1, 8 digits -> 94287082
    _add_manually(qtbot, authenticator, "RFC", "test vector", "GEZD GNBV GY3T QOJQ "
                  "GEZD GNBV GY3T QOJQ", digits=8)  # fmt: skip
    authenticator.ticker.tick()
    assert shown_rows(authenticator) == [("RFC (test vector)", "9428 7082")]

    # Pasting an otpauth:// link into any field (here the account field) fills them all.
    QTest.keyClick(authenticator.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = authenticator.actions.add_dialog
    QApplication.clipboard().setText(GITHUB_URI)
    dialog.account_name.setFocus()
    QTest.keyClick(dialog.account_name, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.issuer.text() == "GitHub"
    assert dialog.account_name.text() == "alice@example.com"
    assert dialog.secret.text().replace(" ", "") == "JBSWY3DPEHPK3PXP"
    assert dialog.link_status.kind == "ok"
    assert not dialog.is_duplicate
    dialog.add_button.click()
    qtbot.waitUntil(lambda: authenticator.actions.add_dialog is None)
    labels = [label for label, _code in shown_rows(authenticator)]
    assert labels == ["RFC (test vector)", "GitHub (alice@example.com)"]

    # The same key again: warned, and still allowed.
    QTest.keyClick(authenticator.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = authenticator.actions.add_dialog
    _type_into(dialog.issuer, "GitHub work")
    _type_into(dialog.secret, "jbsw y3dp ehpk 3pxp")
    assert dialog.is_duplicate
    assert "already saved" in dialog.duplicate_status.text()
    assert dialog.add_button.text() == "Add anyway"
    dialog.add_button.click()
    assert authenticator.model.total_count == 3

    # A broken link is explained in place and fills nothing.
    QTest.keyClick(authenticator.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = authenticator.actions.add_dialog
    QApplication.clipboard().setText("otpauth://totp/X?secret=not*base32")
    dialog.issuer.setFocus()
    QTest.keyClick(dialog.issuer, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert dialog.link_status.kind == "error"
    assert "not valid base32" in dialog.link_status.text()
    _type_into(dialog.secret, "JBSWY3DPEHPK3PXP")
    assert not dialog.add_button.isEnabled()  # the broken link is still in the issuer field
    dialog.issuer.clear()
    assert dialog.link_status.text() == ""
    dialog.secret.clear()
    _type_into(dialog.secret, "JBSWY3DPEHPK3PX1")
    assert dialog.secret_status.kind == "error"
    assert "'1' is not allowed" in dialog.secret_status.text()
    dialog.reject()


def test_next_code_in_the_last_seconds_and_hotp_next_code(qtbot, authenticator, clock):
    create_vault(qtbot, authenticator)
    key = Account(issuer="RFC", name="x", secret=RFC_SECRET).key
    authenticator.add_account(Account(issuer="RFC", name="x", secret=RFC_SECRET))
    authenticator.add_account(
        Account(issuer="Counter", name="y", secret=RFC_SECRET, type=OtpType.HOTP, counter=0)
    )
    model = authenticator.model
    clock.set(30 * 1000 + 10)  # 20 s left: no next code yet
    authenticator.ticker.tick()
    assert model.index(0).data(AccountRole.NEXT_CODE) == ""
    assert model.index(0).data(AccountRole.SECONDS_LEFT) == 20
    clock.set(30 * 1000 + 25)  # 5 s left: the next period's code shows
    authenticator.ticker.tick()
    assert model.index(0).data(AccountRole.CODE) == format_code(hotp(key, 1000))
    assert model.index(0).data(AccountRole.NEXT_CODE) == format_code(hotp(key, 1001))
    clock.set(30 * 1001)  # the period turned: the former next code is the code
    authenticator.ticker.tick()
    assert model.index(0).data(AccountRole.CODE) == format_code(hotp(key, 1001))

    # HOTP: RFC 4226 values; Ctrl+R (or the row's button) advances and saves the counter.
    assert model.index(1).data(AccountRole.CODE) == "755 224"
    assert model.index(1).data(AccountRole.NEXT_CODE) == ""
    view = authenticator.window.accounts_page.list_view
    view.setCurrentIndex(model.index(1))
    QTest.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert model.index(1).data(AccountRole.CODE) == "287 082"
    geometry = view.delegate.geometry(view.visualRect(model.index(1)), _view_option(view))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=geometry.action.center())
    assert model.index(1).data(AccountRole.CODE) == "359 152"
    saved = Vault.open(default_vault_path(), PASSWORD).accounts
    assert [a.counter for a in saved if a.type is OtpType.HOTP] == [2]


def _view_option(view):
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    view.initViewItemOption(option)
    return option


def test_copy_clears_after_the_delay_unless_the_user_copied_something_else(
    qtbot, authenticator, clock
):
    create_vault(qtbot, authenticator)
    authenticator.add_account(Account(issuer="RFC", name="x", secret=RFC_SECRET))
    clipboard = QApplication.clipboard()
    view = authenticator.window.accounts_page.list_view
    expected = authenticator.model.index(0).data(AccountRole.CODE).replace(" ", "")

    click_row(authenticator, 0)
    assert clipboard.text() == expected
    assert clipboard.mimeData().data("x-kde-passwordManagerHint").data() == b"secret"
    toast = authenticator.window.accounts_page.toast
    assert toast.isVisible() and "Copied the code for RFC (x)" in toast.text
    clock.advance(29)
    authenticator.ticker.tick()
    assert clipboard.text() == expected
    clock.advance(1)
    authenticator.ticker.tick()
    assert clipboard.text() == ""

    # Enter copies too; then the user copies something of their own: it is left alone.
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert clipboard.text() == authenticator.model.current_code(authenticator.model.account_at(0))
    clipboard.setText("my own text")
    clock.advance(60)
    authenticator.ticker.tick()
    assert clipboard.text() == "my own text"

    # Copying counts as a use (for "most used" sorting), saved in the vault in one batch.
    assert Vault.open(default_vault_path(), PASSWORD).accounts[0].use_count == 0
    assert authenticator.session.has_pending_uses
    authenticator.session.flush_uses()  # what the batch timer does
    saved = Vault.open(default_vault_path(), PASSWORD).accounts[0]
    assert saved.use_count == 2
    assert saved.last_used == START + 30


def test_search_by_typing_and_ctrl_f(qtbot, authenticator):
    create_vault(qtbot, authenticator)
    for issuer, name in [("GitHub", "alice"), ("Google", "bob"), ("Gitea", "carol")]:
        authenticator.add_account(Account(issuer=issuer, name=name, secret=RFC_SECRET))
    page = authenticator.window.accounts_page
    view = page.list_view
    view.setFocus()
    QTest.keyClicks(view, "git")  # typing in the list starts a search
    assert page.search.hasFocus()
    assert page.search.text() == "git"
    assert [label for label, _ in shown_rows(authenticator)] == ["GitHub (alice)", "Gitea (carol)"]
    QTest.keyClicks(page.search, " car")
    assert [label for label, _ in shown_rows(authenticator)] == ["Gitea (carol)"]
    QTest.keyClick(page.search, Qt.Key.Key_Return)  # Enter copies the first match
    assert QApplication.clipboard().text() == authenticator.model.current_code(
        authenticator.model.account_at(0)
    )
    page.search.clear()
    QTest.keyClicks(page.search, "nothing like it")
    assert page.content.currentWidget() is page.no_match_page
    assert "nothing like it" in page.no_match_page.body.text()
    QTest.keyClick(page.search, Qt.Key.Key_Escape)  # clears
    assert authenticator.model.rowCount() == 3
    QTest.keyClick(page.search, Qt.Key.Key_Escape)  # back to the list
    assert view.hasFocus()
    QTest.keyClick(authenticator.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_delete_with_confirmation_then_undo_by_toast_and_ctrl_z(qtbot, authenticator, monkeypatch):
    create_vault(qtbot, authenticator)
    for issuer in ("One", "Two", "Three"):
        authenticator.add_account(Account(issuer=issuer, name="", secret=RFC_SECRET))
    view = authenticator.window.accounts_page.list_view
    answers = [QMessageBox.StandardButton.Cancel]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))

    view.setCurrentIndex(authenticator.model.index(1))
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert authenticator.model.total_count == 3  # cancelled: nothing happens

    answers.append(QMessageBox.StandardButton.Yes)
    QTest.keyClick(view, Qt.Key.Key_Delete)
    assert [label for label, _ in shown_rows(authenticator)] == ["One", "Three"]
    assert len(Vault.open(default_vault_path(), PASSWORD).accounts) == 2
    toast = authenticator.window.accounts_page.toast
    assert toast.action_text == "Undo"
    QTest.mouseClick(toast._button, Qt.MouseButton.LeftButton)
    assert [label for label, _ in shown_rows(authenticator)] == ["One", "Two", "Three"]

    answers.append(QMessageBox.StandardButton.Yes)
    view.setCurrentIndex(authenticator.model.index(0))
    QTest.keyClick(view, Qt.Key.Key_Delete)
    toast.dismiss()  # the toast went away; Ctrl+Z still restores
    QTest.keyClick(authenticator.window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [label for label, _ in shown_rows(authenticator)] == ["One", "Two", "Three"]
    assert [a.issuer for a in Vault.open(default_vault_path(), PASSWORD).accounts] == [
        "One", "Two", "Three",
    ]  # fmt: skip


def test_idle_lock_drops_everything_and_clears_our_clipboard(qtbot, authenticator, clock):
    create_vault(qtbot, authenticator)
    authenticator.add_account(Account(issuer="RFC", name="x", secret=RFC_SECRET))
    authenticator.settings.clipboard_clear_seconds = 0  # only lock may clear it here
    view = authenticator.window.accounts_page.list_view
    click_row(authenticator, 0)
    assert QApplication.clipboard().text()
    for _ in range(9):  # 4.5 minutes of ticks, no input
        clock.advance(30)
        authenticator.ticker.tick()
    assert authenticator.window.is_unlocked
    QTest.mouseMove(view.viewport())  # input postpones the lock
    for _ in range(9):
        clock.advance(30)
        authenticator.ticker.tick()
    assert authenticator.window.is_unlocked
    clock.advance(30)
    authenticator.ticker.tick()
    assert not authenticator.window.is_unlocked
    assert authenticator.lock_reason == "idle"
    assert authenticator.model.rowCount() == 0 and authenticator.model.total_count == 0
    assert not authenticator.session.is_open
    assert QApplication.clipboard().text() == ""


def test_lock_closes_open_dialogs_and_session_lock_signal_locks(qtbot, authenticator):
    create_vault(qtbot, authenticator)
    authenticator.add_account(Account(issuer="RFC", name="x", secret=RFC_SECRET))
    dialog = authenticator.open_add_dialog()
    assert dialog.isVisible()
    authenticator.session_monitor.on_prepare_for_sleep(True)
    assert not dialog.isVisible()
    assert authenticator.lock_reason == "suspend"
    assert authenticator.open_add_dialog() is None  # nothing to add to while locked
    assert authenticator.add_account(Account(issuer="X", name="", secret=RFC_SECRET)) is False


def test_everything_persists_across_restarts(qtbot, authenticator, clock, monkeypatch):
    create_vault(qtbot, authenticator)
    for issuer in ("Beta", "Alpha", "Gamma"):
        authenticator.add_account(Account(issuer=issuer, name="", secret=RFC_SECRET))
    window = authenticator.window
    view = window.accounts_page.list_view
    # Manual order by keyboard: move "Gamma" to the top.
    view.setCurrentIndex(authenticator.model.index(2))
    QTest.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    QTest.keyClick(view, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)  # fmt: skip
    assert [label for label, _ in shown_rows(authenticator)] == ["Gamma", "Beta", "Alpha"]
    assert view.current_account_id() == authenticator.model.account_at(0).id
    # Edit: rename and recolour.
    view.setCurrentIndex(authenticator.model.index(1))
    QTest.keyClick(view, Qt.Key.Key_F2)
    dialog = authenticator.actions.edit_dialog
    dialog.issuer.selectAll()
    QTest.keyClicks(dialog.issuer, "Beta Bank")
    dialog.colors.buttons()[3].click()
    QTest.keyClicks(dialog.note, "recovery codes in the safe")
    dialog.save_button.click()
    # Settings: sort A-Z and a 45 s clipboard delay.
    window.accounts_page.sort_actions[authenticator.settings.sort_mode.ALPHABETICAL].trigger()
    assert [label for label, _ in shown_rows(authenticator)] == ["Alpha", "Beta Bank", "Gamma"]
    authenticator.actions.open_settings()
    settings_dialog = authenticator.actions.settings_dialog
    settings_dialog.clipboard_seconds.setValue(45)
    settings_dialog.hide_codes.setChecked(True)
    settings_dialog.accept()
    assert authenticator.clipboard.policy.clear_after_seconds == 45
    window.close()
    authenticator.shutdown()

    again = make_app(qtbot, clock)
    try:
        assert again.window.pages.currentWidget() is again.window.unlock_page
        unlock(qtbot, again)
        assert [label for label, _ in shown_rows(again)] == ["Alpha", "Beta Bank", "Gamma"]
        beta = again.model.account_at(1)
        assert beta.note == "recovery codes in the safe" and beta.icon_color
        assert again.model.index(0).data(AccountRole.CODE) == "••• •••"  # hidden until clicked
        settings = Settings()
        assert settings.clipboard_clear_seconds == 45 and settings.hide_codes
        again.settings.sort_mode = again.settings.sort_mode.MANUAL
        assert [label for label, _ in shown_rows(again)] == ["Gamma", "Beta Bank", "Alpha"]
        # Hidden codes: a click reveals (and copies) that row only.
        view = again.window.accounts_page.list_view
        click_row(again, 0)
        assert "•" not in again.model.index(0).data(AccountRole.CODE)
        assert "•" in again.model.index(1).data(AccountRole.CODE)
    finally:
        again.shutdown()


def test_clock_warning_banner(qtbot, authenticator, clock):
    create_vault(qtbot, authenticator)
    banner = authenticator.window.accounts_page.banner
    authenticator.ticker.tick()
    assert not banner.isVisible()
    authenticator.set_reference_time(clock() - 40)  # the server is 40 s behind us
    assert banner.isVisible() and "40 s ahead" in banner.label.text()
    authenticator.set_reference_time(clock() + 3)
    assert not banner.isVisible()
    clock.set(946_684_800)  # 2000-01-01: a reset CMOS clock
    authenticator.ticker.tick()
    assert banner.isVisible() and "in the past" in banner.label.text()
