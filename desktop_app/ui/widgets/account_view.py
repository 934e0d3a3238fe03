"""The account list view: click or Enter copies, typing searches, drag reorders.

Only the rows on screen are painted, so a tick costs the same with 10 or 10,000 accounts.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QDropEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyleOptionViewItem

from desktop_app.ui.models.account_model import AccountListModel, AccountRole
from desktop_app.ui.widgets.account_delegate import AccountDelegate

_ACTIVATE_KEYS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}


class AccountListView(QListView):
    copy_requested = Signal(str)  # account id
    next_code_requested = Signal(str)  # account id (HOTP)
    move_requested = Signal(str, int)  # account id, new index in the manual order
    type_to_search = Signal(str)  # printable text typed while the list has focus

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.delegate = AccountDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)  # no per-row size queries: matters with 10,000 rows
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)  # hover highlight
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setObjectName("accountList")
        self.setAccessibleName("Accounts")
        self.setAccessibleDescription(
            "Your accounts and their current codes. Enter copies the selected code."
        )
        self._press_pos: QPoint | None = None

    def account_model(self) -> AccountListModel:
        model = self.model()
        assert isinstance(model, AccountListModel)
        return model

    def current_account_id(self) -> str | None:
        index = self.currentIndex()
        return index.data(AccountRole.ID) if index.isValid() else None

    def select_account(self, account_id: str) -> bool:
        row = self.account_model().row_of(account_id)
        if row is None:
            return False
        index = self.model().index(row, 0)
        self.setCurrentIndex(index)
        self.scrollTo(index)
        return True

    def select_first(self) -> None:
        if self.model() is not None and self.model().rowCount() > 0:
            self.setCurrentIndex(self.model().index(0, 0))

    def repaint_visible(self) -> None:
        """The ticker's repaint: the viewport only, which paints only the visible rows."""
        self.viewport().update()

    def _action_hit(self, index: QModelIndex, pos: QPoint) -> bool:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        geometry = self.delegate.geometry(self.visualRect(index), option)
        return geometry.action.adjusted(-4, -4, 4, 4).contains(pos)

    # ----- mouse -----------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        pressed, self._press_pos = self._press_pos, None
        if event.button() != Qt.MouseButton.LeftButton or pressed is None:
            return
        if (pos - pressed).manhattanLength() > 6:  # a drag, not a click
            return
        index = self.indexAt(pos)
        if not index.isValid():
            return
        account_id = index.data(AccountRole.ID)
        if index.data(AccountRole.IS_HOTP) and self._action_hit(index, pos):
            self.next_code_requested.emit(account_id)
        else:
            self.copy_requested.emit(account_id)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # The first click of the pair already copied; a double-click must not copy twice.
        event.accept()

    # ----- keyboard --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key in _ACTIVATE_KEYS and modifiers == Qt.KeyboardModifier.NoModifier:
            account_id = self.current_account_id()
            if account_id is None:
                self.select_first()
                account_id = self.current_account_id()
            if account_id is not None:
                self.copy_requested.emit(account_id)
            return
        text = event.text()
        plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
        if plain and text and text.isprintable() and not text.isspace():
            self.type_to_search.emit(text)
            return
        super().keyPressEvent(event)

    # ----- drag and drop ---------------------------------------------------------------------
    def dropEvent(self, event: QDropEvent) -> None:
        model = self.account_model()
        source_id = bytes(event.mimeData().data("application/x-sigma-account-id")).decode()
        if event.source() is not self or not source_id or not model.reorderable:
            event.ignore()
            return
        target = self._drop_row(event.position().toPoint())
        source = model.manual_index_of(source_id)
        if target > source:
            target -= 1  # the row leaves its old place first
        # Accept as a copy so the view does not delete the source row itself; the vault
        # save reorders the model.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if target != source:
            self.move_requested.emit(source_id, target)

    def _drop_row(self, pos: QPoint) -> int:
        index = self.indexAt(pos)
        if not index.isValid():
            return self.model().rowCount()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.y() > rect.center().y() else 0)
