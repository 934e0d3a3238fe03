"""The signed-in page: header (org, who is signed in, refresh, sign out), a notice line, tabs.

Users tab: the users table, or one user's profile; Audit tab; Outbox tab (dev mode only).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.sigma_client import User
from desktop_app.ui.icons import ICON_SIZE, app_icon, palette_icon
from server_stub.admin.look import set_icon
from server_stub.admin.messages import account_type_label
from server_stub.admin.widgets.audit_page import AuditPage
from server_stub.admin.widgets.outbox_page import OutboxPage
from server_stub.admin.widgets.profile_page import ProfilePage
from server_stub.admin.widgets.tone_label import ToneLabel
from server_stub.admin.widgets.users_page import UsersPage


def header_button(icon: str, text: str, tip: str, parent: QWidget) -> QToolButton:
    button = QToolButton(parent)
    set_icon(button, icon, parent.palette())
    button.setIconSize(ICON_SIZE)
    button.setText(text)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setAutoRaise(True)
    button.setToolTip(tip)
    button.setAccessibleName(text)
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
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 6, 10, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss_button)
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
        header = QFrame(self)
        header.setObjectName("header")
        logo = QLabel(header)
        logo.setPixmap(app_icon().pixmap(30, 30))
        self.title = QLabel("Sigma administration", header)
        self.title.setObjectName("windowTitle")
        self.org = QLabel(header)
        self.org.setObjectName("hintText")
        self.org.setAccessibleName("Organization")
        self.who = QLabel(header)
        self.who.setObjectName("hintText")
        self.who.setAccessibleName("Signed in as")
        self.who.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.refresh_button = header_button("refresh", "Refresh", "Reload users, audit and "
                                            "outbox from the server (F5)", header)  # fmt: skip
        self.sign_out_button = header_button("sign-out", "Sign out", "Sign out of the admin "
                                             "window (Ctrl+Shift+Q)", header)  # fmt: skip
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.title)
        titles.addWidget(self.org)
        row = QHBoxLayout(header)
        row.setContentsMargins(14, 8, 10, 8)
        row.setSpacing(10)
        row.addWidget(logo)
        row.addLayout(titles)
        row.addStretch(1)
        row.addWidget(self.who)
        row.addWidget(self.refresh_button)
        row.addWidget(self.sign_out_button)

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setFixedHeight(3)
        self.busy.setAccessibleName("Talking to the server")
        self.idle_spacer = QWidget(self)
        self.idle_spacer.setFixedHeight(3)
        self.busy.hide()
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

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.busy)
        layout.addWidget(self.idle_spacer)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)

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
