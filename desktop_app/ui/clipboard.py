"""Copying codes to the system clipboard: marked sensitive, cleared later only if still ours.

The timing and "is it still ours?" decisions live in core.clipboard_policy; this module is the
Qt glue. Clearing is checked on every tick of the window's one timer.

Sensitive markers (clipboard managers and history honour them where they exist):
- Linux (KDE Klipper and others): `x-kde-passwordManagerHint` = `secret`.
- Windows: the registered formats ExcludeClipboardContentFromMonitorProcessing,
  CanIncludeInClipboardHistory = 0 and CanUploadToCloudClipboard = 0. Qt maps a MIME type of the
  form `application/x-qt-windows-mime;value="NAME"` to the registered clipboard format NAME.
- macOS: `org.nspasteboard.ConcealedType` is a pasteboard type Qt's MIME conversion cannot put
  under its own name (Qt stores custom types under its own UTI prefix), so it needs native code;
  not done yet.
"""

from __future__ import annotations

import struct
import sys

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QClipboard

from desktop_app.core.clipboard_policy import ClipboardPolicy

KDE_SECRET_HINT = "x-kde-passwordManagerHint"  # noqa: S105 (a MIME type name)
_WINDOWS_FORMAT = 'application/x-qt-windows-mime;value="{}"'
_DWORD_ZERO = struct.pack("<I", 0)


def sensitive_mime_data(text: str, platform: str = sys.platform) -> QMimeData:
    mime = QMimeData()
    mime.setText(text)
    if platform.startswith("win"):
        mime.setData(_WINDOWS_FORMAT.format("ExcludeClipboardContentFromMonitorProcessing"), b"")
        mime.setData(_WINDOWS_FORMAT.format("CanIncludeInClipboardHistory"), _DWORD_ZERO)
        mime.setData(_WINDOWS_FORMAT.format("CanUploadToCloudClipboard"), _DWORD_ZERO)
    elif platform != "darwin":
        mime.setData(KDE_SECRET_HINT, b"secret")
    return mime


class ClipboardService(QObject):
    cleared = Signal()

    def __init__(
        self, clipboard: QClipboard, policy: ClipboardPolicy, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._clipboard = clipboard
        self.policy = policy

    def copy(self, text: str) -> None:
        self._clipboard.setMimeData(sensitive_mime_data(text))
        self.policy.copied(text)

    def check(self, _now: float | None = None) -> None:
        """Clear if the delay has passed and the clipboard still holds our text (each tick)."""
        if self.policy.pending and self.policy.should_clear_now(self._clipboard.text()):
            self._clear()

    def clear_if_ours(self) -> None:
        """Lock and quit: clear now, but never someone else's clipboard content."""
        if self.policy.pending and self.policy.should_clear_on_lock(self._clipboard.text()):
            self._clear()

    def _clear(self) -> None:
        self._clipboard.clear()
        self.cleared.emit()
