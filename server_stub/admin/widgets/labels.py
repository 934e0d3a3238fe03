"""Labels and frames named for the style sheet (pageHeading, hintText, card...) in one call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QWidget

CENTRE = Qt.AlignmentFlag.AlignCenter


def styled_label(parent: QWidget, style: str, text: str = "", *,
                 align: Qt.AlignmentFlag | None = None, wrap: bool = False,
                 selectable: bool = False, name: str = "") -> QLabel:  # fmt: skip
    """`style` is the object name the style sheet knows; `name` what a screen reader says."""
    label = QLabel(text, parent)
    label.setObjectName(style)
    if align is not None:
        label.setAlignment(align)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    return label


def styled_frame(parent: QWidget, style: str) -> QFrame:
    frame = QFrame(parent)
    frame.setObjectName(style)
    return frame


def logo_label(parent: QWidget, icon, size: int, align: Qt.AlignmentFlag | None = None) -> QLabel:
    label = QLabel(parent)
    label.setPixmap(icon.pixmap(size, size))
    if align is not None:
        label.setAlignment(align)
    return label
