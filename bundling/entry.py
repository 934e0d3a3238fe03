"""The bundle's one entry script: runs the program named like the executable that started it.

On Linux and macOS the bundle holds one executable, `sigma-authenticator`, and two symbolic links
to it, `sigma-auth` and `sigma-stub`; on Windows, where a program is either a console or a window
program and links do not survive a zip, build.spec makes one executable per name instead.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import PurePath

# The same targets as [project.scripts] and [project.gui-scripts] in pyproject.toml (a test checks).
PROGRAMS = {
    "sigma-authenticator": "desktop_app.ui.app:main",
    "sigma-auth": "desktop_app.cli:main",
    "sigma-stub": "server_stub.cli:main",
}
DEFAULT_PROGRAM = "sigma-authenticator"  # a renamed executable still opens the window


def program_for(argv0: str) -> str:
    name = PurePath(argv0.replace("\\", "/")).name
    name = name[:-4] if name.lower().endswith(".exe") else name
    return name if name in PROGRAMS else DEFAULT_PROGRAM


CHECK_ENV = "SIGMA_BUNDLE_CHECK"
CHECK_TEXT = "otpauth://totp/Bundle:check?secret=JBSWY3DPEHPK3PXP"


def bundle_check() -> int:
    """With SIGMA_BUNDLE_CHECK=1: load the native pieces no start-up path imports yet (OpenCV,
    numpy, zxing-cpp, pyzbar when bundled) by decoding a generated QR code with every QR backend,
    and list OpenCV's video back ends (the camera); prints JSON. tests/test_bundle.py reads it."""
    import json

    import cv2

    from desktop_app.core.qr import available_backends, make_backend
    from desktop_app.core.qr.synth import render_qr

    image = render_qr(CHECK_TEXT)
    decoded = {
        name: [code.text for code in make_backend(name).read(image).codes]
        for name in available_backends()
    }
    video = [cv2.videoio_registry.getBackendName(b) for b in cv2.videoio_registry.getBackends()]
    print(json.dumps({"decoded": decoded, "video_backends": video}))
    return 0


def main() -> int:
    if os.environ.get(CHECK_ENV) == "1":
        return bundle_check()
    module_name, function_name = PROGRAMS[program_for(sys.argv[0])].split(":")
    # Imported by name so `sigma-auth --version` never loads Qt; build.spec collects the
    # packages' submodules, so static analysis need not see these imports.
    run = getattr(importlib.import_module(module_name), function_name)
    return int(run() or 0)


if __name__ == "__main__":
    sys.exit(main())
