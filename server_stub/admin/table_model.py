"""One table model for users, audit events and outbox messages: records plus column specs.

Each page lists its columns (title, text, optional sort key and tooltip); the model serves them
to a QSortFilterProxyModel. A refresh with the same records in the same order changes the cells
in place, so selection and scroll position survive the auto-refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

ModelIndex = QModelIndex | QPersistentModelIndex

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # the record object of the row
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # what the proxy sorts by
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # the record's identity (to keep a selection)


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], int | float | str] | None = None
    tooltip: Callable[[Any], str] | None = None
    header_tip: str = ""
    accessible: Callable[[Any], str] | None = None  # what a screen reader says, when not text


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], key: Callable[[Any], Hashable],
                 parent=None) -> None:  # fmt: skip
        super().__init__(parent)
        self.columns = tuple(columns)
        self._key = key
        self._records: list[Any] = []

    # ----- records -----------------------------------------------------------------------------
    @property
    def records(self) -> list[Any]:
        return list(self._records)

    def key_of(self, record: Any) -> Hashable:
        return self._key(record)

    def set_records(self, records: Sequence[Any]) -> None:
        records = list(records)
        if [self._key(r) for r in records] == [self._key(r) for r in self._records]:
            self._records = records
            if records:
                last = self.index(len(records) - 1, len(self.columns) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    def replace(self, record: Any) -> bool:
        """Put a fresher copy of a record in its row; False when it is not listed."""
        row = self.row_of(self._key(record))
        if row is None:
            return False
        self._records[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        return True

    def row_of(self, key: Hashable) -> int | None:
        for row, record in enumerate(self._records):
            if self._key(record) == key:
                return row
        return None

    def record_at(self, row: int) -> Any:
        return self._records[row]

    def find(self, key: Hashable) -> Any | None:
        row = self.row_of(key)
        return None if row is None else self._records[row]

    # ----- QAbstractTableModel -----------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._records):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == SORT_ROLE:
            return column.sort_key(record) if column.sort_key else column.text(record).casefold()
        if role == RECORD_ROLE:
            return record
        if role == KEY_ROLE:
            return self._key(record)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip(record)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return column.accessible(record) if column.accessible else column.text(record)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header_tip or None
        return None
