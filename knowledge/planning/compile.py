"""The plan stage: a typed question → one parameterised SQL statement, built with sqlglot.

Figures come from the `figures` table through the declared measures (data/measures.toml); prose
(plans, project text, duties) from its own tables. Whatever a person typed is only ever a bound
parameter. A combination that cannot be compiled is a `Refusal` saying why, never a nearby query.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from sqlglot import exp

from knowledge.measures import PEOPLE, Measure, Measures
from knowledge.planning.statements import remember
from knowledge.reading import question as q
from knowledge.reading.question import Condition, Group, Question, Subject

DIALECT = "duckdb"
FIGURES = "figures"
# Columns every figure row carries besides its measures: who it is and where it was printed.
IDENTITY = ("kind", "name", "division", "project_no", "line_no", "position", "level")
SOURCES = ("source", "staff_source")
# The revenue table's 합계 and its one child 세외수입 are the whole, not items of it.
REVENUE_ITEM_LEVEL = 2
# The columns of a 향후계획 answer (plans l joined to projects p) and of a text answer.
PLAN_COLUMNS = (
    "l.project_no",
    "p.title",
    "p.division",
    "l.position",
    "l.item",
    "l.period",
    "l.start_month",
    "l.end_month",
    "l.open_ended",
    "l.details",
    "l.source",
)
ITEM_COLUMNS = (
    "i.project_no",
    "p.title",
    "p.division",
    "i.part",
    "i.position",
    "i.depth",
    "i.text",
    "i.parent_position",
    "p.purpose",
    "i.source",
)
# Questions about named things, compiled once per shape (see Planner.plan).
SHAPED = frozenset({q.FIGURES, q.SUM, q.DIFFERENCE, q.SHARE, q.CHECK, q.RANK})
GROUPED = frozenset({q.COUNT, q.LIST, q.RANK, q.SUM, q.AVERAGE})
# Stands for a thing's name while a shape is compiled; never in any name or question.
SENTINEL = "\x00subject"
# What a head count is shown with: both counts, the balance, the kinds of post.
PEOPLE_CONTEXT = (
    "quota",
    "current",
    "shortage",
    "administrative",
    "technical",
    "open_position",
    "fixed_term",
    "management",
    "part_time_fixed_term",
)
STATE_CONTEXT = {
    "spent": ("budget", "committed"),
    "change_amount": ("budget", "budget_2020", "change_rate"),
}
# Where a measure a subject lacks can be found, said when it is asked of the wrong thing.
WHERE_HELD = (
    ("project_row", "연말 집행예상은 Ⅲ 주요사업의 예산집행 현황 표에 있는 사업에만 있습니다."),
    ("revenue", "이 수치는 세입 항목에만 있습니다."),
    ("division", "인력은 과와 국 단위로만 있습니다."),
)
# The notes a statement depends on; any other note only changes the reply's wording.
PLANNED_NOTES = frozenset({"measures", "summed", "within", "plans", "simple"})
COMPARISONS = {">=": exp.GTE, ">": exp.GT, "<=": exp.LTE, "<": exp.LT, "=": exp.EQ, "!=": exp.NEQ}


@dataclass(frozen=True)
class Plan:
    """The statement to run and what it answers; `measures` are the columns the rows carry."""

    sql: str
    params: tuple[Any, ...]
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Refusal:
    """A question the planner cannot compile, with the reason in Korean."""

    reason: str


def _compiled_part(question: Question) -> Question:
    """The question with only what the compiler reads, so that questions asking the same thing
    in other words share one compiled statement (a reply's wording — units, notes, words left
    out — is the writer's). The compiler reads asks, subjects, group, measures, ranking, check,
    months, the planned notes, and the words of a question on plans; keep this in step with it."""
    return replace(
        question,
        words=question.words if question.asks == q.PLANS or question.note == "plans" else (),
        hints=(), unit=None, in_eok=False, in_million=False, not_held=(), choices=(), rest="", parts=(),
        note=question.note if question.note in PLANNED_NOTES else "",
        skipped=(), facet=question.facet if question.asks == q.PLANS else "", denied=False,
    )  # fmt: skip


class Planner:
    """Compiles questions over the declared measures."""

    def __init__(self, measures: Measures) -> None:
        self.measures = measures
        self._cached = lru_cache(maxsize=4096)(self._plan)
        self._figure_statements: dict[tuple[frozenset[str], int], str] = {}

    def plan(self, question: Question) -> Plan | Refusal | None:
        """The statement for a question; questions that differ only in which things they name
        share one compiled statement (their names are parameters)."""
        question = _compiled_part(question)
        if question.group is not None and question.asks in GROUPED:
            return self._grouped(question)
        if question.asks not in SHAPED or not question.subjects or question.group is not None:
            return self._cached(question)
        names: dict[str, object] = {
            f"{SENTINEL}{n}": s.name for n, s in enumerate(question.subjects)
        }
        shaped = replace(question, subjects=tuple(
            replace(s, name=f"{SENTINEL}{n}", ref=None) for n, s in enumerate(question.subjects)
        ))  # fmt: skip
        check = question.check
        if check is not None and check.value is not None:
            # The figure a check compares with is a parameter too ("80% 넘어", "90% 넘어").
            names[f"{SENTINEL}value"] = check.value
            shaped = replace(shaped, check=replace(check, value=f"{SENTINEL}value"))
        plan = self._cached(shaped)
        if not isinstance(plan, Plan):
            return self._cached(question)  # a refusal names the thing: build it for this one
        params = tuple(names.get(p, p) if isinstance(p, str) else p for p in plan.params)
        return Plan(plan.sql, params, plan.measures)

    def _grouped(self, question: Question) -> Plan | Refusal | None:
        """Questions over a set share one statement per shape: the 과, the project, the figures
        of the conditions and the place in a ranking are parameters."""
        values: dict[str, object] = {}

        def stand_in(value: object) -> object:
            if value is None:
                return None
            key = f"{SENTINEL}{len(values)}"
            values[key] = value
            return key

        group = question.group
        shaped_group = replace(
            group,
            division=stand_in(group.division),
            project_no=stand_in(group.project_no),
            parent=stand_in(group.parent),
            conditions=tuple(replace(c, value=stand_in(c.value)) for c in group.conditions),
        )
        ranking = question.ranking
        if ranking is not None:
            ranking = replace(ranking, position=stand_in(ranking.position),
                              count=stand_in(ranking.count), of=stand_in(ranking.of))  # fmt: skip
        plan = self._cached(replace(question, group=shaped_group, ranking=ranking))
        if not isinstance(plan, Plan):
            return self._cached(question)
        params = tuple(values.get(p, p) if isinstance(p, str) else p for p in plan.params)
        return Plan(plan.sql, params, plan.measures)

    def _plan(self, question: Question) -> Plan | Refusal | None:
        build = {
            q.FIGURES: self._figures,
            q.SUM: self._sum,
            q.AVERAGE: self._group,
            q.DIFFERENCE: self._difference,
            q.SHARE: self._share,
            q.CHECK: self._check,
            q.COUNT: self._group,
            q.LIST: self._group,
            q.RANK: self._rank,
            q.PLANS: self._plans,
            q.TEXT: self._text,
            q.DUTY: self._duty,
            q.DUTIES: self._duties,
            q.ORGANIZATION: self._organization,
            q.VISION: self._vision,
            q.AUDIT: self._audit,
        }.get(question.asks)
        return build(question) if build is not None else None

    # --- figures of named subjects ---------------------------------------------------------

    def _wanted(self, question: Question, kinds: set[str]) -> tuple[str, ...]:
        if question.measures:
            return question.measures
        names: list[str] = []
        for kind in sorted(kinds):
            names += self.measures.overview.get(kind, ())
        return tuple(dict.fromkeys(names))

    def _unavailable(
        self, subjects: tuple[Subject, ...], measures: tuple[str, ...]
    ) -> Refusal | None:
        for subject in subjects:
            missing = [m for m in measures if subject.kind not in self.measures[m].kinds]
            if missing:
                labels = ", ".join(self.measures[m].label for m in missing)
                kinds = set.intersection(*(set(self.measures[m].kinds) for m in missing))
                where = next((text for kind, text in WHERE_HELD if kind in kinds), "")
                return Refusal(
                    f"보고서에는 ‘{subject.name}’의 {labels} 수치가 없습니다. {where}".strip()
                )
        return None

    def _asked(self, subjects: tuple[Subject, ...], measures: tuple[str, ...]) -> exp.Select:
        """One row per subject in the order asked (`ord`), with the measures as columns."""
        order = exp.Case()
        where = []
        for number, _subject in enumerate(subjects, 1):
            match = _all(_column("kind").eq(_param()), _column("name").eq(_param()))
            order = order.when(match.copy(), exp.Literal.number(number))
            where.append(match)
        select = exp.select(_alias(order, "ord"), *_columns(IDENTITY))
        select = select.select(*self._measure_columns(measures), *_columns(SOURCES), copy=False)
        return select.from_(_table(FIGURES), copy=False).where(_any(*where), copy=False)

    def _measure_columns(self, measures: tuple[str, ...]) -> list[exp.Expression]:
        columns: list[exp.Expression] = []
        for name in measures:
            measure = self.measures[name]
            columns.append(_alias(measure.expression.copy(), name))
            if measure.printed:
                columns.append(_alias(_column(measure.printed), f"{name}_printed"))
        return columns

    def _subject_params(self, subjects: tuple[Subject, ...]) -> tuple:
        pairs = tuple(value for s in subjects for value in (s.kind, s.name))
        return pairs + pairs  # once for the CASE that orders, once for the WHERE

    def _context(self, measures: tuple[str, ...], kinds: set[str]) -> tuple[str, ...]:
        """Figures shown beside those asked: a rate's amounts, a head count's breakdown."""
        extra: list[str] = []
        rate_of = {m.ratio_of: m.name for m in self.measures.values() if m.ratio_of}
        for name in measures:
            measure = self.measures[name]
            extra += measure.shown_with
            if measure.derived:
                extra += [
                    c.name
                    for c in measure.expression.find_all(exp.Column)
                    if c.name in self.measures
                ]
            if name in rate_of:
                extra.append(rate_of[name])
            if measure.ratio_of:
                extra += [measure.ratio_of, "budget"]
            elif name == "budget" and len(measures) == 1:
                extra += ["committed_rate", "spent_rate"]  # a budget is read with its execution
            elif measure.is_money and name != "budget":
                extra.append("budget")
            elif measure.unit == PEOPLE:
                extra += list(PEOPLE_CONTEXT)
        extra = [m for m in extra if kinds <= self.measures[m].kinds]
        return tuple(dict.fromkeys([*measures, *extra]))

    def _figures(self, question: Question) -> Plan | Refusal:
        kinds = {s.kind for s in question.subjects}
        measures = self._wanted(question, kinds)
        if question.measures:
            refused = self._unavailable(question.subjects, measures)
            if refused:
                return refused
        else:
            measures = tuple(m for m in measures if kinds <= self.measures[m].kinds) or measures
        measures = self._context(measures, kinds)
        sql = self._figures_sql(frozenset(kinds), len(question.subjects))
        return Plan(sql, self._subject_params(question.subjects), measures)

    def _figures_sql(self, kinds: frozenset[str], count: int) -> str:
        """Every figure the things have, so that the next question about them (another
        measure) runs the same statement: compiled once for each number and kinds of things."""
        key = (kinds, count)
        if key not in self._figure_statements:
            columns = tuple(name for name, m in self.measures.items() if kinds <= m.kinds)
            placeholders = tuple(Subject(kind, "") for kind in sorted(kinds))
            placeholders = (placeholders * count)[:count]
            # No ORDER BY: DuckDB materialises every column to sort them (a third of the
            # statement's time); the executor puts the rows in `ord` order instead.
            select = self._asked(placeholders, columns)
            self._figure_statements[key] = _sql(select)
        return self._figure_statements[key]

    def _with_asked(
        self, question: Question, measures: tuple[str, ...], *results: exp.Expression
    ) -> Plan:
        """`WITH asked AS (the subjects' rows) SELECT *, results FROM asked`."""
        asked = self._asked(question.subjects, measures)
        select = (
            exp.select("*", *results)
            .from_(_table("asked"), copy=False)
            .with_("asked", as_=asked, copy=False)
        )
        return Plan(
            _sql(select.order_by(_col("ord"), copy=False)),
            self._subject_params(question.subjects),
            measures,
        )

    def _sum(self, question: Question) -> Plan | Refusal:
        if question.group is not None:
            return self._group(question)
        refused = self._unavailable(question.subjects, question.measures)
        if refused:
            return refused
        if question.note == "measures":
            units = {self.measures[m].unit for m in question.measures}
            if len(units) > 1 or any(self.measures[m].is_rate for m in question.measures):
                return Refusal("단위가 다른 수치나 비율은 더할 수 없습니다.")
            total = exp.Add(this=_ref(question.measures[0]), expression=_ref(question.measures[1]))
            for name in question.measures[2:]:
                total = exp.Add(this=total, expression=_ref(name))
            return self._with_asked(question, question.measures, _alias(total, "total"))
        results = []
        measures = list(question.measures)
        for name in question.measures:
            measure = self.measures[name]
            if measure.is_rate:
                if measure.ratio_of is None:
                    return Refusal(f"{measure.label}은(는) 더할 수 없는 비율입니다.")
                for part in (measure.ratio_of, "budget"):
                    if part not in measures:
                        measures.append(part)
                ratio = exp.Div(
                    this=exp.Mul(
                        this=exp.Literal.number(100), expression=_total(_ref(measure.ratio_of))
                    ),
                    expression=_total(_ref("budget")),
                )
                results.append(_alias(ratio, f"total_{name}"))
            else:
                results.append(_alias(_total(_ref(name)), f"total_{name}"))
        return self._with_asked(question, tuple(measures), *results)

    def _difference(self, question: Question) -> Plan | Refusal:
        refused = self._unavailable(question.subjects, question.measures)
        if refused:
            return refused
        if len(question.subjects) >= 2:
            name = question.measures[0]
            first, second = (_of_ord(name, n) for n in (1, 2))
            return self._with_asked(
                question,
                question.measures,
                _alias(exp.Sub(this=first, expression=second), "difference"),
            )
        if len(question.measures) < 2:
            return Refusal("차이를 구할 두 수치나 두 대상을 함께 말씀해 주세요.")
        first, second = question.measures[:2]
        if self.measures[first].unit != self.measures[second].unit:
            return Refusal(
                f"{self.measures[first].label}과(와) {self.measures[second].label}은(는) "
                "단위가 달라 뺄 수 없습니다."
            )
        result = exp.Sub(
            this=_rate_or_amount(self.measures[first]),
            expression=_rate_or_amount(self.measures[second]),
        )
        return self._with_asked(question, question.measures, _alias(result, "difference"))

    def _share(self, question: Question) -> Plan | Refusal:
        measure = self.measures[question.measures[0]]
        part = question.subjects[0]
        if len(question.subjects) == 1 and len(question.measures) == 2:
            refused = self._unavailable(question.subjects, question.measures)
            if refused:
                return refused
            whole = self.measures[question.measures[1]]
            ratio = exp.Div(
                this=exp.Mul(this=exp.Literal.number("100.0"), expression=_ref(measure.name)),
                expression=exp.Nullif(this=_ref(whole.name), expression=exp.Literal.number(0)),
            )
            return self._with_asked(question, question.measures, _alias(ratio, "share"))
        if question.note == "within" and len(question.subjects) >= 2:
            # One of several things added up, over their sum ("둘이 합치면?" then "그 중 사회협력과
            # 비중은?"): the first subject over all of them together.
            refused = self._unavailable(question.subjects, question.measures)
            if refused:
                return refused
            total = _of_ord(measure.name, 1)
            for number in range(2, len(question.subjects) + 1):
                total = exp.Add(this=total, expression=_of_ord(measure.name, number))
            ratio = exp.Div(
                this=exp.Mul(this=exp.Literal.number("100.0"), expression=_of_ord(measure.name, 1)),
                expression=exp.Nullif(this=exp.Paren(this=total), expression=exp.Literal.number(0)),
            )  # fmt: skip
            return self._with_asked(question, question.measures, _alias(ratio, "share"))
        if question.note == "summed" and len(question.subjects) >= 3:
            # Several things added up, over the whole named last.
            count = len(question.subjects)
            refused = self._unavailable(question.subjects, question.measures)
            if refused:
                return refused
            total = _of_ord(measure.name, 1)
            for number in range(2, count):
                total = exp.Add(this=total, expression=_of_ord(measure.name, number))
            ratio = exp.Div(
                this=exp.Mul(this=exp.Literal.number("100.0"), expression=exp.Paren(this=total)),
                expression=exp.Nullif(this=_of_ord(measure.name, count),
                                      expression=exp.Literal.number(0)),
            )  # fmt: skip
            return self._with_asked(question, question.measures, _alias(ratio, "share"))
        whole = question.subjects[1] if len(question.subjects) > 1 else _whole_of(part)
        if whole is None:
            return Refusal(f"‘{part.name}’의 전체가 무엇인지 보고서에서 정할 수 없습니다.")
        shared = Question(q.SHARE, subjects=(part, whole), measures=question.measures)
        refused = self._unavailable(shared.subjects, shared.measures)
        if refused:
            return refused
        ratio = exp.Div(
            this=exp.Mul(this=exp.Literal.number("100.0"), expression=_of_ord(measure.name, 1)),
            expression=exp.Nullif(this=_of_ord(measure.name, 2), expression=exp.Literal.number(0)),
        )
        return self._with_asked(shared, shared.measures, _alias(ratio, "share"))

    def _check(self, question: Question) -> Plan | Refusal | None:
        if question.note == "plans":
            return self._plans(question)
        condition = question.check
        if condition is None:
            return None
        measures = tuple(dict.fromkeys(m for m in (condition.measure, condition.other) if m))
        refused = self._unavailable(question.subjects, measures)
        if refused:
            return refused
        if condition.comparison in ("is_null", "not_null") or condition.measure == "change_amount":
            # A state is shown with what it is a state of: the budget, the year before.
            measures = tuple(dict.fromkeys([*measures, *STATE_CONTEXT.get(condition.measure, ())]))
            measures = tuple(
                m
                for m in measures
                if all(s.kind in self.measures[m].kinds for s in question.subjects)
            )
        kinds = {s.kind for s in question.subjects}
        measures = self._context(measures, kinds)
        checked = Question(q.CHECK, subjects=question.subjects, measures=measures)
        two_subjects = condition.other is None and len(question.subjects) == 2
        if two_subjects and condition.times and condition.comparison in COMPARISONS:
            # "갈등관리협치과 예산이 시민숙의예산과의 10배 넘어?": the first against the second
            # times the factor.
            first, second = _of_ord(condition.measure, 1), _of_ord(condition.measure, 2)
            holds = _compare(condition.comparison, first, exp.Mul(this=_param(), expression=second))
            plan = self._with_asked(checked, measures, _alias(holds, "holds"))
            return Plan(plan.sql, (*plan.params, condition.value), plan.measures)
        two = condition.other is None and condition.value is None and len(question.subjects) == 2
        if two and condition.comparison in COMPARISONS:
            holds = _compare(
                condition.comparison, _of_ord(condition.measure, 1), _of_ord(condition.measure, 2)
            )
            return self._with_asked(checked, measures, _alias(holds, "holds"))
        plan = self._with_asked(checked, measures, _alias(self._test(condition, True), "holds"))
        value = () if condition.value is None else (condition.value,)
        # The condition's figure comes after the subjects' in the statement.
        return Plan(plan.sql, plan.params + value, plan.measures)

    def _test(self, condition: Condition, on_alias: bool) -> exp.Expression:
        """The SQL test of a condition; on `asked` rows the measure is a column of its own."""
        measure = self.measures[condition.measure]
        value = _ref(measure.name) if on_alias else measure.expression.copy()
        if condition.comparison == "is_null":
            return exp.Is(this=value, expression=exp.Null())
        if condition.comparison == "not_null":
            return exp.Not(this=exp.Is(this=value, expression=exp.Null()))
        if measure.missing_is_zero or condition.other is not None:
            value = exp.func("coalesce", value, exp.Literal.number(0))
        if condition.other is not None:
            other = self.measures[condition.other]
            against = _ref(other.name) if on_alias else other.expression.copy()
            if condition.gap:
                return _compare(
                    condition.comparison, exp.Sub(this=value, expression=against), _param()
                )
            if condition.times:
                return _compare(
                    condition.comparison, value, exp.Mul(this=_param(), expression=against)
                )
            return _compare(condition.comparison, value, against)
        if measure.printed and not on_alias:
            # A rate is compared as printed (one decimal), the figure people see.
            value = exp.func("round", value, exp.Literal.number(1))
        if condition.whole:
            # "국 전체 지출 집행률보다 낮은 과": the bureau's own figure, from its row.
            return _compare(condition.comparison, value, _bureau_figure(measure))
        return _compare(condition.comparison, value, _param())

    # --- groups --------------------------------------------------------------------------

    def _group_select(self, group: Group, measures: tuple[str, ...]) -> tuple[exp.Select, list]:
        missing = [m for m in measures if group.kind not in self.measures[m].kinds]
        if missing:
            raise _Unplannable(
                f"{_GROUP_NAMES[group.kind]}에는 "
                + ", ".join(self.measures[m].label for m in missing)
                + " 수치가 없습니다."
            )
        params: list = [group.kind]
        where = [_column("kind").eq(_param())]
        if group.kind == "revenue":
            where.append(
                exp.GTE(this=_column("level"), expression=exp.Literal.number(REVENUE_ITEM_LEVEL))
            )
        if group.division is not None:
            where.append(_column("division").eq(_param()))
            params.append(group.division)
        if group.project_no is not None:
            where.append(_column("project_no").eq(_param()))
            params.append(group.project_no)
        if group.parent is not None and not group.under:
            where.append(_column("parent").eq(_param()))
            params.append(group.parent)
        elif group.parent is not None:
            # Items under it at any depth ("세외수입 항목 중 …": the subtotals' items too).
            children = _revenue_rows("name", _column("parent").eq(_param()))
            where.append(
                exp.or_(
                    _column("parent").eq(_param()),
                    exp.In(this=_column("parent"), query=exp.Subquery(this=children)),
                )
            )
            params.extend([group.parent, group.parent])
        if group.lines:
            where.append(
                exp.In(this=_column("line_no"), expressions=[_param() for _ in group.lines])
            )
            params.extend(group.lines)
        elif group.without and group.kind == "division":
            # "사회협력과 말고 …한 과": the 과 named is left out of the set.
            where.append(
                exp.Not(
                    this=exp.In(this=_column("name"), expressions=[_param() for _ in group.without])
                )
            )
            params.extend(group.without)
        if group.leaves:
            parents = _revenue_rows(
                "parent", exp.Not(this=exp.Is(this=_column("parent"), expression=exp.Null()))
            )
            where.append(
                exp.Not(this=exp.In(this=_column("name"), query=exp.Subquery(this=parents)))
            )
        for condition in group.conditions:
            if group.kind not in self.measures[condition.measure].kinds:
                raise _Unplannable(
                    f"{_GROUP_NAMES[group.kind]}에는 {self.measures[condition.measure].label} 수치가 없습니다."
                )
            where.append(self._test(condition, False))
            if condition.value is not None and condition.comparison not in ("is_null", "not_null"):
                params.append(condition.value)
        select = exp.select(
            *_columns(IDENTITY), *self._measure_columns(measures), *_columns(SOURCES)
        )
        for condition in group.conditions:
            if condition.whole:
                # (the bureau's figure beside each row, for the reply to say what was the bar)
                measure = self.measures[condition.measure]
                select = select.select(
                    _alias(_bureau_figure(measure), f"whole_{measure.name}"), copy=False
                )
        return select.from_(_table(FIGURES), copy=False).where(_all(*where), copy=False), params

    def _group_measures(self, question: Question) -> tuple[str, ...]:
        group = question.group
        measures = tuple(
            dict.fromkeys(
                list(question.measures)
                + [c.measure for c in group.conditions]
                + [c.other for c in group.conditions if c.other]
                # A gap is read with the two figures it is the gap between.
                + [p for m in question.measures[:1] for p in self.measures[m].difference_of]
            )
        )
        return measures or (("budget",) if group.kind != "division" else ("budget", "spent_rate"))

    def _projects(self, question: Question) -> Plan:
        """The flagship projects of Ⅲ themselves, for "주요사업 목록"."""
        select = exp.select(
            _col("project_no"), _col("title"), _col("division"), _col("source")
        ).from_("projects", copy=False)
        if question.group.division is not None:
            select = select.where(_column("division").eq(_param()), copy=False)
            return Plan(
                _sql(select.order_by(_col("project_no"), copy=False)),
                (question.group.division,),
            )
        return Plan(_sql(select.order_by(_col("project_no"), copy=False)), ())

    def _group(self, question: Question) -> Plan | Refusal:
        if question.group.kind == "project":
            return self._projects(question)
        measures = self._group_measures(question)
        try:
            select, params = self._group_select(question.group, measures)
        except _Unplannable as refusal:
            return Refusal(str(refusal))
        select = select.select(
            _alias(exp.Window(this=exp.Count(this=exp.Star())), "matched"), copy=False
        )
        if question.asks in (q.SUM, q.AVERAGE):
            for name in question.measures:
                measure = self.measures[name]
                if measure.is_rate and question.asks == q.AVERAGE and question.note == "simple":
                    # "단순 평균": asked for in so many words, each rate counts once.
                    rate = measure.expression.copy()
                    if measure.missing_is_zero:
                        rate = exp.Coalesce(this=rate, expressions=[exp.Literal.number(0)])
                    mean = exp.Window(this=exp.Avg(this=rate))
                    select = select.select(_alias(mean, f"mean_{name}"), copy=False)
                    continue
                if measure.is_rate:
                    # A mean of rates weighs a small line like a large one: the reply would
                    # not be the rate of the whole, so it is not given as one.
                    return Refusal(
                        f"{measure.label}은(는) 비율이라 더하거나 평균하지 않습니다(규모가 다른 것이 "
                        "같은 무게가 됩니다). ‘단순 평균’이라고 물으시면 그대로 계산해 드립니다."
                    )
                total = exp.Window(this=exp.Sum(this=measure.expression.copy()))
                select = select.select(_alias(total, f"total_{name}"), copy=False)
        elif question.group.kind == "division" and not question.group.conditions:
            # Every 과 listed: their total is the bureau's, shown as the report's 합계 row.
            for name in measures:
                measure = self.measures[name]
                if not measure.is_rate and measure.unit != "%":
                    total = exp.Window(this=exp.Sum(this=measure.expression.copy()))
                    select = select.select(_alias(total, f"total_{name}"), copy=False)
        first = self.measures[measures[0]]
        if question.group.kind in ("division", "revenue", "project_row") or (
            question.asks == q.LIST and not question.group.conditions
        ):
            select = select.order_by(_col("position"), copy=False)
        else:
            ordered = exp.Ordered(this=_sortable(first), desc=True)
            select = select.order_by(ordered, _col("position"), copy=False)
        return Plan(_sql(select), tuple(params), measures)

    def _rank(self, question: Question) -> Plan | Refusal:
        if question.group is None:
            ranked = Question(q.RANK, subjects=question.subjects, measures=question.measures)
            refused = self._unavailable(ranked.subjects, ranked.measures)
            if refused:
                return refused
            measure = self.measures[question.measures[0]]
            rank = _rank_window(measure, question.ranking.descending, on_alias=True)
            return self._with_asked(ranked, question.measures, _alias(rank, "rank"))
        measures = self._group_measures(question)
        try:
            select, params = self._group_select(question.group, measures)
        except _Unplannable as refusal:
            return Refusal(str(refusal))
        measure = self.measures[question.measures[0]]
        ranking = question.ranking
        rank = _rank_window(measure, ranking.descending, on_alias=False)
        select = select.select(
            _alias(rank, "rank"),
            _alias(exp.Window(this=exp.Count(this=exp.Star())), "matched"),
            copy=False,
        )
        if measure.unit == "명":
            # "시간선택제임기제 총 인원과 가장 많이 배치된 부서": the set's head count beside
            # the one ranked first.
            total = exp.Window(this=exp.Sum(this=measure.expression.copy()))
            select = select.select(_alias(total, f"total_{measure.name}"), copy=False)
        if ranking.of is not None:
            # The one asked about, and the one at the place asked (to say who is there).
            at = exp.EQ(this=_column("rank"), expression=_param())
            select = select.qualify(_any(_column("name").eq(_param()), at), copy=False)
            params += [ranking.of, ranking.position or 1]
        elif ranking.position is not None:
            select = select.qualify(_column("rank").eq(_param()), copy=False)
            params.append(ranking.position)
        else:
            kept = exp.LTE(this=_column("rank"), expression=_param())
            params.append(ranking.count or 1)
            if measure.missing_is_zero and not ranking.descending and ranking.count is None:
                # "지출률 가장 낮은": the unexecuted lines ('-') come first as 0; the lowest
                # that has a figure is kept beside them, so the reply can give both.
                select = select.select(
                    _alias(_rank_window(measure, False, on_alias=False, reported=True),
                               "reported_rank"), copy=False)  # fmt: skip
                kept = _any(kept, exp.EQ(this=_column("reported_rank"),
                                            expression=exp.Literal.number(1)))  # fmt: skip
            select = select.qualify(kept, copy=False)
        select = select.order_by(_col("rank"), _col("position"), copy=False)
        return Plan(_sql(select), tuple(params), measures)

    # --- prose ---------------------------------------------------------------------------

    def _plans(self, question: Question) -> Plan:
        if question.facet == "done":
            return self._done(question)
        select = (
            exp.select(*map(_col, PLAN_COLUMNS))
            .from_(_table("plans", "l"), copy=False)
            .join(_table("projects", "p"), using=["project_no"], copy=False)
        )
        where, params = [], []
        if question.asks == q.CHECK and question.words:
            # A yes/no about named plans: every plan (of the project named), each asked thing
            # is found among them by its words.
            projects = sorted({s.project_no for s in question.subjects if s.project_no})
            if projects:
                select = select.where(
                    exp.column("project_no", "l").isin(*[_param() for _ in projects]), copy=False
                )
            ordered = select.order_by(
                _col("l.start_month"), _col("l.project_no"), _col("l.position"), copy=False
            )
            return Plan(_sql(ordered), tuple(projects))
        divisions = [s.division or s.name for s in question.subjects if s.kind == "division"]
        projects = sorted({s.project_no for s in question.subjects if s.project_no is not None})
        if divisions and not projects:
            where.append(exp.column("division", "p").isin(*[_param() for _ in divisions]))
            params += divisions
        if projects:
            where.append(exp.column("project_no", "l").isin(*[_param() for _ in projects]))
            params += projects
        if question.months is not None:
            ends = exp.func(
                "coalesce", exp.column("end_month", "l"), exp.column("start_month", "l")
            )
            where.append(
                exp.LTE(this=exp.column("start_month", "l"), expression=exp.cast(_param(), "DATE"))
            )
            where.append(
                _any(
                    exp.GTE(this=ends, expression=exp.cast(_param(), "DATE")),
                    exp.column("open_ended", "l"),
                )
            )
            params += [question.months.last.isoformat(), question.months.first.isoformat()]
            if question.facet == "ends":
                # "11월에 끝나는 것들": the plans whose last month is one asked.
                where.append(exp.LTE(this=ends.copy(), expression=exp.cast(_param(), "DATE")))
                where.append(exp.Not(this=exp.column("open_ended", "l")))
                params.append(question.months.last.isoformat())
        for word in question.words:
            text = exp.func(
                "replace",
                exp.func(
                    "concat",
                    exp.column("item", "l"),
                    exp.func("coalesce", exp.column("details", "l"), exp.Literal.string("")),
                ),
                exp.Literal.string(" "),
                exp.Literal.string(""),
            )
            where.append(
                exp.GT(this=exp.func("strpos", text, _param()), expression=exp.Literal.number(0))
            )
            params.append(word)
        if where:
            select = select.where(_all(*where), copy=False)
        select = select.order_by(
            _col("l.start_month"), _col("l.project_no"), _col("l.position"), copy=False
        )
        return Plan(_sql(select), tuple(params))

    def _done(self, question: Question) -> Plan:
        """The status bullets dated in the months (or on the day) asked: what was done then.
        Asked of a day, bullets dated to the day are kept when any is; of a 과 or a project,
        only theirs."""
        months = question.months
        first = months.first
        last = date(months.last.year, months.last.month,
                    calendar.monthrange(months.last.year, months.last.month)[1])  # fmt: skip
        if months.day is not None:
            first = last = date(first.year, first.month, months.day)
        select = (
            exp.select(
                *map(_col, ITEM_COLUMNS), _col("d.first_day"), _col("d.last_day"), _col("d.to_day")
            )
            .from_(_table("dated_items", "d"), copy=False)
            .join(
                _table("project_items", "i"), using=["project_no", "part", "position"], copy=False
            )
            .join(_table("projects", "p"), using=["project_no"], copy=False)
        )
        where = [
            exp.LTE(this=_col("d.first_day"), expression=exp.cast(_param(), "DATE")),
            exp.GTE(this=_col("d.last_day"), expression=exp.cast(_param(), "DATE")),
        ]
        params: list = [last.isoformat(), first.isoformat()]
        divisions = [s.division or s.name for s in question.subjects if s.kind == "division"]
        projects = sorted({s.project_no for s in question.subjects if s.project_no is not None})
        if projects:
            where.append(exp.column("project_no", "d").isin(*[_param() for _ in projects]))
            params += projects
        elif divisions:
            where.append(exp.column("division", "p").isin(*[_param() for _ in divisions]))
            params += divisions
        select = select.where(_all(*where), copy=False)
        order = [_col("d.first_day"), _col("d.project_no"), _col("i.position")]
        if months.day is not None:
            widest = exp.Window(this=exp.Max(this=_col("d.to_day")))
            select = select.qualify(exp.EQ(this=_col("d.to_day"), expression=widest), copy=False)
            # what happened on the day itself first, then what ran over it
            order.insert(0, exp.Sub(this=_col("d.last_day"), expression=_col("d.first_day")))
        select = select.order_by(*order, copy=False)
        return Plan(_sql(select), tuple(params))

    def _text(self, question: Question) -> Plan:
        # The project's own purpose and where it is written, for "why" questions.
        purpose_source = _alias(_col("p.source"), "purpose_source")
        select = (
            exp.select(*map(_col, ITEM_COLUMNS), purpose_source)
            .from_(_table("project_items", "i"), copy=False)
            .join(_table("projects", "p"), using=["project_no"], copy=False)
        )
        projects = sorted({s.project_no for s in question.subjects if s.project_no is not None})
        params: list = []
        if projects:
            select = select.where(
                exp.column("project_no", "i").isin(*[_param() for _ in projects]), copy=False
            )
            params += projects
        select = select.order_by(
            _col("i.project_no"), _col("i.part"), _col("i.position"), copy=False
        )
        return Plan(_sql(select), tuple(params))

    def _duty(self, question: Question) -> Plan:
        select = exp.select(_col("division"), _col("position"), _col("duty"), _col("source")).from_(
            _table("duties"), copy=False
        )
        return Plan(_sql(select.order_by(_col("division"), _col("position"), copy=False)), ())

    def _duties(self, question: Question) -> Plan:
        select = exp.select(_col("division"), _col("position"), _col("duty"), _col("source")).from_(
            _table("duties"), copy=False
        )
        select = select.where(_column("division").eq(_param()), copy=False).order_by(
            _col("position"), copy=False
        )
        return Plan(_sql(select), (question.subjects[0].name,))

    def _organization(self, question: Question) -> Plan:
        select = exp.select(
            _col("unit"), _col("structure"), _col("role"), _col("reorganized_on"), _col("source")
        ).from_("organization", copy=False)
        return Plan(_sql(select.order_by(_col("role"), _col("unit"), copy=False)), ())

    def _vision(self, question: Question) -> Plan:
        columns = ("kind", "position", "text", "strategy", "source")
        select = exp.select(*(_col(c) for c in columns)).from_("vision", copy=False)
        return Plan(_sql(select), ())

    def _audit(self, question: Question) -> Plan:
        select = exp.select(
            _col("check_name"),
            _col("subject"),
            _col("field"),
            _col("stated"),
            _col("stated_source"),
            _col("other"),
            _col("other_source"),
            _col("note"),
        ).from_(_table("inconsistencies"), copy=False)
        return Plan(_sql(select), ())


class _Unplannable(Exception):
    pass


_GROUP_NAMES = {
    "line": "세부사업",
    "division": "과",
    "revenue": "세입 항목",
    "project_row": "주요사업 예산표",
    "plan": "향후계획",
}


# Every tree here is built for one statement, so the builders need not copy what they are given
# (copying was a third of the time a statement took to compile).
def _alias(expression: exp.Expression, name: str) -> exp.Alias:
    return exp.alias_(expression, name, copy=False)


def _revenue_rows(column: str, condition: exp.Expression) -> exp.Select:
    """`SELECT column FROM figures WHERE kind = 'revenue' AND condition`: a subquery over the
    revenue items (their parents, or the items under one)."""
    return (
        exp.select(_col(column))
        .from_(_table(FIGURES), copy=False)
        .where(_all(_column("kind").eq(exp.Literal.string("revenue")), condition), copy=False)
    )


def _all(*conditions: exp.Expression) -> exp.Expression:
    return exp.and_(*conditions, copy=False)


def _any(*conditions: exp.Expression) -> exp.Expression:
    return exp.or_(*conditions, copy=False)


def _col(name: str) -> exp.Expression:
    """A column (`l.item` → item of l) or `*`, built without parsing."""
    if name == "*":
        return exp.Star()
    table, _, column = name.rpartition(".")
    return exp.column(column, table or None)


def _table(name: str, alias: str | None = None) -> exp.Table:
    table = exp.Table(this=exp.to_identifier(name))
    if alias:
        table.set("alias", exp.TableAlias(this=exp.to_identifier(alias)))
    return table


def _column(name: str) -> exp.Column:
    return exp.column(name)


def _columns(names: tuple[str, ...]) -> list[exp.Column]:
    return [exp.column(name) for name in names]


def _param() -> exp.Placeholder:
    return exp.Placeholder()


def _ref(name: str) -> exp.Column:
    return exp.column(name)


def _total(expression: exp.Expression) -> exp.Window:
    return exp.Window(this=exp.Sum(this=expression))


def _of_ord(name: str, number: int) -> exp.Subquery:
    """`(SELECT name FROM asked WHERE ord = n)`: a measure of the n-th subject asked."""
    select = (
        exp.select(name)
        .from_(_table("asked"), copy=False)
        .where(_column("ord").eq(exp.Literal.number(number)), copy=False)
    )
    return exp.Subquery(this=select)


def _rate_or_amount(measure: Measure) -> exp.Expression:
    # A rate is taken as printed (one decimal): a gap in %p is between the figures people see.
    if measure.printed:
        return exp.func("round", _ref(measure.name), exp.Literal.number(1))
    return _ref(measure.name)


def _compare(comparison: str, left: exp.Expression, right: exp.Expression) -> exp.Expression:
    return COMPARISONS[comparison](this=left, expression=right)


def _sortable(measure: Measure) -> exp.Expression:
    value = measure.expression.copy()
    return exp.func("coalesce", value, exp.Literal.number(0)) if measure.missing_is_zero else value


def _rank_window(
    measure: Measure, descending: bool, on_alias: bool, reported: bool = False
) -> exp.Window:
    """The rank by a measure; a missing figure counts as 0 where the measure says so, unless
    only the figures reported are ranked (`reported`: missing ones last)."""
    value = _ref(measure.name) if on_alias else measure.expression.copy()
    if measure.missing_is_zero and not reported:
        value = exp.func("coalesce", value, exp.Literal.number(0))
    order = exp.Order(expressions=[exp.Ordered(this=value, desc=descending, nulls_first=False)])
    return exp.Window(this=exp.Anonymous(this="rank"), order=order)


def _whole_of(part: Subject) -> Subject | None:
    """What a part is a share of: a 과 of the bureau, a line of its 과, a row of its project's 과."""
    if part.kind == "division":
        return None
    if part.kind in ("line", "project_row") and part.division:
        return Subject("division", part.division, part.division)
    if part.kind == "revenue":
        return Subject("revenue", "합계")
    return None


def _bureau_figure(measure) -> exp.Expression:
    """The bureau's own figure of a measure, as a scalar subquery (a rate as printed)."""
    whole = measure.expression.copy()
    if measure.printed:
        whole = exp.func("round", whole, exp.Literal.number(1))
    bureau = (
        exp.select(whole)
        .from_(_table(FIGURES), copy=False)
        .where(_column("kind").eq(exp.Literal.string("bureau")), copy=False)
    )
    return exp.Subquery(this=bureau)


def _sql(select: exp.Expression) -> str:
    # The tree is built for this statement alone: the generator may work on it in place.
    return remember(select.sql(dialect=DIALECT, copy=False))
