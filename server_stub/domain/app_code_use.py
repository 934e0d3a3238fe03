"""Using up an app code: the one place where a matched step becomes the user's last step."""

from __future__ import annotations

from server_stub.domain.app_codes import CodeCheck, check_code
from server_stub.store import Repositories
from server_stub.store.records import UserRecord


def accept_app_code(
    tx: Repositories, user: UserRecord, secret: str, code: str, now: float
) -> CodeCheck:
    """Check `code` and, if it fits, move the user's last accepted step forward to it.

    The step moves by a conditional UPDATE, so when two requests race with the same code the
    loser sees no row changed and is told it replayed, whatever it had read before.
    """
    check = check_code(secret, code, now, user.last_totp_step)
    if check.step is not None and not tx.users.advance_totp_step(user.id, check.step):
        return CodeCheck(None, replayed=True)
    return check
