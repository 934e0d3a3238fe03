"""The table the three tabs share: a RecordTableModel behind a sorting, filtering proxy.

Rows are whole records (one selected at a time); a refresh keeps the selected record selected.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QRegularExpression, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from server_stub.admin.table_model import KEY_ROLE, RECORD_ROLE, SORT_ROLE, RecordTableModel


class RecordTable(QTableView):
    def __init__(self, model: RecordTableModel, accessible_name: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.source = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.setModel(self.proxy)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setMouseTracking(True)
        self.setSortingEnabled(True)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(max(36, self.fontMetrics().height() * 2 + 6))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)

    # ----- records -----------------------------------------------------------------------------
    def set_records(self, records: Sequence[Any]) -> None:
        """New records; the selected one stays selected, else the first row is."""
        keep = self.current_key()
        self.source.set_records(records)
        if keep is None or not self.select_key(keep):
            self.select_first()

    def record_of(self, index: QModelIndex) -> Any | None:
        return index.data(RECORD_ROLE) if index.isValid() else None

    def current_record(self) -> Any | None:
        return self.record_of(self.currentIndex())

    def current_key(self) -> Hashable | None:
        index = self.currentIndex()
        return index.data(KEY_ROLE) if index.isValid() and self.selectionModel().hasSelection() \
            else None  # fmt: skip

    def select_key(self, key: Hashable) -> bool:
        row = self.source.row_of(key)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.source.index(row, 0))
        if not index.isValid():
            return False  # filtered out
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def select_first(self) -> None:
        if self.proxy.rowCount() > 0:
            self.setCurrentIndex(self.proxy.index(0, 0))

    def counts(self) -> tuple[int, int]:
        """(rows shown, rows in all)."""
        return self.proxy.rowCount(), self.source.rowCount()

    def visible_records(self) -> list[Any]:
        """The records as shown: filtered and sorted."""
        return [self.proxy.index(row, 0).data(RECORD_ROLE) for row in range(self.proxy.rowCount())]

    # ----- filters -----------------------------------------------------------------------------
    def filter_contains(self, text: str, column: int = -1) -> None:
        self.proxy.setFilterKeyColumn(column)
        self.proxy.setFilterFixedString(text.strip())

    def filter_exactly(self, text: str, column: int) -> None:
        """Only rows whose `column` reads `text` (all rows when empty)."""
        self.proxy.setFilterKeyColumn(column)
        pattern = f"^{QRegularExpression.escape(text)}$" if text else ""
        self.proxy.setFilterRegularExpression(
            QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)
        )
