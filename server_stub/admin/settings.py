"""What the admin window remembers between runs: the server address and the last email.

An INI file in the stub's data folder (SIGMA_STUB_HOME honoured), so tests and portable setups
keep it with their data; values are read back with a type check and a default.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.core.sigma_client import DEFAULT_SERVER
from server_stub.paths import data_dir

SETTINGS_FILE = "admin-window.ini"
DEFAULT_REFRESH_SECONDS = 30


class AdminSettings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / SETTINGS_FILE
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _text(self, key: str, default: str) -> str:
        value = self._store.value(key, default)
        return value if isinstance(value, str) and value else default

    def _set(self, key: str, value: object) -> None:
        self._store.setValue(key, value)
        self._store.sync()

    @property
    def server_url(self) -> str:
        return self._text("server/url", DEFAULT_SERVER)

    @server_url.setter
    def server_url(self, value: str) -> None:
        self._set("server/url", value)

    @property
    def email(self) -> str:
        return self._text("sign_in/email", "")

    @email.setter
    def email(self, value: str) -> None:
        self._set("sign_in/email", value)

    @property
    def refresh_seconds(self) -> int:
        """Auto-refresh interval, 5 s to 1 h; 0 turns it off."""
        try:
            value = int(str(self._store.value("users/refresh_seconds", DEFAULT_REFRESH_SECONDS)))
        except ValueError:
            return DEFAULT_REFRESH_SECONDS
        return 0 if value <= 0 else max(5, min(3600, value))
