"""QR decoding for enrolment: images or files in, texts (and what they mean) out.

    decode(image) -> list[str]          numpy grey/BGR/BGRA uint8, e.g. a camera frame
    detect(image) -> list[QrCode]       the same with corners, to draw a frame on a preview
    decode_still(image) -> list[str]    a screen grab or pasted picture: every pass, long budget
    decode_file(path), decode_image_bytes(data) -> list[str]
    classify(text) -> QrContent         account / export / invalid / not an authenticator QR

Every unusable input raises QrError with a message for a person. No Qt in here.
"""

from __future__ import annotations

import os
import threading

import numpy as np

from desktop_app.core.qr.backends import (
    BACKEND_NAMES,
    QrBackend,
    available_backends,
    make_backend,
    pyzbar_available,
)
from desktop_app.core.qr.content import (
    InvalidOtpauth,
    MigrationExport,
    NotAuthenticatorQr,
    OtpauthAccount,
    QrContent,
    classify,
    preview,
)
from desktop_app.core.qr.engine import (
    DEFAULT_BUDGET_MS,
    Pass,
    QrEngine,
    Scan,
    as_is,
    default_passes,
)
from desktop_app.core.qr.images import load_image_bytes, load_image_file
from desktop_app.core.qr.model import QrCode, QrError

__all__ = [
    "BACKEND_NAMES",
    "DEFAULT_BUDGET_MS",
    "FILE_BUDGET_MS",
    "InvalidOtpauth",
    "MigrationExport",
    "NotAuthenticatorQr",
    "OtpauthAccount",
    "Pass",
    "QrBackend",
    "QrCode",
    "QrContent",
    "QrEngine",
    "QrError",
    "Scan",
    "available_backends",
    "classify",
    "decode",
    "decode_file",
    "decode_image_bytes",
    "decode_still",
    "default_engine",
    "detect",
    "engine_for_backend",
    "make_backend",
    "preview",
    "pyzbar_available",
]

# A file, a screen grab or a pasted image is scanned once, so it can afford every pass.
FILE_BUDGET_MS = 2000.0

_engine_lock = threading.Lock()
_engine: QrEngine | None = None


def default_engine() -> QrEngine:
    global _engine
    with _engine_lock:
        if _engine is None:
            _engine = QrEngine()
        return _engine


def engine_for_backend(name: str) -> QrEngine:
    """An engine whose first pass uses the named backend, the default passes after it."""
    if name == "zxing":
        return default_engine()
    first = Pass(name, as_is, make_backend(name))
    return QrEngine([first, *default_passes()])


def detect(
    image: np.ndarray, *, budget_ms: float | None = None, thorough: bool = False
) -> list[QrCode]:
    """Every distinct QR code in a frame with its corners, in reading order.

    budget_ms: None for the engine's per-frame budget (DEFAULT_BUDGET_MS), math.inf for none.
    thorough: try every pass even after a find (see QrEngine.scan); for still images.
    """
    return default_engine().detect(image, budget_ms=budget_ms, thorough=thorough)


def decode(
    image: np.ndarray, *, budget_ms: float | None = None, thorough: bool = False
) -> list[str]:
    """Every distinct QR text in a frame (grey HxW or colour HxWx3/HxWx4 uint8)."""
    return [code.text for code in detect(image, budget_ms=budget_ms, thorough=thorough)]


def decode_still(image: np.ndarray) -> list[str]:
    """Every QR text in a still image (a screen grab, a pasted picture): every pass, a long
    budget, since it is scanned once and not 10 times a second."""
    return decode(image, budget_ms=FILE_BUDGET_MS, thorough=True)


def decode_image_bytes(data: bytes) -> list[str]:
    """Every QR text in an encoded image (PNG, JPEG...), e.g. from the clipboard."""
    return decode_still(load_image_bytes(data))


def decode_file(path: str | os.PathLike[str]) -> list[str]:
    """Every QR text in an image file; QrError (naming the file) when it cannot be read."""
    return decode_still(load_image_file(path))
