"""First run: choose the vault password (twice), with a strength hint and a plain warning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from desktop_app.core.password_strength import MIN_LENGTH, estimate
from desktop_app.ui.widgets.lock_screen import LockScreenPage, password_field

LOSS_WARNING = (
    "<b>Keep this password safe.</b> Your accounts are encrypted with it. If you forget it, "
    "nobody can recover them or reset it, not even us."
)


class CreateVaultPage(LockScreenPage):
    create_requested = Signal(str)  # the new password

    def __init__(self, vault_path: Path, parent: QWidget | None = None) -> None:
        super().__init__("Create your vault",
                         "Choose a password to protect your two-factor accounts.",
                         "Create vault", parent)  # fmt: skip
        self.password = password_field(f"New password (at least {MIN_LENGTH} characters)",
                                       "New vault password", self)  # fmt: skip
        self.confirm = password_field("Repeat the password", "Repeat the password", self)
        self.strength_bar = QProgressBar(self)
        self.strength_bar.setObjectName("strengthBar")
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setFixedHeight(6)
        self.strength_bar.setAccessibleName("Password strength")
        self.strength_label = QLabel(self)
        self.strength_label.setObjectName("hintText")
        self.strength_label.setWordWrap(True)
        self.match_label = QLabel(self)
        self.match_label.setObjectName("hintText")
        # The note's padding comes from a frame's layout: QSS padding on a word-wrapped label
        # breaks its height-for-width and clips the last line.
        self.warning_box = QFrame(self)
        self.warning_box.setObjectName("noteBox")
        self.warning = QLabel(LOSS_WARNING, self.warning_box)
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        box_layout = QVBoxLayout(self.warning_box)
        box_layout.setContentsMargins(10, 8, 10, 8)
        box_layout.addWidget(self.warning)
        self.path_label = QLabel(f"Saved to {vault_path}", self)
        self.path_label.setObjectName("pathText")
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        strength_row = QHBoxLayout()
        strength_row.addWidget(self.strength_bar, 1)
        self.form.addWidget(self.password)
        self.form.addLayout(strength_row)
        self.form.addWidget(self.strength_label)
        self.form.addWidget(self.confirm)
        self.form.addWidget(self.match_label)
        self.form.addSpacing(4)
        self.form.addWidget(self.warning_box)
        self.form.addWidget(self.path_label)

        self.password.textChanged.connect(self._update)
        self.confirm.textChanged.connect(self._update)
        self.password.returnPressed.connect(self.confirm.setFocus)
        self.confirm.returnPressed.connect(self._submit)
        self.button.clicked.connect(self._submit)
        self.setFocusProxy(self.password)
        self._update()

    def can_submit(self) -> bool:
        text = self.password.text()
        return estimate(text).acceptable and text == self.confirm.text()

    def _update(self) -> None:
        strength = estimate(self.password.text())
        self.strength_bar.setValue(strength.score)
        self.strength_bar.setProperty("score", strength.score)
        self.strength_bar.style().unpolish(self.strength_bar)
        self.strength_bar.style().polish(self.strength_bar)
        label = " ".join(part for part in (strength.label and f"{strength.label}.", strength.hint)
                         if part)  # fmt: skip
        self.strength_label.setText(label)
        confirm = self.confirm.text()
        if confirm and confirm != self.password.text():
            self.match_label.setText("The passwords do not match yet.")
        elif confirm:
            self.match_label.setText("The passwords match.")
        else:
            self.match_label.setText("")
        self.match_label.setVisible(bool(confirm))
        self.button.setEnabled(self.can_submit() and not self.is_busy)

    def request(self, password: str) -> None:
        self.create_requested.emit(password)

    def reset(self) -> None:
        self.set_busy(False)
        self.password.clear()
        self.confirm.clear()
        self.show_error("")
