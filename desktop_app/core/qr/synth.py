"""Synthetic QR images: render codes with segno and degrade them like a camera or screen would.

Used by the synthetic camera source (tests and the scan dialog's test mode), the tests and the
benchmark in tests/bench, so they all exercise the engine with the same kinds of damage.
All functions take and return uint8 numpy images; randomness comes from a passed Generator.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
import segno

from desktop_app.core.qr.model import Point

Quad = tuple[Point, Point, Point, Point]
BGR = tuple[int, int, int]


def render_qr(
    content: str | bytes, *, module_px: int = 4, border: int = 4, error: str = "m"
) -> np.ndarray:
    """The code as a grey image: black modules on white, `border` quiet-zone modules around."""
    code = segno.make(content, error=error, micro=False, boost_error=False)
    dark = np.array(code.matrix, dtype=bool)
    modules = np.where(dark, 0, 255).astype(np.uint8)
    modules = np.pad(modules, border, constant_values=255)
    return np.kron(modules, np.ones((module_px, module_px), dtype=np.uint8))


def square_quad(center: Point, side: float, angle_deg: float = 0.0) -> Quad:
    """Corners (clockwise from top-left) of a square of `side` pixels rotated about `center`."""
    cx, cy = center
    half = side / 2
    angle = np.deg2rad(angle_deg)
    cos, sin = np.cos(angle), np.sin(angle)
    corners = [(-half, -half), (half, -half), (half, half), (-half, half)]
    quad = [(cx + x * cos - y * sin, cy + x * sin + y * cos) for x, y in corners]
    return quad[0], quad[1], quad[2], quad[3]


def tilted(quad: Quad, amount: float, rng: np.random.Generator) -> Quad:
    """The quad with each corner moved by up to `amount` x its size: a perspective view."""
    points = np.array(quad, dtype=np.float64)
    size = np.linalg.norm(points[0] - points[2]) / np.sqrt(2)
    points += rng.uniform(-amount, amount, size=(4, 2)) * size
    return tuple(map(tuple, points))  # type: ignore[return-value]


def paste(canvas: np.ndarray, picture: np.ndarray, quad: Quad) -> np.ndarray:
    """`picture` (same channels as canvas) warped onto `canvas` so its corners land on `quad`."""
    height, width = picture.shape[:2]
    source = np.float32([(0, 0), (width, 0), (width, height), (0, height)])
    matrix = cv2.getPerspectiveTransform(source, np.float32(quad))
    size = (canvas.shape[1], canvas.shape[0])
    warped = cv2.warpPerspective(picture, matrix, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(
        np.full((height, width), 255, np.uint8), matrix, size, flags=cv2.INTER_LINEAR
    )
    weight = mask.astype(np.float32) / 255.0
    if canvas.ndim == 3:
        weight = weight[:, :, None]
    out = canvas.astype(np.float32) * (1.0 - weight) + warped.astype(np.float32) * weight
    return out.astype(np.uint8)


def background(height: int, width: int, rng: np.random.Generator, level: int = 150) -> np.ndarray:
    """A smooth, blotchy grey background like a desk or a room behind a screen."""
    coarse = rng.normal(level, 35, size=(max(2, height // 60), max(2, width // 60)))
    smooth = cv2.resize(coarse, (width, height), interpolation=cv2.INTER_CUBIC)
    return np.clip(smooth, 0, 255).astype(np.uint8)


def gaussian_blur(image: np.ndarray, sigma: float) -> np.ndarray:
    return cv2.GaussianBlur(image, (0, 0), sigma) if sigma > 0 else image


def motion_blur(image: np.ndarray, length: int, angle_deg: float) -> np.ndarray:
    """Blur along a line of `length` pixels at `angle_deg`, as a moving hand or camera gives."""
    if length < 2:
        return image
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0
    rotation = cv2.getRotationMatrix2D(((length - 1) / 2, (length - 1) / 2), angle_deg, 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (length, length))
    return cv2.filter2D(image, -1, kernel / max(kernel.sum(), 1e-6))


def noise(image: np.ndarray, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Gaussian sensor noise of standard deviation `sigma` grey levels."""
    noisy = image.astype(np.float32) + rng.normal(0, sigma, size=image.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def contrast(image: np.ndarray, low: int, high: int) -> np.ndarray:
    """Squeeze the grey range 0..255 into low..high (a washed-out or dim picture)."""
    scaled = low + image.astype(np.float32) * ((high - low) / 255.0)
    return np.clip(scaled, 0, 255).astype(np.uint8)


def uneven_light(image: np.ndarray, strength: float, rng: np.random.Generator) -> np.ndarray:
    """Multiply by a light gradient plus a soft shadow: one side bright, another dim."""
    height, width = image.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    angle = rng.uniform(0, 2 * np.pi)
    ramp = (xs * np.cos(angle) + ys * np.sin(angle)) / np.hypot(width, height)
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    cx, cy = rng.uniform(0, width), rng.uniform(0, height)
    radius = rng.uniform(0.2, 0.5) * max(width, height)
    shadow = np.exp(-((xs - cx) ** 2 + (ys - cy) ** 2) / (2 * radius**2))
    light = 1.0 - strength * (0.6 * ramp + 0.4 * shadow)
    if image.ndim == 3:
        light = light[:, :, None]
    return np.clip(image.astype(np.float32) * light, 0, 255).astype(np.uint8)


def jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    """The image after a JPEG save and load at `quality` (blocking and ringing artefacts)."""
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    if not ok:
        raise ValueError("JPEG encoding failed")
    flags = cv2.IMREAD_COLOR if image.ndim == 3 else cv2.IMREAD_GRAYSCALE
    return cv2.imdecode(encoded, flags)


def colourise(grey: np.ndarray, dark: BGR, light: BGR) -> np.ndarray:
    """A BGR image where black becomes `dark` and white becomes `light` (a coloured code)."""
    weight = grey.astype(np.float32)[:, :, None] / 255.0
    dark_colour = np.array(dark, np.float32)
    light_colour = np.array(light, np.float32)
    return (dark_colour * (1.0 - weight) + light_colour * weight).astype(np.uint8)


def compose(
    codes: Sequence[np.ndarray],
    size: tuple[int, int],
    rng: np.random.Generator,
    *,
    code_fraction: float = 0.5,
    max_angle: float = 0.0,
    tilt: float = 0.0,
    jitter: float = 0.0,
) -> np.ndarray:
    """A grey (width, height) frame with the rendered codes side by side on a background.

    Each code's side is `code_fraction` of the frame height (less where they would not fit),
    turned by up to `max_angle` degrees, its corners moved by up to `tilt` of its size
    (perspective), its centre moved by up to `jitter` of its slot.
    """
    width, height = size
    frame = background(height, width, rng)
    slot = width / max(1, len(codes))
    side = min(slot * 0.85, height * code_fraction)
    for index, code in enumerate(codes):
        dx, dy = rng.uniform(-jitter, jitter, size=2) if jitter else (0.0, 0.0)
        center = (slot * (index + 0.5 + dx), height * (0.5 + dy))
        angle = rng.uniform(-max_angle, max_angle) if max_angle else 0.0
        quad = square_quad(center, side, angle)
        if tilt:
            quad = tilted(quad, tilt, rng)
        frame = paste(frame, code, quad)
    return frame
