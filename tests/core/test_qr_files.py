"""decode_file() and decode_image_bytes(): real files, odd formats and hostile ones."""

from __future__ import annotations

import struct
import zlib

import cv2
import numpy as np
import pytest

from desktop_app.core import qr
from desktop_app.core.qr import images, synth

URI = "otpauth://totp/Acme:alice?secret=JBSWY3DPEHPK3PXP&issuer=Acme"


def encoded(image: np.ndarray, suffix: str = ".png", params: list[int] | None = None) -> bytes:
    ok, data = cv2.imencode(suffix, image, params or [])
    assert ok
    return data.tobytes()


@pytest.fixture
def code_image() -> np.ndarray:
    return synth.render_qr(URI)


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".bmp", ".webp", ".tiff"])
def test_reads_common_image_formats(tmp_path, code_image, suffix: str) -> None:
    path = tmp_path / f"code{suffix}"
    path.write_bytes(encoded(cv2.cvtColor(code_image, cv2.COLOR_GRAY2BGR), suffix))
    assert qr.decode_file(path) == [URI]


def test_a_non_ascii_path_works(tmp_path, code_image) -> None:
    folder = tmp_path / "Zugangsdaten ß 日本語"
    folder.mkdir()
    path = folder / "QR-Код.png"
    path.write_bytes(encoded(code_image))
    assert qr.decode_file(str(path)) == [URI]


def test_a_png_with_a_transparent_background(tmp_path, code_image) -> None:
    bgra = np.zeros((*code_image.shape, 4), np.uint8)
    bgra[:, :, 3] = 255 - code_image  # dark modules opaque black, the rest transparent black
    assert qr.decode_image_bytes(encoded(bgra)) == [URI]


def test_a_16_bit_png(code_image) -> None:
    assert qr.decode_image_bytes(encoded(code_image.astype(np.uint16) * 257)) == [URI]


def test_image_bytes_from_a_clipboard_like_buffer(code_image) -> None:
    data = encoded(code_image)
    assert qr.decode_image_bytes(bytearray(data)) == [URI]
    assert qr.decode_image_bytes(memoryview(data)) == [URI]


def test_an_image_without_a_code_gives_an_empty_list(tmp_path) -> None:
    path = tmp_path / "blank.png"
    path.write_bytes(encoded(np.full((200, 300), 255, np.uint8)))
    assert qr.decode_file(path) == []


def test_a_missing_file(tmp_path) -> None:
    with pytest.raises(qr.QrError, match=r"nothing\.png: no such file"):
        qr.decode_file(tmp_path / "nothing.png")


def test_a_folder(tmp_path) -> None:
    with pytest.raises(qr.QrError, match="is a folder"):
        qr.decode_file(tmp_path)


def test_a_truncated_png(tmp_path, code_image) -> None:
    data = encoded(code_image)
    path = tmp_path / "cut.png"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(qr.QrError, match=r"cut\.png: the PNG image is damaged or truncated"):
        qr.decode_file(path)


def test_a_png_cut_inside_its_header(tmp_path, code_image) -> None:
    path = tmp_path / "stub.png"
    path.write_bytes(encoded(code_image)[:20])
    with pytest.raises(qr.QrError, match="damaged or truncated"):
        qr.decode_file(path)


def test_a_text_file_named_like_an_image(tmp_path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_text("otpauth://totp/not-an-image?secret=JBSWY3DPEHPK3PXP")
    with pytest.raises(qr.QrError, match="not an image file that can be read"):
        qr.decode_file(path)


def test_an_empty_file(tmp_path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(qr.QrError, match="empty"):
        qr.decode_file(path)


def test_an_oversized_file_is_refused_before_decoding(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(images, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(5000))
    with pytest.raises(qr.QrError, match="too large"):
        qr.decode_file(path)


def png_header_only(width: int, height: int) -> bytes:
    """A PNG signature and IHDR chunk claiming the given size (no pixel data)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    with pytest.raises(qr.QrError, match=r"too large to scan \(50000×50000 pixels"):
        qr.decode_image_bytes(png_header_only(50_000, 50_000))


def test_header_sizes_of_png_and_jpeg(code_image) -> None:
    wide = np.full((30, 70), 255, np.uint8)
    assert images.image_size_from_header(encoded(wide, ".png")) == (70, 30)
    assert images.image_size_from_header(encoded(wide, ".jpg")) == (70, 30)
    assert images.image_size_from_header(encoded(wide, ".bmp")) is None
    assert images.image_size_from_header(b"\xff\xd8\xff") is None


def test_a_10000_pixel_square_png_decodes(tmp_path) -> None:
    huge = np.full((10_000, 10_000), 255, np.uint8)
    code = synth.render_qr(URI, module_px=12)
    huge[4000 : 4000 + code.shape[0], 7000 : 7000 + code.shape[1]] = code
    path = tmp_path / "huge.png"
    path.write_bytes(encoded(huge, ".png", [cv2.IMWRITE_PNG_COMPRESSION, 1]))
    assert qr.decode_file(path) == [URI]


def test_not_bytes_is_a_qr_error() -> None:
    with pytest.raises(qr.QrError, match="bytes of an image file, not str"):
        qr.decode_image_bytes("picture.png")  # type: ignore[arg-type]
