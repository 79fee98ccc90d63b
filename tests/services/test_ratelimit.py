"""The per-person question limit, driven by a hand-moved clock (no sleeping)."""

import pytest

from services.ratelimit import RateLimiter, Verdict


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_up_to_the_limit_is_allowed_then_one_notice_then_silence(clock):
    limiter = RateLimiter(3, window=60, clock=clock)
    verdicts = [limiter.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ALLOWED] * 3 + [Verdict.NOTICE] + [Verdict.SILENT] * 2


def test_other_people_are_unaffected(clock):
    limiter = RateLimiter(2, window=60, clock=clock)
    for _ in range(5):
        limiter.check(1)
    assert [limiter.check(2), limiter.check(2), limiter.check(2)] == [
        Verdict.ALLOWED,
        Verdict.ALLOWED,
        Verdict.NOTICE,
    ]


@pytest.mark.parametrize(
    ("later", "verdict"),
    [(59.9, Verdict.SILENT), (60.0, Verdict.ALLOWED)],
    ids=["just-inside-the-window-still-silent", "window-passed-allowed-again"],
)
def test_the_window_is_sliding_and_counts_only_allowed_questions(clock, later, verdict):
    limiter = RateLimiter(2, window=60, clock=clock)
    limiter.check(1)
    clock.now += 30
    limiter.check(1)
    limiter.check(1)  # notice
    # Retrying while refused does not push the end of the silence further out.
    for _ in range(10):
        clock.now += 1
        limiter.check(1)
    clock.now = 1000.0 + later
    assert limiter.check(1) is verdict


def test_after_the_window_a_new_excess_gets_a_new_notice(clock):
    limiter = RateLimiter(1, window=60, clock=clock)
    assert [limiter.check(1), limiter.check(1)] == [Verdict.ALLOWED, Verdict.NOTICE]
    clock.now += 60
    assert [limiter.check(1), limiter.check(1)] == [Verdict.ALLOWED, Verdict.NOTICE]


def test_zero_turns_the_limit_off(clock):
    limiter = RateLimiter(0, clock=clock)
    assert {limiter.check(1) for _ in range(1000)} == {Verdict.ALLOWED}


def test_quiet_people_are_forgotten(clock):
    limiter = RateLimiter(5, window=60, clock=clock)
    for person in range(1000):
        limiter.check(person)
    clock.now += 61
    limiter.check(5000)
    assert limiter.tracked() == 1
