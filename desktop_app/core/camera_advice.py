"""What the scan dialog says when a camera cannot be used: a title, the error, what to do.

The CameraError's own message says what happened (and on Linux how to fix it); this adds a short
title and, for a denied permission, where the person's operating system keeps that switch.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from desktop_app.core.camera import CameraError, CameraProblem

TITLES = {
    CameraProblem.NO_CAMERA: "No camera found",
    CameraProblem.BUSY: "The camera is busy",
    CameraProblem.PERMISSION_DENIED: "Camera access is not allowed",
    CameraProblem.UNAVAILABLE: "The camera could not be opened",
    CameraProblem.STOPPED: "The camera stopped",
    CameraProblem.BAD_SOURCE: "This video cannot be used",
}

OTHER_WAYS = (
    "You can also scan a QR code shown on this screen, or open a screenshot or photo of it."
)


def permission_hint(platform: str = sys.platform) -> str:
    """Where this operating system lets a person allow camera access."""
    if platform.startswith("win"):
        return (
            "Open Settings > Privacy & security > Camera, turn on “Let desktop apps access "
            "your camera”, then try again."
        )
    if platform == "darwin":
        return (
            "Open System Settings > Privacy & Security > Camera, allow Sigma Authenticator (or "
            "the terminal it was started from), then restart the app."
        )
    return (
        "Add your user to the “video” group (sudo usermod -aG video $USER) and log in again; "
        "in a Flatpak or Snap, allow camera access in the app's permissions."
    )


@dataclass(frozen=True)
class CameraAdvice:
    title: str
    message: str  # what happened, from the error
    hint: str  # what to do next


def advise(error: CameraError, platform: str = sys.platform) -> CameraAdvice:
    problem = error.problem
    message = str(error)
    if problem is CameraProblem.PERMISSION_DENIED and "usermod" not in message:
        hint = permission_hint(platform)
    elif problem in (CameraProblem.BUSY, CameraProblem.STOPPED):
        hint = "Close other programs that use the camera (video calls), then choose Try again."
    elif "screen" in message:
        hint = ""  # the message already offers the other ways
    else:
        hint = OTHER_WAYS
    return CameraAdvice(TITLES.get(problem, "The camera cannot be used"), message, hint)
