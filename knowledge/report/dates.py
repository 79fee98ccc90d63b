"""The dates a status bullet writes in brackets (or after its label), as spans of days.

`(’21.8.9.~8.28.)`, `(9.1.)`, `(’21.3.~5.)`, `(’21.7월)`, `(5.12.~6.10.)`, `(’21.8.2.~계속)`:
a bracket that holds nothing but a date or a span of dates. A date without its year is in the
report's year; a month without a day runs from its first day to its last; `~계속` runs to the
year's end. Anything else in brackets (`(3회, 2,460명 참여)`, `(12.9%)`) is not a date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

BRACKET = re.compile(r"\(([^()]{2,30})\)")
# A bullet that labels a span of dates: "위탁기간 : ’21. 11. 21. ∼ ’22. 12. 31.".
LABELLED = re.compile(r"^[^:：()]{1,12}[:：]\s*(.{4,40}?)\s*$")
# One side of a span: an optional year (’21.), then numbers each closed by a dot, or 월.
SIDE = r"(?:[’']\s*(?P<{0}y>\d{{2}})\s*\.\s*)?(?P<{0}n>\d{{1,2}}(?:\s*\.\s*\d{{1,2}})?)\s*(?P<{0}e>\.|월)?"
SPAN = re.compile(
    SIDE.format("a") + r"\s*(?:[~∼→]\s*(?:(?P<open>계속)|" + SIDE.format("b") + r"))?\s*\.?"
)


def dated_spans(text: str, year: int) -> list[tuple[dt.date, dt.date, bool]]:
    """Each bracketed date of the text as (first day, last day, written to the day)."""
    spans = []
    labelled = LABELLED.match(text.strip())
    if labelled is not None and (span := _span(labelled.group(1), year)) is not None:
        spans.append(span)
    for bracket in BRACKET.finditer(text):
        span = _span(bracket.group(1).strip(), year)
        if span is not None:
            spans.append(span)
    return spans


def _span(inside: str, year: int) -> tuple[dt.date, dt.date, bool] | None:
    match = SPAN.fullmatch(inside)
    if match is None:
        return None
    first_year = 2000 + int(match.group("ay")) if match.group("ay") else None
    first = _numbers(match.group("an"))
    # "(5.)" could be anything; a date without a year needs 월 or a day: "(5월)", "(9.1.)".
    if first_year is None and len(first) == 1 and match.group("ae") != "월":
        return None
    to_day = len(first) == 2
    start_year = first_year or year
    start = _day(start_year, *first, last=False)
    if start is None:
        return None
    if match.group("open"):
        return start, dt.date(start_year, 12, 31), to_day
    if match.group("bn") is None:
        end = _day(start_year, *first, last=True)
        return (start, end, to_day) if end else None
    second = _numbers(match.group("bn"))
    end_year = 2000 + int(match.group("by")) if match.group("by") else start_year
    if to_day and len(second) == 1:
        second = [first[0], second[0]]  # "’21.8.9.~28.": the same month
    if not to_day and len(second) == 2:
        return None  # a month then a day: not a span this report writes
    end = _day(end_year, *second, last=True)
    if end is None or end < start:
        return None
    return start, end, to_day


def _numbers(written: str) -> list[int]:
    return [int(n) for n in re.split(r"\s*\.\s*", written) if n]


def _day(year: int, month: int, day: int | None = None, *, last: bool) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    days = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, days if last else 1)
    if not 1 <= day <= days:
        return None
    return dt.date(year, month, day)
