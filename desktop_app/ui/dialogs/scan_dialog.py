"""Scan a QR code with the camera: live picture, camera picker, then confirm what was found.

The camera is read and decoded on worker threads (ui/camera_pipeline.py); this dialog only shows
frames, outlines and messages. What the codes mean comes from core.scan_results. The threads are
stopped and joined whenever the dialog finishes (Add, Cancel, Escape, closing, locking) and, as
a last resort, when it is destroyed.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from enum import StrEnum

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.accounts import Account
from desktop_app.core.camera import CameraError, CameraInfo, CameraProblem, FrameSource
from desktop_app.core.camera_advice import advise
from desktop_app.core.qr import QrCode
from desktop_app.core.scan_results import ScanCollector, ScanStatusKind
from desktop_app.ui.camera_pipeline import CameraPipeline
from desktop_app.ui.dialogs.form_helpers import StatusLabel
from desktop_app.ui.tasks import TaskRunner
from desktop_app.ui.widgets.camera_view import FLASH_MS, CameraView
from desktop_app.ui.widgets.import_preview import ConfirmButtons, ImportPreview
from desktop_app.ui.widgets.message_page import MessagePage

HOLD_HINT = "Hold the QR code in front of the camera. It is read as soon as it is sharp."
CONFIRM_AFTER_MS = FLASH_MS + 300  # the flash, then a beat to see the outlined code
_STATUS_KINDS = {
    ScanStatusKind.PARTIAL: "ok",
    ScanStatusKind.INVALID: "error",
    ScanStatusKind.OTHER: "warning",
}


class ScanState(StrEnum):
    STARTING = "starting"
    LIVE = "live"
    FOUND = "found"  # flashing before the confirm page
    PROBLEM = "problem"
    CONFIRM = "confirm"


class ScanDialog(QDialog):
    camera_chosen = Signal(int)  # the person picked a camera: remember it
    alternative_requested = Signal(str)  # "screen" or "image_file": scan another way instead

    def __init__(self, open_source: Callable[[int], FrameSource],
                 list_cameras: Callable[[], list[CameraInfo]], tasks: TaskRunner,
                 existing: Sequence[Account], camera_index: int = 0,
                 pipeline: CameraPipeline | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Scan QR code")
        self.setObjectName("scanDialog")
        self.resize(680, 600)
        self._open_source = open_source
        self._existing = list(existing)
        self.collector = ScanCollector(self._existing)
        self.camera_index = camera_index
        self.state = ScanState.STARTING
        self.error: CameraError | None = None  # why the camera failed, in the PROBLEM state
        self.cameras: list[CameraInfo] = []
        self._cameras_listed = False
        self.pipeline = pipeline or CameraPipeline()
        self.pipeline.opened.connect(self._on_opened)
        self.pipeline.frame.connect(self._on_frame)
        self.pipeline.decoded.connect(self._on_decoded)
        self.pipeline.failed.connect(self._on_failed)
        self.pipeline.ended.connect(self._on_ended)
        # Last resort: a dialog deleted without finishing must not leave threads running.
        pipeline_ref = self.pipeline
        self.destroyed.connect(lambda *_: pipeline_ref.stop())

        # Camera page: picker, picture (or what went wrong), status line.
        self.camera_combo = QComboBox(self)
        self.camera_combo.setAccessibleName("Camera")
        self.camera_combo.addItem("Looking for cameras…", camera_index)
        self.camera_combo.setEnabled(False)
        self.camera_combo.activated.connect(self._on_camera_picked)
        self.picker = QWidget(self)
        picker = QHBoxLayout(self.picker)
        picker.setContentsMargins(0, 0, 0, 0)
        picker.addWidget(QLabel("&Camera:", self.picker, buddy=self.camera_combo))
        picker.addWidget(self.camera_combo, 1)

        self.view = CameraView(self)
        self.problem = MessagePage("camera", "", "", "Try again", self)
        self.problem.button.clicked.connect(lambda: self.start_camera(self.camera_index))
        self.screen_button = QPushButton("Scan the screen instead", self.problem)
        self.screen_button.clicked.connect(lambda: self.alternative_requested.emit("screen"))
        self.file_button = QPushButton("Open an image file…", self.problem)
        self.file_button.clicked.connect(lambda: self.alternative_requested.emit("image_file"))
        other_ways = QHBoxLayout()
        other_ways.addStretch(1)
        other_ways.addWidget(self.screen_button)
        other_ways.addWidget(self.file_button)
        other_ways.addStretch(1)
        problem_layout = self.problem.layout()
        assert isinstance(problem_layout, QVBoxLayout)
        problem_layout.insertLayout(problem_layout.count() - 1, other_ways)
        self.picture = QStackedWidget(self)
        self.picture.addWidget(self.view)
        self.picture.addWidget(self.problem)
        self.status = StatusLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # may quote a scanned text

        # Confirming: the frozen picture, outline and all, above what was found in it.
        self.preview = ImportPreview(self)
        self.preview.hide()

        self.buttons = ConfirmButtons(self.preview, self)
        reset = QDialogButtonBox.ButtonRole.ResetRole
        self.again_button = self.buttons.addButton("Scan again", reset)
        self.again_button.clicked.connect(self.scan_again)
        self.add_button = self.buttons.add_button
        self.edit_requested = self.buttons.edit_requested

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(self.picker)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self._show_confirm_buttons(False)

        tasks.run(list_cameras, self._on_cameras, self._on_cameras_failed)
        self.start_camera(camera_index)

    # ----- camera ----------------------------------------------------------------------------
    def start_camera(self, index: int) -> None:
        self.camera_index = index
        self.state = ScanState.STARTING
        self.view.clear("Starting the camera…")
        self.picture.setCurrentWidget(self.view)
        self.status.say(HOLD_HINT)
        open_source = self._open_source
        self.pipeline.start(lambda: open_source(index))

    def stop_camera(self) -> None:
        self.pipeline.stop()

    def _on_opened(self, _description: str) -> None:
        self.state = ScanState.LIVE
        self._fill_camera_combo()

    def _on_frame(self, image: QImage) -> None:
        if self.state in (ScanState.STARTING, ScanState.LIVE):
            self.state = ScanState.LIVE
            self.view.set_image(image)

    def _on_decoded(self, codes: list[QrCode], image: QImage) -> None:
        if self.state is not ScanState.LIVE:
            return
        status = self.collector.feed(code.text for code in codes)
        if status is None:
            return
        usable = status.kind in (ScanStatusKind.DONE, ScanStatusKind.PARTIAL)
        self.view.set_codes(codes, (image.width(), image.height()), usable)
        if status.kind is ScanStatusKind.DONE:
            self.view.set_image(image)  # freeze the picture the code was read in
            self._found()
        else:
            self.status.say(status.message, _STATUS_KINDS[status.kind])

    def _found(self) -> None:
        self.state = ScanState.FOUND
        self.stop_camera()
        self.view.flash()
        self.status.say("Found a QR code.", "ok")
        QApplication.beep()
        QTimer.singleShot(CONFIRM_AFTER_MS, self._show_confirm)

    def _on_failed(self, error: CameraError) -> None:
        self.state = ScanState.PROBLEM
        self.error = error
        advice = advise(error)
        self.problem.heading.setText(advice.title)
        hint = f"<br><br>{html.escape(advice.hint)}" if advice.hint else ""
        self.problem.body.setText(html.escape(advice.message) + hint)
        self.picture.setCurrentWidget(self.problem)
        self.problem.button.setFocus()  # Enter tries again
        self.status.say("")
        self._switch_if_another_camera_works()

    def _on_ended(self) -> None:
        """A video standing in for the camera played to its end (when not looping)."""
        message = "The video ended without a QR code that could be read."
        self._on_failed(CameraError(message, CameraProblem.STOPPED))
        self.problem.heading.setText("The video ended")
        self.problem.body.setText(message)

    def _on_cameras(self, cameras: list[CameraInfo]) -> None:
        if not shiboken6.isValid(self):
            return  # closed and deleted while the cameras were being listed
        self.cameras = list(cameras)
        self._cameras_listed = True
        self._fill_camera_combo()
        self._switch_if_another_camera_works()

    def _fill_camera_combo(self) -> None:
        if not self._cameras_listed:
            return
        shown = list(self.cameras)
        if self.state is ScanState.LIVE and all(c.index != self.camera_index for c in shown):
            # Ours is open, so probing it may have failed: it works, list it.
            shown.insert(0, CameraInfo(self.camera_index, f"Camera {self.camera_index}"))
        self.camera_combo.clear()
        for camera in shown:
            self.camera_combo.addItem(camera.name, camera.index)
        if not shown:
            self.camera_combo.addItem("No camera found", self.camera_index)
        self.camera_combo.setEnabled(bool(shown))  # picking the same one again retries it
        self.camera_combo.setCurrentIndex(max(self.camera_combo.findData(self.camera_index), 0))

    def _on_cameras_failed(self, _error: BaseException) -> None:
        self._on_cameras([])

    def _switch_if_another_camera_works(self) -> None:
        """The remembered camera is gone but another is listed: use that one."""
        cameras, error = self.cameras, self.error
        if (
            self.state is ScanState.PROBLEM
            and error is not None
            and error.problem is CameraProblem.NO_CAMERA
            and cameras
            and all(c.index != self.camera_index for c in cameras)
        ):
            self._choose(cameras[0].index)

    def _on_camera_picked(self, row: int) -> None:
        index = self.camera_combo.itemData(row)
        if isinstance(index, int) and (index != self.camera_index
                                       or self.state is ScanState.PROBLEM):  # fmt: skip
            self._choose(index)

    def _choose(self, index: int) -> None:
        self.camera_chosen.emit(index)
        row = self.camera_combo.findData(index)
        if row >= 0:
            self.camera_combo.setCurrentIndex(row)
        self.start_camera(index)

    # ----- confirm ---------------------------------------------------------------------------
    def _show_confirm(self) -> None:
        if not shiboken6.isValid(self) or self.state is not ScanState.FOUND:
            return
        self.state = ScanState.CONFIRM
        self.preview.show_result(self.collector.result())
        self._show_confirm_buttons(True)
        self.add_button.setFocus()

    def scan_again(self) -> None:
        self.collector = ScanCollector(self._existing)
        self._show_confirm_buttons(False)
        self.start_camera(self.camera_index)

    def _show_confirm_buttons(self, shown: bool) -> None:
        self.picker.setVisible(not shown)
        self.status.setVisible(not shown and bool(self.status.text()))
        self.preview.setVisible(shown)
        self.buttons.show_choices(shown)
        self.again_button.setVisible(shown)

    def selected_accounts(self) -> list[Account]:
        return self.preview.selected_accounts() if self.state is ScanState.CONFIRM else []

    # ----- closing ---------------------------------------------------------------------------
    def done(self, result: int) -> None:
        self.stop_camera()  # joins both threads before the dialog goes
        super().done(result)
