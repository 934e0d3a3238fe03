"""A user's profile as an admin sees it: who they are and their authenticator app, with Reset.

As in Sigma, admins can view the status of app-based authentication or reset it "directly from
the user profile page".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
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
from server_stub.admin.widgets.status_badge import StatusBadge


def _value_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label


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
        self.breadcrumb = QLabel(self)
        self.breadcrumb.setObjectName("sectionTitle")
        top = QHBoxLayout()
        top.setContentsMargins(10, 10, 16, 0)
        top.addWidget(self.back_button)
        top.addWidget(self.breadcrumb)
        top.addStretch(1)

        card = QFrame(self)
        card.setObjectName("card")
        card.setMaximumWidth(640)
        self.avatar = Avatar(64, card)
        self.name = QLabel(card)
        self.name.setObjectName("pageHeading")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(card)
        self.subtitle.setObjectName("pageBody")
        names = QVBoxLayout()
        names.setSpacing(2)
        names.addWidget(self.name)
        names.addWidget(self.subtitle)
        identity = QHBoxLayout()
        identity.setSpacing(16)
        identity.addWidget(self.avatar)
        identity.addLayout(names, 1)

        self.email = _value_label(card, "Email")
        self.org = _value_label(card, "Organization")
        self.account_type = _value_label(card, "Account type")
        details = QFormLayout()
        details.setHorizontalSpacing(24)
        details.setVerticalSpacing(10)
        details.addRow(self._key("Email"), self.email)
        details.addRow(self._key("Organization"), self.org)
        details.addRow(self._key("Account type"), self.account_type)

        section = QLabel("Authenticator app", card)
        section.setObjectName("sectionTitle")
        self.badge = StatusBadge(card)
        self.status_text = QLabel(card)
        self.status_text.setObjectName("pageBody")
        self.status_text.setWordWrap(True)
        self.enrolled = _value_label(card, "Enrolled")
        self.enrolled.setObjectName("pageBody")
        self.reset_button = QPushButton("Reset authenticator app…", card)
        self.reset_button.setObjectName("dangerButton")
        self.reset_button.setAccessibleName("Reset authenticator app")
        self.reset_button.clicked.connect(self._on_reset)
        status_row = QHBoxLayout()
        status_row.setSpacing(12)
        status_row.addWidget(self.badge)
        status_row.addWidget(self.enrolled)
        status_row.addStretch(1)
        status_row.addWidget(self.reset_button)

        divider = QFrame(card)
        divider.setObjectName("divider")
        divider.setFixedHeight(1)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(14)
        inner.addLayout(identity)
        inner.addLayout(details)
        inner.addWidget(divider)
        inner.addWidget(section)
        inner.addLayout(status_row)
        inner.addWidget(self.status_text)

        centred = QHBoxLayout()
        centred.setContentsMargins(16, 8, 16, 16)
        centred.addWidget(card, 1)
        centred.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(centred)
        layout.addStretch(1)
        self.setTabOrder(self.back_button, self.reset_button)

    def _key(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("hintText")
        return label

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
