"""A user's profile as an admin sees it: who they are and their authenticator app, with Reset.

As in Sigma, admins can view the status of app-based authentication or reset it "directly from
the user profile page".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from desktop_app.core.sigma_client import User
from desktop_app.ui.icons import ICON_SIZE
from server_stub.admin.look import set_icon
from server_stub.admin.messages import (
    RESET_TIP,
    STATUS_DESCRIPTIONS,
    account_type_label,
    local_time,
    reset_unavailable,
)
from server_stub.admin.widgets.avatar import Avatar
from server_stub.admin.widgets.labels import styled_frame, styled_label
from server_stub.admin.widgets.layouts import hbox, stretch, vbox
from server_stub.admin.widgets.status_badge import StatusBadge


class ProfilePage(QWidget):
    back_requested = Signal()
    reset_requested = Signal(object)  # User (not yet confirmed)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user: User | None = None
        self.back_button = QToolButton(self)
        self.back_button.setText("Users")
        set_icon(self.back_button, "back", self.palette())
        self.back_button.setIconSize(ICON_SIZE)
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.back_button.setToolTip("Back to the users (Esc or Alt+Left)")
        self.back_button.setAccessibleName("Back to users")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.back_button.clicked.connect(self.back_requested)
        self.breadcrumb = styled_label(self, "sectionTitle")
        top = hbox(None, self.back_button, self.breadcrumb, stretch(), margins=(10, 10, 16, 0))

        card = styled_frame(self, "card")
        card.setMaximumWidth(640)
        self.avatar = Avatar(64, card)
        self.name = styled_label(card, "pageHeading", selectable=True, name="Name")
        self.subtitle = styled_label(card, "pageBody")
        names = vbox(None, self.name, self.subtitle, spacing=2)
        identity = hbox(None, self.avatar, (names, 1), spacing=16)

        self.email = styled_label(card, "value", selectable=True, name="Email")
        self.org = styled_label(card, "value", selectable=True, name="Organization")
        self.account_type = styled_label(card, "value", selectable=True, name="Account type")
        details = QFormLayout()
        details.setHorizontalSpacing(24)
        details.setVerticalSpacing(10)
        details.addRow(self._key("Email"), self.email)
        details.addRow(self._key("Organization"), self.org)
        details.addRow(self._key("Account type"), self.account_type)

        section = styled_label(card, "sectionTitle", "Authenticator app")
        self.badge = StatusBadge(card)
        self.status_text = styled_label(card, "pageBody", wrap=True)
        self.enrolled = styled_label(card, "pageBody", selectable=True, name="Enrolled")
        self.reset_button = QPushButton("Reset authenticator app…", card)
        self.reset_button.setObjectName("dangerButton")
        self.reset_button.setAccessibleName("Reset authenticator app")
        self.reset_button.clicked.connect(self._on_reset)
        status_row = hbox(None, self.badge, self.enrolled, stretch(), self.reset_button,
                          spacing=12)  # fmt: skip

        divider = styled_frame(card, "divider")
        divider.setFixedHeight(1)
        vbox(card, identity, details, divider, section, status_row, self.status_text,
             margins=(28, 24, 28, 24), spacing=14)  # fmt: skip
        framed = hbox(None, (card, 1), margins=(16, 8, 16, 16))
        vbox(self, top, framed, stretch(), spacing=6)
        self.setTabOrder(self.back_button, self.reset_button)

    def _key(self, text: str) -> QLabel:
        return styled_label(self, "hintText", text)

    @property
    def user(self) -> User | None:
        return self._user

    def show_user(self, user: User) -> None:
        self._user = user
        self.breadcrumb.setText(f"Administration › Users › {user.name}")
        self.avatar.set_name(user.name)
        self.name.setText(user.name)
        self.subtitle.setText(f"{account_type_label(user.account_type)} · {user.org.name}")
        self.email.setText(user.email)
        self.org.setText(user.org.name)
        self.account_type.setText(account_type_label(user.account_type))
        status = user.authenticator.status
        self.badge.set_status(status)
        enrolled = user.authenticator.enrolled_at
        self.enrolled.setText(f"since {local_time(enrolled)}" if enrolled else "")
        self.status_text.setText(STATUS_DESCRIPTIONS.get(status, ""))
        reason = reset_unavailable(user)
        self.reset_button.setEnabled(reason is None)
        self.reset_button.setToolTip(reason or RESET_TIP)

    def _on_reset(self) -> None:
        if self._user is not None:
            self.reset_requested.emit(self._user)
