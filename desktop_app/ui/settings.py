"""User preferences, persisted with QSettings as an INI file in the data folder.

One file next to the vault (SIGMA_AUTH_HOME honoured), so a portable install or a test keeps its
settings with its data. Values are read through typed properties with defaults, so a hand-edited
or older file cannot put a wrong type into the app.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from desktop_app.core.account_list import SortMode
from desktop_app.core.clipboard_policy import DEFAULT_CLEAR_SECONDS
from desktop_app.core.idle_lock import DEFAULT_IDLE_MINUTES
from desktop_app.core.paths import data_dir
from desktop_app.core.sigma_client import DEFAULT_SERVER

SETTINGS_FILE = "settings.ini"

E = TypeVar("E", bound=StrEnum)


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def _choice(enum: type[E], raw: object, default: E) -> E:
    try:
        return enum(str(raw))
    except ValueError:
        return default


def _int(raw: object, default: int, low: int, high: int) -> int:
    try:
        value = int(str(raw))
    except ValueError:
        return default
    return max(low, min(high, value))


def _bool(raw: object, default: bool) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off"):
        return False
    return default


class Settings(QObject):
    """Typed access to the settings file; `changed` fires after any setter."""

    changed = Signal()

    def __init__(self, path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path or data_dir() / SETTINGS_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str, default: object) -> object:
        return self._store.value(key, default)

    def _set(self, key: str, value: object) -> None:
        self._store.setValue(key, value)
        self._store.sync()
        self.changed.emit()

    # ----- clipboard and locking -------------------------------------------------------------
    @property
    def clipboard_clear_seconds(self) -> int:
        """0 means: never clear on a timer (lock and quit still clear)."""
        return _int(self._get("clipboard/clear_seconds", DEFAULT_CLEAR_SECONDS), 30, 0, 3600)

    @clipboard_clear_seconds.setter
    def clipboard_clear_seconds(self, value: int) -> None:
        self._set("clipboard/clear_seconds", int(value))

    @property
    def idle_lock_minutes(self) -> int:
        """0 means: never lock for inactivity."""
        return _int(self._get("lock/idle_minutes", DEFAULT_IDLE_MINUTES), 5, 0, 24 * 60)

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        self._set("lock/idle_minutes", int(value))

    @property
    def lock_on_session_lock(self) -> bool:
        return _bool(self._get("lock/on_session_lock", True), True)

    @lock_on_session_lock.setter
    def lock_on_session_lock(self, value: bool) -> None:
        self._set("lock/on_session_lock", bool(value))

    # ----- list ------------------------------------------------------------------------------
    @property
    def hide_codes(self) -> bool:
        return _bool(self._get("list/hide_codes", False), False)

    @hide_codes.setter
    def hide_codes(self, value: bool) -> None:
        self._set("list/hide_codes", bool(value))

    @property
    def show_next_code(self) -> bool:
        return _bool(self._get("list/show_next_code", True), True)

    @show_next_code.setter
    def show_next_code(self, value: bool) -> None:
        self._set("list/show_next_code", bool(value))

    @property
    def sort_mode(self) -> SortMode:
        return _choice(SortMode, self._get("list/sort", SortMode.MANUAL.value), SortMode.MANUAL)

    @sort_mode.setter
    def sort_mode(self, value: SortMode) -> None:
        self._set("list/sort", SortMode(value).value)

    # ----- scanning --------------------------------------------------------------------------
    @property
    def camera_index(self) -> int:
        """The camera last chosen in the scan dialog (OpenCV's device number)."""
        return _int(self._get("scan/camera_index", 0), 0, 0, 63)

    @camera_index.setter
    def camera_index(self, value: int) -> None:
        self._set("scan/camera_index", int(value))

    # ----- look ------------------------------------------------------------------------------
    @property
    def theme(self) -> Theme:
        return _choice(Theme, self._get("look/theme", Theme.SYSTEM.value), Theme.SYSTEM)

    @theme.setter
    def theme(self, value: Theme) -> None:
        self._set("look/theme", Theme(value).value)

    # ----- Sigma account panel ---------------------------------------------------------------
    @property
    def sigma_server_url(self) -> str:
        return str(self._get("sigma/server_url", DEFAULT_SERVER) or DEFAULT_SERVER)

    @sigma_server_url.setter
    def sigma_server_url(self, value: str) -> None:
        self._set("sigma/server_url", str(value))

    @property
    def sigma_email(self) -> str:
        return str(self._get("sigma/email", "") or "")

    @sigma_email.setter
    def sigma_email(self, value: str) -> None:
        self._set("sigma/email", str(value))

    @property
    def window_geometry(self) -> QByteArray | None:
        raw = self._get("window/geometry", None)
        return raw if isinstance(raw, QByteArray) else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)
        self._store.sync()
