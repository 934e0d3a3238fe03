"""QR decoding libraries behind one small interface: grey uint8 image in, QrCodes out.

- zxing-cpp: the default; self-contained wheels, fast and robust.
- pyzbar: optional; needs the system library libzbar0, which is unmaintained and has aborted
  whole processes on crafted codes, so it is used only when asked for by name.
- OpenCV: QRCodeDetector (classic) and QRCodeDetectorAruco; slower, a fallback.

Every backend returns [] for "no code" and never raises for image content: a library's internal
failure on one frame must not stop a scan.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Protocol

import cv2
import numpy as np
import zxingcpp

from desktop_app.core.qr.model import QrCode, QrError, Quad


@dataclass(frozen=True)
class Reading:
    """What a backend saw in one image."""

    codes: list[QrCode]
    # Corners of symbols located but not decoded (a checksum failed): a sign that another
    # pass may still read something. Only backends that report such symbols fill it.
    undecoded: list[Quad] = field(default_factory=list)


class QrBackend(Protocol):
    name: str

    def read(self, grey: np.ndarray) -> Reading:
        """Every QR code the library reads in a contiguous 2-D uint8 image."""
        ...


def _bytes_to_text(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # never fails: binary content still reaches the user


def _quad(points: Any) -> Quad:
    corners = [(float(x), float(y)) for x, y in points]
    return corners[0], corners[1], corners[2], corners[3]


_ZXING_BINARIZERS = {
    "local": zxingcpp.Binarizer.LocalAverage,
    "global": zxingcpp.Binarizer.GlobalHistogram,
}


class ZxingBackend:
    """zxing-cpp with QR as the only format (faster, and no stray 1-D barcode hits)."""

    def __init__(
        self, *, binarizer: str = "local", try_invert: bool = True, try_downscale: bool = True
    ) -> None:
        if binarizer not in _ZXING_BINARIZERS:
            raise QrError(f"unknown zxing binarizer {binarizer!r}")
        self.name = "zxing" if binarizer == "local" else f"zxing-{binarizer}"
        self._options: dict[str, Any] = {
            "formats": zxingcpp.BarcodeFormat.QRCode,
            "text_mode": zxingcpp.TextMode.Plain,
            "binarizer": _ZXING_BINARIZERS[binarizer],
            "try_downscale": try_downscale,
            "try_invert": try_invert,
            "return_errors": True,
        }

    def read(self, grey: np.ndarray) -> Reading:
        found = zxingcpp.read_barcodes(grey, **self._options)
        reading = Reading([])
        for barcode in found:
            pos = barcode.position
            corners = _quad(
                (p.x, p.y) for p in (pos.top_left, pos.top_right, pos.bottom_right, pos.bottom_left)
            )
            if barcode.valid:
                reading.codes.append(QrCode(barcode.text, corners))
            else:
                reading.undecoded.append(corners)
        return reading


@cache
def _pyzbar_module() -> Any | None:
    """The pyzbar module when it imports and libzbar loads; None otherwise (cached)."""
    try:
        from pyzbar import pyzbar
    except (ImportError, OSError):
        return None
    return pyzbar


class PyzbarBackend:
    """pyzbar over libzbar; construct it only when pyzbar_available() is True."""

    name = "pyzbar"

    def __init__(self) -> None:
        module = _pyzbar_module()
        if module is None:
            raise QrError(
                "the pyzbar backend is not available: install the 'zbar' extra "
                "(pip install pyzbar) and the zbar library (Debian/Ubuntu: libzbar0)"
            )
        self._decode: Callable[..., Any] = module.decode
        self._symbols = [module.ZBarSymbol.QRCODE]

    def read(self, grey: np.ndarray) -> Reading:
        codes = []
        for result in self._decode(grey, symbols=self._symbols):
            left, top, width, height = result.rect
            corners = [
                (left, top),
                (left + width, top),
                (left + width, top + height),
                (left, top + height),
            ]
            codes.append(QrCode(_bytes_to_text(result.data), _quad(corners)))
        return Reading(codes)


class OpenCvBackend:
    """cv2.QRCodeDetectorAruco ("opencv-aruco"): several codes per frame; or the classic
    cv2.QRCodeDetector ("opencv"): one code per frame, see read()."""

    def __init__(self, *, aruco: bool = False) -> None:
        if aruco and not hasattr(cv2, "QRCodeDetectorAruco"):
            raise QrError("this OpenCV build has no QRCodeDetectorAruco (OpenCV 4.8 or later)")
        self.name = "opencv-aruco" if aruco else "opencv"
        self._factory = cv2.QRCodeDetectorAruco if aruco else cv2.QRCodeDetector
        self._local = threading.local()  # detector objects are not safe to share across threads

    def _detector(self) -> Any:
        detector = getattr(self._local, "detector", None)
        if detector is None:
            detector = self._local.detector = self._factory()
        return detector

    def read(self, grey: np.ndarray) -> Reading:
        detector = self._detector()
        try:
            if self._factory is cv2.QRCodeDetector:
                # The classic several-codes search can take tens of seconds on a noisy frame
                # (44 s on one 1080p benchmark frame): use its one-code search only.
                return self._read_one(detector, grey) or Reading([])
            return self._read_many(detector, grey)
        except (cv2.error, UnicodeDecodeError):
            return Reading([])

    @staticmethod
    def _read_many(detector: Any, grey: np.ndarray) -> Reading:
        # The Bytes variants (OpenCV 4.11+) do not fail on binary, non-UTF-8 content.
        if hasattr(detector, "detectAndDecodeBytesMulti"):
            ok, texts, points, _ = detector.detectAndDecodeBytesMulti(grey)
            texts = [_bytes_to_text(bytes(t)) for t in texts] if ok else []
        else:
            ok, texts, points, _ = detector.detectAndDecodeMulti(grey)
        reading = Reading([])
        if not ok or points is None:
            return reading
        for text, quad in zip(texts, points, strict=False):
            if text:
                reading.codes.append(QrCode(text, _quad(quad)))
            else:
                reading.undecoded.append(_quad(quad))
        return reading

    @staticmethod
    def _read_one(detector: Any, grey: np.ndarray) -> Reading | None:
        if hasattr(detector, "detectAndDecodeBytes"):
            data, points, _ = detector.detectAndDecodeBytes(grey)
            text = _bytes_to_text(bytes(data)) if data else ""
        else:
            text, points, _ = detector.detectAndDecode(grey)
        if not text or points is None:
            return None
        return Reading([QrCode(text, _quad(np.asarray(points).reshape(-1, 2)))])


def pyzbar_available() -> bool:
    return _pyzbar_module() is not None


BACKEND_NAMES = ("zxing", "zxing-global", "pyzbar", "opencv", "opencv-aruco")


def available_backends() -> list[str]:
    """Names of the backends that work on this machine, default first."""
    names = ["zxing", "zxing-global"]
    if pyzbar_available():
        names.append("pyzbar")
    names.append("opencv")
    if hasattr(cv2, "QRCodeDetectorAruco"):
        names.append("opencv-aruco")
    return names


def make_backend(name: str) -> QrBackend:
    """A backend by name (see BACKEND_NAMES); QrError when unknown or unavailable here."""
    if name == "zxing":
        return ZxingBackend()
    if name == "zxing-global":
        return ZxingBackend(binarizer="global")
    if name == "pyzbar":
        return PyzbarBackend()
    if name in ("opencv", "opencv-aruco"):
        return OpenCvBackend(aruco=name == "opencv-aruco")
    raise QrError(f"unknown QR backend {name!r}; choose one of {', '.join(BACKEND_NAMES)}")
