"""Icons, style sheet and desktop metadata, found whether installed, editable or frozen."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "sigma_resources"
    return Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """Absolute path of a bundled resource, e.g. resource_path("icons/copy.svg")."""
    path = resource_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"bundled resource missing: {name}")
    return path
