"""Parsing /subscribe arguments and finding due slots, with a clock the tests control."""

from datetime import UTC, datetime, timedelta

import pytest

from knowledge.calendar import SEOUL
from services.schedule import (
    DEFAULT,
    ScheduleError,
    Weekly,
    due_slot,
    latest_slot,
    next_slot,
    parse_weekly,
)

PARSED = [
    ("", Weekly(0, 9, 0)),
    ("   ", Weekly(0, 9, 0)),
    ("금 18:00", Weekly(4, 18, 0)),
    ("매주 수요일 8시", Weekly(2, 8, 0)),
    ("수요일 오후 3시 30분", Weekly(2, 15, 30)),
    ("수요일 오후3시30분", Weekly(2, 15, 30)),
    ("fri 18:00", Weekly(4, 18, 0)),
    ("Friday 6pm", Weekly(4, 18, 0)),
    ("tue 7 am", Weekly(1, 7, 0)),
    ("화", Weekly(1, 9, 0)),
    ("18:30", Weekly(0, 18, 30)),
    ("목요일 오전 12시", Weekly(3, 0, 0)),
    ("목요일 오후 12시", Weekly(3, 12, 0)),
    ("토요일 정오", Weekly(5, 12, 0)),
    ("일요일 밤 11시 59분", Weekly(6, 23, 59)),
    ("월 0:00", Weekly(0, 0, 0)),
    ("매주 금18:00", Weekly(4, 18, 0)),
    ("금요일마다 9시 반", Weekly(4, 9, 30)),
    ("수욜 저녁 7시", Weekly(2, 19, 0)),
    ("ｆｒｉ　１８：００", Weekly(4, 18, 0)),
    ("금\u200b 18:00", Weekly(4, 18, 0)),
]


@pytest.mark.parametrize(("text", "expected"), PARSED, ids=[t or "empty" for t, _ in PARSED])
def test_parse_weekly_reads_what_people_type(text, expected):
    assert parse_weekly(text) == expected


BAD = [
    ("25시", "0시부터 23시"),
    ("금 18:75", "분은"),
    ("오후 15시", "1~12시"),
    ("월 금 9시", "하나만"),
    ("매일 9시", "매주 한 번"),
    ("내일 아침", "알아보지 못했습니다"),
    ("'; DROP TABLE subscriptions; --", "알아보지 못했습니다"),
    ("<b>금</b>", "알아보지 못했습니다"),
    ("🙂", "알아보지 못했습니다"),
    ("오후", "시각을 함께"),
    ("가" * 5000, "너무 깁니다"),
]


@pytest.mark.parametrize(("text", "reason"), BAD, ids=[t[:12] for t, _ in BAD])
def test_bad_arguments_get_a_korean_reason_and_an_example(text, reason):
    with pytest.raises(ScheduleError) as caught:
        parse_weekly(text)
    assert reason in str(caught.value)
    assert "/subscribe 금 18:00" in str(caught.value)


def test_describe_is_korean():
    assert Weekly(4, 18, 5).describe() == "매주 금요일 18:05"
    assert DEFAULT.describe() == "매주 월요일 09:00"


def kst(*args) -> datetime:
    return datetime(*args, tzinfo=SEOUL)


MONDAY_9 = Weekly(0, 9, 0)
MONDAY_MIDNIGHT = Weekly(0, 0, 0)

LATEST = [
    ("monday 9:00 exactly", MONDAY_9, kst(2021, 9, 6, 9, 0), kst(2021, 9, 6, 9, 0)),
    ("monday 8:59 is last week", MONDAY_9, kst(2021, 9, 6, 8, 59), kst(2021, 8, 30, 9, 0)),
    ("sunday 23:59 kst", MONDAY_MIDNIGHT, kst(2021, 9, 5, 23, 59), kst(2021, 8, 30, 0, 0)),
    ("monday 00:00 kst", MONDAY_MIDNIGHT, kst(2021, 9, 6, 0, 0), kst(2021, 9, 6, 0, 0)),
    # 2021-09-05 15:00 UTC is Sunday in UTC but already Monday 00:00 in Seoul.
    (
        "utc sunday is kst monday",
        MONDAY_MIDNIGHT,
        datetime(2021, 9, 5, 15, 0, tzinfo=UTC),
        kst(2021, 9, 6, 0, 0),
    ),
    (
        "utc sunday 14:59 is kst sunday",
        MONDAY_MIDNIGHT,
        datetime(2021, 9, 5, 14, 59, tzinfo=UTC),
        kst(2021, 8, 30, 0, 0),
    ),
    ("across new year", Weekly(4, 18, 0), kst(2022, 1, 2, 10, 0), kst(2021, 12, 31, 18, 0)),
]


@pytest.mark.parametrize(
    ("weekly", "now", "expected"), [c[1:] for c in LATEST], ids=[c[0] for c in LATEST]
)
def test_latest_slot(weekly, now, expected):
    assert latest_slot(weekly, now) == expected


def test_next_slot_is_strictly_after():
    assert next_slot(MONDAY_9, kst(2021, 9, 6, 9, 0)) == kst(2021, 9, 13, 9, 0)
    assert next_slot(MONDAY_9, kst(2021, 9, 6, 8, 59, 59)) == kst(2021, 9, 6, 9, 0)
    assert next_slot(MONDAY_MIDNIGHT, kst(2021, 9, 5, 23, 59)) == kst(2021, 9, 6, 0, 0)
    utc_sunday = datetime(2021, 9, 5, 15, 0, 1, tzinfo=UTC)
    assert next_slot(MONDAY_MIDNIGHT, utc_sunday) == kst(2021, 9, 13, 0, 0)


class Clock:
    """A hand-cranked clock: the tests move time, nothing sleeps."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def test_a_week_of_minutes_delivers_exactly_once_per_week():
    clock = Clock(kst(2021, 9, 1, 12, 0))  # Wednesday: subscribed here
    since = clock.now
    delivered: list[datetime] = []
    while clock.now < kst(2021, 9, 20, 12, 0):
        slot = due_slot(MONDAY_MIDNIGHT, clock.now, since, delivered[-1] if delivered else None)
        if slot is not None:
            delivered.append(slot)
        clock.advance(minutes=1)
    assert delivered == [kst(2021, 9, 6, 0, 0), kst(2021, 9, 13, 0, 0), kst(2021, 9, 20, 0, 0)]


def test_subscribing_after_this_weeks_slot_waits_for_next_week():
    since = kst(2021, 9, 6, 9, 5)
    assert due_slot(MONDAY_9, kst(2021, 9, 6, 9, 6), since, None) is None
    assert due_slot(MONDAY_9, kst(2021, 9, 13, 9, 0), since, None) == kst(2021, 9, 13, 9, 0)


def test_down_for_three_weeks_sends_only_the_latest_missed_slot():
    since = kst(2021, 8, 1)
    last = kst(2021, 8, 16, 9, 0)
    back_up = kst(2021, 9, 8, 14, 0)
    assert due_slot(MONDAY_9, back_up, since, last) == kst(2021, 9, 6, 9, 0)
    assert due_slot(MONDAY_9, back_up, since, kst(2021, 9, 6, 9, 0)) is None


def test_weekly_rejects_impossible_values():
    with pytest.raises(ScheduleError):
        Weekly(7, 9, 0)
    with pytest.raises(ScheduleError):
        Weekly(0, 24, 0)
