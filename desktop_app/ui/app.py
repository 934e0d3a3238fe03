"""Composition root of the authenticator window: builds the services and widgets, wires them once.

Hooks for later issues:
- `AuthenticatorApp.add_account(account)` saves an account from any source (returns False when
  locked or the save failed); `open_add_dialog(prefill)` lets the user review one first.
- `AuthenticatorApp.add_menu` has one signal per QR source (`scan_camera_requested`, ...) and
  `set_source_available(AddSource.X, True)` to enable its entry.
- `AuthenticatorApp.set_reference_time(epoch)` feeds a trusted time (the Sigma server's) to the
  clock check, which warns above 15 s of skew.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.account_list import SortMode
from desktop_app.core.accounts import Account
from desktop_app.core.clipboard_policy import ClipboardPolicy
from desktop_app.core.clock import Clock, ClockCheck
from desktop_app.core.idle_lock import IdleLockPolicy
from desktop_app.core.paths import default_vault_path
from desktop_app.core.sigma_client import SigmaClient
from desktop_app.ui.clipboard import ClipboardService
from desktop_app.ui.controllers.account_actions import AccountActions
from desktop_app.ui.controllers.qr_import import QrImportController
from desktop_app.ui.controllers.sigma_panel import ClientFactory, SigmaPanel
from desktop_app.ui.controllers.vault_session import VaultSession
from desktop_app.ui.dialogs.add_account_dialog import AddAccountDialog
from desktop_app.ui.icons import app_icon
from desktop_app.ui.idle_watcher import IdleWatcher, SessionLockMonitor
from desktop_app.ui.models.account_model import AccountListModel
from desktop_app.ui.settings import Settings
from desktop_app.ui.sigma.sigma_window import SigmaWindow
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.theme import apply_theme
from desktop_app.ui.ticker import DEFAULT_INTERVAL_MS, Ticker
from desktop_app.ui.widgets.add_menu import AddMenu
from desktop_app.ui.widgets.main_window import APP_TITLE, MainWindow

CAMERA_FILE_ENV = "SIGMA_AUTH_CAMERA_FILE"


class AuthenticatorApp(QObject):
    def __init__(self, qt_app: QApplication, *, clock: Clock = time.time,
                 vault_path: Path | None = None, settings: Settings | None = None,
                 tick_interval_ms: int = DEFAULT_INTERVAL_MS,
                 sigma_client_factory: ClientFactory = SigmaClient) -> None:  # fmt: skip
        super().__init__()
        self.qt_app = qt_app
        self.clock = clock
        self.vault_path = vault_path or default_vault_path()
        self.settings = settings or Settings(parent=self)

        # Services
        self.tasks = TaskRunner(parent=self)
        self.ticker = Ticker(clock, tick_interval_ms, self)
        self.clipboard = ClipboardService(qt_app.clipboard(), ClipboardPolicy(clock), self)
        self.idle = IdleWatcher(IdleLockPolicy(clock), self)
        self.session_monitor = SessionLockMonitor(self)
        self.clock_check = ClockCheck(clock)
        self.session = VaultSession(self.vault_path, clock, self.tasks, self)
        self.model = AccountListModel(clock, parent=self)

        # Widgets and controllers
        self.window = MainWindow(self.model, self.vault_path)
        self.actions = AccountActions(self.window, self.session, self.model, self.clipboard,
                                      self.settings, clock, self)  # fmt: skip
        self.sigma_window = SigmaWindow()
        self.sigma = SigmaPanel(
            self.sigma_window,
            settings=self.settings,
            clock=clock,
            tasks=self.tasks,
            vault_accounts=lambda: self.session.accounts if self.session.is_open else (),
            add_account=self.add_account,
            report_server_time=self._on_server_time,
            client_factory=sigma_client_factory,
            parent=self,
        )
        self._apply_settings()
        self._wire()
        self._wire_scanning()
        self._shut_down = False
        self.lock_reason: str | None = None  # why the window last locked (tests, status)

    # ----- wiring ----------------------------------------------------------------------------
    def _wire(self) -> None:
        window, session, page = self.window, self.session, self.window.accounts_page
        # Opening and locking
        window.unlock_page.unlock_requested.connect(session.unlock)
        window.create_page.create_requested.connect(session.create)
        session.open_failed.connect(self._on_open_failed)
        session.vault_missing.connect(window.show_create)
        session.opened.connect(self._on_opened)
        session.accounts_changed.connect(self.model.set_accounts)
        session.failed.connect(lambda message: window.show_toast(message))
        window.lock_requested.connect(lambda: self.lock("manual"))
        self.idle.lock_requested.connect(self.lock)
        self.session_monitor.session_locked.connect(self._on_session_locked)
        # Account actions
        window.copy_requested.connect(self.actions.copy)
        window.next_code_requested.connect(self.actions.next_code)
        window.edit_requested.connect(self.actions.edit)
        window.delete_requested.connect(self.actions.delete)
        window.undo_requested.connect(self._undo)
        window.move_requested.connect(self.actions.move)
        window.settings_requested.connect(self.actions.open_settings)
        window.sigma_requested.connect(self.sigma.open)
        self.sigma_window.lock_requested.connect(lambda: self.lock("manual"))
        window.sort_mode_selected.connect(self._set_sort_mode)
        page.add_menu.manual_requested.connect(self.open_add_dialog)
        # The one timer
        self.ticker.ticked.connect(self._on_tick)
        # Settings and closing
        self.settings.changed.connect(self._apply_settings)
        window.closing.connect(self._on_window_closing)
        self.qt_app.aboutToQuit.connect(self.shutdown)
        self.idle.install(self.qt_app)
        self.session_monitor.install(self.qt_app)

    def _wire_scanning(self) -> None:
        """QR codes from the camera, the screen, image files (chosen or dropped) and Ctrl+V.
        SIGMA_AUTH_CAMERA_FILE=PATH stands a video or image file in for the webcam."""
        self.qr_import = QrImportController(
            self.window, self.session, self.actions, self.tasks, self.settings,
            self.qt_app.clipboard(), self,
        )  # fmt: skip
        camera_file = os.environ.get(CAMERA_FILE_ENV)
        if camera_file:
            self.qr_import.use_camera_file(Path(camera_file))
        self.qr_import.install(self.add_menu)

    def _apply_settings(self) -> None:
        settings = self.settings
        self.clipboard.policy.clear_after_seconds = settings.clipboard_clear_seconds
        self.idle.policy.idle_minutes = settings.idle_lock_minutes
        self.idle.policy.lock_after_suspend = settings.lock_on_session_lock
        if settings.hide_codes != self.model.hide_codes:
            self.model.set_hide_codes(settings.hide_codes)
        if settings.show_next_code != self.model.show_next_code:
            self.model.set_show_next_code(settings.show_next_code)
        self.model.set_sort_mode(settings.sort_mode)
        self.window.accounts_page.set_sort_mode(settings.sort_mode)
        if QApplication.instance() is self.qt_app:
            apply_theme(self.qt_app, settings.theme)

    # ----- public hooks ----------------------------------------------------------------------
    @property
    def add_menu(self) -> AddMenu:
        return self.window.accounts_page.add_menu

    def start(self) -> None:
        geometry = self.settings.window_geometry
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        if self.session.vault_exists():
            self.window.show_unlock()
        else:
            self.window.show_create()
        self.window.show()
        self.ticker.start()
        self._on_tick(self.clock())

    def add_account(self, account: Account) -> bool:
        if not self.session.is_open:
            return False
        return self.actions.add(account)

    def open_add_dialog(self, prefill: Account | None = None) -> AddAccountDialog | None:
        if not self.session.is_open:
            return None
        return self.actions.open_add_dialog(prefill)

    def set_reference_time(self, reference_epoch: float) -> None:
        self.clock_check.set_reference_time(reference_epoch)
        self.window.set_clock_warning(self.clock_check.warning())

    def _on_server_time(self, server_epoch: float) -> str | None:
        """The Sigma panel measured the server's clock: warn here and there on skew."""
        self.set_reference_time(server_epoch)
        return self.clock_check.warning()

    def lock(self, reason: str = "manual") -> None:
        """Drop all decrypted state: dialogs, model, vault key; clear our clipboard content."""
        if not self.session.is_open:
            return
        self.actions.close_dialogs()
        self.sigma.forget()
        self.clipboard.clear_if_ours()
        self.idle.stop()
        self.session.lock()  # saves pending use counts first, which refreshes the model
        self.model.clear()
        self.window.show_unlock()
        self.lock_reason = reason

    # ----- reactions -------------------------------------------------------------------------
    def _on_opened(self) -> None:
        self.idle.start()
        self.window.show_accounts()

    def _on_open_failed(self, message: str) -> None:
        if self.window.pages.currentWidget() is self.window.create_page:
            self.window.create_page.failed(message)
        else:
            self.window.unlock_page.failed(message)

    def _on_session_locked(self, reason: str) -> None:
        if self.settings.lock_on_session_lock:
            self.lock(reason)

    def _undo(self) -> None:
        # Ctrl+Z: the toast's Undo if it is showing, else the last delete.
        if not self.window.accounts_page.toast.trigger_action():
            self.actions.undo()

    def _set_sort_mode(self, mode: str) -> None:
        self.settings.sort_mode = SortMode(mode)

    def _on_tick(self, now: float) -> None:
        self.model.set_now(now)
        if self.window.is_unlocked and self.window.isVisible():
            self.window.accounts_page.list_view.repaint_visible()
        if self.actions.add_dialog is not None:
            self.actions.add_dialog.refresh_preview()
        if self.sigma_window.isVisible():
            self.sigma.tick()
        self.clipboard.check()
        self.idle.check()
        self.window.set_clock_warning(self.clock_check.warning())

    def _on_window_closing(self) -> None:
        self.settings.window_geometry = self.window.saveGeometry()
        self.shutdown()

    def shutdown(self) -> None:
        """Quit path: clear our clipboard content, forget the key, stop the timer."""
        if self._shut_down:
            return
        self._shut_down = True
        self.ticker.stop()
        self.clipboard.clear_if_ours()
        self.actions.close_dialogs()
        self.sigma.forget()
        self.session.lock()
        self.model.clear()
        self.idle.remove(self.qt_app)
        self.tasks.wait_for_all()


SELF_TEST_FLAG = "--self-test"


class _QuitAfterFirstPaint(QObject):
    """--self-test (the bundle's smoke test): once the window has painted, say so, exit with 0."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print(f"window shown {watched.width()}x{watched.height()}", flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def _quit_after_first_paint(window: QWidget) -> None:
    window.installEventFilter(_QuitAfterFirstPaint(window))


def main(argv: list[str] | None = None, sigma_server: str | None = None) -> int:
    """Run the window; `sigma_server` (the demo launcher's stub) prefills the Sigma panel."""
    argv = sys.argv if argv is None else argv
    qt_app = QApplication(argv)
    qt_app.setApplicationName(APP_TITLE)
    qt_app.setDesktopFileName("sigma-authenticator")
    qt_app.setWindowIcon(app_icon())
    authenticator = AuthenticatorApp(qt_app)
    if sigma_server:
        authenticator.sigma.use_server(sigma_server)
    authenticator.start()
    if SELF_TEST_FLAG in argv[1:]:
        _quit_after_first_paint(authenticator.window)
    status = qt_app.exec()
    authenticator.shutdown()
    return status


if __name__ == "__main__":
    sys.exit(main())
