"""What the bundle takes in and leaves out: build.spec applies these, tests/test_packaging.py
checks them against the code (a Qt module the code imports must not be excluded here)."""

from __future__ import annotations

from pathlib import PurePosixPath

# Resources by name, relative to resources/: the run-time ones (icons, style sheet) and what a
# packager or user needs beside the program (desktop entries, AppStream metadata, app icons,
# third-party licences). They land in sigma_resources/, where resource_dir() looks when frozen.
RESOURCE_FILES = (
    "app-icon.svg",
    "app-icon.ico",
    "style.qss",
    "icons/*.svg",
    "app-icons/*.png",
    "sigma-authenticator.desktop",
    "sigma-stub-admin.desktop",
    "sigma-authenticator.metainfo.xml",
    "licenses/*.txt",
)

# Qt modules the code does not use (it uses QtCore, QtGui, QtWidgets, QtSvg, QtDBus). A module
# a new feature needs comes off this list; tests/test_packaging.py fails until it does.
UNUSED_QT_MODULES = (
    "PySide6.QtNetwork",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtPrintSupport",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtXml",
    "PySide6.QtConcurrent",
    "PySide6.QtSvgWidgets",
)
EXCLUDED_MODULES = (
    # Test and build tools that optional imports would drag in (hypothesis came in through
    # numpy's and pydantic's optional integrations).
    "hypothesis", "pytest", "_pytest", "pytestqt", "PyInstaller", "setuptools", "pip",
    "tkinter", "IPython",
    # GNU readline is GPL-3 (the bundle is MIT and LGPL); only interactive prompts (pdb, the
    # REPL) use it, and they fall back to plain input without it.
    "readline",
    # numpy's own tests and its Fortran wrapper generator.
    "numpy.tests", "numpy._core.tests", "numpy.f2py",
    *UNUSED_QT_MODULES,
)  # fmt: skip

# PySide6's hooks collect every plugin of each kind a module could use. Kept, by kind (any other
# kind is dropped) and by name without "lib" and suffix (None keeps the whole kind): the window
# systems (xcb, wayland; windows, cocoa elsewhere) and offscreen (tests, CI); image formats the
# UI or a pasted screenshot may use (PNG is built in); the SVG icon engine; the desktop-portal
# theme (portal file dialogs, dark mode); input methods (compose key, ibus), so people can type
# accented and non-Latin passwords; the xcb GL and wayland shell support the platforms load.
QT_PLUGINS_KEPT: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qxcb", "qwayland", "qoffscreen", "qwindows", "qcocoa"}),
    "imageformats": frozenset({"qsvg", "qjpeg", "qgif", "qico"}),
    "iconengines": None,
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "platforminputcontexts": None,
    "xcbglintegrations": None,
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": frozenset(
        {"qt-plugin-wayland-egl", "shm-emulation-server"}
    ),
    "styles": None,  # the native looks of Windows and macOS
}


def left_out(dest: str) -> bool:
    """True for a collected Qt file the bundle does not ship (`dest`: its path in the bundle):
    translations (the UI is English and loads no translator), and plugins not kept above."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if parts[:1] != ("PySide6",):
        return False
    if "translations" in parts:
        return True
    if "plugins" not in parts[:-1]:
        return False
    kind = parts[parts.index("plugins") + 1]
    if kind not in QT_PLUGINS_KEPT:
        return True
    names = QT_PLUGINS_KEPT[kind]
    return names is not None and parts[-1].split(".")[0].removeprefix("lib") not in names
