"""The authenticator window: create-vault, unlock and accounts pages, and every action.

The window only turns user input into signals; controllers decide what happens. Every action has
a keyboard shortcut and lives on the window, so shortcuts work wherever the focus is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStackedWidget, QWidget

from desktop_app.ui.icons import IconBinder, app_icon
from desktop_app.ui.models.account_model import AccountListModel, AccountRole
from desktop_app.ui.widgets.accounts_page import AccountsPage
from desktop_app.ui.widgets.add_menu import AddSource
from desktop_app.ui.widgets.create_vault_page import CreateVaultPage
from desktop_app.ui.widgets.unlock_page import UnlockPage

APP_TITLE = "Sigma Authenticator"


class MainWindow(QMainWindow):
    copy_requested = Signal(str)  # account id
    next_code_requested = Signal(str)
    edit_requested = Signal(str)
    delete_requested = Signal(str)
    move_requested = Signal(str, int)  # account id, new manual index
    undo_requested = Signal()
    lock_requested = Signal()
    settings_requested = Signal()
    sigma_requested = Signal()
    sort_mode_selected = Signal(str)  # a SortMode value
    closing = Signal()

    def __init__(self, model: AccountListModel, vault_path: Path,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(APP_TITLE)
        self.setWindowIcon(app_icon())
        self.setObjectName("mainWindow")
        self.resize(480, 660)
        self.setMinimumSize(400, 480)
        self.model = model
        self.icons = IconBinder()

        self.create_page = CreateVaultPage(vault_path, self)
        self.unlock_page = UnlockPage(vault_path, self)
        self.accounts_page = AccountsPage(model, self.icons, self)
        self.pages = QStackedWidget(self)
        for page in (self.create_page, self.unlock_page, self.accounts_page):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)

        self._build_actions()
        page = self.accounts_page
        view = page.list_view
        view.copy_requested.connect(self.copy_requested)
        view.next_code_requested.connect(self.next_code_requested)
        view.move_requested.connect(self.move_requested)
        view.type_to_search.connect(page.focus_search)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._show_context_menu)
        view.selectionModel().currentChanged.connect(self._update_actions)
        page.search.textChanged.connect(self._on_search_changed)
        page.search_submitted.connect(self._copy_first_match)
        page.lock_button.clicked.connect(self.lock_requested)
        page.empty_page.button.clicked.connect(page.add_menu.manual_requested)
        page.sort_group.triggered.connect(
            lambda action: self.sort_mode_selected.emit(str(action.data()))
        )
        model.modelReset.connect(self._update_actions)
        model.rowsRemoved.connect(self._update_actions)
        model.rowsInserted.connect(self._update_actions)
        self.show_unlock()

    # ----- actions ---------------------------------------------------------------------------
    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey, icon: str = "",
                tip: str = "") -> QAction:  # fmt: skip
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        sequence = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.rstrip('…')} ({sequence})" if sequence else tip or text)
        if icon:
            self.icons.bind(action, icon, self.palette())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        page = self.accounts_page
        self.search_action = self._action("Search", QKeySequence.StandardKey.Find, "search")
        self.search_action.triggered.connect(lambda: page.focus_search())
        self.copy_action = self._action("Copy code", QKeySequence.StandardKey.Copy, "copy")
        self.copy_action.triggered.connect(lambda: self._emit_for_current(self.copy_requested))
        self.next_code_action = self._action("Next code", "Ctrl+R", "refresh",
                                             "Advance the counter of an HOTP account")  # fmt: skip
        self.next_code_action.triggered.connect(
            lambda: self._emit_for_current(self.next_code_requested)
        )
        self.edit_action = self._action("Edit…", "F2", "edit", "Edit the selected account")
        self.edit_action.triggered.connect(lambda: self._emit_for_current(self.edit_requested))
        self.delete_action = self._action("Delete…", QKeySequence.StandardKey.Delete, "delete",
                                          "Delete the selected account")  # fmt: skip
        self.delete_action.triggered.connect(lambda: self._emit_for_current(self.delete_requested))
        self.move_up_action = self._action("Move up", "Ctrl+Shift+Up")
        self.move_up_action.triggered.connect(lambda: self._move_current(-1))
        self.move_down_action = self._action("Move down", "Ctrl+Shift+Down")
        self.move_down_action.triggered.connect(lambda: self._move_current(+1))
        self.undo_action = self._action("Undo delete", QKeySequence.StandardKey.Undo, "undo")
        self.undo_action.triggered.connect(self.undo_requested)
        self.lock_action = self._action("Lock", "Ctrl+L", "lock", "Lock now")
        self.lock_action.triggered.connect(self.lock_requested)
        self.settings_action = self._action("Settings…", "Ctrl+,", "settings")
        self.settings_action.triggered.connect(self.settings_requested)
        self.sigma_action = self._action(
            "Sigma account…", "Ctrl+Shift+S", "shield", "Set up or use app-based authentication"
        )
        self.sigma_action.triggered.connect(self.sigma_requested)
        self.quit_action = self._action("Quit", QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.menu_action = self._action("Menu", "F10")
        self.menu_action.triggered.connect(self.accounts_page.menu_button.showMenu)
        # Ctrl+N works while the Add menu is closed: the window holds the action too.
        self.add_manual_action = page.add_menu.actions_by_source[AddSource.MANUAL]
        self.addAction(self.add_manual_action)

        main_menu = QMenu(self)
        for action in (self.sigma_action, self.settings_action, self.lock_action, None,
                       self.quit_action):  # fmt: skip
            if action is None:
                main_menu.addSeparator()
            else:
                main_menu.addAction(action)
        page.menu_button.setMenu(main_menu)
        self.account_actions = [
            self.copy_action, self.next_code_action, self.edit_action,
            self.delete_action, self.move_up_action, self.move_down_action,
        ]  # fmt: skip

    def _current_id(self) -> str | None:
        return self.accounts_page.list_view.current_account_id()

    def _emit_for_current(self, signal: Signal) -> None:
        account_id = self._current_id()
        if account_id is not None and self.is_unlocked:
            signal.emit(account_id)

    def _move_current(self, delta: int) -> None:
        account_id = self._current_id()
        if account_id is None or not self.model.reorderable:
            return
        target = self.model.manual_index_of(account_id) + delta
        if 0 <= target < self.model.total_count:
            self.move_requested.emit(account_id, target)

    def _update_actions(self, *_args: object) -> None:
        index = self.accounts_page.list_view.currentIndex()
        has = index.isValid() and self.is_unlocked
        for action in self.account_actions:
            action.setEnabled(has)
        self.next_code_action.setEnabled(has and bool(index.data(AccountRole.IS_HOTP)))
        self.move_up_action.setEnabled(has and self.model.reorderable)
        self.move_down_action.setEnabled(has and self.model.reorderable)

    def _show_context_menu(self, pos: QPoint) -> None:
        view = self.accounts_page.list_view
        index = view.indexAt(pos)
        if not index.isValid():
            return
        view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction(self.copy_action)
        if index.data(AccountRole.IS_HOTP):
            menu.addAction(self.next_code_action)
        menu.addSeparator()
        menu.addAction(self.edit_action)
        if self.model.reorderable:
            menu.addAction(self.move_up_action)
            menu.addAction(self.move_down_action)
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(view.viewport().mapToGlobal(pos))

    def _on_search_changed(self, text: str) -> None:
        view = self.accounts_page.list_view
        keep = view.current_account_id()
        self.model.set_filter(text)
        self.accounts_page.update_content()  # 0 -> 0 rows emits no model signal
        if not (keep and view.select_account(keep)):
            view.select_first()
        self._update_actions()

    def _copy_first_match(self) -> None:
        view = self.accounts_page.list_view
        if not view.currentIndex().isValid():
            view.select_first()
        self._emit_for_current(self.copy_requested)

    # ----- pages -----------------------------------------------------------------------------
    @property
    def is_unlocked(self) -> bool:
        return self.pages.currentWidget() is self.accounts_page

    def show_create(self) -> None:
        self.unlock_page.reset()
        self.create_page.reset()
        self.pages.setCurrentWidget(self.create_page)
        self._set_unlocked_actions(False)
        self.create_page.setFocus()

    def show_unlock(self) -> None:
        self.unlock_page.reset()
        self.pages.setCurrentWidget(self.unlock_page)
        self._set_unlocked_actions(False)
        self.unlock_page.setFocus()

    def show_accounts(self) -> None:
        self.create_page.reset()
        self.unlock_page.reset()
        self.pages.setCurrentWidget(self.accounts_page)
        self._set_unlocked_actions(True)
        page = self.accounts_page
        page.update_content()
        page.list_view.select_first()
        page.list_view.setFocus()
        self._update_actions()

    def _set_unlocked_actions(self, unlocked: bool) -> None:
        for action in (self.search_action, self.undo_action, self.lock_action,
                       self.settings_action, self.sigma_action, self.menu_action):  # fmt: skip
            action.setEnabled(unlocked)
        self.add_manual_action.setEnabled(unlocked)
        if not unlocked:
            for action in self.account_actions:
                action.setEnabled(False)
            self.accounts_page.search.clear()
            self.accounts_page.toast.dismiss()

    def show_toast(self, text: str, action_text: str = "", action=None) -> None:
        self.accounts_page.toast.show_message(text, action_text, action)

    def set_clock_warning(self, text: str | None) -> None:
        self.accounts_page.banner.show_text(text)

    # ----- events ----------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.icons.refresh(self.palette())
            self.accounts_page.refresh_icons(self.palette())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        super().closeEvent(event)
