"""When to clear a copied code from the clipboard, without Qt.

The clipboard is shared with every other program: we clear it only while it still holds what we
put there, so a password the user copied from elsewhere in the meantime is never destroyed. Only a
digest of the copied text is kept, not the code itself.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from desktop_app.core.clock import Clock

DEFAULT_CLEAR_SECONDS = 30


class ClipboardPolicy:
    def __init__(self, clock: Clock, clear_after_seconds: int = DEFAULT_CLEAR_SECONDS) -> None:
        self._clock = clock
        self.clear_after_seconds = clear_after_seconds
        self._salt = os.urandom(16)
        self._digest: bytes | None = None
        self._deadline: float | None = None

    def _fingerprint(self, text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), key=self._salt, digest_size=16).digest()

    def copied(self, text: str) -> None:
        """We just put `text` on the clipboard."""
        self._digest = self._fingerprint(text)
        if self.clear_after_seconds > 0:
            self._deadline = self._clock() + self.clear_after_seconds
        else:
            self._deadline = None  # never clear on a timer; lock and quit still clear

    @property
    def pending(self) -> bool:
        return self._digest is not None

    def seconds_until_due(self) -> float | None:
        """Seconds until the timed clear is due (0 if overdue), None when nothing is scheduled."""
        if self._digest is None or self._deadline is None:
            return None
        return max(0.0, self._deadline - self._clock())

    def is_ours(self, clipboard_text: str) -> bool:
        """Does the clipboard still hold the text we copied?"""
        if self._digest is None:
            return False
        return hmac.compare_digest(self._digest, self._fingerprint(clipboard_text))

    def should_clear_now(self, clipboard_text: str) -> bool:
        """For the timer: True when due and still ours. Forgets the copy once it is due."""
        remaining = self.seconds_until_due()
        if remaining is None or remaining > 0:
            return False
        ours = self.is_ours(clipboard_text)
        self.forget()
        return ours

    def should_clear_on_lock(self, clipboard_text: str) -> bool:
        """For lock and quit: clear regardless of the timer, if it is still ours."""
        ours = self.is_ours(clipboard_text)
        self.forget()
        return ours

    def forget(self) -> None:
        self._digest = None
        self._deadline = None
