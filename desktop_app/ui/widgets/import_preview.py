"""The accounts a scan found, to confirm before adding; secrets are never shown.

One account is shown as a card (issuer, account, kind of codes). Several, as from a Google
Authenticator export, are rows with check boxes; those whose key is already saved are marked and
start unchecked. Codes that cannot be used and codes that are not for an authenticator are
listed underneath, with why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.accounts import Account
from desktop_app.core.scan_results import Candidate, ScanResult, account_details
from desktop_app.ui.dialogs.form_helpers import StatusLabel, mark_primary
from desktop_app.ui.theme import warning_color

MAX_LISTED_PROBLEMS = 5
VISIBLE_ROWS = 8
HIDDEN_SECRET = "Hidden (saved encrypted; never shown here)"  # noqa: S105 (a label)


class AccountCard(QFrame):
    """One found account: what a person checks against the website, without the secret."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteBox")
        self.issuer = QLabel(self)
        self.account_name = QLabel(self)
        self.details = QLabel(self)
        self.secret = QLabel(HIDDEN_SECRET, self)
        self.secret.setObjectName("hintText")
        for label in (self.issuer, self.account_name, self.details):
            label.setTextFormat(Qt.TextFormat.PlainText)  # names come from the scanned code
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.duplicate = StatusLabel(self)
        form = QFormLayout(self)
        form.setContentsMargins(14, 12, 14, 12)
        form.setHorizontalSpacing(16)
        form.addRow("Issuer", self.issuer)
        form.addRow("Account", self.account_name)
        form.addRow("Codes", self.details)
        form.addRow("Secret key", self.secret)
        form.addRow(self.duplicate)

    def show_candidate(self, candidate: Candidate) -> None:
        account = candidate.account
        self.issuer.setText(account.issuer or "—")
        self.account_name.setText(account.name or "—")
        self.details.setText(account_details(account))
        note = candidate.duplicate_note
        self.duplicate.say(f"{note}. You can add it anyway." if note else "", "warning")


class ImportPreview(QWidget):
    selection_changed = Signal(int)  # how many accounts will be added

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageHeading")
        self.intro = QLabel(self)
        self.intro.setObjectName("pageBody")
        self.intro.setWordWrap(True)
        self.card = AccountCard(self)
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
        layout.addSpacing(4)
        layout.addWidget(self.card)
        layout.addWidget(self.table)
        layout.addWidget(self.export_note)
        layout.addWidget(self.problems_note)
        layout.addWidget(self.others_note)
        layout.addStretch(1)
        self._candidates: list[Candidate] = []
        self.show_result(ScanResult())

    def show_result(self, result: ScanResult) -> None:
        self._candidates = list(result.candidates)
        single = len(self._candidates) == 1
        if single:
            self.card.show_candidate(self._candidates[0])
        self._fill_table([] if single else self._candidates)
        self.card.setVisible(single)
        self.table.setVisible(len(self._candidates) > 1)
        self._show_texts(result)
        self._emit_selection()

    def _fill_table(self, candidates: list[Candidate]) -> None:
        self.table.blockSignals(True)
        self.table.clear()
        warning = QBrush(warning_color(self.palette()))
        for candidate in candidates:
            account = candidate.account
            note = candidate.duplicate_note or "New"
            item = QTreeWidgetItem([account.label, account_details(account), note])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = Qt.CheckState.Unchecked if candidate.is_duplicate else Qt.CheckState.Checked
            item.setCheckState(0, checked)
            item.setToolTip(0, f"Issuer: {account.issuer or '—'}\nAccount: {account.name or '—'}")
            item.setToolTip(2, note)
            if candidate.is_duplicate:
                item.setForeground(2, warning)
            self.table.addTopLevelItem(item)
        self.table.blockSignals(False)
        for column in (0, 1):
            self.table.resizeColumnToContents(column)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0) + 16, 280))
        rows = min(max(len(candidates), 1), VISIBLE_ROWS)
        row_height = self.table.sizeHintForRow(0) if candidates else 24
        frame = self.table.header().sizeHint().height() + 2 * self.table.frameWidth() + 2
        self.table.setFixedHeight(frame + rows * row_height)

    def _show_texts(self, result: ScanResult) -> None:
        count = len(result.candidates)
        if count == 0:
            self.heading.setText("Nothing to add")
        elif count == 1:
            self.heading.setText("Add this account?")
        else:
            self.heading.setText(f"{count} accounts found")
        intro = []
        if count:
            intro.append("Check that the names match the website; the secret keys stay hidden.")
        if count > 1 and any(c.is_duplicate for c in result.candidates):
            intro.append("Accounts already saved are unchecked; check one to add a copy.")
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
        """Every account shown, chosen or not."""
        return [c.account for c in self._candidates]

    @property
    def single_duplicate(self) -> bool:
        return len(self._candidates) == 1 and self._candidates[0].is_duplicate

    def selected_accounts(self) -> list[Account]:
        """What Add will save: the one account shown, or the checked rows."""
        if len(self._candidates) == 1:
            return self.accounts
        return [
            candidate.account
            for row, candidate in enumerate(self._candidates)
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
    """Add (the chosen accounts) / Edit first… (a single account) / Cancel, for a preview."""

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
        has_choice = shown and bool(self._preview.accounts)
        self.add_button.setVisible(has_choice)
        self.add_button.setDefault(has_choice)
        self.edit_button.setVisible(has_choice and len(self._preview.accounts) == 1)
        self.cancel_button.setText("Close" if shown and not has_choice else "Cancel")
        self._on_selection_changed(len(self._preview.selected_accounts()))

    def _on_selection_changed(self, count: int) -> None:
        self.add_button.setEnabled(count > 0)
        if self._preview.single_duplicate:
            self.add_button.setText("Add anyway")
        else:
            self.add_button.setText("Add" if count <= 1 else f"Add {count} accounts")

    def _accept_if_chosen(self) -> None:
        if self._preview.selected_accounts():
            self._dialog.accept()

    def _edit_first(self) -> None:
        accounts = self._preview.accounts
        if len(accounts) == 1:
            self._dialog.reject()
            self.edit_requested.emit(accounts[0])
