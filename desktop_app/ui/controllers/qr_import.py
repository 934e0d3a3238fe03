"""Every way to add accounts from QR codes: camera, screen, image file (chooser or drop), paste.

Each path ends alike: the codes' texts become a ScanResult (core.scan_results), shown for
confirmation, and the checked accounts are saved in one go. Decoding a still image and listing
cameras run on the TaskRunner. The seams tests replace are plain attributes: `open_camera`,
`list_cameras`, `grab_screens` and `choose_image_file`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import (
    QClipboard,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from desktop_app.core import otpauth, qr
from desktop_app.core.accounts import Account
from desktop_app.core.camera import CameraInfo, FileFrameSource, FrameSource, OpenCvCamera
from desktop_app.core.camera import list_cameras as probe_cameras
from desktop_app.core.qr import QrError
from desktop_app.core.scan_results import ScanResult, scan_result
from desktop_app.ui.controllers.account_actions import AccountActions
from desktop_app.ui.controllers.vault_session import VaultSession
from desktop_app.ui.dialogs.confirm_import_dialog import ConfirmImportDialog
from desktop_app.ui.dialogs.scan_dialog import ScanDialog
from desktop_app.ui.frame_image import qimage_to_frame
from desktop_app.ui.settings import Settings
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.widgets.add_menu import AddMenu, AddSource
from desktop_app.ui.widgets.main_window import MainWindow

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff);;All files (*)"
MESSAGE_MS = 7000  # what a scan found (or not) stays up longer than a plain confirmation
HIDE_DELAY_MS = 300  # time for the window system to take our window off the screen
NOTHING_ON_SCREEN = "No QR code found on screen. Make the code bigger or use the camera."
# Wayland (and some sandboxes) give apps an empty picture of the screen, by design.
SCREEN_NOT_GRABBED = (
    "This system does not let apps take a picture of the screen. Take a screenshot of the "
    "QR code, then paste it here (Ctrl+V) or open it as an image file."
)
NOTHING_ON_CLIPBOARD = (
    "The clipboard holds no QR code image and no otpauth:// link. Copy the QR code image "
    "(or its link) and paste again."
)


def grab_all_screens() -> list[QImage]:
    """A picture of every screen, as the person sees it."""
    return [screen.grabWindow(0).toImage() for screen in QGuiApplication.screens()]


def choose_image_file(parent: QWidget) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, "Open a QR code image", "", IMAGE_FILTER)
    return path or None


# What decoding found: the QR texts, and one sentence per input that gave none.
Decoded = tuple[list[str], list[str]]


def decode_files(paths: Sequence[str]) -> Decoded:
    """QR texts of every file, and one message per file that had none or could not be read.
    Messages name the file, not its whole path."""
    texts: list[str] = []
    problems: list[str] = []
    for path in paths:
        name = Path(path).name
        try:
            found = qr.decode_file(path)
        except QrError as exc:
            problems.append(str(exc).replace(str(path), name, 1))
            continue
        if not found:
            problems.append(f"No QR code found in {name}.")
        texts += found
    return texts, problems


class QrImportController(QObject):
    def __init__(self, window: MainWindow, session: VaultSession, actions: AccountActions,
                 tasks: TaskRunner, settings: Settings, clipboard: QClipboard,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.window = window
        self.session = session
        self.actions = actions
        self.tasks = tasks
        self.settings = settings
        self.clipboard = clipboard
        # Seams: where frames, screens and files come from.
        self.open_camera: Callable[[int], FrameSource] = lambda index: OpenCvCamera(index)
        self.list_cameras: Callable[[], list[CameraInfo]] = probe_cameras
        self.grab_screens: Callable[[], list[QImage]] = grab_all_screens
        self.choose_image_file: Callable[[QWidget], str | None] = choose_image_file
        self.hide_delay_ms = HIDE_DELAY_MS
        self.scan_dialog: ScanDialog | None = None
        self.confirm_dialog: ConfirmImportDialog | None = None
        self._drop_filter = _FileDropFilter(self)

    def use_camera_file(self, path: Path) -> None:
        """Stand a video or image file in for the webcam (testing without a camera)."""
        self.open_camera = lambda _index: FileFrameSource(path)
        self.list_cameras = lambda: [CameraInfo(0, f"Video file: {path.name}")]

    def install(self, add_menu: AddMenu) -> None:
        """Turn on the Add menu's QR entries, Ctrl+V in the window, and dropping files on it."""
        add_menu.scan_camera_requested.connect(self.scan_camera)
        add_menu.scan_screen_requested.connect(self.scan_screen)
        add_menu.image_file_requested.connect(self.open_image_file)
        add_menu.paste_image_requested.connect(self.paste)
        for source in (AddSource.CAMERA, AddSource.SCREEN, AddSource.IMAGE_FILE,
                       AddSource.PASTE_IMAGE):  # fmt: skip
            add_menu.set_source_available(source, True)
        self.paste_action = add_menu.actions_by_source[AddSource.PASTE_IMAGE]
        self.paste_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Paste))
        self.window.addAction(self.paste_action)  # Ctrl+V while the menu is closed
        self.session.opened.connect(lambda: self.paste_action.setEnabled(True))
        self.session.closed.connect(lambda: self.paste_action.setEnabled(False))
        self.session.closed.connect(self.close_dialogs)
        self.paste_action.setEnabled(self.session.is_open)
        self.window.setAcceptDrops(True)
        self.window.installEventFilter(self._drop_filter)

    # ----- camera ----------------------------------------------------------------------------
    def scan_camera(self) -> ScanDialog | None:
        if not self.session.is_open:
            return None
        self.close_dialogs()
        dialog = ScanDialog(self.open_camera, self.list_cameras, self.tasks,
                            self.session.accounts, self.settings.camera_index,
                            parent=self.window)  # fmt: skip
        dialog.camera_chosen.connect(self._remember_camera)
        dialog.alternative_requested.connect(lambda way: self._scan_another_way(dialog, way))
        self._open("scan_dialog", dialog)
        return dialog

    def _remember_camera(self, index: int) -> None:
        self.settings.camera_index = index

    def _scan_another_way(self, dialog: ScanDialog, way: str) -> None:
        dialog.reject()
        if way == AddSource.SCREEN:
            self.scan_screen()
        else:
            self.open_image_file()

    # ----- screen ----------------------------------------------------------------------------
    def scan_screen(self) -> None:
        """Hide the window, grab every screen, show the window again, decode the grabs."""
        if not self.session.is_open:
            return
        self.close_dialogs()
        self.window.hide()
        QTimer.singleShot(self.hide_delay_ms, self._grab_screens_and_decode)

    def _grab_screens_and_decode(self) -> None:
        try:
            images = self.grab_screens()
        except Exception as exc:  # a platform failure must not leave the window hidden
            images = []
            failure = f"The screen could not be captured ({exc})."
        else:
            failure = SCREEN_NOT_GRABBED
        finally:
            self.window.show()
            self.window.raise_()
            self.window.activateWindow()
        frames = [qimage_to_frame(image) for image in images if not image.isNull()]
        if not frames:
            self._say(failure)
            return
        self._say("Looking for QR codes on the screen…")
        self._decode_then_offer(
            lambda: ([text for frame in frames for text in qr.decode_still(frame)], []),
            "Found on the screen.",
            NOTHING_ON_SCREEN,
        )

    # ----- files -----------------------------------------------------------------------------
    def open_image_file(self) -> None:
        if not self.session.is_open:
            return
        path = self.choose_image_file(self.window)
        if path:
            self.import_files([path])

    def import_files(self, paths: Sequence[str]) -> None:
        """Decode image files (chosen, dropped or pasted as files) and offer what they hold."""
        if not self.session.is_open or not paths:
            return
        names = ", ".join(Path(p).name for p in paths)
        self._say(f"Looking for QR codes in {names}…")
        paths = list(paths)
        self._decode_then_offer(lambda: decode_files(paths), f"Found in {names}.", "")

    # ----- clipboard -------------------------------------------------------------------------
    def paste(self) -> None:
        if not self.session.is_open:
            return
        mime = self.clipboard.mimeData()
        if mime is not None and mime.hasImage():
            image = self.clipboard.image()
            if not image.isNull():
                frame = qimage_to_frame(image)
                self._decode_then_offer(lambda: (qr.decode_still(frame), []),
                                        "Found in the pasted image.",
                                        "No QR code found in the pasted image.")  # fmt: skip
                return
        if mime is not None and mime.hasUrls():
            paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
            if paths:
                self.import_files(paths)
                return
        text = mime.text().strip() if mime is not None and mime.hasText() else ""
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if lines and all(otpauth.looks_like_otpauth(line) for line in lines):
            self.offer(scan_result(lines, self.session.accounts), "From the clipboard.",
                       NOTHING_ON_CLIPBOARD)  # fmt: skip
        else:
            self._say(NOTHING_ON_CLIPBOARD)

    # ----- offering and adding ---------------------------------------------------------------
    def _decode_then_offer(self, work: Callable[[], Decoded], origin: str, nothing: str) -> None:
        """Run `work` off the UI thread, then offer what it found; `nothing` says it found none
        (the inputs' own messages, when they have some, say it better)."""

        def done(decoded: Decoded) -> None:
            texts, notes = decoded
            result = scan_result(texts, self.session.accounts)
            self.offer(result, " ".join([origin, *notes]), " ".join(notes) or nothing)

        self.tasks.run(work, done, self._show_error)

    def offer(self, result: ScanResult, origin: str, nothing: str) -> ConfirmImportDialog | None:
        """Show what a still image held: accounts to confirm, or one sentence why not."""
        if not self.session.is_open:
            return None  # locked while decoding: what was found is dropped
        if not result.candidates:
            self._say(result.nothing_to_add_message() if result.found_anything else nothing)
            return None
        self._dismiss_message()
        self.close_dialogs()
        dialog = ConfirmImportDialog(result, origin, self.window)
        self._open("confirm_dialog", dialog)
        return dialog

    def add_accounts(self, accounts: Sequence[Account]) -> bool:
        """Save the confirmed accounts together and select the first."""
        if not accounts or not self.session.add_many(accounts):
            return False
        page = self.window.accounts_page
        page.search.clear()
        page.list_view.select_account(accounts[0].id)
        label = accounts[0].label if len(accounts) == 1 else f"{len(accounts)} accounts"
        self.window.show_toast(f"Added {label}.")
        return True

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, QrError | ValueError):
            self._say(str(error))
        else:  # a bug, not a user situation: say so rather than pretend
            self._say(f"Unexpected error while reading the QR code: {error!r}")

    def _say(self, text: str) -> None:
        self.window.accounts_page.toast.show_message(text, duration_ms=MESSAGE_MS)

    def _dismiss_message(self) -> None:
        self.window.accounts_page.toast.dismiss()

    # ----- closing ---------------------------------------------------------------------------
    def close_dialogs(self) -> None:
        """On lock, and before another scan: stop the camera, close what shows accounts."""
        for dialog in (self.scan_dialog, self.confirm_dialog):
            if dialog is not None:
                dialog.reject()

    def _open(self, attribute: str, dialog: ScanDialog | ConfirmImportDialog) -> None:
        """Show a dialog that ends in confirmed accounts; kept on `attribute` while open."""
        dialog.edit_requested.connect(self.actions.open_add_dialog)
        dialog.accepted.connect(lambda: self.add_accounts(dialog.selected_accounts()))
        dialog.finished.connect(lambda _result: self._forget(attribute, dialog))
        setattr(self, attribute, dialog)
        dialog.open()  # window-modal, without blocking: the ticker and tests keep running

    def _forget(self, attribute: str, dialog: QDialog) -> None:
        if getattr(self, attribute) is dialog:
            setattr(self, attribute, None)
        dialog.deleteLater()


class _FileDropFilter(QObject):
    """Files dropped anywhere on the unlocked window are scanned for QR codes."""

    def __init__(self, controller: QrImportController) -> None:
        super().__init__(controller)
        self._controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragMoveEvent)  # a QDragEnterEvent is one too
            if self._local_files(event):
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = self._local_files(event)
            if paths:
                event.acceptProposedAction()
                self._controller.import_files(paths)
                return True
        return False

    def _local_files(self, event: QDropEvent) -> list[str]:
        if not self._controller.session.is_open:
            return []
        mime = event.mimeData()
        if mime is None or not mime.hasUrls():
            return []
        return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
