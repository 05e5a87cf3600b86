"""Passwords: kept only as Argon2id hashes (argon2-cffi, with its recommended parameters), checked
two at a time at most, and guessed five times per name in a quarter of an hour at most."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ground.errors import Refused

MIN_PASSWORD_LENGTH = 12
HASHES_AT_ONCE = 2
"""Each Argon2 hash takes 64 MiB: more at once would only let many logins grow the server."""
_hasher = PasswordHasher()
_hashing = threading.BoundedSemaphore(HASHES_AT_ONCE)
# Checked when the user is unknown, so that a wrong name takes as long as a wrong password.
NOBODY_HASH = _hasher.hash("nobody has this password")


def hashed(password: str) -> str:
    with _hashing:
        return _hasher.hash(password)


def matches(password_hash: str, password: str) -> bool:
    with _hashing:
        try:
            return _hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False


def needs_rehash(password_hash: str) -> bool:
    """Made with older parameters than argon2-cffi's recommended ones."""
    return _hasher.check_needs_rehash(password_hash)


class TooManyAttempts(Refused):
    """A name refused ``FailedLogins.limit`` times lately: no password is checked for it for a while."""

    def __init__(self, minutes: int) -> None:
        super().__init__(f"too many refused logins for this name; try again in {minutes} minutes")
        self.minutes = minutes


@dataclass
class FailedLogins:
    """The refused logins of the last ``window_seconds``, by the name typed, in this process's
    memory only (the name may be a password typed in the wrong field: it is never written). After
    ``limit`` of them a name waits until the oldest is ``window_seconds`` old. Unknown names count
    like users' names, so that the wait does not tell which names exist."""

    limit: int = 5
    window_seconds: float = 15 * 60
    most_names: int = 10_000
    _refused: dict[str, deque[float]] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, name: str) -> None:
        """``TooManyAttempts`` while ``name`` has to wait."""
        now = time.monotonic()
        with self._lock:
            times = list(self._recent(name, now)) if name in self._refused else []
        if len(times) >= self.limit:
            raise TooManyAttempts(max(1, math.ceil((times[-self.limit] + self.window_seconds - now) / 60)))

    def refused(self, name: str) -> None:
        now = time.monotonic()
        with self._lock:
            self._recent(name, now).append(now)
            if len(self._refused) > self.most_names:
                self._refused.pop(next(iter(self._refused)))

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._refused.pop(name, None)

    def _recent(self, name: str, now: float) -> deque[float]:
        times = self._refused.setdefault(name, deque(maxlen=self.limit))
        while times and times[0] <= now - self.window_seconds:
            times.popleft()
        return times
