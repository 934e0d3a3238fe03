"""Codes computed once per period per account.

With thousands of accounts, a repaint must not run HMAC for every row every second. The view only
asks for the rows it paints, and each (credential, time step) pair is computed once.
"""

from __future__ import annotations

from desktop_app.core.accounts import Account, OtpType
from desktop_app.core.otp import hotp, time_step

# Entries are small; this bound only matters when someone scrolls through 10,000 accounts.
DEFAULT_MAX_ENTRIES = 8192


def _credential(account: Account) -> tuple:
    # The id alone is not enough: an edit keeps the id but may change the secret or parameters.
    return (account.id, account.secret, account.algorithm, account.digits, account.period)


class CodeCache:
    def __init__(self, max_entries: int = DEFAULT_MAX_ENTRIES) -> None:
        self._codes: dict[tuple, str] = {}
        self._max_entries = max_entries
        self.computed = 0  # how many codes were actually computed (benchmarks and tests read it)

    def _step(self, account: Account, now: float) -> tuple[OtpType, int]:
        if account.type is OtpType.HOTP:
            return OtpType.HOTP, account.counter
        return OtpType.TOTP, time_step(now, account.period)

    def code(self, account: Account, now: float, steps_ahead: int = 0) -> str:
        """The code at `now`, or `steps_ahead` periods (TOTP) / counter values (HOTP) later."""
        kind, step = self._step(account, now)
        step += steps_ahead
        key = (*_credential(account), kind, step)
        code = self._codes.get(key)
        if code is None:
            if len(self._codes) >= self._max_entries:
                self._codes.clear()
            # TOTP is HOTP of the time step, so one function serves both (and the next code).
            code = hotp(account.key, step, digits=account.digits, algorithm=account.algorithm)
            self._codes[key] = code
            self.computed += 1
        return code

    def next_code(self, account: Account, now: float) -> str:
        return self.code(account, now, steps_ahead=1)

    def clear(self) -> None:
        self._codes.clear()

    def __len__(self) -> int:
        return len(self._codes)

