"""What the stub emails: login codes and security notices, all delivered to the outbox."""

from __future__ import annotations

import hmac
import math
import secrets

from server_stub.domain.secret_box import SecretBox
from server_stub.store import Repositories
from server_stub.store.records import EmailCodeRecord, OutboxRecord, UserRecord

EMAIL_CODE_LIFETIME_SECONDS = 10 * 60
RESEND_COOLDOWN_SECONDS = 30


def _code_digest(box: SecretBox, user_id: int, code: str) -> bytes:
    return box.digest(f"email-code:user:{user_id}:{code}".encode())


def send_login_code(tx: Repositories, box: SecretBox, user: UserRecord, now: float) -> None:
    """Email a fresh 6-digit code; any older open code stops working."""
    code = f"{secrets.randbelow(10**6):06d}"
    tx.email_codes.add(
        user.id, _code_digest(box, user.id, code), now, now + EMAIL_CODE_LIFETIME_SECONDS
    )
    minutes = EMAIL_CODE_LIFETIME_SECONDS // 60
    tx.outbox.add(
        OutboxRecord(
            to_email=user.email,
            subject="Your Sigma verification code",
            body=(
                f"Hello {user.name},\n\nyour Sigma verification code is {code}.\n"
                f"It works once and expires in {minutes} minutes. If you did not try to sign "
                "in, change your password."
            ),
            code=code,
            sent_at=now,
        )
    )


def seconds_until_resend(tx: Repositories, user_id: int, now: float) -> int:
    last = tx.email_codes.last_sent_at(user_id)
    if last is None:
        return 0
    remaining = last + RESEND_COOLDOWN_SECONDS - now
    return math.ceil(remaining) if remaining > 0 else 0


def matching_email_code(
    tx: Repositories, box: SecretBox, user_id: int, code: str, now: float
) -> EmailCodeRecord | None:
    """The user's open code if `code` is it (compared in constant time), else None."""
    open_code = tx.email_codes.open_code(user_id, now)
    if open_code is None:
        return None
    if not hmac.compare_digest(open_code.code_digest, _code_digest(box, user_id, code)):
        return None
    return open_code


def send_notice(tx: Repositories, user: UserRecord, subject: str, text: str, now: float) -> None:
    tx.outbox.add(
        OutboxRecord(
            to_email=user.email,
            subject=subject,
            body=f"Hello {user.name},\n\n{text}",
            code=None,
            sent_at=now,
        )
    )
