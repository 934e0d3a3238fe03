"""Image input for the QR engine: validate numpy arrays, read image files and bytes safely.

Files are read as bytes and decoded with OpenCV's imdecode, so non-ASCII paths work on every
platform (cv2.imread cannot open them on Windows). PNG and JPEG sizes are read from the header
before decoding, so a small file that would inflate to gigabytes is refused without allocating.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import cv2
import numpy as np

from desktop_app.core.qr.model import QrError

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_FILE_PIXELS = 120_000_000  # a 10000x10000 image passes; a decompression bomb does not

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_JPEG_SIGNATURE = b"\xff\xd8"
# JPEG start-of-frame markers (they carry the size); C4, C8 and CC share the range but are not.
_JPEG_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_JPEG_STANDALONE_MARKERS = frozenset({0x01, *range(0xD0, 0xDA)})


def checked_image(image: object) -> np.ndarray:
    """The array itself when it is a usable 8-bit grey, BGR or BGRA image; else QrError."""
    if not isinstance(image, np.ndarray):
        raise QrError(f"expected a numpy image array, not {type(image).__name__}")
    if image.dtype != np.uint8:
        raise QrError(f"QR images must have 8-bit pixels (numpy uint8), not {image.dtype}")
    shape = image.shape
    channels_ok = image.ndim == 2 or (image.ndim == 3 and shape[2] in (1, 3, 4))
    if not channels_ok:
        raise QrError(
            "expected a grey (H×W) or colour (H×W×3 BGR, H×W×4 BGRA) image, "
            f"not an array of shape {shape}"
        )
    if shape[0] == 0 or shape[1] == 0:
        raise QrError(f"the image is empty ({shape[1]}×{shape[0]} pixels)")
    return image


def to_grey(image: object) -> np.ndarray:
    """A contiguous 8-bit grey copy or view of a grey, BGR or BGRA image (alpha over white)."""
    image = checked_image(image)
    if image.ndim == 3 and image.shape[2] == 1:
        image = image[:, :, 0]
    if image.ndim == 2:
        return np.ascontiguousarray(image)
    if image.shape[2] == 4:
        if image[:, :, 3].min() == 255:
            return cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY)
        image = over_white(image)
    return cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)


def over_white(bgra: np.ndarray) -> np.ndarray:
    """BGR of a BGRA image laid on white.

    Transparent pixels are usually the background of a dark-on-transparent code; black, as a
    plain channel drop would make them, would hide the code.
    """
    weight = bgra[:, :, 3:4].astype(np.float32) / 255.0
    blended = bgra[:, :, :3].astype(np.float32) * weight + 255.0 * (1.0 - weight)
    return blended.astype(np.uint8)


def image_size_from_header(data: bytes) -> tuple[int, int] | None:
    """(width, height) read from a PNG or JPEG header without decoding; None for other data."""
    if data.startswith(_PNG_SIGNATURE) and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    if data.startswith(_JPEG_SIGNATURE):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte before a marker
            pos += 1
            continue
        if marker in _JPEG_STANDALONE_MARKERS:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        if marker in _JPEG_SOF_MARKERS:
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def _format_name(data: bytes) -> str:
    if data.startswith(_PNG_SIGNATURE):
        return "PNG"
    if data.startswith(_JPEG_SIGNATURE):
        return "JPEG"
    return ""


def load_image_bytes(data: bytes) -> np.ndarray:
    """Decode an encoded image (PNG, JPEG, BMP, WebP, TIFF...) to 8-bit grey or BGR."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise QrError(f"expected the bytes of an image file, not {type(data).__name__}")
    data = bytes(data)
    if not data:
        raise QrError("the image data is empty")
    if len(data) > MAX_FILE_BYTES:
        raise QrError(_too_big_message(len(data)))
    size = image_size_from_header(data)
    if size is not None:
        width, height = size
        if width == 0 or height == 0:
            raise QrError(f"the {_format_name(data)} image is empty ({width}×{height} pixels)")
        if width * height > MAX_FILE_PIXELS:
            raise QrError(
                f"the image is too large to scan ({width}×{height} pixels, "
                f"at most {MAX_FILE_PIXELS // 1_000_000} megapixels)"
            )
    try:
        image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    except cv2.error as exc:
        raise QrError(f"the image could not be decoded ({_first_line(exc)})") from None
    if image is None:
        kind = _format_name(data)
        if kind:
            raise QrError(f"the {kind} image is damaged or truncated and could not be read")
        raise QrError("this is not an image file that can be read (PNG, JPEG, BMP, WebP, TIFF)")
    return _to_8bit_grey_or_bgr(image)


def _to_8bit_grey_or_bgr(image: np.ndarray) -> np.ndarray:
    if image.dtype == np.uint16:
        image = (image >> 8).astype(np.uint8)
    elif image.dtype != np.uint8:
        raise QrError(f"images with {image.dtype} pixels are not supported")
    if image.ndim == 3 and image.shape[2] == 4:
        return over_white(image)
    if image.ndim == 3 and image.shape[2] == 1:
        return image[:, :, 0]
    return checked_image(image)


def load_image_file(path: str | os.PathLike[str]) -> np.ndarray:
    """Read and decode an image file; every failure is a QrError naming the file."""
    file = Path(path)
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise QrError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise QrError(f"{file}: is a folder, not an image file") from None
    except PermissionError:
        raise QrError(f"{file}: permission denied") from None
    except OSError as exc:
        raise QrError(f"{file}: cannot be read ({exc.strerror or exc})") from None
    try:
        return load_image_bytes(data)
    except QrError as exc:
        raise QrError(f"{file}: {exc}") from None


def _too_big_message(size: int) -> str:
    return (
        f"the file is too large to be an image to scan ({size / 1e6:.0f} MB, "
        f"at most {MAX_FILE_BYTES // (1024 * 1024)} MB)"
    )


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else type(exc).__name__
