"""Idle and session-lock detection, feeding the Qt-free IdleLockPolicy.

What Qt offers, and what is hooked here:
- Input to this app: an application-wide event filter (keys, mouse, wheel, touch) marks activity.
- Suspend on any OS: the one ticker stops while the machine sleeps; the policy sees the gap on the
  first tick after resume and asks to lock.
- QGuiApplication.applicationStateChanged: `ApplicationSuspended` locks (mobile-style platforms).
  `ApplicationInactive` only means another window has focus, so it does not lock.
- Linux (QtDBus): logind's `PrepareForSleep(true)` on the system bus, logind's session `Lock`
  signal, and the freedesktop/GNOME screensaver `ActiveChanged(true)` on the session bus.
Not hooked: Windows WTS session notifications (need a native window message filter) and macOS
screen-lock notifications (need the NSDistributedNotificationCenter); both still get the idle and
suspend locks.
"""

from __future__ import annotations

import os

from PySide6.QtCore import SLOT, QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication

from desktop_app.core.idle_lock import IdleLockPolicy, LockReason

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
        QEvent.Type.ShortcutOverride,
    }
)


class IdleWatcher(QObject):
    """Marks input as activity; on each tick asks the policy whether it is time to lock."""

    lock_requested = Signal(str)  # a LockReason value

    def __init__(self, policy: IdleLockPolicy, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        self.active = False  # only watches while unlocked

    def install(self, app: QCoreApplication) -> None:
        app.installEventFilter(self)

    def remove(self, app: QCoreApplication) -> None:
        app.removeEventFilter(self)

    def start(self) -> None:
        self.policy.reset()
        self.active = True

    def stop(self) -> None:
        self.active = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in _INPUT_EVENTS:
            self.policy.touch()
        return False

    def check(self, _now: float | None = None) -> None:
        if not self.active:
            return
        reason = self.policy.reason_to_lock()
        if reason is not None:
            self.lock_requested.emit(reason.value)


class SessionLockMonitor(QObject):
    """Emits `session_locked(reason)` when the OS says the session locks or sleeps."""

    session_locked = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hooked: list[str] = []  # what could be connected on this machine (for About/debug)

    def install(self, app: QGuiApplication) -> None:
        app.applicationStateChanged.connect(self._on_application_state)
        self.hooked.append("applicationStateChanged")
        self._hook_dbus()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.session_locked.emit(LockReason.SUSPEND.value)

    @Slot(bool)
    def on_prepare_for_sleep(self, going_to_sleep: bool) -> None:
        if going_to_sleep:
            self.session_locked.emit(LockReason.SUSPEND.value)

    @Slot(bool)
    def on_screensaver_active(self, active: bool) -> None:
        if active:
            self.session_locked.emit("session")

    @Slot()
    def on_session_lock(self) -> None:
        self.session_locked.emit("session")

    def _hook_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # QtDBus is absent on Windows and macOS builds
            return
        system_bus = QDBusConnection.systemBus()
        session_bus = QDBusConnection.sessionBus()
        sleep, lock = SLOT("on_prepare_for_sleep(bool)"), SLOT("on_session_lock()")
        screensaver = SLOT("on_screensaver_active(bool)")
        hooks = [
            (system_bus, "org.freedesktop.login1", "/org/freedesktop/login1",
             "org.freedesktop.login1.Manager", "PrepareForSleep", sleep),
            (session_bus, "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver",
             "org.freedesktop.ScreenSaver", "ActiveChanged", screensaver),
            (session_bus, "org.gnome.ScreenSaver", "/org/gnome/ScreenSaver",
             "org.gnome.ScreenSaver", "ActiveChanged", screensaver),
        ]  # fmt: skip
        session_id = os.environ.get("XDG_SESSION_ID")
        if session_id:
            hooks.append((system_bus, "org.freedesktop.login1", login1_session_path(session_id),
                          "org.freedesktop.login1.Session", "Lock", lock))  # fmt: skip
        for bus, service, path, interface, name, slot in hooks:
            if bus.isConnected() and bus.connect(service, path, interface, name, self, slot):
                self.hooked.append(f"{interface}.{name}")


def login1_session_path(session_id: str) -> str:
    """logind's object path for a session id (sd_bus_path_encode: escape a leading digit too)."""
    encoded = "".join(
        char if char.isascii() and char.isalnum() and not (i == 0 and char.isdigit())
        else f"_{ord(char):02x}"
        for i, char in enumerate(session_id)
    )  # fmt: skip
    return f"/org/freedesktop/login1/session/{encoded}"
