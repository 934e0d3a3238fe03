"""The two types every part of the QR engine shares: its error and one decoded code."""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]  # corners clockwise from the code's top-left


class QrError(ValueError):
    """An image or file the QR engine cannot use; the message says why, for a person."""


@dataclass(frozen=True)
class QrCode:
    """One decoded QR code: its text and its corners in the caller's image coordinates."""

    text: str
    corners: Quad

    @property
    def center(self) -> Point:
        xs = [x for x, _ in self.corners]
        ys = [y for _, y in self.corners]
        return sum(xs) / 4, sum(ys) / 4

    def contains(self, point: Point) -> bool:
        """Whether `point` lies inside the code's quadrilateral (convex, any winding)."""
        signs = set()
        for (x1, y1), (x2, y2) in zip(
            self.corners, self.corners[1:] + self.corners[:1], strict=True
        ):
            cross = (x2 - x1) * (point[1] - y1) - (y2 - y1) * (point[0] - x1)
            if cross:
                signs.add(cross > 0)
        return len(signs) <= 1

    @property
    def height(self) -> float:
        ys = [y for _, y in self.corners]
        return max(ys) - min(ys)

    def transformed(self, scale: float, dx: float = 0.0, dy: float = 0.0) -> QrCode:
        """The same code with corners mapped back from a resized/cropped working image."""
        corners = tuple((x / scale + dx, y / scale + dy) for x, y in self.corners)
        return QrCode(self.text, corners)  # type: ignore[arg-type]
