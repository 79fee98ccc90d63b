"""The typed question: everything a person asked, decided once by the reader, no database needed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# What a question asks for. The engine hands each to its planner and writer; nothing downstream
# decides again what was asked.
FIGURES = "figures"  # measures of named subjects
SUM = "sum"  # a measure added up over subjects, or over a group
AVERAGE = "average"  # a measure's mean over a group (its total over how many)
DIFFERENCE = "difference"  # one measure of two subjects, or two measures of one subject
SHARE = "share"  # a subject's part of its whole (the bureau, or its 과)
COUNT = "count"  # how many of a group meet the conditions
LIST = "list"  # the members of a group that meet the conditions
RANK = "rank"  # a group ordered by a measure: the n-th, or the top n
CHECK = "check"  # yes or no: does a subject meet a condition
PLANS = "plans"  # 향후계획: by subject, month or words
TEXT = "text"  # a fact from a project's text
DUTY = "duty"  # which 과 handles something
DUTIES = "duties"  # a 과's 주요업무
ORGANIZATION = "organization"  # the bureau, its 과 and where it came from
VISION = "vision"  # Ⅱ: the bureau's vision, its 추진방향 and 추진전략 (with their 추진사업)
PARTS = "parts"  # several questions in one message, answered in turn
HELP = "help"
CLARIFY = "clarify"  # several things fit about equally: ask with buttons
NOT_HELD = "not_held"  # the report does not hold what was asked
NOT_FOUND = "not_found"  # words that name nothing the report has
AUDIT = "audit"  # where the report disagrees with itself
WHY = "why"  # the source and the SQL behind the last answer
# An operation, not a kind of answer: "A는 B의 몇 배" is a SHARE written as times.
TIMES = "times"


@dataclass(frozen=True)
class Subject:
    """Something the report has figures or text about.

    kind: bureau | division | line (Ⅳ) | project_row (a row of a Ⅲ budget table) | revenue |
    project (a Ⅲ flagship project) | plan (a 향후계획 item) | unit (a body the bureau came from).
    """

    kind: str
    name: str
    division: str | None = None
    project_no: int | None = None
    ref: int | str | None = None  # line number, plan position: what tells it apart in its table


@dataclass(frozen=True)
class Condition:
    """A test on a measure: against a figure (`value`), or against another measure (`other`)."""

    measure: str
    comparison: str  # ">=", ">", "<=", "<", "=", "!=", "is_null", "not_null", "in" (words)
    value: float | None = None  # in the measure's unit (천원, %, 명)
    other: str | None = None
    written: str = ""  # as typed ("80%", "1억"), for the reply
    gap: bool = False  # the test is on measure − other ("정원 현원 차이 3명")
    times: bool = False  # the test is on measure against value × other ("작년의 네 배 넘게")
    approx: float = 0.0  # "약 788억 5천만원": equal within this much (half the figure's last unit)
    # The test is against the bureau's own figure of the measure ("국 전체 집행률보다 낮은 과").
    whole: bool = False


@dataclass(frozen=True)
class Group:
    """A set of things: 세부사업, 과, 세입 항목, 주요사업 예산표 행, 향후계획; narrowed by a 과."""

    kind: str  # line | division | revenue | project_row | project
    division: str | None = None
    project_no: int | None = None
    conditions: tuple[Condition, ...] = ()
    parent: str | None = None  # a revenue item whose items are meant ("경상적세외수입 안에서")
    under: bool = False  # its items at any depth, not only those right under it
    leaves: bool = False  # only items with none under them ("세부항목")
    # 세부사업 picked by a word of their names ("마을 관련 사업", "갈등관리 사업 몇 개"): their
    # line numbers, and the word as said, for the reply.
    lines: tuple[int, ...] = ()
    named: str = ""
    # 세부사업 left out of the set by name ("구단위계획형은 빼고"): the names, for the reply
    # (`lines` then holds the rest).
    without: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ranking:
    descending: bool
    position: int | None = None  # "세 번째로 큰": 3
    count: int | None = None  # "상위 3개": 3
    of: str | None = None  # "공유서울 확산은 예산 순위 몇 위?": where this one stands
    said_direction: bool = False  # the question said 높은/낮은 (a follow-up keeps the last one)
    said_place: bool = False  # "예산 2위": a place in a ranking, not the Nth item listed


@dataclass(frozen=True)
class Months:
    """A span of months, inclusive, and how the reply should name it."""

    first: date
    last: date
    said: str
    day: int | None = None  # a day of the one month asked ("8월 28일"), for checks of dates
    last_day: int | None = None  # a span's last day ("8월 9일부터 8월 28일까지"), of `last`


@dataclass(frozen=True)
class Question:
    """What was asked. Fields not used by `asks` stay empty."""

    asks: str
    subjects: tuple[Subject, ...] = ()
    group: Group | None = None
    measures: tuple[str, ...] = ()
    ranking: Ranking | None = None
    check: Condition | None = None
    months: Months | None = None
    words: tuple[str, ...] = ()  # content words to look for in the report's text
    hints: tuple[str, ...] = ()  # words that only break ties (a name's own words, keywords)
    unit: str | None = None  # the counter asked for ("몇 명" → 명)
    in_eok: bool = False  # amounts wanted in 억원 as well
    in_million: bool = False  # amounts wanted in 백만원 as well ("백만원 단위로")
    not_held: tuple[str, ...] = ()  # what was asked that the report does not hold
    choices: tuple[Subject, ...] = ()  # for CLARIFY: the candidates
    rest: str = ""  # the question without the name, asked again when a choice is tapped
    parts: tuple[Question, ...] = ()  # for PARTS
    note: str = ""  # a line the reply must carry (e.g. which months "이번 달" was taken as)
    skipped: tuple[str, ...] = ()  # verb forms the reader did not know, left out (the reply says)
    # for TEXT: what of a fact is asked — "when" (its dates), "why" (its reason), "count" (one
    # count, the one the asked word labels)
    facet: str = ""
    # The question states the opposite of its check ("20명 아니지?"): 예 means the check fails.
    denied: bool = False
    # What was set aside to ask of the rest ("사회협력과 말고는 다 …?": 사회협력과).
    besides: str = ""
