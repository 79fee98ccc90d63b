"""Follow-ups: a message that lacks a part of a question takes it from the conversation's last one.

`그럼 지출액은?` keeps the subject and changes the measure, `사회협력과는?` keeps the measure and
changes the subject, `그 중에 제일 낮은 건?` narrows the last set, `두 번째는?` moves along the
last ranking. A message complete on its own is read on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from knowledge.reading import question as q
from knowledge.reading.question import Condition, Group, Question, Ranking, Subject

# Questions a later message can build on.
FOLLOWABLE = frozenset(
    {q.FIGURES, q.SUM, q.DIFFERENCE, q.SHARE, q.COUNT, q.LIST, q.RANK, q.CHECK, q.PLANS, q.TEXT,
     q.DUTIES, q.CLARIFY}
)  # fmt: skip
# The kinds of thing that hold figures; a follow-up's measure is asked of these.
HOLDERS = frozenset({"bureau", "division", "line", "project_row", "revenue"})
# At most this many things are taken as "all of them" (a longer list is asked about by its set).
MAX_EVERY = 12
# Of the things talked about one by one, at most this many are "each of them".
MAX_RECENT = 5
RATE_SUFFIX = "_rate"
CHANGE = (
    "change_amount",
    "budget_2020",
    "change_rate",
)  # a revenue item against last year  # committed_rate, spent_rate, collection_rate, outlook_rate


@dataclass(frozen=True)
class Told:
    """What a message said by itself, before anything is taken from the conversation."""

    subjects: tuple[Subject, ...] = ()  # named in the message
    measures: tuple[str, ...] = ()
    set_word: bool = False  # 세부사업, 과, 세입 항목 …
    conditions: tuple[Condition, ...] = ()
    ranking: Ranking | None = None
    operations: frozenset[str] = frozenset()
    months: bool = False
    narrow: bool = False  # 그중, 그 중에, 것만, 거기서
    intent: bool = False  # asks for something of its own: plans, duties, text, scope …
    why: bool = False  # 왜?, 근거는?, 출처는?
    eok: bool = False
    words: tuple[str, ...] = ()  # words that named nothing by themselves
    that: bool = False  # 그거, 그 사업, 거기: points back at what was just said
    office: bool = False  # 그 과, 그 부서: the 과 of what was just said
    both: bool = False  # 둘, 두 과, 둘 다: the two things just talked about
    three: bool = False  # 셋, 세 과, 셋 중: the three things just talked about
    last_year: bool = False  # 작년, 전년, 2020년
    rebased: bool = False  # "원인행위 기준으로 하면?": the same question on another basis
    asks_division: bool = False  # 담당 부서, 어느 과, 소관
    counted: bool = False  # 몇 명, 몇 개 … of no measure: a count the text gives
    people: bool = False  # 인원, 몇 명: head counts only
    others: bool = False  # 다른 과는?, 나머지는?: the rest of the set the last thing is in
    compare: bool = False  # 비교하면, 대비: set beside what was just talked about
    # "그 중 제일 낮은 과 예산은?": the measure is said after the ranked set word — it is what
    # is shown of the ranked item, not what ranks it.
    shown_after: bool = False
    reason: bool = False  # 왜, 이유, 사유: the reason asked, not where it is written
    last: bool = False  # 마지막 거: the last item of what was just listed
    every: bool = False  # 각각, 다, 전부, 그 세 사업: every one of what was just listed
    whether: bool = False  # "… 있어?": whether there is one (예/아니요 first)

    @property
    def compares_with_before(self) -> bool:
        """`국 전체에서 몇 퍼센트야?`, `시민참여과랑 비교하면 몇 배?`: one thing named, or only the
        bureau as the whole; the other side is the thing talked about before."""
        named = [s for s in self.subjects if s.kind != "bureau"]
        if q.SHARE in self.operations and q.TIMES not in self.operations:
            return not named or self.that  # "그게 갈등관리협치과 예산의 몇 %": that, of it
        return len(named) <= 1 and len(self.subjects) <= 1

    @property
    def complete(self) -> bool:
        """A question that needs nothing from before."""
        if self.narrow:
            return False
        if self.set_word and self.conditions and any(c.other for c in self.conditions):
            return True  # "현원이 정원보다 적은 과": a set picked by two of its own measures
        if self.operations & {q.SHARE, q.TIMES, q.DIFFERENCE} and self.compares_with_before:
            return False
        named = [s for s in self.subjects if s.kind != "bureau"]
        if q.SUM in self.operations and len(named) == 1 and not self.set_word:
            return False  # "갈등관리협치과랑 합치면?": with the thing talked about before
        asks = bool(self.measures or self.intent or self.operations or self.ranking)
        listed = bool(self.measures or self.conditions or self.intent or self.operations)
        # "두 번째는 어느 과?" names the set but asks only a position in the last ranking.
        # "전체 세부사업 목록": the set of the whole bureau, said in full.
        whole_set = self.set_word and bool(self.subjects) and not named
        return (bool(self.subjects) and asks) or (self.set_word and listed) or whole_set


@dataclass(frozen=True)
class Before:
    """What a conversation holds for its next message: the last question understood, the
    things talked about (oldest first) and what the last answer listed (in its order)."""

    question: Question
    recent: tuple[Subject, ...] = ()
    listed: tuple[Subject, ...] = ()
    earlier: Question | None = None  # the question understood before the last one
    ranked: tuple[Subject, ...] = ()  # the things ranked in turn ("제일 높은 데", "꼴찌는?")


Relative = Callable[[tuple[Subject, ...], tuple[str, ...]], tuple[Subject, ...]]
Holders = Callable[[Subject, tuple[str, ...]], tuple[Subject, ...]]


def follow(
    before: Before,
    current: Question,
    told: Told,
    relative: Relative,
    holders: Holders,
    unit_of: Callable[[str], str] | None = None,
) -> Question:
    """The question a follow-up asks, given what the conversation holds.

    `relative` reads words against the last subjects (`조성사업은?` after 서울혁신파크 운영);
    `holders` gives what holds a subject's figures; `unit_of` gives a measure's unit.
    """
    previous, recent = before.question, before.recent
    reason_of_fact = previous.asks == q.TEXT and previous.subjects and previous.facet != "why"
    if told.why and told.reason and reason_of_fact:
        # "왜?" after a fact of a project's text: the reason its text gives for that fact
        # (the source of a text answer is already on it).
        return replace(previous, facet="why", check=None)
    if told.why:
        return Question(q.WHY)
    if previous.asks not in FOLLOWABLE:
        return current
    within = _within_whole(previous, told)
    if within is not None:
        return within
    if told.others and not told.subjects and previous.subjects and previous.group is None:
        # "다른 과는?": the same figures for every one of its kind, to read the rest by.
        first = previous.subjects[0]
        measures = told.measures or previous.measures
        if first.kind == "division" and measures:
            return Question(q.LIST, group=Group("division"), measures=measures)
        if first.kind == "line" and first.division and measures:
            return Question(q.LIST, group=Group("line", division=first.division), measures=measures)
    if previous.subjects and told.words and not told.subjects and previous.asks != q.CLARIFY:
        # "조성사업은?" after 서울혁신파크 운영: a word read against the last subjects.
        nearby = relative(previous.subjects, told.words)
        if nearby:
            told = replace(told, subjects=nearby, intent=False, set_word=False, words=())
            if current.asks == q.CLARIFY:
                # Asked back alone, the word is clear after what was just talked about.
                current = Question(q.FIGURES, subjects=nearby, measures=told.measures)
    revenue = [s for s in previous.subjects if s.kind == "revenue"]
    if (
        told.last_year
        and revenue
        and not told.subjects
        and current.asks in (q.NOT_HELD, q.NOT_FOUND)
    ):
        # "작년이랑 비교하면?" after a revenue item: the revenue table has the ’20 budget.
        measures = tuple(m for m in told.measures if m != "budget") or CHANGE
        return Question(q.FIGURES, subjects=tuple(revenue), measures=measures)
    if told.both and not told.subjects and previous.asks == q.RANK and not told.ranking:
        # "제일 높은 데" then "꼴찌는?" then "둘이 몇 %p 차이야": the two ranked ones.
        asks = next((a for a in (q.DIFFERENCE, q.SUM) if a in told.operations), None)
        two = [s for s in before.ranked if s.kind in HOLDERS][-2:]
        if asks is not None and len(two) == 2 and previous.measures:
            measures = told.measures[:1] or previous.measures[:1]
            return Question(asks, subjects=tuple(two), measures=measures)
    if told.both and not told.subjects:
        # "두 과 합치면 몇 명?", "둘 중 집행률 높은 건?": the two things just talked about.
        combined = _combined(previous, told, recent, unit_of, before.earlier) or _ranked_recent(
            previous, told, recent
        )
        if combined is not None:
            return combined
    if told.three and not told.subjects:
        # "셋 중 지출 집행률 제일 낮은 곳은?": the three things just talked about.
        ranked = _ranked_recent(previous, told, recent, count=3)
        if ranked is not None:
            return ranked
        three = [s for s in recent if s.kind in HOLDERS][-3:]
        if q.SUM in told.operations and previous.group is None and len(three) == 3:
            # "셋 합치면?" after three things asked one by one: all three, added up.
            measures = told.measures[:1] or previous.measures[:1] or ("budget",)
            return Question(q.SUM, subjects=tuple(three), measures=measures)
    if (
        told.subjects and all(s.kind == "bureau" for s in told.subjects)
        and not told.measures and previous.measures and current.asks == q.FIGURES
        and not told.operations and not told.intent and not told.compare
    ):  # fmt: skip
        # "전체는 몇 명이야?" after the 과 with most 개방형: the bureau's figure of that measure.
        return replace(current, measures=previous.measures[:1])
    if (
        told.compare and told.ranking is not None and len(told.subjects) == 1
        and not told.operations  # ("보다 몇 %p 높아?": the gap, read by _combined)
        and previous.asks == q.FIGURES and len(previous.subjects) == 1
        and told.subjects[0] not in previous.subjects and previous.measures
    ):  # fmt: skip
        # "갈등관리협치과랑 비교하면 어디가 더 높아?" after 지역공동체과 집행률: both, side by side
        # on the measure just asked.
        measures = told.measures or previous.measures
        return Question(q.FIGURES, subjects=(*previous.subjects, told.subjects[0]),
                        measures=measures, in_eok=previous.in_eok)  # fmt: skip
    of_division = _lines_of_last_division(previous, current, told)
    if of_division is not None:
        return of_division
    if told.complete:
        if (
            previous.group is not None
            and current.group is not None
            and (previous.group.kind == current.group.kind)
        ):
            # "원인행위 집행률 90% 넘는 과" then "거꾸로 70% 안 되는 과는?": the rate said
            # alone is the last set's.
            said = tuple(_of_last_set(c, previous.group, told) for c in current.group.conditions)
            if said != current.group.conditions:
                measures = tuple(dict.fromkeys(c.measure for c in said))
                return replace(current, group=replace(current.group, conditions=said),
                               measures=measures + tuple(m for m in current.measures
                                                         if m not in measures
                                                         and not m.endswith("_rate")))  # fmt: skip
        return current
    if previous.asks == q.CLARIFY:
        return _picked(previous, current, told, relative)
    combined = _combined(previous, told, recent, unit_of, before.earlier)
    if combined is not None:
        return combined
    if previous.group is not None:
        return _narrowed(previous, current, told) or current
    if previous.asks == q.PLANS:
        return _plans(previous, current, told) or current
    if previous.subjects:
        return _same_subjects(previous, current, told, relative, holders) or current
    return current


def _lines_of_last_division(previous: Question, current: Question, told: Told) -> Question | None:
    """ "세부사업 목록" or "세부사업 중 제일 큰 거" after a question about one 과: that 과's
    세부사업, not all 43 (the bureau said — "전체 세부사업" — keeps them all)."""
    group = current.group
    if group is None or group.kind != "line" or group.division or group.lines or told.subjects:
        return None
    if not (told.set_word or told.narrow):
        return None  # "지출한 건?" names no set: another measure of the 과 itself
    if previous.group is not None or not previous.subjects:
        return None
    if {s.kind for s in previous.subjects} != {"division"} or len(previous.subjects) != 1:
        return None
    return replace(current, group=replace(group, division=previous.subjects[0].name))


def every_listed(before: Before, told: Told, holders: Holders | None = None) -> Question | None:
    """ "그거 예산 다 합치면?", "각각 지출액은?", "둘 다 지출 집행률은?" after several things were
    listed or talked about: all of them, added up or each shown — never the first alone. The
    reader asks it before it reads a follow-up as about one thing just said (`_meant`)."""
    if not (told.every or told.both) or told.subjects or told.ranking or told.conditions:
        return None
    listed = tuple(s for s in before.listed if s.kind in HOLDERS)
    if len(listed) < 2:
        listed = tuple(s for s in before.question.subjects if s.kind in HOLDERS)
    if len(listed) < 2:
        # "각각 담당 과는?" after three things asked one by one: those talked about, of the
        # kind of the last (two for 둘).
        recent = [s for s in before.recent if s.kind in HOLDERS]
        kind = recent[-1].kind if recent else None
        same = tuple(s for s in recent if s.kind == kind)
        listed = same[-2:] if told.both else same[-MAX_RECENT:]
    if len(listed) < 2 or len(listed) > MAX_EVERY:
        return None
    kinds = {s.kind for s in listed}
    if len(kinds) > 1:
        return None

    def held(measures: tuple[str, ...]) -> tuple[Subject, ...]:
        """What holds these figures of each (a line's row of Ⅲ for the year-end outlook)."""
        if holders is None:
            return listed
        found = tuple(h for s in listed for h in (holders(s, measures) or (s,)))
        return tuple(dict.fromkeys(found))

    if q.SUM in told.operations:
        measures = told.measures[:1] or before.question.measures[:1] or ("budget",)
        return Question(q.SUM, subjects=held(measures), measures=measures)
    if told.operations:
        return None
    if told.measures:
        return Question(q.FIGURES, subjects=held(told.measures), measures=told.measures)
    if told.asks_division and kinds <= {"line", "project_row"}:
        return Question(q.FIGURES, subjects=listed, measures=("budget",), note="division")
    return None


def _within_whole(previous: Question, told: Told) -> Question | None:
    """ "그중 징수율이 가장 낮은 항목은?" after the revenue total, "그 중 제일 큰 사업은?" after a
    과: the parts of the whole just shown, ranked."""
    if not (told.narrow and (told.ranking or told.conditions)) or told.subjects:
        return None
    if previous.group is not None:
        return None
    if len(previous.subjects) != 1:
        return None
    whole = previous.subjects[0]
    if whole.kind == "revenue" and whole.name == "합계":
        group = Group("revenue", leaves=True)
    elif whole.kind == "revenue":
        # "그 중 …" after 세외수입 or a subtotal: the items under it.
        group = Group("revenue", parent=whole.name, under=True, leaves=True)
    elif whole.kind == "division":
        group = Group("line", division=whole.name)
    elif whole.kind == "bureau":
        group = Group("division")
    else:
        return None
    measures = told.measures or previous.measures[:1] or ("budget",)
    if not told.ranking:
        # "그 중 징수율 100% 넘는 항목은?": the parts that meet the condition.
        return Question(q.LIST, group=replace(group, conditions=told.conditions), measures=measures)
    return Question(q.RANK, group=group, measures=measures, ranking=told.ranking)


def text_sum(previous: Question, told: Told) -> Question | None:
    """ "이를 합한 총인원은?", "다 더하면?" after the counts of a bullet: those counts, added up."""
    if (
        previous.asks == q.TEXT
        and previous.unit is not None
        and q.SUM in told.operations
        and all(s.kind == "bureau" for s in told.subjects)  # 총 says "all", not the bureau
        # "총인원" names the head counts; after counts of people it means those people.
        and (not told.measures or (previous.unit == "명" and told.people))
    ):
        return replace(previous, note="sum", check=None)
    return None


def _picked(previous: Question, current: Question, told: Told, relative: Relative) -> Question:
    """After "어느 것을 찾으시나요?", a word that fits one candidate picks it."""
    picked = relative(previous.choices, told.words) if told.words else ()
    if len(picked) == 1:
        return (
            replace(current, asks=q.FIGURES, subjects=picked)
            if current.asks != q.FIGURES
            else current
        )
    return current


def _narrowed(previous: Question, current: Question, told: Told) -> Question | None:
    """The last set, narrowed (`그중 미집행인 거`), ranked (`그 중에 제일 낮은 건?`), moved along
    (`두 번째는?`), or asked of another measure (`지출액은?`)."""
    group = previous.group
    divisions = [s for s in told.subjects if s.kind == "division"]
    if told.subjects and not divisions:
        return None
    if not (told.narrow or told.conditions or told.ranking or divisions or told.measures
            or told.operations or told.eok):  # fmt: skip
        return None
    said = tuple(_of_last_set(c, group, told) for c in told.conditions)
    kept = tuple(c for c in group.conditions if not any(_opposite(c, n) for n in said))
    conditions = kept + tuple(c for c in said if c not in kept)
    division = divisions[0].name if divisions and group.kind != "division" else group.division
    narrowed = replace(group, conditions=conditions, division=division)
    measures = told.measures or previous.measures
    tested = {c.measure for c in told.conditions}
    if not measures and tested:
        measures = ("budget",)  # "거기서 한 푼도 안 쓴 건?" after a list: shown with budgets
    elif told.measures and set(told.measures) <= tested:
        # "거기서 한 푼도 안 쓴 건?": the measure only says what the condition tests; the
        # things are shown with what the list showed (their budget) beside it.
        measures = tuple(dict.fromkeys((*(previous.measures or ("budget",)), *told.measures)))
    if told.ranking is not None or (previous.asks == q.RANK and not told.operations):
        ranking = _ranking(previous.ranking, told.ranking)
        reordered = (told.ranking is not None and told.ranking.said_direction) or told.rebased
        if previous.asks == q.RANK and (not reordered or told.shown_after):
            # "그중 네 번째 사업의 지출 집행률은?": the last order, and the measure to show.
            measure = previous.measures[:1]
            rest = tuple(m for m in told.measures + previous.measures[1:] if m not in measure)
        else:
            measure = (told.measures or previous.measures or ("budget",))[:1]
            rest = tuple(m for m in previous.measures if m not in measure)
        return Question(q.RANK, group=narrowed, measures=measure + rest, ranking=ranking,
                        in_eok=told.eok or previous.in_eok)  # fmt: skip
    asks = next((a for a in (q.SUM, q.AVERAGE, q.COUNT) if a in told.operations), None)
    if asks is None:
        asks = previous.asks if previous.asks in (q.LIST, q.COUNT) else q.LIST
    if asks in (q.SUM, q.AVERAGE) and not told.measures:
        # "그 중 집행률 50% 안 되는 거" then "합치면?": their money is added, not the rates the
        # set was picked by.
        measures = ("budget",)
    # ("그 중에 100% 다 쓴 거 있어?": whether there is one, 예/아니요 first, as asked alone)
    note = "exists" if told.whether and asks in (q.LIST, q.COUNT) else ""
    return Question(asks, group=narrowed, measures=measures, in_eok=told.eok or previous.in_eok,
                    note=note)  # fmt: skip


def _of_last_set(condition: Condition, group: Group, told: Told) -> Condition:
    """A rate said alone after a set picked by a rate ("징수율 100% 넘는 세입" then "50% 안
    되는 건?") is that rate, not the 지출 집행률 a bare % is read as."""
    rates = [c.measure for c in group.conditions if c.measure.endswith("_rate")]
    if told.measures or not rates or not condition.measure.endswith("_rate"):
        return condition
    return replace(condition, measure=rates[0])


def _opposite(old: Condition, new: Condition) -> bool:
    """Whether a threshold said after a set's own, on the same measure, excludes it ("100%
    넘는 거" then "반대로 50%도 안 되는 건?"): the new one takes its place, not narrows it."""
    if old.measure != new.measure or old.value is None or new.value is None:
        return False
    if old.comparison in (">", ">=") and new.comparison in ("<", "<="):
        return new.value <= old.value
    if old.comparison in ("<", "<=") and new.comparison in (">", ">="):
        return new.value >= old.value
    return False


def _ranking(previous: Ranking | None, told: Ranking | None) -> Ranking:
    if told is None:
        return previous or Ranking(descending=True)
    if previous is None:
        return told
    # "두 번째는?" keeps the last direction; "두 번째로 낮은 건?" says its own.
    return replace(told, descending=told.descending if told.said_direction else previous.descending)


def _plans(previous: Question, current: Question, told: Told) -> Question | None:
    """`지역공동체과 것만`, `10월 것만`: the last plans, narrowed."""
    if not (told.subjects or told.months or told.narrow):
        return None
    subjects = (
        tuple(s for s in told.subjects if s.kind in ("division", "project")) or previous.subjects
    )
    months = current.months if told.months else previous.months
    facet = previous.facet
    if told.months:
        # "9월은?" after August's dated status bullets: the plans again where some run then
        facet = current.facet if current.asks == q.PLANS else previous.facet.replace("done", "")
    return replace(previous, subjects=subjects, months=months, words=(), facet=facet)


def _same_subjects(
    previous: Question, current: Question, told: Told, relative: Relative, holders: Holders
) -> Question | None:
    """Another measure of the same things, or the same measure of another thing."""
    if told.measures or (told.eok and not told.subjects):
        if told.subjects:
            return None
        subjects = tuple(h for s in previous.subjects for h in (holders(s, told.measures) or (s,)))
        subjects = tuple(s for s in subjects if s.kind in HOLDERS) or previous.subjects
        if previous.asks in (q.SUM, q.DIFFERENCE) and len(subjects) >= 2 and told.measures:
            return replace(previous, subjects=subjects, measures=told.measures[:1],
                           in_eok=told.eok or previous.in_eok)  # fmt: skip
        measures = told.measures or previous.measures
        return Question(q.FIGURES, subjects=subjects, measures=measures,
                        in_eok=told.eok or previous.in_eok)  # fmt: skip
    subjects = told.subjects or relative(previous.subjects, told.words)
    if not subjects:
        return None
    if previous.asks in (q.FIGURES, q.CHECK, q.SHARE, q.DIFFERENCE, q.SUM):
        measures = previous.measures
        subjects = tuple(h for s in subjects for h in (holders(s, measures) or (s,)))
        if told.compare and previous.asks == q.FIGURES:
            # "국 전체랑 비교하면?": the last thing and this one, side by side.
            beside = tuple(s for s in previous.subjects if s not in subjects)
            return Question(q.FIGURES, subjects=beside + subjects, measures=measures,
                            in_eok=previous.in_eok)  # fmt: skip
        if previous.asks == q.FIGURES or len(subjects) < len(previous.subjects):
            return Question(q.FIGURES, subjects=subjects, measures=measures, in_eok=previous.in_eok)
        return replace(previous, subjects=subjects)
    if previous.asks == q.DUTIES and all(s.kind == "division" for s in subjects):
        return replace(previous, subjects=subjects[:1])
    if previous.asks == q.TEXT:
        return replace(previous, subjects=subjects[:1], words=previous.words)
    return None


def _combined(
    previous: Question,
    told: Told,
    recent: tuple[Subject, ...],
    units: Callable[[str], str] | None = None,
    asked_before: Question | None = None,
) -> Question | None:
    """A sum, difference, share or ratio whose other side is what was talked about before:
    `둘이 합치면?`, `사회협력과랑 차이는?`, `국 전체에서 몇 퍼센트?`, `시민참여과랑 비교하면 몇 배?`.
    `asked_before` is the question before the last: two measures of one thing asked in turn
    (`원인행위 집행률` then `지출 집행률은?`) are the two `둘이 몇 %p 차이` means."""
    operations = told.operations & {q.SUM, q.DIFFERENCE, q.SHARE, q.TIMES}
    if not operations or previous.group is not None:
        return None
    before = tuple(s for s in previous.subjects if s.kind in HOLDERS)
    if not before:
        return None
    named = tuple(s for s in told.subjects if s.kind != "bureau" and s not in before)
    earlier = [s for s in recent if s.kind in HOLDERS and s not in before]
    # Both rates when both were shown ("차이는?" after 집행률), else the first measure.
    kept = 2 if all(m.endswith(RATE_SUFFIX) for m in previous.measures[:2]) else 1
    measures = told.measures[:1] or previous.measures[:kept] or ("budget",)
    whole = [s for s in told.subjects
             if s.kind == "bureau" and all(b.kind != "bureau" for b in before)]  # fmt: skip
    if q.DIFFERENCE in operations and q.SHARE not in operations and whole and not named:
        # "국 전체보다 몇 %p 높아?": the thing just asked against the bureau's figure.
        return Question(q.DIFFERENCE, subjects=(before[0], whole[0]), measures=measures)
    other = [m for m in told.measures[:1] if previous.measures and m not in previous.measures]
    if (
        operations & {q.SUM, q.DIFFERENCE}
        and not named
        and len(before) == 1
        and len(told.measures) == 1
        and other
        and units is not None
        and units(other[0]) == units(previous.measures[0])
    ):
        # "지출액이랑 차이는?" after the 원인행위액 of one thing: its two measures; "시간선택제
        # 까지 합치면?" after 정원·현원: the people now (현원) with them, added up.
        asks = q.SUM if q.SUM in operations else q.DIFFERENCE
        base = "current" if "current" in previous.measures else previous.measures[0]
        note = "measures" if asks == q.SUM else ""
        return Question(asks, subjects=before, measures=(base, other[0]), note=note)
    if operations & {q.SUM, q.DIFFERENCE} and len(told.measures) >= 2 and not named:
        # "원인행위랑 지출 차이 얼마나 나?": two measures of the thing talked about.
        asks = q.SUM if q.SUM in operations else q.DIFFERENCE
        return Question(asks, subjects=before[:1], measures=told.measures[:2])
    if {q.SUM, q.SHARE} <= operations:
        # "둘 합치면 국 전체에서 몇 퍼야?": the things added up, over the whole.
        parts = (before[0], *named) if named else before if len(before) >= 2 else ()
        if not parts and earlier:
            parts = (earlier[-1], before[0])
        if len(parts) >= 2:
            amount = _amounts(told.measures) or _amounts(previous.measures) or ("budget",)
            whole = next((s for s in told.subjects if s.kind == "bureau"), None)
            if whole is not None:
                return Question(
                    q.SHARE, subjects=(*parts, whole), measures=amount[:1], note="summed"
                )
    if operations & {q.SHARE, q.TIMES}:
        # A share or ratio of amounts; "비율" read as a rate word asks the share itself.
        measures = _amounts(told.measures) or _amounts(previous.measures) or ("budget",)
    if q.TIMES in operations:
        if named:
            return Question(q.SHARE, subjects=(before[0], named[0]), measures=measures,
                            note=q.TIMES)  # fmt: skip
        if earlier:
            # "시민참여과가 몇 배야?" after 시민숙의예산과 then 시민참여과: this over that.
            return Question(q.SHARE, subjects=(before[0], earlier[-1]), measures=measures,
                            note=q.TIMES)  # fmt: skip
        return None
    if q.SHARE in operations:
        if named:
            if all(s.kind == "bureau" for s in before):
                # "국 전체 예산" → "그중 지역공동체과 비중은?": the 과 within the bureau.
                return Question(q.SHARE, subjects=(named[0], before[0]), measures=measures)
            if told.that:
                # "그게 갈등관리협치과 예산의 몇 퍼센트야": what was just talked about, of that.
                return Question(q.SHARE, subjects=(before[0], named[0]), measures=measures)
            return None
        asked = previous.measures[:1]
        other = [m for m in told.measures if m not in asked and units(m) == units(asked[0])] \
            if asked and units else []  # fmt: skip
        if other:
            # "행정직 몇 명?" → "전체 현원 대비 몇 %?": one measure of the same thing over another.
            return Question(q.SHARE, subjects=before[:1], measures=(asked[0], other[0]))
        whole = tuple(s for s in told.subjects if s.kind == "bureau" and s not in before)
        return Question(q.SHARE, subjects=(before[0], *whole[:1]), measures=measures)
    asks = q.SUM if q.SUM in operations else q.DIFFERENCE
    pair = _measures_in_turn(previous, asked_before, units)
    if not named and not told.measures and pair:
        note = "measures" if asks == q.SUM else ""  # the two added, not each summed
        return Question(asks, subjects=previous.subjects, measures=pair, note=note)
    if named:
        subjects = (before[0], *named)
    elif len(before) >= 2:
        subjects = before
    else:
        # "둘이 합치면?": this and the thing talked about just before it.
        if not earlier:
            return None
        subjects = (earlier[-1], before[0])
    return Question(asks, subjects=subjects, measures=measures)


def _measures_in_turn(
    previous: Question, earlier: Question | None, units: Callable[[str], str] | None
) -> tuple[str, str] | None:
    """The two measures of the same things asked one after the other, in the order asked,
    when they are of one unit (two amounts, two rates, two head counts)."""
    if earlier is None or units is None or earlier.subjects != previous.subjects:
        return None
    if earlier.group is not None or not earlier.measures or not previous.measures:
        return None
    first, then = earlier.measures[0], previous.measures[0]
    if first == then or units(first) != units(then):
        return None
    return (first, then)


def _ranked_recent(
    previous: Question, told: Told, recent: tuple[Subject, ...], count: int = 2
) -> Question | None:
    """`둘 중 집행률 높은 건?`, `어디가 더 많이 썼어?`: the two (or `count`) things just talked
    about, ranked."""
    if told.ranking is None or previous.group is not None:
        return None
    before = [s for s in previous.subjects if s.kind in HOLDERS]
    two = before if len(before) >= count else [s for s in recent if s.kind in HOLDERS][-count:]
    if len(two) < count:
        return None
    measures = told.measures[:1] or previous.measures[:1] or ("budget",)
    return Question(q.RANK, subjects=tuple(two), measures=measures, ranking=told.ranking)


def _amounts(measures: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(m for m in measures if not m.endswith(RATE_SUFFIX))[:1]
