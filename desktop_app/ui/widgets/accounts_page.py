"""The unlocked page: header (search, add, sort, lock, menu), clock banner, list or empty state."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.account_list import SortMode
from desktop_app.ui.icons import ICON_SIZE, IconBinder, palette_icon
from desktop_app.ui.models.account_model import AccountListModel
from desktop_app.ui.widgets.account_view import AccountListView
from desktop_app.ui.widgets.add_menu import AddMenu
from desktop_app.ui.widgets.banner import Banner
from desktop_app.ui.widgets.message_page import MessagePage
from desktop_app.ui.widgets.toast import Toast

EMPTY_BODY = (
    "When a website offers two-factor authentication, it shows a QR code and a setup key. "
    "Choose <b>Add</b> to scan the code with your camera or from the screen, or drop or paste "
    "a picture of it here. You can also enter the key."
)
SORT_LABELS = {
    SortMode.MANUAL: "Your order (drag to arrange)",
    SortMode.ALPHABETICAL: "A to Z",
    SortMode.MOST_USED: "Most used first",
}


def _tool_button(parent: QWidget, tooltip: str, accessible: str) -> QToolButton:
    button = QToolButton(parent)
    button.setAutoRaise(True)
    button.setIconSize(ICON_SIZE)
    button.setToolTip(tooltip)
    button.setAccessibleName(accessible)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class AccountsPage(QWidget):
    search_submitted = Signal()  # Enter in the search field: copy the first match

    def __init__(self, model: AccountListModel, icons: IconBinder,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        palette = self.palette()
        header = QFrame(self)
        header.setObjectName("header")

        self.search = QLineEdit(header)
        self.search.setObjectName("searchField")
        self.search.setPlaceholderText("Search accounts")
        self.search.setAccessibleName("Search accounts")
        self.search.setToolTip("Search by issuer or account name (Ctrl+F, or just start typing)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumHeight(34)
        self._search_icon = self.search.addAction(
            palette_icon("search", palette), QLineEdit.ActionPosition.LeadingPosition
        )

        self.add_button = _tool_button(header, "Add an account (Ctrl+N)", "Add account")
        self.add_button.setObjectName("addButton")
        self.add_button.setText("Add")
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        icons.bind(self.add_button, "add", palette)
        self.add_menu = AddMenu(icons, palette, self)
        self.add_button.setMenu(self.add_menu)

        self.sort_button = _tool_button(header, "Sort order", "Sort order")
        self.sort_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        icons.bind(self.sort_button, "sort", palette)
        self.sort_menu = QMenu("Sort", self)
        self.sort_group = QActionGroup(self)
        self.sort_actions: dict[SortMode, QAction] = {}
        for mode, label in SORT_LABELS.items():
            action = QAction(label, self.sort_group)
            action.setCheckable(True)
            action.setData(mode.value)
            self.sort_menu.addAction(action)
            self.sort_actions[mode] = action
        self.sort_button.setMenu(self.sort_menu)

        self.lock_button = _tool_button(header, "Lock now (Ctrl+L)", "Lock")
        icons.bind(self.lock_button, "lock", palette)
        self.menu_button = _tool_button(header, "Menu (F10)", "Main menu")
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        icons.bind(self.menu_button, "menu", palette)

        row = QHBoxLayout(header)
        row.setContentsMargins(12, 10, 10, 10)
        row.setSpacing(6)
        row.addWidget(self.search, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.sort_button)
        row.addWidget(self.lock_button)
        row.addWidget(self.menu_button)

        self.banner = Banner(self)

        self.list_view = AccountListView(self)
        self.list_view.setModel(model)
        self.empty_page = MessagePage("shield", "No accounts yet", EMPTY_BODY,
                                      "Add your first account…", self)  # fmt: skip
        self.no_match_page = MessagePage("search", "No matches", "", "", self)
        self.content = QStackedWidget(self)
        self.content.addWidget(self.list_view)
        self.content.addWidget(self.empty_page)
        self.content.addWidget(self.no_match_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.banner)
        layout.addWidget(self.content, 1)
        self.toast = Toast(self)

        self._model = model
        model.modelReset.connect(self.update_content)
        model.rowsInserted.connect(self.update_content)
        model.rowsRemoved.connect(self.update_content)
        self.search.installEventFilter(self)
        self.setTabOrder(self.search, self.add_button)
        self.setTabOrder(self.add_button, self.sort_button)
        self.setTabOrder(self.sort_button, self.lock_button)
        self.setTabOrder(self.lock_button, self.menu_button)
        self.setTabOrder(self.menu_button, self.list_view)
        self.update_content()

    def update_content(self, *_args: object) -> None:
        if self._model.rowCount() > 0:
            self.content.setCurrentWidget(self.list_view)
        elif self._model.total_count == 0:
            self.content.setCurrentWidget(self.empty_page)
        else:
            query = self._model.filter_text.strip()
            self.no_match_page.heading.setText("No matches")
            self.no_match_page.body.setText(
                f"No issuer or account name contains “{_escape(query)}”."
            )
            self.content.setCurrentWidget(self.no_match_page)

    def set_sort_mode(self, mode: SortMode) -> None:
        self.sort_actions[mode].setChecked(True)

    def focus_search(self, typed: str = "") -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if typed:
            self.search.setText(self.search.text() + typed)
        else:
            self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if key == Qt.Key.Key_Escape or key == Qt.Key.Key_Down:
                self.list_view.setFocus()
                if not self.list_view.currentIndex().isValid():
                    self.list_view.select_first()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.search_submitted.emit()
                return True
        return False

    def refresh_icons(self, palette: QPalette) -> None:
        self._search_icon.setIcon(palette_icon("search", palette))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


