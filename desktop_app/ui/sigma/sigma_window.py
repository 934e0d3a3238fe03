"""The Sigma account window: one page at a time, in the order Sigma's own profile flow uses."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from desktop_app.ui.icons import app_icon
from desktop_app.ui.sigma.page_frame import PanelPage
from desktop_app.ui.sigma.profile_pages import EnrollPage, ProfilePage
from desktop_app.ui.sigma.sign_in_pages import SecondFactorPage, SignInPage


class SigmaWindow(QWidget):
    closed = Signal()
    lock_requested = Signal()  # Ctrl+L locks the whole authenticator from here too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Sigma account")
        self.setWindowIcon(app_icon())
        self.setObjectName("sigmaWindow")
        self.resize(460, 640)
        self.setMinimumSize(420, 560)
        self.sign_in_page = SignInPage(self)
        self.second_factor_page = SecondFactorPage(self)
        self.profile_page = ProfilePage(self)
        self.enroll_page = EnrollPage(self)
        self.pages = QStackedWidget(self)
        for page in self.all_pages:
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Close), self, activated=self.close)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.lock_requested.emit)

    @property
    def all_pages(self) -> tuple[PanelPage, ...]:
        return (self.sign_in_page, self.second_factor_page, self.profile_page, self.enroll_page)

    @property
    def current_page(self) -> PanelPage:
        return self.pages.currentWidget()  # type: ignore[return-value]

    def show_page(self, page: PanelPage) -> None:
        self.pages.setCurrentWidget(page)

    def set_busy(self, busy: bool) -> None:
        self.current_page.set_busy(busy)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)
