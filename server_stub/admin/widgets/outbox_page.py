"""The Outbox tab (dev mode): every email the stub "sent", newest first, where testers read codes.

Pick a message to read its body; its code is shown large, selectable and copyable.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QWidget,
)

from desktop_app.core.sigma_client import OutboxMessage
from server_stub.admin.look import set_icon
from server_stub.admin.messages import local_time
from server_stub.admin.table_model import Column, RecordTableModel
from server_stub.admin.widgets.labels import styled_frame, styled_label
from server_stub.admin.widgets.layouts import hbox, stretch, vbox
from server_stub.admin.widgets.page_header import PageHeader, search_field
from server_stub.admin.widgets.record_table import RecordTable

TO_COLUMN = 1
NO_SELECTION = "Select a message to read it."

OUTBOX_COLUMNS = (
    Column("Sent", lambda m: local_time(m.sent_at, seconds=True), sort_key=lambda m: m.sent_at,
           header_tip="When the stub sent it, in this computer's time zone"),
    Column("To", lambda m: m.to),
    Column("Subject", lambda m: m.subject, tooltip=lambda m: m.subject),
)  # fmt: skip


def _message_key(message: OutboxMessage) -> tuple[str, str, str, str]:
    return (message.sent_at, message.to, message.subject, message.code or "")


class OutboxPage(QWidget):
    code_copied = Signal(str)  # the recipient, for a status message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader("Outbox", self)
        self.header.title.setToolTip("Dev mode: emails are not sent anywhere; they land here")
        self.recipient = search_field("Filter by recipient", "Show only messages to this address",
                                      self)  # fmt: skip
        self.header.add(self.recipient)
        self.model = RecordTableModel(OUTBOX_COLUMNS, key=_message_key, parent=self)
        self.table = RecordTable(self.model, "Emails sent by the stub", self)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 170)
        header.resizeSection(TO_COLUMN, 220)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)

        detail = styled_frame(self, "messageDetail")
        self.subject = styled_label(detail, "sectionTitle", NO_SELECTION, wrap=True)
        self.meta = styled_label(detail, "hintText")
        self.code = styled_label(detail, "outboxCode", name="Code in this email")
        selectable = Qt.TextInteractionFlag
        self.code.setTextInteractionFlags(
            selectable.TextSelectableByMouse | selectable.TextSelectableByKeyboard
        )
        code_font = QFont(self.code.font())
        code_font.setPointSizeF(code_font.pointSizeF() * 2.2)
        code_font.setWeight(QFont.Weight.DemiBold)
        code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.code.setFont(code_font)
        self.copy_button = QPushButton("Copy code", detail)
        set_icon(self.copy_button, "copy", self.palette())
        self.copy_button.setToolTip("Copy the code to the clipboard (Ctrl+Shift+C)")
        self.copy_button.setShortcut("Ctrl+Shift+C")
        self.copy_button.clicked.connect(self.copy_code)
        self.body = QPlainTextEdit(detail)
        self.body.setReadOnly(True)
        self.body.setAccessibleName("Message body")
        self.body.setObjectName("messageBody")
        code_row = hbox(None, self.code, self.copy_button, stretch(), spacing=12)
        vbox(detail, self.subject, self.meta, code_row, (self.body, 1), margins=(16, 12, 16, 12),
             spacing=6)  # fmt: skip

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        vbox(self, self.header, (self.splitter, 1))

        self.recipient.textChanged.connect(self._on_filter)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.table.source.modelReset.connect(self._show_current)
        self.setFocusProxy(self.table)
        self._show_current()

    def set_messages(self, messages: list[OutboxMessage]) -> None:
        self.table.set_records(messages)
        self._update_count()
        self._show_current()

    @property
    def current(self) -> OutboxMessage | None:
        return self.table.current_record()

    def copy_code(self) -> None:
        message = self.current
        if message is not None and message.code:
            QGuiApplication.clipboard().setText(message.code)
            self.code_copied.emit(message.to)

    def _on_filter(self, text: str) -> None:
        self.table.filter_contains(text, TO_COLUMN)
        if not self.table.selectionModel().hasSelection():
            self.table.select_first()
        self._update_count()
        self._show_current()

    def _update_count(self) -> None:
        self.header.show_count(*self.table.counts(), "message")

    def _show_current(self) -> None:
        message = self.current
        self.subject.setText(message.subject if message else NO_SELECTION)
        self.meta.setText(
            f"To {message.to} · {local_time(message.sent_at, seconds=True)}" if message else ""
        )
        code = message.code if message else None
        self.code.setText(code or "")
        self.code.setVisible(bool(code))
        self.copy_button.setVisible(bool(code))
        self.body.setPlainText(message.body if message else "")
