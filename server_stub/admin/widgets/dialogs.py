"""The two dialogs: the reset confirmation, and the outbox before signing in (dev mode).

Both open window-modal with open(), never exec(), so the event loop (and the HTTP answers it
delivers) keeps running while they are up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from desktop_app.core.sigma_client import User
from server_stub.admin.messages import RESET_CONSEQUENCE, reset_question
from server_stub.admin.widgets.layouts import vbox
from server_stub.admin.widgets.outbox_page import OutboxPage


class ResetConfirmation(QMessageBox):
    """'Reset authenticator app for Alice Anders?' [Reset] [Cancel]; Cancel is the default."""

    confirmed = Signal(object)  # the User

    def __init__(self, user: User, parent: QWidget) -> None:
        super().__init__(parent)
        self.user = user
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle("Reset authenticator app")
        self.setText(reset_question(user))
        self.setInformativeText(RESET_CONSEQUENCE)
        self.reset_button = self.addButton("Reset", QMessageBox.ButtonRole.DestructiveRole)
        self.reset_button.setObjectName("dangerButton")
        self.reset_button.setAccessibleName(f"Reset authenticator app for {user.name}")
        self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.buttonClicked.connect(self._on_clicked)

    def _on_clicked(self, button) -> None:
        if button is self.reset_button:
            self.confirmed.emit(self.user)


class OutboxDialog(QDialog):
    """The outbox, reachable from the code step: where a tester reads the admin's own code."""

    refresh_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle("Outbox (dev mode)")
        self.resize(760, 520)
        self.page = OutboxPage(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.refresh_button = buttons.addButton("Refresh", QDialogButtonBox.ButtonRole.ActionRole)
        self.refresh_button.setToolTip("Read the outbox again (F5)")
        self.refresh_button.setShortcut("F5")
        self.refresh_button.clicked.connect(self.refresh_requested)
        buttons.rejected.connect(self.reject)
        buttons.setContentsMargins(12, 0, 12, 0)
        vbox(self, (self.page, 1), buttons, margins=(0, 0, 0, 10), spacing=6)
