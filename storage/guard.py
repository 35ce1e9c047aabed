"""Guards for the advisor area and join codes: constant-time password checks, growing delays."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time

__all__ = ["password_matches", "Throttle"]


def password_matches(given: str, expected: str) -> bool:
    """Compare in constant time (digests first, so the length of the secret does not leak either)."""
    if not expected:
        return False
    digest = lambda text: hashlib.sha256(text.encode("utf-8")).digest()  # noqa: E731
    return hmac.compare_digest(digest(given or ""), digest(expected))


class Throttle:
    """Counts recent failures per key (e.g. "login", "cohort") across all sessions of a process.

    ``delay(key)`` grows with each failure - base, 2x base, 4x base ... up to ``ceiling`` seconds -
    and failures older than ``window`` seconds are forgotten. Nothing personal is kept: keys are
    fixed names, not users or addresses.
    """

    def __init__(self, base: float = 0.5, ceiling: float = 8.0, window: float = 900.0):
        self.base, self.ceiling, self.window = base, ceiling, window
        self._failures: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        recent = [t for t in self._failures.get(key, []) if now - t < self.window]
        self._failures[key] = recent
        return recent

    def delay(self, key: str) -> float:
        with self._lock:
            failures = len(self._recent(key, time.monotonic()))
        return 0.0 if failures == 0 else min(self.ceiling, self.base * 2 ** (failures - 1))

    def failed(self, key: str) -> None:
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())

    def succeeded(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)
