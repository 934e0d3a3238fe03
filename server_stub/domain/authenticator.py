"""A user's own authenticator app: enrol, confirm with a first code, disable with the password."""

from __future__ import annotations

from dataclasses import dataclass

from server_stub.domain import app_codes, audit, mail, throttle
from server_stub.domain.app_code_use import accept_app_code
from server_stub.domain.clock import format_instant
from server_stub.domain.context import DomainContext, transaction_keeping_refusals
from server_stub.domain.errors import ErrorCode, ServiceError, rejected_code
from server_stub.domain.secret_box import totp_context
from server_stub.domain.sessions import Principal
from server_stub.domain.views import (
    DISABLED,
    ENABLED,
    PENDING,
    AuthenticatorView,
    authenticator_status,
)


@dataclass(frozen=True)
class Enrolment:
    secret: str
    otpauth_uri: str
    qr_png: str
    expires_in: int


class AuthenticatorService:
    def __init__(self, ctx: DomainContext) -> None:
        self._ctx = ctx

    def enrol(self, principal: Principal) -> Enrolment:
        ctx = self._ctx
        user = principal.user
        if user.org.auth_method != "password":
            raise ServiceError(ErrorCode.SSO_REQUIRED)
        secret = app_codes.new_secret()
        sealed = ctx.box.seal(secret.encode("ascii"), totp_context(user.id))
        with ctx.db.write() as tx:
            current = tx.users.get(user.id)
            existing = current.authenticator if current is not None else None
            if existing is not None and existing.status == ENABLED:
                raise ServiceError(ErrorCode.ALREADY_ENABLED)
            tx.authenticators.put_pending(user.id, sealed, ctx.clock())
        uri = app_codes.provisioning_uri(user.email, secret)
        return Enrolment(
            secret=secret,
            otpauth_uri=uri,
            qr_png=app_codes.qr_png_base64(uri),
            expires_in=app_codes.ENROLMENT_LIFETIME_SECONDS,
        )

    def confirm(self, principal: Principal, code: str) -> AuthenticatorView:
        ctx = self._ctx
        if not app_codes.is_well_formed(code):
            raise ServiceError(ErrorCode.INVALID_REQUEST, "code must be exactly 6 digits (0-9).")
        subject = throttle.user_subject(principal.user.id)
        with ctx.attempt_locks.hold(subject), transaction_keeping_refusals(ctx.db) as tx:
            now = ctx.clock()
            user = tx.users.get(principal.user.id)
            pending = user.authenticator if user is not None else None
            if user is None or pending is None or pending.status != PENDING:
                raise ServiceError(ErrorCode.NO_PENDING_ENROLLMENT)
            if authenticator_status(pending, now) != PENDING:
                raise ServiceError(ErrorCode.ENROLLMENT_EXPIRED)
            throttle.refuse_if_waiting(tx, subject, now, user)
            secret = ctx.box.open(pending.secret_sealed, totp_context(user.id)).decode("ascii")
            check = accept_app_code(tx, user, secret, code, now)
            if check.step is None:
                throttle.count_failure(tx, subject, now)
                raise rejected_code(check.replayed)
            tx.authenticators.enable(user.id, now)
            throttle.clear(tx, subject)
            audit.record(tx, audit.Action.AUTHENTICATOR_ENROLLED, user, now)
            mail.send_notice(
                tx, user, "Authenticator app enabled",
                "an authenticator app now protects your Sigma sign-in. If this was not you, "
                "ask your administrator to reset it.",
                now,
            )
            return AuthenticatorView(ENABLED, format_instant(now))

    def disable(self, principal: Principal, password: str) -> AuthenticatorView:
        ctx = self._ctx
        user = principal.user
        subject = throttle.user_subject(user.id)
        with ctx.attempt_locks.hold(subject):
            with transaction_keeping_refusals(ctx.db) as tx:
                now = ctx.clock()
                current = tx.users.get(user.id)
                if current is None or authenticator_status(current.authenticator, now) != ENABLED:
                    raise ServiceError(ErrorCode.NOT_ENABLED)
                throttle.refuse_if_waiting(tx, subject, now, current)
            accepted = ctx.passwords.verify(current.password_hash, password)
            with transaction_keeping_refusals(ctx.db) as tx:
                now = ctx.clock()
                if not accepted:
                    throttle.count_failure(tx, subject, now)
                    raise ServiceError(ErrorCode.INVALID_CREDENTIALS)
                if tx.authenticators.delete(user.id):
                    audit.record(tx, audit.Action.AUTHENTICATOR_DISABLED, current, now)
                    mail.send_notice(
                        tx, current, "Authenticator app disabled",
                        "the authenticator app was removed from your Sigma account; sign-in "
                        "codes now come by email. If this was not you, change your password.",
                        now,
                    )
        return AuthenticatorView(DISABLED, None)
