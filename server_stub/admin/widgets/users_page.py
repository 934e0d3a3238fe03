"""Administration > Users: every user of the admin's org with their authenticator status.

Search, sort by any column, a "More" button per row (also the context menu and Shift+F10)
with "View profile" and "Reset authenticator app"; double-click or Enter opens the profile.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QMenu, QStackedWidget, QWidget

from desktop_app.core.sigma_client import User
from desktop_app.ui.icons import palette_icon
from server_stub.admin.messages import (
    RESET_TIP,
    STATUS_DESCRIPTIONS,
    account_type_label,
    local_time,
    reset_unavailable,
    status_label,
)
from server_stub.admin.table_model import RECORD_ROLE, Column, RecordTableModel
from server_stub.admin.widgets.labels import CENTRE, styled_label
from server_stub.admin.widgets.layouts import vbox
from server_stub.admin.widgets.more_delegate import MoreButtonDelegate, button_rect
from server_stub.admin.widgets.page_header import PageHeader, search_field
from server_stub.admin.widgets.record_table import RecordTable
from server_stub.admin.widgets.status_badge import StatusBadgeDelegate

STATUS_RANK = {"enabled": 0, "pending": 1, "disabled": 2}
STATUS_COLUMN = 3
MORE_COLUMN = 5


def enrolled_text(user: User) -> str:
    return local_time(user.authenticator.enrolled_at) if user.authenticator.enrolled_at else "—"


USER_COLUMNS = (
    Column("Name", lambda u: u.name, tooltip=lambda u: f"{u.name} <{u.email}>"),
    Column("Email", lambda u: u.email),
    Column("Account type", lambda u: account_type_label(u.account_type)),
    Column("Authenticator app", lambda u: status_label(u.authenticator.status),
           sort_key=lambda u: STATUS_RANK.get(u.authenticator.status, 9),
           tooltip=lambda u: STATUS_DESCRIPTIONS.get(u.authenticator.status, ""),
           header_tip="Whether the user signs in with an authenticator app"),
    Column("Enrolled", enrolled_text, sort_key=lambda u: u.authenticator.enrolled_at or "",
           header_tip="When the authenticator app was set up (local time)"),
    Column("", lambda _u: "", sort_key=lambda _u: 0, header_tip="More actions",
           accessible=lambda u: f"More actions for {u.name}"),
)  # fmt: skip


class UsersPage(QWidget):
    profile_requested = Signal(object)  # User
    reset_requested = Signal(object)  # User (not yet confirmed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader("Administration › Users", self)
        self.search = search_field("Search users",
                                   "Filter by name, email, account type or status (Ctrl+F)",
                                   self)  # fmt: skip
        self.header.add(self.search)

        self.model = RecordTableModel(USER_COLUMNS, key=lambda u: u.id, parent=self)
        self.table = RecordTable(self.model, "Users of your organization", self)
        self.table.setItemDelegateForColumn(
            STATUS_COLUMN,
            StatusBadgeDelegate(lambda i: i.data(RECORD_ROLE).authenticator.status, self.table),
        )
        self.more_delegate = MoreButtonDelegate(self.table)
        self.table.setItemDelegateForColumn(MORE_COLUMN, self.more_delegate)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(2, 120)
        header.resizeSection(STATUS_COLUMN, 150)
        header.resizeSection(4, 150)
        header.setSectionResizeMode(MORE_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(MORE_COLUMN, 48)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.no_match = styled_label(self, "pageBody", align=CENTRE)
        self.content = QStackedWidget(self)
        self.content.addWidget(self.table)
        self.content.addWidget(self.no_match)
        vbox(self, self.header, (self.content, 1))

        self.menu: QMenu | None = None  # the last menu opened (tests and screenshots read it)
        self.search.textChanged.connect(self._on_search)
        self.table.activated.connect(self._on_activated)
        self.more_delegate.clicked.connect(self._on_more_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
        keyboard_menu = QShortcut(QKeySequence("Shift+F10"), self.table)
        keyboard_menu.setContext(Qt.ShortcutContext.WidgetShortcut)
        keyboard_menu.activated.connect(self.open_menu_for_current)
        self.setFocusProxy(self.table)
        self._update_count()

    # ----- data --------------------------------------------------------------------------------
    def set_users(self, users: list[User]) -> None:
        self.table.set_records(users)
        self._update_count()

    def update_user(self, user: User) -> None:
        self.model.replace(user)

    def user(self, user_id: str) -> User | None:
        return self.model.find(user_id)

    def _update_count(self) -> None:
        shown, total = self.table.counts()
        text = self.search.text().strip()
        self.header.show_count(shown, total, "user")
        self.no_match.setText(f"No users match “{text}”." if text else "No users yet.")
        self.content.setCurrentWidget(self.table if shown else self.no_match)

    def _on_search(self, text: str) -> None:
        self.table.filter_contains(text)
        if not self.table.selectionModel().hasSelection():
            self.table.select_first()
        self._update_count()

    # ----- the More menu -----------------------------------------------------------------------
    def build_menu(self, user: User) -> QMenu:
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        menu.setAccessibleName(f"Actions for {user.name}")
        view = QAction(palette_icon("user", self.palette()), "View profile", menu)
        view.setToolTip(f"Open {user.name}'s profile")
        view.triggered.connect(lambda: self.profile_requested.emit(user))
        reset = QAction(palette_icon("undo", self.palette()), "Reset authenticator app…", menu)
        reason = reset_unavailable(user)
        reset.setEnabled(reason is None)
        reset.setToolTip(reason or RESET_TIP)
        reset.triggered.connect(lambda: self.reset_requested.emit(user))
        menu.addAction(view)
        menu.addSeparator()
        menu.addAction(reset)
        return menu

    def open_menu(self, user: User, where: QPoint, *, right_aligned: bool = False) -> QMenu:
        """Pop up the user's menu at `where` (global), or ending there when `right_aligned`:
        from the More button it opens leftwards, staying over the table."""
        if self.menu is not None:
            self.menu.deleteLater()
        self.menu = self.build_menu(user)
        if right_aligned:
            where = QPoint(where.x() - self.menu.sizeHint().width(), where.y())
        self.menu.popup(where)
        return self.menu

    def open_menu_for_current(self) -> QMenu | None:
        index = self.table.currentIndex()
        user = self.table.record_of(index)
        if user is None:
            return None
        button = button_rect(self.table.visualRect(index.siblingAtColumn(MORE_COLUMN)))
        where = self.table.viewport().mapToGlobal(button.bottomRight())
        return self.open_menu(user, where, right_aligned=True)

    def _on_more_clicked(self, index: QModelIndex, where: QPoint) -> None:
        self.table.setCurrentIndex(index)
        user = self.table.record_of(index)
        if user is not None:
            self.open_menu(user, where, right_aligned=True)

    def _on_context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.open_menu(index.data(RECORD_ROLE), self.table.viewport().mapToGlobal(pos))
        else:
            self.open_menu_for_current()

    def _on_activated(self, index: QModelIndex) -> None:
        """Double-click or Enter: the profile, or the menu when the More cell is current."""
        if index.column() == MORE_COLUMN:
            self.open_menu_for_current()
        else:
            self.profile_requested.emit(index.data(RECORD_ROLE))
