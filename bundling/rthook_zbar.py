"""Runtime hook, added by build.spec when the `zbar` extra is bundled: pyzbar finds libzbar with
ctypes.util.find_library("zbar"), which on Linux and macOS searches only the system; point it at
the copy in the bundle first."""

import ctypes.util
import os
import sys

_find_system_library = ctypes.util.find_library
_BUNDLED_ZBAR = ("libzbar.so.0", "libzbar.0.dylib")


def _find_library(name: str) -> str | None:
    if name == "zbar":
        for file_name in _BUNDLED_ZBAR:
            path = os.path.join(sys._MEIPASS, file_name)
            if os.path.isfile(path):
                return path
    return _find_system_library(name)


ctypes.util.find_library = _find_library
