"""Confirm the accounts found on the screen, in an image file or on the clipboard."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from desktop_app.core.accounts import Account
from desktop_app.core.scan_results import ScanResult
from desktop_app.ui.widgets.import_preview import ConfirmButtons, ImportPreview


class ConfirmImportDialog(QDialog):
    def __init__(self, result: ScanResult, origin: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add from QR code")
        self.setObjectName("confirmImportDialog")
        self.setMinimumWidth(680)
        self.result = result
        self.origin = QLabel(origin, self)
        self.origin.setObjectName("hintText")
        self.origin.setWordWrap(True)
        self.preview = ImportPreview(self)
        self.preview.show_result(result)
        self.buttons = ConfirmButtons(self.preview, self)
        self.buttons.show_choices(True)
        self.edit_requested = self.buttons.edit_requested

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(self.origin)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.buttons)
        self.buttons.add_button.setFocus()  # Enter adds; no focus frame on the first row

    def selected_accounts(self) -> list[Account]:
        return self.preview.selected_accounts()
