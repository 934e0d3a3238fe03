"""The Audit tab: the org's events, newest first, in local time; filter by action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHeaderView, QWidget

from desktop_app.core.sigma_client import AuditEvent
from server_stub.admin.messages import local_time
from server_stub.admin.table_model import Column, RecordTableModel
from server_stub.admin.widgets.layouts import vbox
from server_stub.admin.widgets.page_header import PageHeader
from server_stub.admin.widgets.record_table import RecordTable

ALL_ACTIONS = "All actions"
ACTION_COLUMN = 2
ACTION_MEANINGS = {
    "authenticator.enrolled": "The user set up an authenticator app",
    "authenticator.disabled": "The user turned their authenticator app off",
    "authenticator.reset": "An admin reset the user's authenticator app",
    "login.succeeded": "A sign-in completed with its second factor",
    "login.failed": "A wrong password or code",
    "login.throttled": "An attempt refused during a throttle wait",
    "logout": "The user signed out",
}

AUDIT_COLUMNS = (
    Column("Time", lambda e: local_time(e.at, seconds=True), sort_key=lambda e: e.at,
           header_tip="When it happened, in this computer's time zone"),
    Column("Actor", lambda e: e.actor, header_tip="Who did it"),
    Column("Action", lambda e: e.action, tooltip=lambda e: ACTION_MEANINGS.get(e.action, "")),
    Column("Target", lambda e: e.target, header_tip="Whose account it concerned"),
)  # fmt: skip


def _event_key(event: AuditEvent) -> tuple[str, str, str, str]:
    return (event.at, event.actor, event.action, event.target)


class AuditPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header = PageHeader("Administration › Audit", self)
        self.action_filter = QComboBox(self)
        self.action_filter.setAccessibleName("Filter by action")
        self.action_filter.setToolTip("Show only events of one action")
        self.action_filter.setMinimumWidth(220)
        self.action_filter.addItem(ALL_ACTIONS)
        self.header.add(self.action_filter)
        self.model = RecordTableModel(AUDIT_COLUMNS, key=_event_key, parent=self)
        self.table = RecordTable(self.model, "Audit events", self)
        header = self.table.horizontalHeader()
        header.resizeSection(0, 170)
        for column in (1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(ACTION_COLUMN, 190)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        vbox(self, self.header, (self.table, 1))
        self.action_filter.currentTextChanged.connect(self._on_filter)
        self.setFocusProxy(self.table)
        self._update_count()

    def set_events(self, events: list[AuditEvent]) -> None:
        self.table.set_records(events)
        chosen = self.action_filter.currentText()
        actions = sorted({e.action for e in events} | set(ACTION_MEANINGS))
        blocked = self.action_filter.blockSignals(True)
        self.action_filter.clear()
        self.action_filter.addItems([ALL_ACTIONS, *actions])
        self.action_filter.setCurrentText(chosen)
        self.action_filter.blockSignals(blocked)
        self._update_count()

    def _on_filter(self, action: str) -> None:
        self.table.filter_exactly("" if action == ALL_ACTIONS else action, ACTION_COLUMN)
        self._update_count()

    def _update_count(self) -> None:
        self.header.show_count(*self.table.counts(), "event")
