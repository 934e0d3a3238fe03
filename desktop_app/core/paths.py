"""Where the authenticator keeps its data: one answer for the window and the command line."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "sigma-authenticator"
HOME_ENV = "SIGMA_AUTH_HOME"


def data_dir() -> Path:
    """$SIGMA_AUTH_HOME when set (tests, portable installs), else the platform's data folder."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_vault_path() -> Path:
    return data_dir() / "vault"
