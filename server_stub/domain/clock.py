"""Time as the domain sees it: an injected clock, and one way to show an instant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], float]


def format_instant(epoch: float) -> str:
    """ISO 8601 in UTC to the second, e.g. 2025-01-31T12:00:00Z."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
