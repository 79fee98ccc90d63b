"""Weekly delivery times: parse what people type after /subscribe, and find the slots due.

Pure and clock-free: every function takes the instant it reasons about, so tests drive time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from knowledge.calendar import ENGLISH_WEEKDAYS, SEOUL, TIME_WORDS, WEEKDAY_LETTERS, WEEKDAY_NAMES

_AFTERNOON = TIME_WORDS["afternoon"]
_MORNING = TIME_WORDS["morning"]
_FILLERS = TIME_WORDS["fillers"]
# Time words written against a number or a weekday ("오후3시") are spaced out before reading.
_SPACED = re.compile("(" + "|".join(map(re.escape, TIME_WORDS["spaced"])) + ")")

EXAMPLE = "예) /subscribe 금 18:00 · /subscribe 매주 수요일 8시 · /subscribe 수요일 오후 3시 30분"
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)

_DAY_LETTERS = "".join(WEEKDAY_LETTERS)
_DAY_RE = re.compile(rf"^([{_DAY_LETTERS}])(?:요일|욜)?(?:마다|에)?$")
_CLOCK_RE = re.compile(r"^(\d{1,2})[:시](\d{1,2})?(?:분)?$")
_HOUR_RE = re.compile(r"^(\d{1,2})(?:시|h|pm|am)?$")
_MINUTE_RE = re.compile(r"^(\d{1,2})분$")


class ScheduleError(ValueError):
    """A /subscribe argument we cannot read; the message is the Korean reply."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"{reason}\n{EXAMPLE}")
        self.reason = reason


@dataclass(frozen=True)
class Weekly:
    """Once a week at `hour:minute` on `weekday` (Monday = 0), Seoul time."""

    weekday: int = 0
    hour: int = 9
    minute: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.weekday <= 6 and 0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise ScheduleError("요일이나 시각이 올바르지 않습니다.")

    def describe(self) -> str:
        return f"매주 {WEEKDAY_NAMES[self.weekday]} {self.hour:02d}:{self.minute:02d}"


DEFAULT = Weekly()


def _normalise(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).lower()
    # Split "8시30분" / "오후3시" / "금18:00" into tokens people would have spaced.
    text = re.sub(r"(요일|욜)", r"\1 ", text)
    text = _SPACED.sub(r" \1 ", text)
    text = re.sub(r"(\d+\s*시)\s*(\d+\s*분|반)", r"\1 \2", text)
    text = re.sub(rf"(^|\s)([{_DAY_LETTERS}])\s*(?=\d)", r"\1\2 ", text)
    text = re.sub(r"(\d)\s*(pm|am|p\.m\.|a\.m\.)", r"\1 \2", text)
    text = re.sub(r"(\d+)\s+(시|분)", r"\1\2", text)
    return [token for token in re.split(r"[\s,]+", text) if token]


def parse_weekly(text: str) -> Weekly:
    """Read `금 18:00`, `매주 수요일 8시`, `수요일 오후 3시 30분`, `fri 6pm`; empty = default."""
    if len(text) > 200:
        raise ScheduleError("입력이 너무 깁니다. 요일과 시각만 적어 주세요.")
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    meridiem: str | None = None
    for token in _normalise(text):
        if token in _FILLERS:
            continue
        day = _DAY_RE.match(token)
        english_day = ENGLISH_WEEKDAYS.get(token.rstrip("."))
        if day or english_day is not None:
            found = WEEKDAY_LETTERS.index(day.group(1)) if day else english_day
            if weekday is not None and weekday != found:
                raise ScheduleError("요일은 하나만 정할 수 있습니다.")
            weekday = found
            continue
        if token in _AFTERNOON or token in _MORNING:
            meridiem = "pm" if token in _AFTERNOON else "am"
            continue
        if token in TIME_WORDS["noon"]:
            hour, minute = 12, 0
            continue
        if token in ("반", "30분") and hour is not None and minute is None:
            minute = 30
            continue
        clock = _CLOCK_RE.match(token) if hour is None else None
        if clock:
            hour = int(clock.group(1))
            minute = int(clock.group(2)) if clock.group(2) else None
            continue
        bare_hour = _HOUR_RE.match(token) if hour is None else None
        if bare_hour:
            hour = int(bare_hour.group(1))
            if token.endswith(("pm", "am")):
                meridiem = token[-2:]
            continue
        minutes = _MINUTE_RE.match(token) if hour is not None and minute is None else None
        if minutes:
            minute = int(minutes.group(1))
            continue
        if token in TIME_WORDS["daily"]:
            raise ScheduleError("요약은 매주 한 번 보내 드립니다. 요일을 하나 정해 주세요.")
        raise ScheduleError("요일과 시각을 알아보지 못했습니다.")
    if hour is not None and meridiem is not None:
        if not 1 <= hour <= 12:
            raise ScheduleError("오전/오후와 함께 쓸 때는 1~12시로 적어 주세요.")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour is None and meridiem is not None:
        raise ScheduleError("시각을 함께 적어 주세요.")
    if hour is not None and not 0 <= hour <= 23:
        raise ScheduleError("시각은 0시부터 23시 사이로 적어 주세요.")
    if minute is not None and not 0 <= minute <= 59:
        raise ScheduleError("분은 0부터 59 사이로 적어 주세요.")
    return Weekly(
        weekday=DEFAULT.weekday if weekday is None else weekday,
        hour=DEFAULT.hour if hour is None else hour,
        minute=minute or 0,
    )


def _at(day: date, weekly: Weekly) -> datetime:
    return datetime.combine(day, time(weekly.hour, weekly.minute), tzinfo=SEOUL)


def latest_slot(weekly: Weekly, now: datetime) -> datetime:
    """The last scheduled instant at or before `now` (aware, Seoul time)."""
    local = now.astimezone(SEOUL)
    day = local.date() - timedelta(days=(local.weekday() - weekly.weekday) % 7)
    slot = _at(day, weekly)
    if slot > local:
        slot = _at(day - timedelta(days=7), weekly)
    return slot


def next_slot(weekly: Weekly, after: datetime) -> datetime:
    """The first scheduled instant strictly after `after` (aware, Seoul time)."""
    return _at(latest_slot(weekly, after).date() + timedelta(days=7), weekly)


def due_slot(
    weekly: Weekly, now: datetime, since: datetime, last_slot: datetime | None
) -> datetime | None:
    """The one slot to deliver now, or None.

    Only the latest slot counts, so a bot that was down for weeks sends one summary, not a
    backlog; slots before `since` (when the subscription was made or changed) never count,
    and neither does a slot already in the delivery log (`last_slot` or earlier).
    """
    slot = latest_slot(weekly, now)
    if slot < since or (last_slot is not None and slot <= last_slot):
        return None
    return slot
