"""The signed-in page: header (org, who is signed in, refresh, sign out), a notice line, tabs.

Users tab: the users table, or one user's profile; Audit tab; Outbox tab (dev mode only).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QWidget,
)

from desktop_app.core.sigma_client import User
from desktop_app.ui.icons import ICON_SIZE, app_icon, palette_icon
from server_stub.admin.messages import account_type_label
from server_stub.admin.widgets.audit_page import AuditPage
from server_stub.admin.widgets.busy_bar import BusyBar
from server_stub.admin.widgets.labels import logo_label, styled_frame, styled_label
from server_stub.admin.widgets.layouts import hbox, stretch, vbox
from server_stub.admin.widgets.outbox_page import OutboxPage
from server_stub.admin.widgets.profile_page import ProfilePage
from server_stub.admin.widgets.tone_label import ToneLabel
from server_stub.admin.widgets.users_page import UsersPage


def header_button(parent: QWidget) -> QToolButton:
    """Text beside icon; the window gives it an action (text, icon, tooltip, shortcut)."""
    button = QToolButton(parent)
    button.setIconSize(ICON_SIZE)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class NoticeBar(QFrame):
    """One line under the header for what went wrong (or right) in the background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = ToneLabel("error", self)
        self.label.setAccessibleName("Notice")
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText("Dismiss")
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip("Hide this notice")
        self.dismiss_button.clicked.connect(lambda: self.say(""))
        hbox(self, (self.label, 1), self.dismiss_button, margins=(16, 6, 10, 6))
        self.hide()

    @property
    def text(self) -> str:
        return self.label.text() if self.isVisibleTo(self.parentWidget()) else ""

    def say(self, text: str, tone: str = "error") -> None:
        self.label.say(text, tone)
        self.setVisible(bool(text))


class ConsolePage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        header = styled_frame(self, "header")
        logo = logo_label(header, app_icon(), 30)
        self.title = styled_label(header, "windowTitle", "Sigma administration")
        self.org = styled_label(header, "hintText", name="Organization")
        self.who = styled_label(header, "hintText", name="Signed in as",
                                align=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.refresh_button = header_button(header)
        self.sign_out_button = header_button(header)
        titles = vbox(None, self.title, self.org)
        hbox(header, logo, titles, stretch(), self.who, self.refresh_button, self.sign_out_button,
             margins=(14, 8, 10, 8), spacing=10)  # fmt: skip

        self.busy = BusyBar(3, "Talking to the server", self)
        self.idle_spacer = QWidget(self)
        self.idle_spacer.setFixedHeight(3)
        self.notice = NoticeBar(self)

        self.users_page = UsersPage(self)
        self.profile_page = ProfilePage(self)
        self.users_stack = QStackedWidget(self)
        self.users_stack.addWidget(self.users_page)
        self.users_stack.addWidget(self.profile_page)
        self.audit_page = AuditPage(self)
        self.outbox_page = OutboxPage(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setObjectName("consoleTabs")
        self.users_tab = self.tabs.addTab(self.users_stack, "&Users")
        self.audit_tab = self.tabs.addTab(self.audit_page, "&Audit")
        self.outbox_tab = self.tabs.addTab(self.outbox_page, "&Outbox")
        self._tab_icons = {self.users_tab: "users", self.audit_tab: "history",
                           self.outbox_tab: "mail"}  # fmt: skip
        self.retint_tabs(self.palette())
        self.tabs.setTabToolTip(self.users_tab, "Administration > Users")
        self.tabs.setTabToolTip(self.audit_tab, "Who did what, newest first")
        self.tabs.setTabToolTip(self.outbox_tab, "Dev mode: the emails the stub sent")

        vbox(self, header, self.busy, self.idle_spacer, self.notice, (self.tabs, 1))

    def retint_tabs(self, palette: QPalette) -> None:
        for tab, name in self._tab_icons.items():
            self.tabs.setTabIcon(tab, palette_icon(name, palette))

    def show_admin(self, admin: User) -> None:
        self.org.setText(f"{admin.org.name} · Administration")
        self.who.setText(f"{admin.name}\n{admin.email} · {account_type_label(admin.account_type)}")

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.idle_spacer.setVisible(not busy)

    @property
    def showing_profile(self) -> bool:
        return self.users_stack.currentWidget() is self.profile_page

    def show_users(self) -> None:
        self.users_stack.setCurrentWidget(self.users_page)
        self.tabs.setCurrentIndex(self.users_tab)
        self.users_page.table.setFocus()

    def show_profile(self, user: User) -> None:
        self.profile_page.show_user(user)
        self.users_stack.setCurrentWidget(self.profile_page)
        self.tabs.setCurrentIndex(self.users_tab)
        self.profile_page.back_button.setFocus()

    def set_outbox_available(self, available: bool) -> None:
        self.tabs.setTabVisible(self.outbox_tab, available)

    @property
    def outbox_available(self) -> bool:
        return self.tabs.isTabVisible(self.outbox_tab)
