"""The broadcast's pacer: never more than the limit in any window, and no slower than needed."""

import asyncio
import time

from services.delivery import Pacer, seconds_to_next_minute


async def paced_sends(pacer: Pacer, count: int, latency: float) -> list[tuple[float, float]]:
    """(start, end) of each simulated request sent through the pacer, one at a time."""
    spans = []
    for _ in range(count):
        async with pacer.slot():
            start = time.monotonic()
            await asyncio.sleep(latency)
            spans.append((start, time.monotonic()))
    return spans


async def test_no_window_ever_holds_more_than_the_limit():
    spans = await paced_sends(Pacer(rate=5, period=0.2), 16, latency=0.005)
    # A server receives each request somewhere inside its span; count the worst case.
    for index in range(len(spans) - 5):
        assert spans[index + 5][0] - spans[index][1] >= 0.2
    elapsed = spans[-1][1] - spans[0][0]
    assert 0.6 <= elapsed < 0.9  # three full windows after the first burst of five


async def test_a_429_pauses_every_send():
    pacer = Pacer(rate=100)
    pacer.pause(0.15)
    started = time.monotonic()
    await paced_sends(pacer, 1, latency=0)
    assert time.monotonic() - started >= 0.15


async def test_zero_means_unlimited():
    started = time.monotonic()
    await paced_sends(Pacer(rate=0), 200, latency=0)
    assert time.monotonic() - started < 0.2


def test_ticks_wake_just_after_the_minute():
    assert seconds_to_next_minute(now=120.0) == 60.5
    assert abs(seconds_to_next_minute(now=179.9) - 0.6) < 1e-9
