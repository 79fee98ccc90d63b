"""Per-person question limit over a sliding window: allowed, one notice, then silence."""

from __future__ import annotations

import enum
import time
from collections import deque
from collections.abc import Callable


class Verdict(enum.Enum):
    ALLOWED = "allowed"
    # The first question over the limit: tell the person once.
    NOTICE = "notice"
    # Every further one until the window has room again: say nothing.
    SILENT = "silent"


class RateLimiter:
    """At most `limit` allowed questions per person in any `window` seconds.

    Refused questions do not count, so someone who keeps trying is back as soon as their
    oldest allowed question leaves the window. `limit` 0 turns the limiter off.
    """

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._allowed: dict[int, deque[float]] = {}
        self._noticed: set[int] = set()
        self._next_sweep = 0.0

    def check(self, person: int) -> Verdict:
        """Record a question from `person` and say whether to answer it."""
        if self.limit <= 0:
            return Verdict.ALLOWED
        now = self.clock()
        self._sweep(now)
        times = self._allowed.setdefault(person, deque())
        while times and now - times[0] >= self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._noticed.discard(person)
            return Verdict.ALLOWED
        if person in self._noticed:
            return Verdict.SILENT
        self._noticed.add(person)
        return Verdict.NOTICE

    def tracked(self) -> int:
        """How many people the limiter currently remembers."""
        return len(self._allowed)

    def _sweep(self, now: float) -> None:
        # Forget quiet people once a window, so memory follows the active crowd only.
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.window
        for person in [
            p for p, times in self._allowed.items() if not times or now - times[-1] >= self.window
        ]:
            del self._allowed[person]
            self._noticed.discard(person)
