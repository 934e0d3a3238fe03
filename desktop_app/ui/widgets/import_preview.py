"""The accounts a scan found, to confirm before adding: one checkable row each, secret hidden.

Accounts whose key is already saved are marked and start unchecked; codes that cannot be used
and codes that are not for an authenticator are listed under the table, with why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.accounts import Account
from desktop_app.core.scan_results import ScanResult, account_details
from desktop_app.ui.dialogs.form_helpers import StatusLabel, mark_primary
from desktop_app.ui.theme import warning_color

MAX_LISTED_PROBLEMS = 5
VISIBLE_ROWS = 7


class ImportPreview(QWidget):
    selection_changed = Signal(int)  # how many accounts are checked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setObjectName("previewHeading")
        self.intro = QLabel(self)
        self.intro.setObjectName("pageBody")
        self.intro.setWordWrap(True)
        self.table = QTreeWidget(self)
        self.table.setObjectName("importTable")
        self.table.setAccessibleName("Accounts found")
        self.table.setColumnCount(3)
        self.table.setHeaderLabels(["Account", "Codes", "Note"])
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        header = self.table.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.itemChanged.connect(lambda _item, _column: self._emit_selection())
        self.export_note = StatusLabel(self)
        self.problems_note = StatusLabel(self)
        self.others_note = StatusLabel(self)
        self.others_note.setTextFormat(Qt.TextFormat.PlainText)  # scanned text is not markup
        self.problems_note.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.export_note)
        layout.addWidget(self.problems_note)
        layout.addWidget(self.others_note)
        self._accounts: list[Account] = []
        self.show_result(ScanResult())

    def show_result(self, result: ScanResult) -> None:
        self.table.blockSignals(True)
        self.table.clear()
        self._accounts = list(result.accounts)
        warning = QBrush(warning_color(self.palette()))
        for candidate in result.candidates:
            account = candidate.account
            item = QTreeWidgetItem([account.label, account_details(account),
                                    candidate.duplicate_note or "New"])  # fmt: skip
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Unchecked if candidate.is_duplicate else Qt.CheckState.Checked
            item.setCheckState(0, checked)
            item.setToolTip(0, f"Issuer: {account.issuer or '-'}\nAccount: {account.name or '-'}")
            if candidate.is_duplicate:
                item.setForeground(2, warning)
            self.table.addTopLevelItem(item)
        self.table.blockSignals(False)
        for column in (0, 1):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0) + 12, 260))
        rows = min(max(len(result.candidates), 1), VISIBLE_ROWS)
        row_height = self.table.sizeHintForRow(0) if result.candidates else 24
        self.table.setMinimumHeight(self.table.header().sizeHint().height() + rows * row_height + 6)
        self.table.setVisible(bool(result.candidates))
        self._show_texts(result)
        self._emit_selection()

    def _show_texts(self, result: ScanResult) -> None:
        count = len(result.candidates)
        duplicates = sum(c.is_duplicate for c in result.candidates)
        if count == 0:
            self.heading.setText("Nothing to add")
        elif count == 1:
            self.heading.setText("Add this account?")
        else:
            self.heading.setText(f"Add {count} accounts?")
        intro = []
        if count:
            intro.append("Check the names; the secret keys stay hidden.")
        if duplicates:
            intro.append(
                "Accounts whose key is already saved are unchecked; check them to add a copy."
            )
        self.intro.setText(" ".join(intro))
        self.intro.setVisible(bool(intro))
        self.export_note.say(" ".join(result.export_notes()), "warning")
        problems = list(result.problems)
        listed = "\n".join(f"• {p[:1].upper()}{p[1:]}" for p in problems[:MAX_LISTED_PROBLEMS])
        if len(problems) > MAX_LISTED_PROBLEMS:
            listed += f"\n• and {len(problems) - MAX_LISTED_PROBLEMS} more"
        self.problems_note.say(f"Cannot be added:\n{listed}" if problems else "", "error")
        self.others_note.say("\n".join(result.other_notes()))

    @property
    def accounts(self) -> list[Account]:
        """Every account shown, checked or not."""
        return list(self._accounts)

    def selected_accounts(self) -> list[Account]:
        return [
            account
            for row, account in enumerate(self._accounts)
            if self.table.topLevelItem(row).checkState(0) == Qt.CheckState.Checked
        ]

    def set_checked(self, row: int, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.table.topLevelItem(row).setCheckState(0, state)

    def is_checked(self, row: int) -> bool:
        return self.table.topLevelItem(row).checkState(0) == Qt.CheckState.Checked

    def _emit_selection(self) -> None:
        self.selection_changed.emit(len(self.selected_accounts()))


class ConfirmButtons(QDialogButtonBox):
    """Add (the checked accounts) / Edit first… (a single account) / Cancel, for a preview."""

    edit_requested = Signal(object)  # Account: review it in the Add dialog before saving

    def __init__(self, preview: ImportPreview, dialog: QDialog) -> None:
        super().__init__(dialog)
        self._preview = preview
        self._dialog = dialog
        self.add_button = self.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        mark_primary(self.add_button)
        self.edit_button = self.addButton("Edit first…", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.add_button.clicked.connect(self._accept_if_chosen)
        self.edit_button.clicked.connect(self._edit_first)
        self.cancel_button.clicked.connect(dialog.reject)
        preview.selection_changed.connect(self._on_selection_changed)
        self._on_selection_changed(len(preview.selected_accounts()))

    def show_choices(self, shown: bool) -> None:
        """Add (and Edit first… for one account) on or off; Cancel always shows."""
        single = len(self._preview.accounts) == 1
        self.add_button.setVisible(shown and bool(self._preview.accounts))
        self.add_button.setDefault(shown)
        self.edit_button.setVisible(shown and single)
        has_choice = shown and bool(self._preview.accounts)
        self.cancel_button.setText("Cancel" if has_choice or not shown else "Close")

    def _on_selection_changed(self, count: int) -> None:
        self.add_button.setEnabled(count > 0)
        self.add_button.setText("Add" if count <= 1 else f"Add {count} accounts")

    def _accept_if_chosen(self) -> None:
        if self._preview.selected_accounts():
            self._dialog.accept()

    def _edit_first(self) -> None:
        accounts = self._preview.accounts
        if len(accounts) == 1:
            self._dialog.reject()
            self.edit_requested.emit(accounts[0])
