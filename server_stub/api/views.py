"""Domain views to response models."""

from __future__ import annotations

from dataclasses import asdict

from server_stub.api.schemas import AuthenticatorOut, UserOut
from server_stub.domain.views import AuthenticatorView, UserView


def user_out(view: UserView) -> UserOut:
    return UserOut.model_validate(asdict(view))


def authenticator_out(view: AuthenticatorView) -> AuthenticatorOut:
    return AuthenticatorOut.model_validate(asdict(view))
