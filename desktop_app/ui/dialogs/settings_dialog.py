"""Preferences: clipboard clearing, locking, how codes are shown, theme."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.settings import Settings, Theme


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self.setMinimumWidth(420)
        self.clipboard_seconds = QSpinBox(self)
        self.clipboard_seconds.setRange(0, 3600)
        self.clipboard_seconds.setSuffix(" s")
        self.clipboard_seconds.setSpecialValueText("Never")
        self.clipboard_seconds.setValue(settings.clipboard_clear_seconds)
        self.clipboard_seconds.setAccessibleName("Clear the clipboard after, in seconds")
        self.clipboard_seconds.setToolTip(
            "Only a code this app copied is cleared; anything you copied since is left alone."
        )
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(0, 24 * 60)
        self.idle_minutes.setSuffix(" min")
        self.idle_minutes.setSpecialValueText("Never")
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.idle_minutes.setAccessibleName("Lock after this many idle minutes")
        self.lock_on_session = QCheckBox("Lock when the computer locks or sleeps", self)
        self.lock_on_session.setChecked(settings.lock_on_session_lock)
        self.hide_codes = QCheckBox("Hide codes until clicked", self)
        self.hide_codes.setChecked(settings.hide_codes)
        self.show_next = QCheckBox("Show the next code in the last seconds of a period", self)
        self.show_next.setChecked(settings.show_next_code)
        self.theme = QComboBox(self)
        for label, value in (("Follow the system", Theme.SYSTEM), ("Light", Theme.LIGHT),
                             ("Dark", Theme.DARK)):  # fmt: skip
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(self.theme.findData(settings.theme))
        self.theme.setAccessibleName("Theme")

        form = QFormLayout()
        form.addRow("Clear &clipboard after", self.clipboard_seconds)
        form.addRow("&Lock after idle", self.idle_minutes)
        form.addRow("", self.lock_on_session)
        form.addRow("", self.hide_codes)
        form.addRow("", self.show_next)
        form.addRow("&Theme", self.theme)
        note = QLabel(f"Settings are saved in {settings.path}", self)
        note.setObjectName("pathText")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def apply_to(self, settings: Settings) -> None:
        settings.clipboard_clear_seconds = self.clipboard_seconds.value()
        settings.idle_lock_minutes = self.idle_minutes.value()
        settings.lock_on_session_lock = self.lock_on_session.isChecked()
        settings.hide_codes = self.hide_codes.isChecked()
        settings.show_next_code = self.show_next.isChecked()
        settings.theme = self.theme.currentData()
