"""Password sign-in with a required second factor (contract: Authentication).

1. `start`: email + password -> an mfa token and the methods the user may finish with; when
   email is the only method a code is emailed at once.
2. `send_email_code`: the fallback, a fresh emailed code (30 s cooldown).
3. `finish`: mfa token + method + code -> a session.
Password, app-code and email-code failures all feed the user's one throttle.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from server_stub.domain import app_codes, audit, mail, throttle
from server_stub.domain.accounts import normalize_email
from server_stub.domain.app_code_use import accept_app_code
from server_stub.domain.context import DomainContext, transaction_keeping_refusals
from server_stub.domain.errors import (
    ErrorCode,
    ServiceError,
    rejected_code,
    too_many_attempts,
)
from server_stub.domain.secret_box import totp_context
from server_stub.domain.sessions import (
    MFA_TOKEN_LIFETIME_SECONDS,
    issue_mfa_token,
    open_session,
    token_hash,
)
from server_stub.domain.views import ENABLED, UserView, authenticator_status, user_view
from server_stub.store import Repositories
from server_stub.store.records import UserRecord

logger = logging.getLogger("server_stub.sign_in")

APP = "app"
EMAIL = "email"


@dataclass(frozen=True)
class Challenge:
    mfa_token: str
    methods: list[str]
    expires_in: int


@dataclass(frozen=True)
class EmailCodeSent:
    sent_to: str
    expires_in: int


@dataclass(frozen=True)
class SignedIn:
    token: str
    user: UserView


def _app_enabled(user: UserRecord, now: float) -> bool:
    return authenticator_status(user.authenticator, now) == ENABLED


class SignIn:
    def __init__(self, ctx: DomainContext) -> None:
        self._ctx = ctx

    def start(self, email: str, password: str) -> Challenge:
        ctx = self._ctx
        address = normalize_email(email)
        with ctx.db.read() as tx:
            user = tx.users.find_by_email(address)
        subject = (
            throttle.user_subject(user.id) if user else throttle.unknown_email_subject(address)
        )
        with ctx.attempt_locks.hold(subject):
            with transaction_keeping_refusals(ctx.db) as tx:
                throttle.refuse_if_waiting(tx, subject, ctx.clock(), user)
            if user is not None and user.org.auth_method == "sso":
                raise ServiceError(ErrorCode.SSO_REQUIRED)
            if user is None:
                accepted = ctx.passwords.verify_decoy(password)
            else:
                accepted = ctx.passwords.verify(user.password_hash, password)
            # Hash outside the transaction: argon2 must not hold the database's write lock.
            rehashed = (
                ctx.passwords.hash(password)
                if user is not None and accepted and ctx.passwords.needs_rehash(user.password_hash)
                else None
            )
            now = ctx.clock()
            with transaction_keeping_refusals(ctx.db) as tx:
                if user is None or not accepted:
                    throttle.count_failure(tx, subject, now)
                    if user is not None:
                        audit.record(tx, audit.Action.LOGIN_FAILED, user, now)
                    logger.info("password refused for %s", subject if user else "an unknown email")
                    raise ServiceError(ErrorCode.INVALID_CREDENTIALS)
                if rehashed is not None:  # the cost parameters went up since this hash was made
                    tx.users.set_password_hash(user.id, rehashed)
                return self._challenge(tx, user, now)

    def _challenge(self, tx: Repositories, user: UserRecord, now: float) -> Challenge:
        mfa_token = issue_mfa_token(tx, user, now)
        if _app_enabled(user, now):
            methods = [APP, EMAIL]
        else:
            methods = [EMAIL]
            mail.send_login_code(tx, self._ctx.box, user, now)
        return Challenge(mfa_token, methods, MFA_TOKEN_LIFETIME_SECONDS)

    def send_email_code(self, mfa_token: str) -> EmailCodeSent:
        ctx = self._ctx
        now = ctx.clock()
        with ctx.db.write() as tx:
            user = self._challenged_user(tx, mfa_token, now)
            wait = mail.seconds_until_resend(tx, user.id, now)
            if wait:
                raise too_many_attempts(wait, "codes requested")
            mail.send_login_code(tx, ctx.box, user, now)
        return EmailCodeSent(user.email, mail.EMAIL_CODE_LIFETIME_SECONDS)

    def finish(self, mfa_token: str, method: str, code: str) -> SignedIn:
        ctx = self._ctx
        if method not in (APP, EMAIL):
            raise ServiceError(ErrorCode.INVALID_REQUEST, "method must be 'app' or 'email'.")
        if not app_codes.is_well_formed(code):
            raise ServiceError(ErrorCode.INVALID_REQUEST, "code must be exactly 6 digits (0-9).")
        with ctx.db.read() as tx:
            user = self._challenged_user(tx, mfa_token, ctx.clock())
        subject = throttle.user_subject(user.id)
        with ctx.attempt_locks.hold(subject), transaction_keeping_refusals(ctx.db) as tx:
            now = ctx.clock()
            # Read again inside the write lock: the token, the last step and the codes are
            # what they are now, not what they were a moment ago.
            user = self._challenged_user(tx, mfa_token, now)
            if method == APP and not _app_enabled(user, now):
                raise ServiceError(
                    ErrorCode.INVALID_REQUEST,
                    "This account has no authenticator app; use the method 'email'.",
                )
            throttle.refuse_if_waiting(tx, subject, now, user)
            if method == APP:
                check = self._check_app_code(tx, user, code, now)
                accepted, replayed = check.step is not None, check.replayed
            else:
                accepted, replayed = self._accept_email_code(tx, user, code, now), False
            if not accepted:
                throttle.count_failure(tx, subject, now)
                audit.record(tx, audit.Action.LOGIN_FAILED, user, now)
                raise rejected_code(replayed)
            if not tx.mfa_tokens.consume(token_hash(mfa_token), now):
                raise ServiceError(ErrorCode.INVALID_MFA_TOKEN)
            throttle.clear(tx, subject)
            audit.record(tx, audit.Action.LOGIN_SUCCEEDED, user, now)
            session_token = open_session(tx, user, now)
            return SignedIn(session_token, user_view(user, now))

    def _challenged_user(self, tx: Repositories, mfa_token: str, now: float) -> UserRecord:
        user_id = tx.mfa_tokens.live_user_id(token_hash(mfa_token), now)
        user = tx.users.get(user_id) if user_id is not None else None
        if user is None:
            raise ServiceError(ErrorCode.INVALID_MFA_TOKEN)
        return user

    def _check_app_code(
        self, tx: Repositories, user: UserRecord, code: str, now: float
    ) -> app_codes.CodeCheck:
        assert user.authenticator is not None  # checked by the caller: enabled
        secret = self._ctx.box.open(user.authenticator.secret_sealed, totp_context(user.id))
        return accept_app_code(tx, user, secret.decode("ascii"), code, now)

    def _accept_email_code(
        self, tx: Repositories, user: UserRecord, code: str, now: float
    ) -> bool:
        open_code = mail.matching_email_code(tx, self._ctx.box, user.id, code, now)
        return open_code is not None and tx.email_codes.close(open_code.id, now)
