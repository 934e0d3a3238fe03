"""The strip above each tab's table: breadcrumb title, a count, and the tab's own controls."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QLineEdit, QWidget

from server_stub.admin.look import set_icon
from server_stub.admin.widgets.labels import styled_label
from server_stub.admin.widgets.layouts import hbox, stretch


class PageHeader(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = styled_label(self, "sectionTitle", title)
        self.count = styled_label(self, "hintText", name="Count")
        self.row = hbox(self, self.title, self.count, stretch(), margins=(16, 12, 16, 8),
                        spacing=10)  # fmt: skip

    def add(self, widget: QWidget) -> None:
        self.row.addWidget(widget)

    def show_count(self, shown: int, total: int, noun: str) -> None:
        """'3 users', or '1 of 3 users' while a filter hides some."""
        everything = plural(total, noun)
        self.count.setText(everything if shown == total else f"{shown} of {everything}")


def search_field(placeholder: str, tip: str, parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName("searchField")
    field.setPlaceholderText(placeholder)
    field.setAccessibleName(placeholder)
    field.setToolTip(tip)
    field.setClearButtonEnabled(True)
    field.setMinimumHeight(32)
    field.setMinimumWidth(260)
    icon = field.addAction(QIcon(), QLineEdit.ActionPosition.LeadingPosition)
    set_icon(icon, "search", field.palette())
    return field


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
