"""The Add menu: every way to add an account, in one place.

Each QR entry has its own signal and action, disabled with a "coming soon" note until
`set_source_available` turns it on (ui/controllers/qr_import.py does, for all four).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QMenu, QWidget

from desktop_app.ui.icons import IconBinder


class AddSource(StrEnum):
    MANUAL = "manual"
    CAMERA = "camera"
    SCREEN = "screen"
    IMAGE_FILE = "image_file"
    PASTE_IMAGE = "paste_image"


_LABELS = {
    AddSource.MANUAL: ("Enter a setup key…", "keyboard", "Ctrl+N"),
    AddSource.CAMERA: ("Scan QR code with camera…", "camera", ""),
    AddSource.SCREEN: ("Scan QR code on screen", "screen", ""),
    AddSource.IMAGE_FILE: ("Open QR code image…", "image", ""),
    AddSource.PASTE_IMAGE: ("Paste QR code image or link", "paste", ""),
}
COMING_SOON = "coming soon"


class AddMenu(QMenu):
    manual_requested = Signal()
    scan_camera_requested = Signal()
    scan_screen_requested = Signal()
    image_file_requested = Signal()
    paste_image_requested = Signal()

    def __init__(self, icons: IconBinder, palette: QPalette, parent: QWidget | None = None) -> None:
        super().__init__("Add account", parent)
        self.setObjectName("addMenu")
        self.actions_by_source: dict[AddSource, QAction] = {}
        signals = {
            AddSource.MANUAL: self.manual_requested,
            AddSource.CAMERA: self.scan_camera_requested,
            AddSource.SCREEN: self.scan_screen_requested,
            AddSource.IMAGE_FILE: self.image_file_requested,
            AddSource.PASTE_IMAGE: self.paste_image_requested,
        }
        for source, signal in signals.items():
            label, icon_name, shortcut = _LABELS[source]
            action = QAction(label, self)
            action.setObjectName(f"add_{source.value}")
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            icons.bind(action, icon_name, palette)
            action.triggered.connect(signal.emit)
            self.actions_by_source[source] = action
            self.addAction(action)
            if source is AddSource.MANUAL:
                self.addSeparator()
        for source in (AddSource.CAMERA, AddSource.SCREEN, AddSource.IMAGE_FILE,
                       AddSource.PASTE_IMAGE):  # fmt: skip
            self.set_source_available(source, False)

    def set_source_available(self, source: AddSource, available: bool) -> None:
        action = self.actions_by_source[source]
        label = _LABELS[source][0]
        action.setEnabled(available)
        action.setText(label if available else f"{label} ({COMING_SOON})")
        action.setToolTip(label if available else "QR scanning arrives in a later version")
