"""The verify stage: each claim against the report's tables, read by SQL, into a verdict.

✓ the report agrees at the precision the claim is written to, ✗ it does not (the report's figure
is shown), ? the report does not cover it or what it is about cannot be told. A ✗ needs a
figure the claim can only mean; anything less is a ?.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlglot import exp

from knowledge.claims.extract import BRACKETED, DAY, DUTY, FIGURE, MONTH, RANK, UNHELD, Claim
from knowledge.claims.figures import MONEY_UNIT, ONE, PEOPLE_UNIT, RATE_UNIT, Written
from knowledge.claims.words import ClaimWords
from knowledge.measures import Measures
from knowledge.planning.compile import Plan
from knowledge.reading.catalog import Catalog
from knowledge.reading.normalize import compact
from knowledge.reading.prose import text_score
from knowledge.reading.quantities import MONEY_UNITS
from knowledge.reading.question import Subject
from knowledge.reading.subjects import Subjects
from knowledge.report.checks import ROUNDING_CHECK, ROUNDING_LIMIT
from knowledge.report.dates import dated_spans

# The figures statement by what it is built of (the measures, how many subjects): the same
# text for every check of the same size.
_FIGURES_SQL: dict[tuple[int, int], tuple[Any, str]] = {}
_PEERS_SQL: dict[int, tuple[Any, str]] = {}
# The claim's own scale beside an amount ("(310.8억원)"), left out inside a bracket.
SCALE_NOTE = re.compile(r"\([\d,.]+(?:억원|백만원)\)$")
# How an order is said, by (the figure's unit, highest first?): as a finding and before a noun.
WAYS = {(RATE_UNIT, True): ("높음", "높은"), (RATE_UNIT, False): ("낮음", "낮은"),
        (MONEY_UNIT, True): ("큼", "큰"), (MONEY_UNIT, False): ("작음", "작은"),
        (PEOPLE_UNIT, True): ("많음", "많은"), (PEOPLE_UNIT, False): ("적음", "적은")}  # fmt: skip
# What a set of each kind is called in a reply ("5개 과 중 가장 낮음").
KIND_WORDS = {
    "division": "과",
    "line": "세부사업",
    "project_row": "주요사업 예산",
    "revenue": "세입 항목",
}
# The counted facts of the projects' text, by the catalog they were read for.
_FACTS: dict[int, tuple[Any, list]] = {}
AGREES = "✓"
DIFFERS = "✗"
UNKNOWN = "?"
MARKS = (AGREES, DIFFERS, UNKNOWN)
# Beside a figure the report prints two ways: /검증 lists both.
CAUTION = "⚠ 보고서 안에서 다르게 적힌 수치입니다(/검증)"
DIALECT = "duckdb"
# Among the facts of the text, those whose bullet holds this share of the best one's words are
# where a figure may come from; its own words then pick one of them.
AREA = 0.6
# A word found in more than this share of the text's bullets says nothing about which one.
COMMON = 0.15
# Without a named project, a fact is only looked for when the sentence shares this many letters
# of uncommon words with its bullet.
MIN_TOPIC = 3
NOUN_BONUS = 2.0
TOTAL_BONUS = 3.0
AFTER_WEIGHT = 0.5
# The 주요업무 line that holds this share of the claim's words decides who handles it.
CLEAR_SHARE = 0.6
CLOSE_SCORE = 0.9
# A plan item decides a month when it holds this share of the words before the month.
PLAN_SHARE = 0.5
# Where in a bullet a figure's own words begin: after a comma, ⇒ or a bracket (a label before
# a colon is kept: "잔여기간 위탁금액 : 463백만원").
LABEL_BREAK = re.compile(r"[,⇒→()]")
AFTER_BREAK = re.compile(r"[,:⇒→()]")
SOURCE = re.compile(r"^(\S+?)\.\s.*\(줄 (\d+)\)$")
# The words a bullet puts before a figure, without brackets, marks or dates.
LABEL_WORD = re.compile(r"[가-힣A-Za-z][\w·]*")
LABEL_WORDS = 3
# What a claim's unit is shown in beside the report's 천원.
SCALES = (("억", Decimal(100_000), "억원"), ("백만", Decimal(1_000), "백만원"),
          ("만", Decimal(10), "만원"))  # fmt: skip
# Where a measure a subject lacks is held, said when it is claimed of the wrong thing.
WHERE_HELD = {
    "project_row": "연말 집행예상은 Ⅲ장 주요사업 예산표에 있는 사업에만 있습니다",
    "revenue": "이 수치는 세입 항목에만 있습니다",
    "division": "인원은 과와 국 단위로만 있습니다",
}


@dataclass(frozen=True)
class Verdict:
    """A claim judged: its mark, what the reply names, and the report's own figure and place."""

    mark: str
    claim: Claim
    about: str  # "사회협력과 예산현액"
    report: str = ""  # the report's figure or text, as printed
    source: str = ""  # "Ⅰ 줄 176"
    note: str = ""  # why it cannot be checked, or a caution


# The arrows a bullet writes between stages ("신청 ⇒ 선정", "(당초) … → (정정) …").
STAGES = re.compile(r"[⇒→]")


@dataclass(frozen=True)
class _Fact:
    project_no: int
    value: Decimal
    unit: str
    noun: str | None
    printed: str
    context: str
    label: str  # the bullet's words just before the figure
    after: str  # and just after it
    total: bool
    source: str
    printed_at: str  # the report's full source, as the findings of the ingest checks cite it


@dataclass(frozen=True)
class _Pending:
    """A figure claim that needs its subject's row of `figures`."""

    claim: Claim
    holder: Subject
    measures: tuple[str, ...]
    any_measure: bool = False  # no measure word: agreeing with one of them is enough


class Verifier:
    """Judges claims with statements over `figures`, `facts`, `plans` and `duties`."""

    def __init__(
        self,
        run: Callable[[Plan], list[dict[str, Any]]],
        catalog: Catalog,
        measures: Measures,
        subjects: Subjects,
        words: ClaimWords,
        inconsistencies: dict[str, list[dict[str, Any]]],
        particles: tuple[str, ...] = (),
    ) -> None:
        self.run = run
        self.particles = particles
        self.catalog = catalog
        self.measures = measures
        self.subjects = subjects
        self.words = words
        self.inconsistencies = inconsistencies
        self.report_year = catalog.as_of.year
        self.facts = self._facts()
        contexts = [compact(f.context) for f in self.facts]
        self._context_count = len(contexts) or 1
        self._contexts = contexts
        self._topic: tuple[str, ...] | None = None
        self._topic_cache: list[float] = []
        self.plans = run(Plan(_sql(exp.select(
            "project_no", "position", "item", "period", "start_month", "end_month",
            "open_ended", "details", "source",
        ).from_("plans").order_by("project_no", "position")), ()))  # fmt: skip
        self.duties = run(Plan(_sql(exp.select("division", "position", "duty", "source")
                                    .from_("duties").order_by("division", "position")), ()))  # fmt: skip
        # The 과 each line and Ⅲ table row belongs to, and where the report says so.
        self.owners = {
            (r["kind"], r["name"]): r for r in run(Plan(_sql(
                exp.select("kind", "name", "division", "source").from_("figures")
                .where("kind IN ('line', 'project_row')")
            ), ()))
        }  # fmt: skip
        # How many 과 and 세부사업 the report has, for counts of its own parts ("5개 과").
        self.parts = run(Plan(_sql(
            exp.select("kind", "division", "count(*) AS n", "list(source) AS sources")
            .from_("figures").where("kind IN ('division', 'line')").group_by("kind", "division")
        ), ()))  # fmt: skip

    def verify(self, claims: Sequence[Claim]) -> tuple[list[Verdict], Plan | None]:
        """Verdicts in the claims' order, and the one statement behind the figure claims."""
        decided = [d for d in map(self._decide, claims) if d is not None]
        pending = [d for d in decided if isinstance(d, _Pending)]
        plan = self._figures_plan([p.holder for p in pending]) if pending else None
        rows = {(r["kind"], r["name"]): r for r in self.run(plan)} if plan else {}
        verdicts = [
            self._compare(d, rows.get((d.holder.kind, d.holder.name))) if isinstance(d, _Pending)
            else d
            for d in decided
        ]  # fmt: skip
        return verdicts, plan

    def _decide(self, claim: Claim) -> Verdict | _Pending | None:
        if claim.kind == FIGURE:
            return self._figure(claim)
        if claim.kind == MONTH:
            return self._month(claim)
        if claim.kind == DUTY:
            return self._duty(claim)
        if claim.kind == RANK:
            return self._rank(claim)
        if claim.kind == DAY:
            return self._day(claim)
        assert claim.kind == UNHELD
        return Verdict(UNKNOWN, claim, claim.written, note="보고서에 없는 내용입니다")

    # --- figures -------------------------------------------------------------------------------

    def _figure(self, claim: Claim) -> Verdict | _Pending:
        figure = claim.figure
        assert figure is not None
        named = claim.named
        if figure.point:
            return Verdict(UNKNOWN, claim, named, note="%p 차이는 보고서에 적혀 있지 않습니다")
        if claim.gap and not (claim.change and any(s.kind == "revenue" for s in claim.subjects)):
            return Verdict(UNKNOWN, claim, named, note="두 수치의 차이는 대조하지 않습니다")
        year = claim.year or self.report_year
        revenue = any(s.kind == "revenue" for s in claim.subjects)
        # Only the revenue table looks back a year: its ’20 budget, and changes from it.
        # ("작년 75,447천원에서 올해 286,731천원으로": money of last year, no measure named, is
        # that budget too — the table has no other figure of that year)
        previous = (
            year == self.report_year - 1
            and revenue
            and (
                "budget" in claim.measures
                or (figure.unit == MONEY_UNIT and (not claim.measures or claim.generic))
            )
        )
        if year != self.report_year and not previous and not (claim.change and revenue):
            return Verdict(UNKNOWN, claim, named,
                           note=f"{year}년 수치는 보고서({self.report_year}년)에 없습니다")  # fmt: skip
        if figure.unit == PEOPLE_UNIT and claim.measures:
            holder = self._holder(claim.subjects, claim.measures)
            if holder is not None and holder.kind in ("division", "bureau"):
                return _Pending(claim, holder, claim.measures)
        if figure.is_count:
            return self._parts(claim) or self._from_facts(claim) or self._not_covered(claim)
        measures = claim.measures
        if claim.outlook:
            outlook = ("outlook_amount",) if figure.unit == MONEY_UNIT else ("outlook_rate",)
            holder = self._holder(claim.subjects, outlook)
            if holder is not None and holder.kind == "project_row":
                return _Pending(claim, holder, outlook)
        if claim.change and revenue:
            # "전년 대비 280% 증가": the year is what it is compared with, the change is this year's.
            measures = ("change_amount",) if figure.unit == MONEY_UNIT else ("change_rate",)
            if claim.decrease:
                claim = replace(claim, figure=replace(figure, value=-figure.value))
        elif previous:
            measures = ("budget_2020",)
        elif claim.change:
            return Verdict(UNKNOWN, claim, named, note="증감은 세입 항목에만 있습니다")
        holder = self._holder(claim.subjects, measures) if claim.subjects else None
        if holder is not None and measures and not claim.generic:
            return _Pending(claim, holder, measures)
        from_text = self._from_facts(claim)
        if from_text is not None and from_text.mark == AGREES:
            return from_text
        if holder is not None and measures:
            return _Pending(claim, holder, measures)
        if holder is not None:
            every = tuple(m.name for m in self.measures.of_unit(figure.unit)
                          if holder.kind in m.kinds and not m.derived)  # fmt: skip
            return _Pending(claim, holder, every, any_measure=True)
        several = self._holders(claim.subjects, measures)
        if from_text is None and len(several) > 1:
            names = ", ".join(h.name for h in several[:3])
            return Verdict(UNKNOWN, claim, named, note=f"{names} 중 어느 것인지 알 수 없습니다")
        return from_text or self._not_covered(claim)

    def _parts(self, claim: Claim) -> Verdict | None:
        """`5개 과`, `시민참여과 세부사업 7개`: a count of the report's own 과 or budget lines."""
        figure = claim.figure
        assert figure is not None
        words = {claim.counted, *claim.label}
        if any(s.kind not in ("bureau", "division") for s in claim.subjects):
            return None
        # "5개 과로": a one-letter noun keeps its particle (a particle is only cut off longer words).
        counted = next((w for w in self.words.division_words if claim.counted.startswith(w)
                        and claim.counted[len(w):] in ("", *self.particles)), None)  # fmt: skip
        if counted or words & self.words.division_words:
            kind, division, about = "division", None, f"{self.catalog.bureau} 과"
        elif words & self.words.line_words:
            divisions = [s.name for s in claim.subjects if s.kind == "division"]
            division = divisions[0] if len(divisions) == 1 else None
            kind, about = "line", f"{division or self.catalog.bureau} 세부사업"
        else:
            return None
        rows = [r for r in self.parts if r["kind"] == kind
                and (division is None or r["division"] == division)]  # fmt: skip
        count = sum(r["n"] for r in rows)
        lines = sorted(int(m.group(2)) for r in rows for source in r["sources"]
                       if (m := SOURCE.match(source)))  # fmt: skip
        section = SOURCE.match(rows[0]["sources"][0]).group(1) if rows else ""
        source = f"{section} 줄 {lines[0]}–{lines[-1]}" if lines else ""
        mark = AGREES if agrees(figure, Decimal(count)) else DIFFERS
        return Verdict(mark, claim, about, f"{count}개", source)

    def _not_covered(self, claim: Claim) -> Verdict:
        if not claim.subjects:
            return Verdict(
                UNKNOWN, claim, "", note="무엇에 대한 수치인지 보고서에서 찾을 수 없습니다"
            )
        if len(claim.subjects) > 1 and len(claim.projects) != 1:
            names = ", ".join(s.name for s in claim.subjects[:3])
            return Verdict(UNKNOWN, claim, claim.named, note=f"여러 항목에 해당합니다({names})")
        return Verdict(UNKNOWN, claim, claim.named, note="보고서에 없는 수치입니다")

    def _holder(self, subjects: Sequence[Subject], measures: tuple[str, ...]) -> Subject | None:
        """What holds the figures of the named thing: one row of `figures`, or None when the
        name fits several (a name that fits a line and the project holding it means the line)."""
        holders = self._holders(subjects, measures)
        return holders[0] if len(holders) == 1 else None

    def _holders(self, subjects: Sequence[Subject], measures: tuple[str, ...]) -> list[Subject]:
        held = {s: set(self.subjects.figure_subjects(s, measures)) or {s} for s in subjects}
        minimal = [s for s in subjects if not any(held[o] < held[s] for o in subjects)]
        return sorted(set().union(*(held[s] for s in minimal)), key=lambda h: h.name)

    def _figures_plan(self, holders: list[Subject]) -> Plan:
        """One statement for every figure claim: the rows of the subjects they name."""
        unique = list(dict.fromkeys((h.kind, h.name) for h in holders))
        return Plan(self._figures_sql(len(unique)), tuple(v for pair in unique for v in pair))

    def _figures_sql(self, count: int) -> str:
        """The statement for `count` subjects: the same text whatever they are, kept once built
        (building it copies every measure's expression, ~20 ms)."""
        key = (id(self.measures), count)
        kept = _FIGURES_SQL.get(key)
        if kept is None or kept[0] is not self.measures:
            kept = _FIGURES_SQL[key] = (self.measures, self._build_figures_sql(count))
        return kept[1]

    def _measure_columns(self) -> list[exp.Expression]:
        """A row's name, its 과 and every measure (with its printed form where it has one)."""
        columns: list[exp.Expression] = [exp.column(c) for c in ("kind", "name", "division")]
        for measure in self.measures.values():
            columns.append(exp.alias_(measure.expression.copy(), measure.name))
            if measure.printed:
                columns.append(exp.alias_(exp.column(measure.printed), f"{measure.name}_printed"))
        return columns

    def _build_figures_sql(self, count: int) -> str:
        columns = [*self._measure_columns(), exp.column("source"), exp.column("staff_source")]
        where = [exp.and_(exp.column("kind").eq(exp.Placeholder()),
                          exp.column("name").eq(exp.Placeholder())) for _ in range(count)]  # fmt: skip
        select = exp.select(*columns).from_("figures").where(exp.or_(*where))
        return _sql(select.order_by("kind", "name"))

    def _compare(self, pending: _Pending, row: dict[str, Any] | None) -> Verdict:
        claim, holder = pending.claim, pending.holder
        figure = claim.figure
        assert figure is not None
        usable = [m for m in pending.measures if holder.kind in self.measures[m].kinds]
        name = _display(holder)
        if row is None or not usable:
            kinds = set().union(*(self.measures[m].kinds for m in pending.measures)) or set()
            where = next((text for kind, text in WHERE_HELD.items() if kind in kinds), "")
            return Verdict(UNKNOWN, claim, name, note=where or "보고서에 없는 수치입니다")
        values = [(m, _value(self.measures[m], row)) for m in usable]
        source = _short_source(row["staff_source" if figure.unit == PEOPLE_UNIT else "source"])
        for measure, value in values:
            if value is not None and agrees(figure, value):
                return Verdict(
                    AGREES, claim, f"{name} {self.measures[measure].label_for(holder.kind)}",
                    _shown(self.measures[measure], row, value, figure), source,
                    self._caution(holder, measure),
                )  # fmt: skip
        for measure, _ in values:
            other = self._other_figure(holder, measure, figure)
            if other is not None:
                return Verdict(
                    AGREES, claim, f"{name} {self.measures[measure].label_for(holder.kind)}",
                    other, "", CAUTION,
                )  # fmt: skip
        if pending.any_measure:
            # "도시전환랩 보조사업은 … 총 340백만원을 지원했다": no measure said, and none of
            # the line's agrees — an amount its project's text gives may be the one meant.
            told = self._from_facts(claim) if claim.projects else None
            if told is not None:
                return told
            return Verdict(UNKNOWN, claim, name, note="어느 수치를 말하는지 알 수 없습니다")
        labels = " · ".join(
            f"{self.measures[m].label_for(holder.kind)} {_shown(self.measures[m], row, v, figure)}"
            for m, v in values
        )
        about = (
            name if len(values) > 1 else f"{name} {self.measures[usable[0]].label_for(holder.kind)}"
        )
        shown = (
            labels
            if len(values) > 1
            else _shown(self.measures[usable[0]], row, values[0][1], figure)
        )
        return Verdict(DIFFERS, claim, about, shown, source, self._caution(holder, usable[0]))

    # --- days ------------------------------------------------------------------------------------

    @functools.cached_property
    def dated(self) -> list[dict[str, Any]]:
        """The status bullets dated to the day, with their text (read when a day is claimed)."""
        return self.run(Plan(_sql(
            exp.select("d.project_no", "d.first_day", "d.last_day", "i.text", "i.source")
            .from_("dated_items AS d")
            .join("project_items AS i", using=["project_no", "part", "position"])
            .where("d.to_day").order_by("d.project_no", "d.first_day")
        ), ()))  # fmt: skip

    def _day(self, claim: Claim) -> Verdict:
        """ "전자투표는 8월 9일부터 8월 27일까지": the status bullet the clause's words find
        (clearly best, dated to the day) decides — the same days, or one day within its span."""
        assert claim.days is not None
        words = list(claim.label)
        about = " ".join(claim.label[:3]) or claim.written
        rows = [r for r in self.dated if r["project_no"] in claim.projects] or self.dated
        asked = sum(len(w) for w in words) or 1
        scored = sorted(((text_score(words, _clause_dated(r)), r) for r in rows),
                        key=lambda s: -s[0])  # fmt: skip
        best = scored[0][0] if scored else 0
        tops = {(r["first_day"], r["last_day"]) for s, r in scored if s >= best} if best else set()
        first, last = claim.days
        # Of bullets the words fit alike, one dated just so is the one meant ("위탁기간" of
        # the new term, not of the extension).
        exact = [r for s, r in scored if best and s >= best
                 and (r["first_day"], r["last_day"]) == (first, last)]  # fmt: skip
        if not exact:
            # (or the one that starts or ends just so: that period, its other end misstated)
            exact = [r for s, r in scored if best and s >= best and first != last
                     and (r["first_day"] == first or r["last_day"] == last)]  # fmt: skip
            exact = exact if len(exact) == 1 else []
        if best < PLAN_SHARE * asked or (len(tops) != 1 and not exact):
            return Verdict(UNKNOWN, claim, about, note="보고서에서 이 날짜의 일을 찾을 수 없습니다")
        row = exact[0] if exact else scored[0][1]
        span = (row["first_day"], row["last_day"])
        same = (first, last) == span or (first == last and span[0] <= first <= span[1])
        clause = _clause_dated(row)
        written = _dates_written(clause) or clause
        return Verdict(AGREES if same else DIFFERS, claim, about,
                       f"{_short(written, 40)}", _short_source(row["source"]))  # fmt: skip

    # --- places in an order ----------------------------------------------------------------------

    def _rank(self, claim: Claim) -> Verdict:
        """ "5개 과 중 가장 낮습니다", "예산 젤 큰 건 …": where the figure's holder stands among
        its kind (within the 과 the text bounds the set by), on the measure the figure is — the
        one its holder's value agrees with, or the only one its words name. 미집행 ('-') lines
        stand as 0, as the report's rankings are read elsewhere."""
        assert claim.basis is not None and claim.rank is not None
        place, high = claim.rank
        unit = claim.figure.unit if claim.figure is not None else MONEY_UNIT
        way, which = WAYS[(unit, high)]
        decided = self._figure(claim.basis)
        if not isinstance(decided, _Pending):
            return Verdict(UNKNOWN, claim, claim.written, note="순위를 매길 수치를 찾지 못했습니다")
        holder = decided.holder
        usable = [m for m in decided.measures if holder.kind in self.measures[m].kinds]
        if not usable or holder.kind not in ("division", "line", "project_row", "revenue"):
            return Verdict(UNKNOWN, claim, claim.written, note="순위를 매길 수치를 찾지 못했습니다")
        rows = self.run(Plan(self._peers_sql(), (holder.kind,)))
        if claim.division and holder.kind in ("line", "project_row"):
            rows = [r for r in rows if r["division"] == claim.division]
        if holder.kind == "revenue":
            # items among the items (the 8 세부 세입 항목), a heading among its own siblings
            parents = {r["parent"] for r in rows}
            mine = next((r for r in rows if r["name"] == holder.name), None)
            if mine is not None and mine["name"] in parents:
                rows = [r for r in rows if r["parent"] == mine["parent"]]
            else:
                rows = [r for r in rows if r["name"] not in parents]
        mine = next((r for r in rows if r["name"] == holder.name), None)
        if mine is None:
            return Verdict(UNKNOWN, claim, claim.written, note="순위를 매길 수치를 찾지 못했습니다")
        figure = claim.figure
        assert figure is not None
        agreeing = [m for m in usable if (v := _value(self.measures[m], mine)) is not None
                    and agrees(figure, v)]  # fmt: skip
        if not agreeing and len(usable) > 1:
            return Verdict(
                UNKNOWN, claim, claim.written, note="어느 수치의 순위인지 알 수 없습니다"
            )
        measure = self.measures[(agreeing or usable)[0]]

        def value(row: dict[str, Any]) -> Decimal:
            return _value(measure, row) or Decimal(0)

        ordered = sorted(rows, key=value, reverse=high)
        own = value(mine)
        standing = 1 + sum(1 for r in rows if (value(r) > own if high else value(r) < own))
        label = measure.label_for(holder.kind)
        group = f"{claim.division} " if claim.division else ""
        kind = KIND_WORDS.get(holder.kind, "")
        said = "가장" if place == 1 else f"{place}번째로"
        about = f"{_display(holder)} {label} {group}{kind} 중 {said} {way}"
        shown = SCALE_NOTE.sub("", _shown(measure, mine, value(mine), figure))
        cited = "staff_source" if unit == PEOPLE_UNIT else "source"
        if standing == place:
            report = f"{len(rows)}개 중 {said} {way} ({shown})"
            return Verdict(AGREES, claim, about, report, _short_source(mine[cited]))
        top = ordered[place - 1] if place <= len(ordered) else ordered[-1]
        report = (
            f"{len(rows)}개 중 {'가장 ' + way if standing == 1 else f'{standing}번째'} ({shown}); "
            f"{said} {which} 것은 "
            f"{_display(Subject(holder.kind, top['name']))} "
            f"({SCALE_NOTE.sub('', _shown(measure, top, value(top), figure))})"
        )
        return Verdict(DIFFERS, claim, about, report, _short_source(top[cited]))

    def _peers_sql(self) -> str:
        """Every row of one kind of `figures`, with every measure (the kind a parameter)."""
        kept = _PEERS_SQL.get(id(self.measures))
        if kept is None or kept[0] is not self.measures:
            columns = [*self._measure_columns(),
                       *(exp.column(c) for c in ("parent", "source", "staff_source"))]  # fmt: skip
            select = (
                exp.select(*columns)
                .from_("figures")
                .where(exp.column("kind").eq(exp.Placeholder()))
            )
            kept = _PEERS_SQL[id(self.measures)] = (self.measures, _sql(select.order_by("name")))
        return kept[1]

    def _fact_caution(self, fact: _Fact) -> str:
        """The same caution for a figure of the text that the text states another way too."""
        for rows in self.inconsistencies.values():
            for row in rows:
                for key in ("stated", "other"):
                    if (row[key], row[f"{key}_source"]) == (fact.printed, fact.printed_at):
                        return CAUTION
        return ""

    def _findings(self, holder: Subject, measure: str) -> list[dict[str, Any]]:
        """The report's own disagreements about this figure; a sum that rounding to 천원
        explains is no disagreement about the figure a claim quotes."""
        fields = {measure, f"{measure}_printed"}
        return [
            r for r in self.inconsistencies.get(holder.name, [])
            if r["field"] in fields and not _rounding_only(r)
        ]  # fmt: skip

    def _caution(self, holder: Subject, measure: str) -> str:
        return CAUTION if self._findings(holder, measure) else ""

    def _other_figure(self, holder: Subject, measure: str, figure: Written) -> str | None:
        """The report's other printing of a figure it states twice, when the claim agrees with it."""
        for finding in self._findings(holder, measure):
            for key in ("stated", "other"):
                value = _number(finding[key])
                if value is not None and agrees(figure, value):
                    return f"{finding[key]} ({_short_source(finding[f'{key}_source'])})"
        return None

    # --- facts of the projects' text -------------------------------------------------------------

    def _facts(self) -> list[_Fact]:
        """The counted facts of the projects' text, kept per catalog (the report does not change
        once loaded; reading them again took ~5 ms a check)."""
        kept = _FACTS.get(id(self.catalog))
        if kept is None or kept[0] is not self.catalog:
            kept = _FACTS[id(self.catalog)] = (self.catalog, self._read_facts())
        return kept[1]

    def _read_facts(self) -> list[_Fact]:
        rows = self.run(Plan(_sql(
            exp.select("f.project_no", "f.value", "f.unit", "f.printed", "f.context", "f.source",
                       "i.text")
            .from_("facts AS f")
            .join("project_items AS i", on="i.project_no = f.project_no AND i.part = f.part "
                  "AND i.source = f.source")
            .order_by("f.rowid")
        ), ()))  # fmt: skip
        facts: list[_Fact] = []
        searched: dict[tuple[str, str], int] = {}
        for row in rows:
            unit = self._fact_unit(row["unit"])
            key = (row["source"], row["text"])
            previous = searched.get(key, 0)
            start = row["text"].find(row["printed"], previous)
            if start < 0:
                continue
            end = start + len(row["printed"])
            searched[key] = end
            if unit is None:
                continue
            family, scale, noun = unit
            before = row["text"][previous:start]
            # After ⇒, a comma or a bracket a new thing is counted (a bullet's lead words and a
            # name in brackets say what the whole bullet is about); before a colon stands its label.
            chunks = [c for c in LABEL_BREAK.split(before) if re.search(r"\w", c)]
            if not re.search(r"\w", STAGES.split(before)[-1]):
                chunks = []  # "… 신청 ⇒ 2개구": right after ⇒, a new stage with no label yet
            label = [p for p in (chunks[-1] if chunks else "").split(":") if re.search(r"\w", p)]
            # "28개 단체 53명": a figure right beside the one before it shares that one's label.
            beside = (
                facts[-1] if facts and previous and facts[-1].printed_at == row["source"] else None
            )
            if beside is not None and before.strip() in ("", beside.noun or ""):
                label = [beside.label]
            rest = row["text"][end:]
            bracket = BRACKETED.match(rest)
            following = AFTER_BREAK.split(rest[bracket.end() if bracket else 0 :], maxsplit=1)[0]
            facts.append(
                _Fact(
                    row["project_no"], Decimal(str(row["value"])) * scale, family, noun,
                    row["printed"], row["context"], label[-1] if label else "", following,
                    any(compact(t) in self.words.totals for t in before.split()),
                    _short_source(row["source"]),
                    row["source"],
                )
            )  # fmt: skip
        return facts

    def _fact_unit(self, unit: str) -> tuple[str, Decimal, str | None] | None:
        """A unit of the text as (the claims' unit, 천원 per unit, the noun a 개 counts)."""
        plain = unit.replace(" ", "")
        money = plain.removesuffix("원")
        if money in MONEY_UNITS:
            return MONEY_UNIT, Decimal(MONEY_UNITS[money]), None
        if plain == RATE_UNIT:
            return RATE_UNIT, ONE, None
        plain = plain.removeprefix("여")
        for counter in self.words.counters:
            if plain.startswith(counter):
                rest = plain[len(counter) :]
                if rest.startswith(self.words.not_before):
                    return None
                return counter, ONE, rest or None
        return None

    def _topic_scores(self, topic: tuple[str, ...]) -> list[float]:
        """How much of a sentence's uncommon words each fact's bullet holds; a sentence's claims
        share it, so it is worked out once per sentence."""
        if topic != self._topic:
            uncommon = [w for w in topic
                        if sum(w in c for c in self._contexts) <= COMMON * self._context_count]  # fmt: skip
            self._topic = topic
            self._topic_cache = [_overlap(uncommon, c) for c in self._contexts]
        return self._topic_cache

    def _from_facts(self, claim: Claim) -> Verdict | None:
        """A figure of the projects' text: the bullets that share the sentence's words, then the
        figure among them whose own words fit the claim's."""
        figure = claim.figure
        assert figure is not None
        candidates = [
            f for f in self.facts
            if f.unit == figure.unit and not (figure.noun and f.noun and f.noun != figure.noun)
        ]  # fmt: skip
        named = [f for f in candidates if f.project_no in claim.projects]
        candidates = named or candidates
        if not candidates:
            return None
        topics = self._topic_scores(claim.topic)
        scores = {id(f): topics[i] for i, f in enumerate(self.facts) if f in candidates}
        best_topic = max(scores.values())
        if not named and best_topic < MIN_TOPIC:
            return None
        area = [f for f in candidates if scores[id(f)] >= AREA * best_topic]
        words = list(claim.label)

        def fits(fact: _Fact) -> float:
            score = _overlap(words, fact.label) + AFTER_WEIGHT * _overlap(words, fact.after)
            if figure.noun and fact.noun == figure.noun:
                score += NOUN_BONUS
            if claim.total and fact.total:
                score += TOTAL_BONUS
            return score

        label_scores = {id(f): fits(f) for f in area}
        best = max(label_scores.values())
        top = [f for f in area if label_scores[id(f)] >= best]
        about = claim.named or ""
        # A fact the claim agrees with is enough when some of its own words are the claim's:
        # the text may state a figure twice ("조성 중 20개소", "8개소 조성 중").
        # A bullet that counts stages ("9개 사업 공모 신청 ⇒ 4개 사업 선정"): the one stage
        # the claim names picks the figure that stage is written with.
        named_stages = {w for w in self.words.stages if any(w in word for word in words)}
        staged = [f for f in area if STAGES.search(f.context or "")
                  and any(w in f.after for w in self.words.stages)]  # fmt: skip
        if len(named_stages) == 1 and staged:
            (stage,) = named_stages
            at_stage = [f for f in staged if stage in f.after]
            if at_stage:
                area = [f for f in area if f not in staged or f in at_stage]
                label_scores = {id(f): fits(f) for f in area}
                best = max(label_scores.values())
                top = [f for f in area if label_scores[id(f)] >= best]
        for fact in sorted(area, key=lambda f: -label_scores[id(f)]):
            if agrees(figure, fact.value) and (fact in top or label_scores[id(fact)] > 0):
                return Verdict(AGREES, claim, about, _fact_shown(fact), fact.source,
                               self._fact_caution(fact))  # fmt: skip
        if best > 0 and len({f.value for f in top}) == 1:
            return Verdict(DIFFERS, claim, about, _fact_shown(top[0]), top[0].source,
                           self._fact_caution(top[0]))  # fmt: skip
        return None

    # --- months and duties -----------------------------------------------------------------------

    def _month(self, claim: Claim) -> Verdict | None:
        words = list(claim.label)
        plans = [p for p in self.plans if p["project_no"] in claim.projects] or self.plans
        asked = sum(len(w) for w in words) or 1
        scored = sorted(
            ((text_score(words, f"{p['item']} {p['details'] or ''}"), p) for p in plans),
            key=lambda s: -s[0],
        )
        best = scored[0][0] if scored else 0
        periods = {p["period"] for s, p in scored if s >= best} if best else set()
        if best >= PLAN_SHARE * asked and len(periods) == 1:
            plan = scored[0][1]
            first, last = claim.months or (0, 0)
            start, end = plan["start_month"], plan["end_month"]
            months = range(start.month, (end or date(start.year, 12, 1)).month + 1)
            in_year = claim.year in (None, start.year)
            mark = AGREES if first in months and last in months and in_year else DIFFERS
            item = _short(plan["item"], 22)
            return Verdict(mark, claim, " ".join(claim.label) or item,
                           f"{plan['period']} ({item})", _short_source(plan["source"]))  # fmt: skip
        if claim.scheduled:
            return Verdict(UNKNOWN, claim, " ".join(claim.label),
                           note="보고서 향후계획에서 찾을 수 없는 일정입니다")  # fmt: skip
        return None

    def _duty(self, claim: Claim) -> Verdict:
        words = list(claim.label)
        asked = sum(len(w) for w in words if len(w) >= 2)
        scored = sorted(
            ((text_score(words, r["duty"]), r) for r in self.duties), key=lambda s: -s[0]
        )
        best = scored[0][0] if scored else 0
        top = [r for s, r in scored if best and s >= best * CLOSE_SCORE]
        divisions = list(dict.fromkeys(r["division"] for r in top))
        about = f"{claim.written} → {claim.division}"
        if best < CLEAR_SHARE * asked or len(divisions) != 1:
            return self._owner(claim, about)
        mark = AGREES if divisions[0] == claim.division else DIFFERS
        return Verdict(mark, claim, about, f"{divisions[0]} 소관 ({_short(top[0]['duty'], 24)})",
                       _short_source(top[0]["source"]))  # fmt: skip

    def _owner(self, claim: Claim, about: str) -> Verdict:
        """The 과 of the budget lines (or Ⅲ table rows) the claim names, when it is one."""
        held = [h for s in claim.subjects for h in self.subjects.figure_subjects(s, ())]
        rows = [self.owners[(h.kind, h.name)] for h in held if (h.kind, h.name) in self.owners]
        divisions = {r["division"] for r in rows}
        if len(divisions) != 1:
            return Verdict(
                UNKNOWN, claim, about, note="보고서 주요업무에서 담당 부서를 가릴 수 없습니다"
            )
        division = divisions.pop()
        mark = AGREES if division == claim.division else DIFFERS
        return Verdict(mark, claim, about, f"{division} 소관 ({_short(rows[0]['name'], 24)})",
                       _short_source(rows[0]["source"]))  # fmt: skip


# --- values and how they are shown ---------------------------------------------------------------


BOUNDS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">": Decimal.__gt__, ">=": Decimal.__ge__, "<": Decimal.__lt__, "<=": Decimal.__le__,
}  # fmt: skip


def _clause_dated(row: dict[str, Any]) -> str:
    """The clause of a bullet that holds this row's dates ("진흥로변노후담장정비공사(6.24.~
    7.22.)" of a bullet dating two works); the whole bullet when it has one clause."""
    span = (row["first_day"], row["last_day"])
    for clause in re.split(r"(?<=\)),\s*", row["text"]):
        if any((a, b) == span for a, b, _ in dated_spans(clause, span[0].year)):
            return clause
    return row["text"]


def _dates_written(text: str) -> str:
    """The bracketed dates of a bullet as it writes them, with the words just before each."""
    found = re.findall(r"([^\s(),]{0,12}\s?\([’'\d.~∼→\s]+\))", text)
    return ", ".join(found)


def agrees(figure: Written, value: Decimal) -> bool:
    """Whether the report's value, rounded half-up to the claim's precision, is the claim; for
    a bound ("50%를 넘었다"), whether the report's value is on its side."""
    if figure.comparison is not None:
        return BOUNDS[figure.comparison](value, figure.value)
    rounded = (value / figure.step).quantize(ONE, rounding=ROUND_HALF_UP) * figure.step
    return rounded == figure.value


def _rounding_only(finding: dict[str, Any]) -> bool:
    stated, other = _number(finding["stated"]), _number(finding["other"])
    return (
        finding["check_name"] == ROUNDING_CHECK
        and stated is not None
        and other is not None
        and abs(stated - other) <= ROUNDING_LIMIT
    )


def _overlap(words: Sequence[str], text: str) -> float:
    """Letters of the words that a short text holds as written (a noun's last letter may be
    left off: 신청해 → 신청); no near matches, which short texts would give too easily."""
    target = compact(text)
    score = 0.0
    for word in words:
        if word in target:
            score += len(word)
        elif len(word) >= 3 and word[:-1] in target:
            score += len(word) - 1
        elif (stem := _verb_stem(word)) and stem in target:
            score += len(stem)  # "입주하였음" of "(선정·입주)": the noun a verb is made of
    return score


# The letters a verb made of a noun goes on with: 입주 + 하였음, 선정 + 됨, 신청 + 했고.
VERB_TAIL = re.compile(r"(?<=[가-힣]{2})(?:하|했|되|됐|된|한|함|해|됨|시킨|시켜)")


def _verb_stem(word: str) -> str | None:
    match = VERB_TAIL.search(word)
    return word[: match.start()] if match else None


def _value(measure: Any, row: dict[str, Any]) -> Decimal | None:
    if measure.printed:
        printed = row.get(f"{measure.name}_printed")
        if printed:
            return _number(printed)
    amount = row.get(measure.name)
    if amount is None:
        return Decimal(0) if measure.missing_is_zero else None
    return Decimal(str(amount))


def _number(text: str | None) -> Decimal | None:
    """`65,419,160천원` → 65419160, `△15.0%` → -15.0; None for `-` or words."""
    if not text:
        return None
    match = re.fullmatch(r"(△|-)?([\d,]+(?:\.\d+)?)\s*(?:천원|%|명)", text.strip())
    if match is None:
        return None
    value = Decimal(match.group(2).replace(",", ""))
    return -value if match.group(1) else value


def _shown(measure: Any, row: dict[str, Any], value: Decimal | None, figure: Written) -> str:
    """The report's figure as printed, with the claim's own scale beside an amount."""
    if measure.printed:
        return row.get(f"{measure.name}_printed") or "미집행(-)"
    if value is None:
        return "-"
    if measure.missing_is_zero and row.get(measure.name) is None:
        return "0천원(미집행)" if measure.unit == MONEY_UNIT else "미집행(-)"
    if measure.unit == PEOPLE_UNIT:
        return f"{value:,.0f}명"
    if measure.unit == MONEY_UNIT:
        sign = "△" if value < 0 else ""  # the report's own minus
        return f"{sign}{abs(value):,.0f}천원" + _scaled(abs(value), figure.text)
    return str(value)


def _scaled(value: Decimal, written: str) -> str:
    for word, scale, label in SCALES:
        if word in written:
            amount = (value / scale).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            whole = amount == amount.to_integral_value()
            return f"({amount:,.0f}{label})" if whole else f"({amount:,}{label})"
    return ""


def _fact_shown(fact: _Fact) -> str:
    """`‘온오프라인 공모 3,201명’`: the figure with the words the bullet puts before it."""
    label = " ".join(LABEL_WORD.findall(fact.label)[-LABEL_WORDS:])
    return f"‘{label} {fact.printed}’" if label else f"‘{fact.printed}’"


def _display(subject: Subject) -> str:
    return "세입" if subject.kind == "revenue" and subject.name == "합계" else subject.name


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _short_source(source: str | None) -> str:
    """`Ⅰ. 일반현황 (줄 176)` → `Ⅰ 줄 176`."""
    if not source:
        return ""
    match = SOURCE.match(source)
    return f"{match.group(1)} 줄 {match.group(2)}" if match else source


def _sql(select: exp.Expression) -> str:
    return select.sql(dialect=DIALECT)
