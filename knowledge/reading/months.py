"""Which months a question means: `10월`, `9~11월`, `하반기`, and `이번 달` counted from today.

Months counted from today fall back to the report's 기준일 when the report plans nothing then
(a 2021 report read in a later year), and the reply says which months were taken.
"""

from __future__ import annotations

from datetime import date

from knowledge.reading.quantities import Quantities
from knowledge.reading.question import Months


def month_start(year: int, month: int) -> date:
    """The first day of a month, months past December or before January rolling the year."""
    year += (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


def resolve_months(
    found: Quantities, as_of: date, today: date | None, planned: frozenset[date]
) -> Months | None:
    """The span of months asked for, or None when the question names none."""
    if found.relative_months is not None:
        said, (first, last) = found.relative_months
        for anchor, anchored_on in ((today, "오늘"), (as_of, "보고서 기준일")):
            if anchor is None:
                continue
            start = month_start(anchor.year, anchor.month + first)
            end = month_start(anchor.year, 12 if last is None else anchor.month + last)
            if any(start <= month <= end for month in planned) or anchor == as_of:
                label = _span_label(start, end)
                if anchored_on == "오늘":
                    note = f"‘{said}’: {label}"
                else:
                    note = (
                        f"‘{said}’: 오늘 기준으로는 보고서({as_of.isoformat()} 기준)에 계획이 없어 "
                        f"기준일부터 셌습니다 → {label}"
                    )
                return Months(start, end, note)
    if found.months is not None:
        first, last = found.months
        year = found.years[0] if found.years else as_of.year
        start, end = month_start(year, first), month_start(year, last)
        said = found.month_word or _span_label(start, end)
        if found.day is not None and found.last_day is not None:
            label = f"{first}월 {found.day}일~{last}월 {found.last_day}일"
            return Months(start, end, label, found.day, found.last_day)
        if found.day is not None:
            return Months(start, end, f"{said} {found.day}일", found.day)
        return Months(start, end, said)
    return None


def _span_label(start: date, end: date) -> str:
    if start == end:
        return f"{start.year}년 {start.month}월"
    if start.year == end.year:
        return f"{start.year}년 {start.month}~{end.month}월"
    return f"{start.year}년 {start.month}월~{end.year}년 {end.month}월"
