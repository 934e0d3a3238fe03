#!/usr/bin/env python3
"""Render resources/app-icon.svg into the PNG sizes and the Windows .ico the bundle ships.

    .venv/bin/python tools/make_icons.py      (re-run after changing the SVG; commit the output)

Qt's own SVG renderer draws them, so the PNGs match what the running app shows. The .ico holds
PNG-compressed images (readable by Windows Vista and later), written by hand: Qt's ico writer
stores one size only.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SVG = RESOURCES / "app-icon.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can describe


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size}px icon")
    return bytes(data.data())


def ico_file(pngs: dict[int, bytes]) -> bytes:
    """ICONDIR, one ICONDIRENTRY per size, then the PNG payloads (0 in a size byte means 256)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, payloads = b"", b""
    for size, png in sorted(pngs.items()):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        payloads += png
        offset += len(png)
    return header + entries + payloads


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    pngs = {size: render_png(renderer, size) for size in PNG_SIZES}
    out_dir = RESOURCES / "app-icons"
    out_dir.mkdir(exist_ok=True)
    for size, png in pngs.items():
        (out_dir / f"sigma-authenticator-{size}.png").write_bytes(png)
    (RESOURCES / "app-icon.ico").write_bytes(ico_file({s: pngs[s] for s in ICO_SIZES}))
    print(f"wrote {len(pngs)} PNGs to {out_dir.relative_to(RESOURCES.parent)} and app-icon.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
