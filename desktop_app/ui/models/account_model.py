"""The account list model: sorting, search and codes for the rows the view paints.

One model serves the list: it holds the vault's accounts in manual order, the rows currently
shown (sorted and filtered), and a time ("now") set by the window's one ticker. Codes are computed
lazily in `data()` through a CodeCache, so only the visible rows cost anything and each code is
computed once per period. Filtering lives here rather than in a QSortFilterProxyModel: one
list comprehension over 10,000 accounts is cheaper than 10,000 Python filterAcceptsRow calls.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.core.account_list import SortMode, index_of, sorted_accounts
from desktop_app.core.accounts import Account, OtpType, matches_query
from desktop_app.core.clock import Clock
from desktop_app.core.code_cache import CodeCache
from desktop_app.core.otp import OtpError, format_code, seconds_remaining

ModelIndex = QModelIndex | QPersistentModelIndex
NEXT_CODE_SECONDS = 7  # show the next code during the last seconds of a period
MASK_CHAR = "•"
ROW_MIME_TYPE = "application/x-sigma-account-id"


class AccountRole(IntEnum):
    ACCOUNT = Qt.ItemDataRole.UserRole + 1  # the Account object
    ID = Qt.ItemDataRole.UserRole + 2
    ISSUER = Qt.ItemDataRole.UserRole + 3
    NAME = Qt.ItemDataRole.UserRole + 4
    CODE = Qt.ItemDataRole.UserRole + 5  # grouped for reading, or masked when hidden
    NEXT_CODE = Qt.ItemDataRole.UserRole + 6  # grouped, or "" outside the last seconds
    SECONDS_LEFT = Qt.ItemDataRole.UserRole + 7  # float; 0.0 for HOTP
    PERIOD = Qt.ItemDataRole.UserRole + 8
    IS_HOTP = Qt.ItemDataRole.UserRole + 9
    HIDDEN = Qt.ItemDataRole.UserRole + 10  # the code is masked until revealed


class AccountListModel(QAbstractListModel):
    def __init__(self, clock: Clock, cache: CodeCache | None = None, parent=None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.cache = cache if cache is not None else CodeCache()
        self._all: list[Account] = []  # manual (vault) order
        self._rows: list[Account] = []  # what the view shows
        self._row_of: dict[str, int] = {}
        self._sort_mode = SortMode.MANUAL
        self._query = ""
        self._now = clock()
        self.show_next_code = True
        self.hide_codes = False
        self._revealed: set[str] = set()

    # ----- state ---------------------------------------------------------------------------
    @property
    def now(self) -> float:
        return self._now

    def set_now(self, now: float) -> None:
        """Called by the ticker; the view repaints its visible rows after this."""
        self._now = now

    @property
    def sort_mode(self) -> SortMode:
        return self._sort_mode

    def set_sort_mode(self, mode: SortMode) -> None:
        if mode is not self._sort_mode:
            self._sort_mode = SortMode(mode)
            self._rebuild()

    @property
    def filter_text(self) -> str:
        return self._query

    def set_filter(self, query: str) -> None:
        if query != self._query:
            self._query = query
            self._rebuild()

    @property
    def total_count(self) -> int:
        return len(self._all)

    @property
    def reorderable(self) -> bool:
        """Rows map one-to-one to the manual order (drag and move up/down allowed)."""
        return self._sort_mode is SortMode.MANUAL and not self._query.strip()

    def set_accounts(self, accounts: Sequence[Account]) -> None:
        self._all = list(accounts)
        self._rebuild()

    def clear(self) -> None:
        """Forget every account (on lock)."""
        self._revealed.clear()
        self.cache.clear()
        self.set_accounts([])

    def set_hide_codes(self, hide: bool) -> None:
        self.hide_codes = hide
        self._revealed.clear()
        self._refresh_all()

    def set_show_next_code(self, show: bool) -> None:
        self.show_next_code = show
        self._refresh_all()

    def reveal(self, account_id: str) -> None:
        """Show this row's code (when codes are hidden); one revealed row at a time."""
        previous = set(self._revealed)
        self._revealed = {account_id}
        for changed in previous | self._revealed:
            row = self._row_of.get(changed)
            if row is not None:
                index = self.index(row)
                self.dataChanged.emit(index, index, [AccountRole.CODE, AccountRole.HIDDEN])

    def conceal_all(self) -> None:
        if self._revealed:
            self._revealed.clear()
            self._refresh_all()

    # ----- lookups -------------------------------------------------------------------------
    def account_at(self, row: int) -> Account:
        return self._rows[row]

    def row_of(self, account_id: str) -> int | None:
        return self._row_of.get(account_id)

    def manual_index_of(self, account_id: str) -> int:
        return index_of(self._all, account_id)

    def account_by_id(self, account_id: str) -> Account | None:
        row = self._row_of.get(account_id)
        if row is not None:
            return self._rows[row]
        return next((a for a in self._all if a.id == account_id), None)

    def current_code(self, account: Account) -> str:
        """The code to copy: computed at the clock's real now, not at the last tick."""
        return self.cache.code(account, self._clock())

    # ----- Qt model API --------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        account = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return account.label
        if role == AccountRole.CODE:
            return self._code_text(account)
        if role == AccountRole.NEXT_CODE:
            return self._next_code_text(account)
        if role == AccountRole.SECONDS_LEFT:
            if account.type is OtpType.HOTP:
                return 0.0
            return seconds_remaining(self._now, account.period)
        if role == AccountRole.ACCOUNT:
            return account
        if role == AccountRole.ID:
            return account.id
        if role == AccountRole.ISSUER:
            return account.issuer
        if role == AccountRole.NAME:
            return account.name
        if role == AccountRole.PERIOD:
            return account.period
        if role == AccountRole.IS_HOTP:
            return account.type is OtpType.HOTP
        if role == AccountRole.HIDDEN:
            return self._is_hidden(account)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(account)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible_text(account)
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in AccountRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows, on the list itself.
            return Qt.ItemFlag.ItemIsDropEnabled if self.reorderable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.reorderable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ROW_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        """Drags carry the account id only, never a secret or a code."""
        mime = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            mime.setData(ROW_MIME_TYPE, self._rows[rows[0]].id.encode("ascii"))
        return mime

    # ----- internals -----------------------------------------------------------------------
    def _is_hidden(self, account: Account) -> bool:
        return self.hide_codes and account.id not in self._revealed

    def _code_text(self, account: Account) -> str:
        if self._is_hidden(account):
            return format_code(MASK_CHAR * account.digits)
        try:
            return format_code(self.cache.code(account, self._now))
        except OtpError:  # a clock before 1970; the clock warning explains
            return format_code("-" * account.digits)

    def _next_code_text(self, account: Account) -> str:
        if (
            not self.show_next_code
            or account.type is OtpType.HOTP
            or self._is_hidden(account)
            or seconds_remaining(self._now, account.period) > NEXT_CODE_SECONDS
        ):
            return ""
        try:
            return format_code(self.cache.next_code(account, self._now))
        except OtpError:
            return ""

    def _tooltip(self, account: Account) -> str:
        lines = [account.label]
        if account.note:
            lines.append(account.note[:200])
        lines.append(
            "Click or press Enter to copy the code"
            + ("; Ctrl+R for the next code" if account.type is OtpType.HOTP else "")
        )
        return "\n".join(lines)

    def _accessible_text(self, account: Account) -> str:
        if self._is_hidden(account):
            return f"{account.label}, code hidden"
        code = " ".join(self._code_text(account).replace(" ", ""))  # read digit by digit
        if account.type is OtpType.HOTP:
            return f"{account.label}, code {code}"
        left = int(seconds_remaining(self._now, account.period))
        return f"{account.label}, code {code}, {left} seconds left"

    def _visible(self) -> list[Account]:
        ordered = sorted_accounts(self._all, self._sort_mode)
        if not self._query.strip():
            return ordered
        return [a for a in ordered if matches_query(a, self._query)]

    def _refresh_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def _rebuild(self) -> None:
        """Update the rows with the smallest change signals the view understands."""
        new_rows = self._visible()
        old_ids = [a.id for a in self._rows]
        new_ids = [a.id for a in new_rows]
        if old_ids == new_ids:
            pairs = zip(self._rows, new_rows, strict=True)
            changed = [i for i, (old, new) in enumerate(pairs) if old != new]
            self._rows = new_rows
            if changed:
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
        elif (move := _single_move(old_ids, new_ids)) is not None:
            source, destination = move
            self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), destination)
            self._rows = new_rows
            self._index_rows()
            self.endMoveRows()
            self._refresh_all()  # the moved account itself may have changed (use count)
            return
        elif len(new_ids) == len(old_ids) - 1 and _is_one_removed(old_ids, new_ids):
            row = _first_difference(old_ids, new_ids)
            self.beginRemoveRows(QModelIndex(), row, row)
            self._rows = new_rows
            self._index_rows()
            self.endRemoveRows()
            return
        elif len(new_ids) == len(old_ids) + 1 and _is_one_removed(new_ids, old_ids):
            row = _first_difference(new_ids, old_ids)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows = new_rows
            self._index_rows()
            self.endInsertRows()
            return
        else:
            self.beginResetModel()
            self._rows = new_rows
            self._index_rows()
            self.endResetModel()
            return
        self._index_rows()

    def _index_rows(self) -> None:
        self._row_of = {account.id: row for row, account in enumerate(self._rows)}


def _first_difference(longer: list[str], shorter: list[str]) -> int:
    for i, value in enumerate(shorter):
        if longer[i] != value:
            return i
    return len(shorter)


def _is_one_removed(longer: list[str], shorter: list[str]) -> bool:
    cut = _first_difference(longer, shorter)
    return longer[:cut] + longer[cut + 1 :] == shorter


def _single_move(old: list[str], new: list[str]) -> tuple[int, int] | None:
    """(source row, beginMoveRows destination) when `new` is `old` with one row moved."""
    if len(old) != len(new) or old == new:
        return None
    first = _first_difference(old, new)
    last = next(i for i in range(len(old) - 1, -1, -1) if old[i] != new[i])
    if old[first] == new[last] and old[first + 1 : last + 1] == new[first:last]:
        return first, last + 1  # moved down: Qt wants the row it will sit before
    if old[last] == new[first] and old[first:last] == new[first + 1 : last + 1]:
        return last, first  # moved up
    return None
