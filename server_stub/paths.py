"""Where the stub keeps its database by default (one answer for every command)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "SIGMA_STUB_HOME"
DB_FILE_NAME = "stub.sqlite3"


def data_dir() -> Path:
    """$SIGMA_STUB_HOME when set (tests, portable setups), else the user's data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override)
    return platformdirs.user_data_path("sigma-stub", appauthor=False)


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME
