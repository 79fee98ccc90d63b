"""Figures as the report prints them: 천원 with separators, rates as printed, 억원 on request."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

EOK_IN_CHEONWON = 100_000  # 1억원 = 100,000천원
# The one word for the report's `-` (nothing executed), in answers, summaries and charts.
NOT_EXECUTED = "미집행"


def money(amount: int | None) -> str:
    """`30586608` → `30,586,608천원`; the report's `-` (nothing executed) → `0천원(미집행)`."""
    if amount is None:
        return f"0천원({NOT_EXECUTED})"
    return f"{amount:,}천원"


def amount(value: int | None) -> str:
    """`30586608` → `30,586,608천원`; the report's `-` → `미집행` (lists and summaries)."""
    return NOT_EXECUTED if value is None else f"{value:,}천원"


def eok(amount: int | None) -> str:
    """`30586608` (천원) → `약 305.9억원`."""
    if not amount:
        return "0억원"
    value = amount / EOK_IN_CHEONWON
    return f"약 {value:,.1f}억원" if abs(value) >= 0.1 else f"약 {value:,.2f}억원"


def million(amount: int) -> str:
    """`2856832` (천원) → `약 2,857백만원`."""
    value = amount / 1000
    shown = f"{half_up(value, 0):,}" if abs(value) >= 10 else f"{half_up(value, 1):,}"
    return f"{'' if value == int(value) else '약 '}{shown}백만원"


def money_with_eok(amount: int | None) -> str:
    """천원, with 억원 beside it for amounts of 1억 or more."""
    if amount is None or abs(amount) < EOK_IN_CHEONWON:
        return money(amount)
    return f"{money(amount)} ({eok(amount)})"


def half_up(value: float, places: int = 1) -> Decimal:
    """Rounded as people do on paper: 0.05 → 0.1 (Python's round would give 0.0)."""
    step = Decimal(1).scaleb(-places)
    return Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP)


def computed_rate(value: float | None) -> str:
    """A rate this bot computed (a share, a sum's rate): one decimal, half up."""
    if value is None:
        return "-"
    return f"{half_up(value)}%"


def times(percent: float | None) -> str:
    """A ratio this bot computed, from its percentage: `2.96배`, two decimals, half up; a whole
    ratio as it is (`2배`)."""
    if percent is None:
        return "-"
    ratio = percent / 100
    if abs(ratio - round(ratio)) < 1e-9:
        return f"{round(ratio)}배"
    for places in (2, 3, 4):
        # 6.997 is never shown as 7.00배: a ratio short of a whole one is said as short of it.
        shown = half_up(ratio, places)
        if abs(float(shown) - round(ratio)) >= 1e-9:
            return f"{shown}배"
    return f"약 {round(ratio)}배"


def points(value: float) -> str:
    """A gap between two rates: `16.1%p`."""
    return f"{half_up(abs(value))}%p"


def people(count: int | None) -> str:
    return "-" if count is None else f"{count:,}명"


def rate(printed: str | None) -> str:
    """A rate as the report prints it; `-` means nothing was executed."""
    return printed if printed else NOT_EXECUTED


def movement(delta: int) -> str:
    """A change between two reports: `▲1,200` up, `▼300` down (amounts in 천원)."""
    return f"▲{delta:,}" if delta > 0 else f"▼{-delta:,}"


def signed(amount: int | None) -> str:
    """Changes keep the report's own sign: `△58,254천원` is a decrease."""
    if amount is None:
        return "-"
    return f"△{-amount:,}천원" if amount < 0 else f"{amount:,}천원"


def as_of_line(as_of: date, *sources: str) -> str:
    """The closing line of every figure answer: the data's date and where the figures stand."""
    cited = " · ".join(dict.fromkeys(s for s in sources if s))
    return f"기준일 {as_of.isoformat()} · 출처: {cited}" if cited else f"기준일 {as_of.isoformat()}"


def month_label(month_start: date) -> str:
    return f"{month_start.year}년 {month_start.month}월"


RIEUL = 8  # the index of ㄹ among the final consonants of a Hangul syllable


def josa(word: str, with_final: str, without_final: str) -> str:
    """`word` with the particle its last syllable takes: 사업을, 조성으로, 20개소와; (으)로 takes
    로 after ㄹ as after a vowel (서울로)."""
    syllables = [char for char in word if "가" <= char <= "힣"]
    final = (ord(syllables[-1]) - ord("가")) % 28 if syllables else 0
    has_final = final != 0 and not (with_final == "으로" and final == RIEUL)
    return word + (with_final if has_final else without_final)
