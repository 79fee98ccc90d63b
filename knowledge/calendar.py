"""Calendar words in one place: the Seoul time zone, weekday names and the time words of
data/calendar.toml."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

_CALENDAR = tomllib.loads(
    (Path(__file__).resolve().parent.parent / "data" / "calendar.toml").read_text(encoding="utf-8")
)

SEOUL = ZoneInfo(_CALENDAR["time_zone"])
# Monday = 0, as date.weekday() counts.
WEEKDAY_NAMES: tuple[str, ...] = tuple(_CALENDAR["weekdays"]["names"])
WEEKDAY_LETTERS: tuple[str, ...] = tuple(_CALENDAR["weekdays"]["letters"])
ENGLISH_WEEKDAYS: dict[str, int] = {
    word: day for day, words in enumerate(_CALENDAR["weekdays"]["english"]) for word in words
}
# Words read around a weekday and a time (afternoon, morning, fillers, noon, daily).
TIME_WORDS: dict[str, tuple[str, ...]] = {
    kind: tuple(words) for kind, words in _CALENDAR["time_words"].items()
}


def today_in_seoul() -> date:
    """Today's date in Seoul, whatever the machine's time zone."""
    return datetime.now(SEOUL).date()


def weekday_letter(day: date) -> str:
    """`월` for a Monday."""
    return WEEKDAY_LETTERS[day.weekday()]


def month_day_time(moment: datetime) -> str:
    """`9월 13일(월) 09:00` in Seoul time."""
    local = moment.astimezone(SEOUL)
    return f"{local.month}월 {local.day}일({weekday_letter(local.date())}) {local:%H:%M}"
