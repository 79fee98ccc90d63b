"""Random network faults for the fake Bot API: 502s, 429s and 429 storms, slow answers,
dropped connections, and outages during which nothing listens.

A dropped connection before a send was carried out looks exactly like one after it to the
bot (no answer either way), and the bot never resends such a send, so that no one sees a
reply twice (bot/transport.py). Sends are therefore only dropped after they were carried
out ("lost"); requests that are harmless to repeat are dropped either way.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from fakebot import FakeBotApi, Fault

from bot.transport import is_repeatable


@dataclass
class Chaos:
    """Call with (method, params) for each request: a Fault or None. Pass as `api.chaos`."""

    seed: int = 1
    share: float = 0.08
    storm_seconds: float = 1.5
    # Storms come apart: every request of a storm is refused, back-to-back ones never end.
    calm_seconds: float = 5.0
    slow_seconds: tuple[float, float] = (0.2, 1.0)
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.random = random.Random(self.seed)
        self._storm_until = 0.0

    def __call__(self, method: str, params: dict) -> Fault | None:
        if time.monotonic() < self._storm_until and method != "getUpdates":
            self.counts["429 storm"] += 1
            return Fault.rate_limited(1)
        if self.random.random() >= self.share:
            return None
        kind = self.random.choice(("502", "429", "storm", "slow", "reset"))
        self.counts[kind] += 1
        if kind == "502":
            return Fault.server_error(502)
        if kind == "storm" and time.monotonic() > self._storm_until + self.calm_seconds:
            self._storm_until = time.monotonic() + self.storm_seconds
            return Fault.rate_limited(1)
        if kind in ("429", "storm"):
            return Fault.rate_limited(1)
        if kind == "slow":
            return Fault.slow(self.random.uniform(*self.slow_seconds))
        safe = method == "getUpdates" or is_repeatable(method)
        return Fault.reset() if safe and self.random.random() < 0.5 else Fault.lost()

    async def outages(self, api: FakeBotApi, every: float, seconds: float, count: int) -> None:
        """`count` outages of `seconds`, one every `every` seconds (connections refused)."""
        for _ in range(count):
            await asyncio.sleep(every)
            self.counts["outage"] += 1
            await api.outage(seconds)
