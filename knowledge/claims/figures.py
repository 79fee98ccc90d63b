"""Figures, years and months as a pasted text writes them, each with where it stands.

Built on the reader's patterns (knowledge.reading.quantities); a figure also keeps the precision
it is written to: its last significant digit, trailing zeros of a whole number not counted
(`110억` → 10억, `306억` → 1억, `55.7%` → 0.1%). A rate is read to 1% at the coarsest (`70%`,
`100%`), and a count of things or people is exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from knowledge.claims.words import ClaimWords
from knowledge.reading.quantities import (
    COMPARISONS,
    MONEY,
    MONEY_UNITS,
    MONTH,
    MONTH_RANGE,
    NUMBER,
    RATE,
    RELATIVE_YEAR,
    RELATIVE_YEARS,
    REPORT_DATE,
    YEAR,
)

MONEY_UNIT = "천원"
RATE_UNIT = "%"
PEOPLE_UNIT = "명"
ONE = Decimal(1)
# 천원 per unit word; 천 after another unit word is 천원 itself ("8억 5천만원" aside).
UNIT_VALUES = {word: Decimal(value) for word, value in MONEY_UNITS.items()} | {"천": ONE}
WON = Decimal("0.001")
# Multipliers a count may carry ("50만명").
COUNT_MULTIPLIERS = {"만": Decimal(10_000), "천": Decimal(1_000)}
COARSEST_RATE = ONE
# A comparison word after a figure ("90%를 넘었다", "100억원 이상"): the figure is a bound.
COMPARED = re.compile(
    r"(?:\s*[)」』\]])?(?:\s*(?:이|가|을|를|은|는|도|의))?\s*(?:"
    + "|".join(f"(?P<c{i}>{pattern})" for i, (_, pattern) in enumerate(COMPARISONS))
    + ")"
)


@dataclass(frozen=True)
class Written:
    """A figure as written: its value and precision in the report's unit (천원, %, or a count)."""

    text: str
    start: int
    end: int
    value: Decimal
    step: Decimal
    unit: str  # 천원 | % | 명 | 개 | 개소 | 건 | 회
    noun: str | None = None  # "사업" of "54개 사업": what a 개 counts
    point: bool = False  # "%p": a gap between two rates
    comparison: str | None = None  # ">", ">=", "<", "<=": the figure is a bound, not a value

    @property
    def is_count(self) -> bool:
        return self.unit not in (MONEY_UNIT, RATE_UNIT)


@dataclass(frozen=True)
class Anchor:
    """Something placed in a sentence that claims are tied to: a figure, a year or a month."""

    start: int
    end: int
    figure: Written | None = None
    year: int | None = None
    months: tuple[int, int] | None = None


# A day of a month ("8월 9일", "11월 21일부터"): a date, no count of days ("60일 연장").
DAY_OF_MONTH = re.compile(r"\d{1,2}\s*월\s*\d{1,2}\s*일$")


def find_anchors(text: str, words: ClaimWords, report_year: int) -> list[Anchor]:
    """Every figure, year and month in a sentence, in order; the report's own date is skipped."""
    spans: list[tuple[int, int]] = []
    anchors: list[Anchor] = []

    def free(match: re.Match) -> bool:
        return all(match.end() <= s or match.start() >= e for s, e in spans)

    def take(match: re.Match, anchor: Anchor | None) -> None:
        spans.append(match.span())
        if anchor is not None:
            anchors.append(anchor)

    for match in REPORT_DATE.finditer(text):
        take(match, None)
    for match in RELATIVE_YEAR.finditer(text):
        if free(match):
            year = report_year + RELATIVE_YEARS[match.group()]
            take(match, Anchor(match.start(), match.end(), year=year))
    for match in YEAR.finditer(text):
        if free(match):
            take(match, Anchor(match.start(), match.end(), year=_year(match)))
    for pattern in (MONTH_RANGE, MONTH):
        for match in pattern.finditer(text):
            if free(match):
                first = int(match.group("a") if pattern is MONTH_RANGE else match.group("m"))
                last = int(match.group("b")) if pattern is MONTH_RANGE else first
                months = (min(first, last), max(first, last))
                take(match, Anchor(match.start(), match.end(), months=months))
    for match in _count_pattern(words).finditer(text):
        if free(match) and not DAY_OF_MONTH.search(text[: match.start()] + match.group()):
            take(match, Anchor(match.start(), match.end(), figure=_count(match, text)))
    for match in RATE.finditer(text):
        if free(match):
            take(match, Anchor(match.start(), match.end(), figure=_rate(match, text)))
    for match in MONEY.finditer(text):
        if free(match):
            take(match, Anchor(match.start(), match.end(), figure=_money(match, text)))
    return sorted((_bounded(a, text) for a in anchors), key=lambda a: a.start)


def _bounded(anchor: Anchor, text: str) -> Anchor:
    """A figure followed by a comparison word keeps it: `50%를 넘었다` claims more than 50%."""
    if anchor.figure is None:
        return anchor
    match = COMPARED.match(text, anchor.end)
    if match is None or "보" in match.group():
        # "(17.6억원)보다 많다": the figure is what something else is compared with, a value.
        return anchor
    comparison = next(op for i, (op, _) in enumerate(COMPARISONS) if match.group(f"c{i}"))
    return replace(anchor, figure=replace(anchor.figure, comparison=comparison))


def _year(match: re.Match) -> int:
    full = match.group("full") or match.group("full2")
    if full:
        return int(full)
    return 2000 + int(match.group("short") or match.group("bare"))


def _count_pattern(words: ClaimWords) -> re.Pattern[str]:
    counters = "|".join(map(re.escape, words.counters))
    nouns = "|".join(map(re.escape, words.nouns))
    not_before = "|".join(map(re.escape, words.not_before))
    # Not after ’, '.' or 제: dates (’21.3.) and ordinals (제301회) are no counts.
    return re.compile(
        rf"(?<![\d’'.제])(?<!\d,)(?P<num>{NUMBER})\s*(?P<mult>만|천)?\s*(?P<about>여)?\s*"
        rf"(?P<counter>{counters})(?!{not_before})(?:\s?(?P<noun>{nouns}))?"
    )


def _written(text: str, start: int, end: int) -> str:
    """The figure as the reply quotes it, with a 약 written just before it."""
    before = text[max(0, start - 2) : start]
    return ("약 " if before.strip() == "약" else "") + text[start:end].strip()


def _count(match: re.Match, text: str) -> Written:
    multiplier = COUNT_MULTIPLIERS.get(match.group("mult") or "", ONE)
    value = _decimal(match.group("num")) * multiplier
    counter = match.group("counter")
    return Written(
        _written(text, match.start(), match.end()), match.start(), match.end(), value,
        multiplier, counter, match.group("noun"),
    )  # fmt: skip


def _rate(match: re.Match, text: str) -> Written:
    number = match.group("num")
    step = min(_step(number, ONE), COARSEST_RATE)
    return Written(
        _written(text, match.start(), match.end()), match.start(), match.end(),
        _decimal(number), step, RATE_UNIT, point=bool(match.group("point")),
    )  # fmt: skip


def _money(match: re.Match, text: str) -> Written:
    """An amount in 천원 with its precision: `8억 2,400만원` → 824,000 to the nearest 100."""
    if match.group("num3") is not None:
        unit = ONE if "천" in match.group("won3") else WON
        value = _decimal(match.group("num3")) * unit
        step = _step(match.group("num3"), unit)
    else:
        unit = UNIT_VALUES[match.group("mult")]
        value = _decimal(match.group("num")) * unit
        step = _step(match.group("num"), unit)
        if match.group("num2") is not None:
            second = UNIT_VALUES[match.group("mult2")]
            value += _decimal(match.group("num2")) * second
            step = _step(match.group("num2"), second)
    return Written(
        _written(text, match.start(), match.end()), match.start(), match.end(), value, step,
        MONEY_UNIT,
    )  # fmt: skip


def _step(number: str, unit: Decimal) -> Decimal:
    """The place of the last significant digit: decimals count, trailing zeros of a whole do not."""
    digits = number.replace(",", "")
    if "." in digits:
        return unit.scaleb(-len(digits.split(".")[1]))
    significant = digits.rstrip("0")
    zeros = len(digits) - len(significant) if significant else 0
    return unit.scaleb(zeros)


def _decimal(number: str) -> Decimal:
    return Decimal(number.replace(",", ""))
