"""What the window's account actions do: copy, next HOTP code, add, edit, delete and undo.

Dialogs open window-modal without blocking (`open()`), so the event loop, the ticker and tests
keep running while one is up; the open dialog is kept on an attribute until it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.clock import Clock
from desktop_app.ui.clipboard import ClipboardService
from desktop_app.ui.controllers.vault_session import VaultSession
from desktop_app.ui.dialogs.add_account_dialog import AddAccountDialog
from desktop_app.ui.dialogs.edit_account_dialog import EditAccountDialog
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.models.account_model import AccountListModel
from desktop_app.ui.settings import Settings
from desktop_app.ui.widgets.main_window import MainWindow


class AccountActions(QObject):
    def __init__(self, window: MainWindow, session: VaultSession, model: AccountListModel,
                 clipboard: ClipboardService, settings: Settings, clock: Clock,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.window = window
        self.session = session
        self.model = model
        self.clipboard = clipboard
        self.settings = settings
        self.clock = clock
        self.add_dialog: AddAccountDialog | None = None
        self.edit_dialog: EditAccountDialog | None = None
        self.settings_dialog: SettingsDialog | None = None

    # ----- copy and codes --------------------------------------------------------------------
    def copy(self, account_id: str) -> None:
        account = self.model.account_by_id(account_id)
        if account is None:
            return
        self.clipboard.copy(self.model.current_code(account))
        if self.model.hide_codes:
            self.model.reveal(account_id)
        seconds = self.settings.clipboard_clear_seconds
        suffix = f" It will be cleared in {seconds} s." if seconds else ""
        self.window.show_toast(f"Copied the code for {account.label}.{suffix}")
        self.session.record_use(account_id)
        self.window.accounts_page.list_view.select_account(account_id)

    def next_code(self, account_id: str) -> None:
        account = self.model.account_by_id(account_id)
        if account is None or account.type is not OtpType.HOTP:
            return
        if self.session.next_counter(account_id):
            self.window.show_toast(f"Counter of {account.label} is now {account.counter + 1}.")

    # ----- add -------------------------------------------------------------------------------
    def open_add_dialog(self, prefill: Account | None = None) -> AddAccountDialog:
        """Open the Add dialog, optionally filled in (e.g. from a scanned QR code)."""
        if self.add_dialog is not None:
            self.add_dialog.reject()
        dialog = AddAccountDialog(self.clock, self.session.accounts, self.window)
        if prefill is not None:
            dialog.fill(prefill)
        dialog.accepted.connect(lambda: self._add_from(dialog))
        dialog.finished.connect(lambda _result: self._forget_dialog("add_dialog", dialog))
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def _add_from(self, dialog: AddAccountDialog) -> None:
        account = dialog.account()
        if account is not None:
            self.add(account)

    def add(self, account: Account) -> bool:
        """Save a new account and select it; the entry point for any source of accounts."""
        if not self.session.add(account):
            return False
        self.window.accounts_page.search.clear()
        self.window.accounts_page.list_view.select_account(account.id)
        self.window.show_toast(f"Added {account.label}.")
        return True

    # ----- edit and delete -------------------------------------------------------------------
    def edit(self, account_id: str) -> EditAccountDialog | None:
        account = self.model.account_by_id(account_id)
        if account is None:
            return None
        dialog = EditAccountDialog(account, self.window)
        dialog.accepted.connect(lambda: self._save_edit(dialog))
        dialog.finished.connect(lambda _result: self._forget_dialog("edit_dialog", dialog))
        self.edit_dialog = dialog
        dialog.open()
        return dialog

    def _save_edit(self, dialog: EditAccountDialog) -> None:
        account = dialog.account()
        if account is not None and self.session.update_account(account):
            self.window.show_toast(f"Saved {account.label}.")

    def confirm_delete(self, account: Account) -> bool:
        answer = QMessageBox.question(
            self.window,
            "Delete account",
            f"Delete {account.label}?\n\nYou will no longer get codes for it here. Make sure "
            "two-factor authentication is turned off on the website, or that you have another "
            "way to sign in.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def delete(self, account_id: str) -> bool:
        account = self.model.account_by_id(account_id)
        if account is None or not self.confirm_delete(account):
            return False
        row = self.model.row_of(account_id) or 0
        if not self.session.delete(account_id):
            return False
        view = self.window.accounts_page.list_view
        if self.model.rowCount():
            view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))
        self.window.show_toast(f"Deleted {account.label}.", "Undo", self.undo)
        return True

    def undo(self) -> None:
        restored = self.session.undo_delete()
        if restored is not None:
            self.window.accounts_page.list_view.select_account(restored.id)
            self.window.show_toast(f"Restored {restored.label}.")

    def move(self, account_id: str, new_index: int) -> None:
        if self.session.move(account_id, new_index):
            self.window.accounts_page.list_view.select_account(account_id)

    # ----- settings and closing --------------------------------------------------------------
    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.settings, self.window)
        dialog.accepted.connect(lambda: dialog.apply_to(self.settings))
        dialog.finished.connect(lambda _result: self._forget_dialog("settings_dialog", dialog))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def close_dialogs(self) -> None:
        """On lock: no dialog may keep showing account data."""
        for dialog in (self.add_dialog, self.edit_dialog, self.settings_dialog):
            if dialog is not None:
                dialog.reject()

    def _forget_dialog(self, attribute: str, dialog: QDialog) -> None:
        if getattr(self, attribute) is dialog:
            setattr(self, attribute, None)
        dialog.deleteLater()
