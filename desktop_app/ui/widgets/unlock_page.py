"""Unlock: one password field; errors appear in place and the user simply tries again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.ui.widgets.lock_screen import LockScreenPage, password_field


class UnlockPage(LockScreenPage):
    unlock_requested = Signal(str)  # the password

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__("Sigma Authenticator is locked",
                         "Enter your vault password to see your codes.", "Unlock",
                         parent)  # fmt: skip
        self.password = password_field("Vault password", "Vault password", self)
        self.path_label = QLabel(str(vault_path), self)
        self.path_label.setObjectName("pathText")
        self.path_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.path_label.setToolTip("The vault file this window opens")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addWidget(self.password)
        self.form.addWidget(self.path_label)
        self.button.setToolTip("Unlock the vault (Enter)")
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.password.textChanged.connect(self._on_text_changed)
        self.button.setEnabled(False)
        self.setFocusProxy(self.password)

    def can_submit(self) -> bool:
        return bool(self.password.text())

    def _on_text_changed(self, _text: str) -> None:
        self.button.setEnabled(self.can_submit() and not self.is_busy)

    def request(self, password: str) -> None:
        self.unlock_requested.emit(password)

    def reset(self) -> None:
        """Back to a blank form (after unlocking, so the password does not linger)."""
        self.set_busy(False)
        self.password.clear()
        self.show_error("")
