"""Figures, dates and positions in a question: `80% 이상`, `1억 5천만원`, `9~10월`, `세 번째`, `2023년`.

Each is found by its written form and taken out of the text, so that what is left is words:
names, measures and the rest, which the scanner reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# A separator left where a figure was taken out; the scanner never joins words across it.
GAP = " § "
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NATIVE_NUMBERS = {
    "한": 1, "첫": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8,
    "아홉": 9, "열": 10,
}  # fmt: skip
NATIVE = "|".join(sorted(NATIVE_NUMBERS, key=len, reverse=True))
NATIVE_COUNT = re.compile(
    r"(?<![가-힣\d])(세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(번|회|곳|군데|개|명|건)(?![가-힣]*째)"
)
# "두 개 이상", "한 명 넘는": one or two, said against a comparison, is a count too.
NATIVE_COMPARED = re.compile(
    r"(?<![가-힣\d])(한|두)\s*(번|회|곳|군데|개|명|건)(?=\s*(?:이상|이하|초과|미만|넘|보다))"
)
# 천원 per unit word: the report's amounts are in 천원.
MONEY_UNITS = {
    "조": 1_000_000_000,
    "억": 100_000,
    "천만": 10_000,
    "백만": 1_000,
    "십만": 100,
    "만": 10,
}

# What may follow a figure to compare with it; particles between them are allowed. "<" is
# tried before ">" so that "넘지 않" is read whole, not as 넘지.
_PARTICLE = r"(?:\s*[)」』\]])?(?:\s*(?:이|가|을|를|은|는|도|의|에도|에))?"
COMPARISONS = (
    (">=", r"이\s*상"),
    ("<=", r"이\s*하|이\s*내"),
    ("<", r"미\s*만|안\s*(?:되|돼|넘|됨|된)|못\s*(?:미치|넘|되|돼)|(?:미치|넘|이르)지\s*(?:못|않)|밑|하\s*회|아\s*래|미\s*달|모자|보\s*다\s*(?:더\s*)?(?:적|작|낮)"),
    (">", r"초\s*과|넘(?:는|은|게|어|나|지|고|었|으면|을|긴|기|겠|네|죠|니|냐)?|상\s*회|웃\s*도|웃\s*돌|보\s*다\s*(?:더\s*)?(?:많|크|큰|높)"),
)  # fmt: skip
_COMPARISON = re.compile(
    _PARTICLE + r"\s*(?:" + "|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(COMPARISONS)) + ")"
)

MONEY = re.compile(
    rf"(?P<num>{NUMBER})\s*(?P<mult>조|억|천만|백만|십만|만)\s*(?:(?P<num2>{NUMBER})\s*(?P<mult2>천만|백만|십만|만|천)\s*)?(?P<won>천\s*원|원)?"
    rf"|(?P<num3>{NUMBER})\s*(?P<won3>천\s*원|원)(?!\s*인\s*행\s*위|회)"
)
RATE = re.compile(
    rf"(?P<num>{NUMBER})\s*(?:%|퍼센트|프로|퍼)(?P<point>\s*(?:p|포인트|퍼센트\s*포인트))?"
)
PEOPLE = re.compile(rf"(?P<num>{NUMBER})\s*명")
# "50곳 넘어", "30개 넘게": a count the prose gives, only as a figure compared with.
# Counters that count the same kind of thing: places and items, times, cases, bodies.
COUNTER_FAMILIES = (
    r"(?:개\s*소|개|곳|군데)", r"(?:회|차례|번)", r"(?:건)", r"(?:개|단체|기관)",
)  # fmt: skip
COUNTERS = r"(?:개\s*소|개|곳|군데|건|회|차례|번|단체|기관)"
COUNTED = re.compile(rf"(?P<num>{NUMBER})\s*(?P<counter>개\s*소|개|곳|군데|건|회|차례|번|석|실)")
COUNTED_UNIT = "개"
SAID_TO_BE = re.compile(
    r"\s*(?:규모|정도|가량)?\s*(?:이|으로|로)?\s*(?:라고|이라고|로\s*알고|으로\s*알고)"
)
# Counters that count only what they name (seats, rooms): the unit of a figure said with them.
OWN_COUNTERS = frozenset({"석", "실"})
# "24석이야?", "30석 맞아?": a count said, then only "is it?".
IS_IT_AFTER = re.compile(
    r"(?:\s*(?:과|부서|세부사업|사업|항목|곳)(?=\s*(?:이|가|로|으로)?\s*(?:맞|이야|야|예요|에요|인가|입니까|이죠|이지|임)))?"
    r"\s*(?:이야|야|이에요|예요|에요|인가요|인가|입니까|이죠|죠|이지|지|임|인\s*거지|인\s*거죠|이지요|어요|어|습니까|나요"
    r"|(?:이|가|로|으로)?\s*(?:맞아요|맞아|맞지|맞죠|맞나요|맞습니까|맞는지요?|맞음|맞냐|맞니))\s*\??\s*$"
)


def counter_family(counter: str) -> str:
    """The counters that count what `counter` counts, as a pattern: 곳 is answered by 개소."""
    return next((f for f in COUNTER_FAMILIES if re.fullmatch(f, counter)), re.escape(counter))


# A number with no unit, and a rate named before it.
BARE = re.compile(
    r"(?<![\d.,])(?P<num>\d{1,3}(?:\.\d+)?)(?![\d.,%])(?!\s*(?:월|일|년|개|명|회|곳|억|만|천|백|원|위|번|건|석|배))"
)
RATE_WORD_BEFORE = re.compile(r"[율률]")
POINT_WORD = re.compile(r"%\s*p|퍼센트\s*포인트|포인트")
SINO_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
SINO_PLACES = {"십": 10, "백": 100, "천": 1000}
# A number in words before a unit: any before 퍼/퍼센트/프로/억; two letters or more before
# 명/개/만원 (one letter there is usually a word: "일명", "구개").
SINO_KOREAN = re.compile(
    r"(?<![가-힣])(?P<n>[일이삼사오육칠팔구십백천]+)(?P<u>\s*(?:퍼센트|퍼|프로|억))"
    r"|(?<![가-힣])(?P<n2>[일이삼사오육칠팔구십백천]{2,})(?P<u2>\s*(?:명|개|만\s*원))"
    r"|(?<![가-힣\d])(?P<n3>천|백|만)(?P<u3>\s*(?:명|개|곳|건|회))"
    r"|(?<![\d.,])(?P<n4>\d+)\s*(?P<p4>천|백|만)(?P<u4>\s*(?:명|개|곳|건|회|석))"
    r"|(?<![가-힣\d.,])(?P<n5>천만|백만|십만)(?=\s*원)(?!\s*원\s*(?:단위|으로|로))"
)
HALF = re.compile(r"절반")
FRACTION = re.compile(r"(?P<whole>\d{1,2})\s*분\s*의\s*(?P<part>\d{1,2})")
# After a figure given as known: "41.0%로 되어 있는데", "250,265천원인데", "23명이나".
# A figure said roughly: "약 788억", "대략 30억", "30억 정도/가량/규모".
ROUGHLY_BEFORE = re.compile(r"(?:약|대략|거의|얼추)\s*$")
ROUGHLY_AFTER = re.compile(r"\s*(?:정도|가량|쯤|내외|남짓|규모)")
PREMISE = re.compile(
    r"\s*(?:으로|로|이|가)?\s*(?:되\s*어|돼|나\s*와|적\s*혀|기재되어|보고되어)?\s*(?:있\s*는데|있\s*으나|있지만)"
    r"|\s*(?:인데|이나|이지만|인데요)(?![가-힣])"
)

REPORT_DATE = re.compile(
    r"(?:(?:20)?21\s*년\s*)?0?8\s*월\s*13\s*일(?:\s*(?:기준|현재))?"
    r"|[’'‘`]?\s*(?:20)?21\s*[.\-/]\s*0?8\s*[.\-/]\s*13\.?(?:\s*(?:기준|현재))?"
)
YEAR = re.compile(
    r"(?<![\d.])(?:(?P<full>(?:19|20)\d\d)\s*년(?:도)?|(?P<full2>(?:19|20)\d\d)(?=\s*(?:예산|결산|세입|세출|회계))"
    r"|[’'‘`]\s*(?P<short>\d\d)(?:\s*년(?:도)?)?(?![\d.])|(?P<bare>[12]\d)\s*년(?:도)?)"
)
# "22년 말까지", "2022년 말에": the end of the year said.
YEAR_END = re.compile(r"\s*말(?=까지|에|경|쯤|로|[^가-힣]|$)")
UNTIL_YEAR = re.compile(r"\s*까지")
RELATIVE_YEARS = {"재작년": -2, "작년": -1, "전년": -1, "지난해": -1, "지난 해": -1,
                  "내년": 1, "다음해": 1, "다음 해": 1, "내후년": 2, "올해": 0, "금년": 0, "당해": 0}  # fmt: skip
# A word of its own: the 당해 of 담당해 is no year.
RELATIVE_YEAR = re.compile(
    "(?<![가-힣])(?:"
    + "|".join(sorted(map(re.escape, RELATIVE_YEARS), key=len, reverse=True))
    + ")"
)

MONTH_RANGE = re.compile(
    r"(?<!\d)(?P<a>1[0-2]|0?[1-9])\s*월?\s*(?:~|∼|-|부터|에서)\s*(?P<b>1[0-2]|0?[1-9])\s*월"
)
MONTH = re.compile(r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\s*월(?!\s*\d)")
# "10월부터 하는 거", "9월 1일 이후 일정": from that month to the year's end.
MONTH_FROM = re.compile(
    r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\s*월\s*(?:(?P<d>[12]\d|3[01]|0?[1-9])\s*일\s*)?"
    r"(?:초\s*)?(?:부터|이후|以後)"
)
DAY = re.compile(r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\s*월\s*(?P<d>[12]\d|3[01]|0?[1-9])\s*일")
# "8월 9일부터 8월 28일까지", "8월 9일~28일": a span of days, both ends asked.
DAY_SPAN = re.compile(
    r"(?<![\d.])(?P<m>1[0-2]|0?[1-9])\s*월\s*(?P<d>[12]\d|3[01]|0?[1-9])\s*일\s*(?:부터|~|∼|～)\s*"
    r"(?:(?P<m2>1[0-2]|0?[1-9])\s*월\s*)?(?P<d2>[12]\d|3[01]|0?[1-9])\s*일(?:\s*까지)?"
)
MONTH_WORDS = {
    "상반기": (1, 6), "하반기": (7, 12), "마지막 달": (12, 12), "마지막달": (12, 12), "연말 달": (12, 12), "1분기": (1, 3), "2분기": (4, 6), "3분기": (7, 9),
    "4분기": (10, 12), "일사분기": (1, 3), "이사분기": (4, 6), "삼사분기": (7, 9), "사사분기": (10, 12),
}  # fmt: skip
MONTH_WORD = re.compile("|".join(MONTH_WORDS))
# Months counted from today: (offset of the first month, offset of the last, or None = December).
RELATIVE_MONTHS = {
    "이번 달": (0, 0), "이번달": (0, 0), "이달": (0, 0), "금월": (0, 0), "당월": (0, 0),
    "다음 달": (1, 1), "다음달": (1, 1), "내달": (1, 1), "익월": (1, 1), "다다음 달": (2, 2),
    "다다음달": (2, 2), "지난 달": (-1, -1), "지난달": (-1, -1), "전월": (-1, -1),
    "연말까지": (0, None), "연말 까지": (0, None), "올해 말까지": (0, None), "올해말까지": (0, None),
    "금년 말까지": (0, None), "금년말까지": (0, None), "년말까지": (0, None),
    "연내": (0, None), "올해 안": (0, None), "올해안": (0, None),
    "남은 기간": (0, None), "앞으로": (0, None),
}  # fmt: skip
RELATIVE_MONTH = re.compile(
    "|".join(sorted(map(re.escape, RELATIVE_MONTHS), key=len, reverse=True))
)
# "두 달 뒤", "3개월 후": that month counted from today.
MONTH_COUNTS = {**NATIVE_NUMBERS, "석": 3, "넉": 4}  # 석 달, 넉 달
MONTHS_AHEAD = re.compile(
    rf"(?P<n>{'|'.join(MONTH_COUNTS)}|\d+)\s*(?:달|개월)\s*(?:뒤|후|뒤에|후에)"
)
# "남은 일정", "남은 행사": what is planned from now to the end of the year.
STILL_PLANNED = re.compile(r"남은(?=\s*(?:일정|행사|계획|스케줄|업무))")

ORDINAL = re.compile(
    rf"(?P<n>{NATIVE}|\d+)\s*(?:번\s*[째쨰]|[째쨰])|(?P<rank>\d+)\s*(?:순\s*위|위|등)(?!원|급|록|기)"
)
TOP = re.compile(
    rf"(?P<dir>상위|하위|top|TOP|Top|탑|베스트|워스트|bottom)\s*(?P<n>{NATIVE}|\d+)?\s*(?:개|곳|위|건|군데)?"
    rf"|(?P<n2>{NATIVE}|\d+)\s*(?:개|곳|건|군데)\s*(?:만|까지|씩|를|을)?(?=\s*(?:\?|$|뽑아|보여|알려|나열|말해|골라|줘|만))"
)


@dataclass(frozen=True)
class Figure:
    """A figure as typed, in the unit the report uses for it, with what it is compared by."""

    value: float
    unit: str  # 천원 | % | 명
    written: str
    comparison: str | None  # ">=", ">", "<=", "<" or None
    segment: int  # how many figures/dates came before it: which words stand next to it
    point: bool = False  # "%p": a gap between two rates
    premise: bool = False  # "41.0%로 되어 있는데 …": given as known, not asked about
    approx: bool = False  # "약 788억 5천만원", "30억 정도": said roughly


@dataclass
class Quantities:
    """What was taken out of the text, and the text left (figures replaced by GAP)."""

    text: str
    figures: list[Figure] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    months: tuple[int, int] | None = None
    day: int | None = None  # "8월 28일": the day of the month in `months`
    last_day: int | None = None  # "8월 9일부터 8월 28일까지": the span's last day (of months[1])
    relative_months: tuple[str, tuple[int, int | None]] | None = None
    month_word: str | None = None
    position: int | None = None
    place_said: bool = False  # "2위": the position said as a place in a ranking
    top: tuple[int | None, bool | None] | None = None  # (how many, descending?)
    report_date: bool = False
    point: bool = False
    fraction: bool = False  # "절반", "3분의 1": a rate said as a part of a whole


def find_quantities(text: str, report_year: int) -> Quantities:
    """Take the figures, dates and positions out of a cleaned question."""
    fraction = bool(HALF.search(text) or FRACTION.search(text))
    text = _digits_for_words(text)
    found = Quantities(text=text, fraction=fraction)
    spans: list[tuple[int, int]] = []

    def take(match: re.Match, whole: bool = True) -> None:
        spans.append((match.start(), match.end()) if whole else match.span())

    def free(match: re.Match) -> bool:
        return all(match.end() <= s or match.start() >= e for s, e in spans)

    def report_year_end(year: re.Match, end: re.Match) -> None:
        """ "올해 말까지", "2021년 말까지": from now to the report year's end, like "연말까지"."""
        if UNTIL_YEAR.match(text, end.end()) and found.relative_months is None:
            found.relative_months = (text[year.start() : end.end()], (0, None))
            take(end)

    for match in REPORT_DATE.finditer(text):
        found.report_date = True
        take(match)
    for match in RELATIVE_YEAR.finditer(text):
        if free(match):
            year = report_year + RELATIVE_YEARS[match.group()]
            found.years.append(year)
            take(match)
            end_of_year = YEAR_END.match(text, match.end())
            if end_of_year is not None and found.months is None and year != report_year:
                found.months = (12, 12)  # "내년 말까지": December of that year, like "22년 말"
                take(end_of_year)
            elif end_of_year is not None and year == report_year:
                report_year_end(match, end_of_year)
    for match in YEAR.finditer(text):
        if not free(match):
            continue
        if match.group("full") or match.group("full2"):
            year = int(match.group("full") or match.group("full2"))
        else:
            year = 2000 + int(match.group("short") or match.group("bare"))
        found.years.append(year)
        take(match)
        end_of_year = YEAR_END.match(text, match.end())
        if end_of_year is not None and found.months is None and year != report_year:
            # "22년 말까지": December of that year (the report's own year-end is its outlook).
            found.months = (12, 12)
            take(end_of_year)
        elif end_of_year is not None and year == report_year:
            report_year_end(match, end_of_year)
        elif UNTIL_YEAR.match(text, match.end()) and found.months is None and year != report_year:
            # "계약 23년까지 맞아?": ending in that year, any month of it.
            found.months = (1, 12)
    for match in RELATIVE_MONTH.finditer(text):
        if free(match) and found.relative_months is None:
            found.relative_months = (match.group(), RELATIVE_MONTHS[match.group()])
            take(match)
    for match in MONTHS_AHEAD.finditer(text):
        if free(match) and found.relative_months is None:
            ahead = MONTH_COUNTS.get(match.group("n")) or int(match.group("n"))
            found.relative_months = (match.group(), (ahead, ahead))
            take(match)
    for match in STILL_PLANNED.finditer(text):
        if found.relative_months is None:
            found.relative_months = (match.group(), (0, None))
        take(match)  # "이번 달 남은 일정": 남은 is no 잔액
    for match in MONTH_WORD.finditer(text):
        if free(match) and found.months is None:
            found.months, found.month_word = MONTH_WORDS[match.group()], match.group()
            take(match)

    def narrows(first: int, last: int) -> bool:
        """No months yet, or only a span said in a word: months said as numbers take its
        place ("하반기 11월까지": November, within the second half; "상반기 숙의 결과 …
        시민총회가 9월 1일": 상반기 names the results, 9월 1일 is the time asked)."""
        if found.months is None:
            return True
        if found.month_word is None:
            return False
        found.month_word = None
        return True

    for match in DAY_SPAN.finditer(text):
        first, last = int(match.group("m")), int(match.group("m2") or match.group("m"))
        if free(match) and first <= last and narrows(first, last):
            found.months, found.day = (first, last), int(match.group("d"))
            found.last_day = int(match.group("d2"))
            take(match)
    for match in MONTH_RANGE.finditer(text):
        first, last = sorted((int(match.group("a")), int(match.group("b"))))
        if free(match) and narrows(first, last):
            found.months = (first, last)
            take(match)
    for match in MONTH_FROM.finditer(text):
        month = int(match.group("m"))
        if match.group("d"):
            # "8월 1일부터 했지?": the day is what a check compares ("8.9.~" is not from 8.1.)
            if free(match) and narrows(month, month):
                found.months, found.day = (month, month), int(match.group("d"))
                take(match)
        elif free(match) and narrows(month, 12):
            found.months = (month, 12)
            take(match)
    for match in DAY.finditer(text):
        month = int(match.group("m"))
        if free(match) and narrows(month, month):
            found.months, found.day = (month, month), int(match.group("d"))
            take(match)
    for match in MONTH.finditer(text):
        month = int(match.group("m"))
        if free(match) and narrows(month, month):
            found.months = (month, month)
            take(match)
    for match in ORDINAL.finditer(text):
        if free(match) and found.position is None:
            number = match.group("n") or match.group("rank")
            found.position = NATIVE_NUMBERS.get(number) or int(number)
            found.place_said = match.group("rank") is not None
            take(match)
    for match in TOP.finditer(text):
        if not free(match) or found.top is not None:
            continue
        number = match.group("n") or match.group("n2")
        count = (NATIVE_NUMBERS.get(number) or int(number)) if number else None
        direction = match.group("dir")
        descending = (
            None if direction is None else direction.lower() not in ("하위", "워스트", "bottom")
        )
        found.top = (count, descending)
        take(match)

    candidates: list[tuple[int, int, float, str, bool]] = []
    for match in MONEY.finditer(text):
        if free(match):
            candidates.append((match.start(), match.end(), _money(match), "천원", False))
    for match in RATE.finditer(text):
        if free(match) and not any(s <= match.start() < e for s, e, *_ in candidates):
            point = bool(match.group("point"))
            candidates.append((match.start(), match.end(), _number(match.group("num")), "%", point))
    for match in PEOPLE.finditer(text):
        if free(match) and not any(s <= match.start() < e for s, e, *_ in candidates):
            candidates.append(
                (match.start(), match.end(), _number(match.group("num")), "명", False)
            )
    for match in COUNTED.finditer(text):
        compared = _COMPARISON.match(text, match.end()) is not None
        compared = compared or IS_IT_AFTER.match(text, match.end()) is not None
        # "업무공간이 100석 규모라고 들었는데": a count said to be so, then checked.
        compared = compared or SAID_TO_BE.match(text, match.end()) is not None
        if compared and free(match) and not any(s <= match.start() < e for s, e, *_ in candidates):
            value = _number(match.group("num"))
            counter = match.group("counter")
            unit = counter if counter in OWN_COUNTERS else COUNTED_UNIT
            candidates.append((match.start(), match.end(), value, unit, False))
    for match in BARE.finditer(text):
        # "징수율 100 넘음?": a bare number compared after a rate word is a rate.
        compared = _COMPARISON.match(text, match.end()) is not None
        rated = RATE_WORD_BEFORE.search(text, 0, match.start()) is not None
        taken = any(s <= match.start() < e for s, e, *_ in candidates)
        if compared and rated and free(match) and not taken:
            candidates.append((match.start(), match.end(), _number(match.group("num")), "%", False))
    for start, end, value, unit, point in sorted(candidates):
        comparison = None
        after = _COMPARISON.match(text, end)
        if after is not None:
            comparison = next(op for i, (op, _) in enumerate(COMPARISONS) if after.group(f"c{i}"))
            end = after.end()
        written = text[start:end].strip()
        premise = PREMISE.match(text, end) is not None
        rough = ROUGHLY_BEFORE.search(text, 0, start) is not None or (
            ROUGHLY_AFTER.match(text, end) is not None
        )
        # The start is kept in `segment` until the gaps are numbered below.
        found.figures.append(Figure(value, unit, written, comparison, start, point, premise, rough))
        spans.append((start, end))
    found.point = any(f.point for f in found.figures) or bool(POINT_WORD.search(text))

    # The text left, with a gap where each piece was taken out; a figure's segment is the number
    # of its gap, so the words of pieces up to it stand before it and the rest after it.
    spans.sort()
    pieces, last = [], 0
    for start, end in spans:
        pieces.append(text[last:start])
        last = max(last, end)
    pieces.append(text[last:])
    found.text = GAP.join(pieces)
    order = {start: number for number, (start, _) in enumerate(spans)}
    found.figures = [replace(f, segment=order[f.segment]) for f in found.figures]
    return found


ONLY_ONE = re.compile(r"(?:하나|한\s*개|한\s*곳|한\s*군데)\s*(?:뿐|밖에\s*없)")


def _digits_for_words(text: str) -> str:
    """`삼십퍼` → `30퍼`, `백퍼` → `100퍼`, `일억` → `1억`, `이십명` → `20명`, `1천 명` → `1000 명`:
    numbers said in words."""

    def digits(match: re.Match) -> str:
        if match.group("n5"):
            return f"1{match.group('n5')}"  # "천만원도 안 되는": one 천만
        if match.group("n4"):
            # "1천 명", "2만 개": digits and a place word.
            value = int(match.group("n4")) * _sino_korean(match.group("p4"))
            return f"{value}{match.group('u4')}"
        number = match.group("n") or match.group("n2") or match.group("n3")
        unit = match.group("u") or match.group("u2") or match.group("u3")
        value = _sino_korean(number)
        return match.group() if value is None else f"{value}{unit}"

    # "다섯 번", "세 곳": a count said in native numbers ("한 번 알려줘" is no count, "두 개"
    # the two just named).
    text = NATIVE_COUNT.sub(lambda m: f"{NATIVE_NUMBERS[m.group(1)]}{m.group(2)}", text)
    text = NATIVE_COMPARED.sub(lambda m: f"{NATIVE_NUMBERS[m.group(1)]}{m.group(2)}", text)
    # "100억 넘는 거 하나뿐이지?": a count of one, said as only one.
    text = ONLY_ONE.sub("1개", text)
    # "절반도 안 되지": half, as a rate; "3분의 1": a third.
    text = FRACTION.sub(_fraction_as_rate, SINO_KOREAN.sub(digits, text))
    return HALF.sub("50%", text)


def _fraction_as_rate(match: re.Match) -> str:
    whole, part = int(match.group("whole")), int(match.group("part"))
    return f"{part / whole * 100:g}%" if whole and part <= whole else match.group()


def _sino_korean(word: str) -> int | None:
    if word == "만":
        return 10_000
    total, current = 0, 0
    for char in word:
        if char in SINO_DIGITS:
            current = SINO_DIGITS[char]
        elif char in SINO_PLACES:
            total += (current or 1) * SINO_PLACES[char]
            current = 0
        else:
            return None
    return total + current or None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _money(match: re.Match) -> float:
    """An amount in 천원: `1억 5천만원` → 150,000; `5,000원` → 5; `30,586,608천원` → 30,586,608."""
    if match.group("num3") is not None:
        value = _number(match.group("num3"))
        return value if "천" in match.group("won3") else value / 1000
    value = _number(match.group("num")) * MONEY_UNITS[match.group("mult")]
    if match.group("num2") is not None:
        unit = match.group("mult2")
        value += _number(match.group("num2")) * (MONEY_UNITS.get(unit, 1) if unit != "천" else 1)
    return value
