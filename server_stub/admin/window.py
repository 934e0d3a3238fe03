"""The admin window: the sign-in page, then the console (Users, Audit, Outbox).

Widgets only: it shows what the controllers tell it and turns clicks and keys into signals.
Every action has a shortcut held by the window, so it works wherever the focus is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from desktop_app.core.sigma_client import User
from desktop_app.ui.icons import app_icon
from server_stub.admin.look import admin_style_sheet, retint_icons, set_icon
from server_stub.admin.widgets.console_page import ConsolePage
from server_stub.admin.widgets.dialogs import OutboxDialog, ResetConfirmation
from server_stub.admin.widgets.sign_in_page import SignInPage

if TYPE_CHECKING:  # the controllers import this module
    from server_stub.admin.client_queue import ClientQueue
    from server_stub.admin.console import Console
    from server_stub.admin.heartbeat import Heartbeat
    from server_stub.admin.sign_in_flow import SignInFlow

TITLE = "Sigma administration"
STATUS_MS = 8000


class AdminWindow(QMainWindow):
    refresh_requested = Signal()
    sign_out_requested = Signal()
    profile_requested = Signal(object)  # User
    reset_confirmed = Signal(object)  # User
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminWindow")
        self.setWindowTitle(TITLE)
        self.setWindowIcon(app_icon())
        self.setStyleSheet(admin_style_sheet(self.palette()))
        self.resize(1040, 680)
        self.setMinimumSize(720, 520)
        self.sign_in_page = SignInPage(self)
        self.console = ConsolePage(self)
        self.users_page = self.console.users_page
        self.profile_page = self.console.profile_page
        self.audit_page = self.console.audit_page
        self.outbox_page = self.console.outbox_page
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.sign_in_page)
        self.pages.addWidget(self.console)
        self.setCentralWidget(self.pages)
        self.updated = QLabel(self)
        self.updated.setObjectName("hintText")
        self.statusBar().addPermanentWidget(self.updated)
        self.statusBar().setSizeGripEnabled(False)
        self.reset_dialog: ResetConfirmation | None = None
        self.outbox_dialog: OutboxDialog | None = None
        self.requests: ClientQueue | None = None
        self.heartbeat: Heartbeat | None = None
        self.flow: SignInFlow | None = None
        self.controller: Console | None = None
        self._build_actions()

        self.console.refresh_button.setDefaultAction(self.refresh_action)
        self.console.sign_out_button.setDefaultAction(self.sign_out_action)
        self.users_page.profile_requested.connect(self.profile_requested)
        self.users_page.reset_requested.connect(self.ask_reset)
        self.profile_page.reset_requested.connect(self.ask_reset)
        self.profile_page.back_requested.connect(self.console.show_users)
        self.outbox_page.code_copied.connect(lambda to: self.say(f"Copied the code sent to {to}."))
        self.show_sign_in()

    def attach(self, requests: ClientQueue, heartbeat: Heartbeat, flow: SignInFlow,
               controller: Console) -> None:  # fmt: skip
        """Keep the controllers reachable (tests drive the heartbeat; busy reads the queue)."""
        self.requests = requests
        self.heartbeat = heartbeat
        self.flow = flow
        self.controller = controller

    @property
    def busy(self) -> bool:
        return self.requests is not None and self.requests.busy

    # ----- actions -----------------------------------------------------------------------------
    def _action(self, text: str, shortcuts: list[QKeySequence], tip: str,
                icon: str = "") -> QAction:  # fmt: skip
        action = QAction(text, self)
        action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        keys = shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})")
        if icon:
            set_icon(action, icon, self.palette())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence
        self.refresh_action = self._action("Refresh", [keys("F5"), keys("Ctrl+R")],
                                           "Reload users, audit and outbox from the server",
                                           "refresh")  # fmt: skip
        self.refresh_action.triggered.connect(self.refresh_requested)
        self.sign_out_action = self._action("Sign out", [keys("Ctrl+Shift+Q")],
                                            "Sign out of the admin window", "sign-out")  # fmt: skip
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.find_action = self._action("Search", [keys(keys.StandardKey.Find)], "Search users")
        self.find_action.triggered.connect(self._focus_search)
        self.back_action = self._action("Back to users", [keys("Alt+Left"), keys("Escape")],
                                        "Back to the users")  # fmt: skip
        self.back_action.triggered.connect(self.console.show_users)
        self.close_action = self._action("Close", [keys(keys.StandardKey.Close)], "Close window")
        self.close_action.triggered.connect(self.close)
        self._console_actions = [self.refresh_action, self.sign_out_action, self.find_action,
                                 self.back_action]  # fmt: skip

    def _focus_search(self) -> None:
        page = self.console.tabs.currentWidget()
        if page is self.audit_page:
            self.audit_page.action_filter.setFocus()
        elif page is self.outbox_page:
            self.outbox_page.recipient.setFocus()
        else:
            self.console.show_users()
            self.users_page.search.setFocus()
            self.users_page.search.selectAll()

    # ----- pages -------------------------------------------------------------------------------
    @property
    def signed_in(self) -> bool:
        return self.pages.currentWidget() is self.console

    def show_sign_in(self) -> None:
        for dialog in (self.reset_dialog, self.outbox_dialog):
            if dialog is not None and dialog.isVisible():
                dialog.close()
        self.pages.setCurrentWidget(self.sign_in_page)
        for action in self._console_actions:
            action.setEnabled(False)
        self.setWindowTitle(TITLE)
        self.updated.clear()
        self.statusBar().clearMessage()

    def show_console(self, admin: User) -> None:
        self.console.show_admin(admin)
        self.console.notice.say("")
        self.pages.setCurrentWidget(self.console)
        for action in self._console_actions:
            action.setEnabled(True)
        self.setWindowTitle(f"{admin.org.name} · {TITLE}")
        self.console.show_users()

    def set_busy(self, busy: bool) -> None:
        self.console.set_busy(busy)

    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, STATUS_MS)

    # ----- dialogs -----------------------------------------------------------------------------
    def ask_reset(self, user: User) -> ResetConfirmation:
        if self.reset_dialog is not None:
            self.reset_dialog.close()
        dialog = ResetConfirmation(user, self)
        dialog.confirmed.connect(self.reset_confirmed)
        dialog.destroyed.connect(lambda *_: self._forget_reset_dialog(dialog))
        self.reset_dialog = dialog
        dialog.open()
        return dialog

    def _forget_reset_dialog(self, dialog: ResetConfirmation) -> None:
        if self.reset_dialog is dialog:
            self.reset_dialog = None

    def open_outbox_dialog(self, recipient: str) -> OutboxDialog:
        if self.outbox_dialog is None:
            self.outbox_dialog = OutboxDialog(self)
        self.outbox_dialog.page.recipient.setText(recipient)
        self.outbox_dialog.show()
        self.outbox_dialog.raise_()
        return self.outbox_dialog

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switched while open
            retint_icons(self)
            self.console.retint_tabs(self.palette())  # the window's: children may lag behind
            sheet = admin_style_sheet(self.palette())
            if sheet != self.styleSheet():
                self.setStyleSheet(sheet)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
