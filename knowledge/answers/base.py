"""What every writer shares: the report's facts beside the rows, the closing line, the notes on
the report's own disagreements, and the Answer built from lines."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlglot import exp

from knowledge import format as fmt
from knowledge.answer import Answer, Choice
from knowledge.measures import COUNT, MONEY, PEOPLE, POINTS, RATE, Measure, Measures
from knowledge.planning.compile import Plan
from knowledge.reading.catalog import Catalog
from knowledge.reading.question import Subject
from knowledge.report.checks import ROUNDING_CHECK, ROUNDING_LIMIT

Row = dict[str, Any]
# Rows of these kinds are things a follow-up can name again ("그 사업 예산은?").
LISTED_KINDS = frozenset({"division", "line", "project_row", "revenue"})
SIGNED = {"shortage", "change_amount", "collected_over_budget", "difference"}


@dataclass
class Report:
    """What writers know of the report besides their rows, read once at load."""

    as_of: date
    bureau: str
    measures: Measures
    catalog: Catalog
    examples: tuple[str, ...]
    inconsistencies: dict[str, list[Row]] = field(default_factory=dict)

    def closing(self, *sources: str | None) -> str:
        return fmt.as_of_line(self.as_of, *(s for s in sources if s))

    def notes(
        self, names: Iterable[str], measures: Iterable[str], rounding: bool = False,
        said: Sequence[str] = (),
    ) -> list[str]:  # fmt: skip
        """Warning lines for where the report disagrees with itself about these figures.

        `said` holds figures the answer already sets side by side, so a note is not repeated.
        """
        fields = set()
        for name in measures:
            measure = self.measures.get(name)
            if measure is None:
                continue
            fields.add(name)
            fields |= {c.name for c in measure.expression.find_all(exp.Column)}
        lines = []
        for name in dict.fromkeys(names):
            for row in self.inconsistencies.get(name, ()):
                if row["field"] not in fields and row["field"] != "line_no":
                    continue
                if row["field"] == "line_no" and not fields & {"budget", "spent", "committed"}:
                    continue
                if _is_rounding(row) and not rounding:
                    continue
                if {row["stated"], row["other"]} <= set(said):
                    continue
                lines.append(
                    f"⚠ 보고서 내 불일치: {row['note']} "
                    f"({row['stated']}: {row['stated_source']} / {row['other']}: {row['other_source']})"
                )
        return lines[:3]

    def line_name(self, line_no: int | None) -> str | None:
        if line_no is None:
            return None
        entity = self.catalog.by_key.get(("line", line_no))
        return entity.name if entity else None


def _is_rounding(row: Row) -> bool:
    if row["check_name"] != ROUNDING_CHECK:
        return False
    try:
        gap = abs(_number(row["stated"]) - _number(row["other"]))
    except ValueError:
        return False
    return gap <= ROUNDING_LIMIT


def _number(text: str) -> int:
    return int(text.replace(",", "").replace("천원", "").strip())


def finish(
    lines: Sequence[str | None],
    intent: str,
    plan: Plan | None,
    rows: Sequence[Row] = (),
    *,
    entity: str | None = None,
    choices: tuple[Choice, ...] = (),
    followups: tuple[Choice, ...] = (),
) -> Answer:
    """The Answer: its lines, the statement behind it and where its figures were printed."""
    text = "\n".join(line for line in lines if line)
    sources = []
    for row in rows:
        for key in ("source", "staff_source"):
            if row.get(key):
                sources.append(row[key])
    listed = tuple(
        Subject(r["kind"], r["name"], r.get("division"), r.get("project_no"), r.get("line_no"))
        for r in rows
        if r.get("kind") in LISTED_KINDS and r.get("name")
    )
    return Answer(
        text=text,
        intent=intent,
        choices=choices,
        followups=followups,
        sources=tuple(dict.fromkeys(sources))[:6],
        sql=plan.sql if plan else None,
        params=plan.params if plan else (),
        entity=entity,
        listed=listed,
    )


def shown_name(row: Row) -> str:
    """How an answer names a row: the bureau as a whole, the revenue table's 합계 as 세입 합계."""
    if row["kind"] == "bureau":
        return f"{row['name']} 전체"
    if row["kind"] == "revenue" and row["name"] == "합계":
        return "세입 합계"
    return row["name"]


def threshold_text(measure: Measure, amount: float | None) -> str:
    """A figure as a question gives it to compare with, in its unit: `60억원`, `80%`, `20명`,
    `△10%` (the report's minus)."""
    if amount is None:
        return ""
    if amount < 0:
        return "△" + threshold_text(measure, -amount)
    if measure.unit == RATE:
        return f"{amount:g}%"
    if measure.unit == POINTS:
        return f"{amount:g}%p"
    if measure.unit == PEOPLE:
        return f"{amount:g}명"
    if measure.unit == COUNT:
        return f"{amount:g}개"
    if measure.unit == MONEY:
        if amount >= fmt.EOK_IN_CHEONWON and amount % 1000 == 0:
            return f"{amount / fmt.EOK_IN_CHEONWON:g}억원"
        if amount >= 10 and amount % 10 == 0:
            return f"{amount / 10:,.0f}만원"
        return f"{amount:,.0f}천원"
    return f"{amount:g}"


def amount_text(measure: Measure, amount: int | None) -> str:
    """An amount this bot computed, in its unit: 명, 개, or 천원 (억원 beside it, △ when
    below 0)."""
    if measure.unit == PEOPLE:
        return fmt.people(amount)
    if measure.unit == COUNT:
        return f"{amount:,}개" if amount is not None else "-"
    if amount is not None and amount < 0:
        return fmt.signed(amount)
    return fmt.money_with_eok(amount)


def value(measure: Measure, row: Row, eok: bool = False) -> str:
    """A measure of a row as the report prints it: 천원, the printed rate, 명, △ for a minus."""
    amount = row.get(measure.name)
    if measure.printed:
        printed = row.get(f"{measure.name}_printed")
        if printed:
            return printed
        if amount is None:
            return "미집행" if measure.missing_is_zero else "-"
        return fmt.computed_rate(amount)
    if measure.unit == POINTS:
        return fmt.points(amount) if amount is not None else "-"
    if measure.unit == PEOPLE:
        if measure.name in SIGNED and amount:
            return f"{'△' if amount < 0 else '+'}{abs(amount)}명"
        return fmt.people(amount) if amount is not None else "-"
    if measure.unit == COUNT:
        return f"{amount:,}개" if amount is not None else "-"
    if measure.unit == MONEY:
        if amount is None:
            return fmt.money(None) if measure.missing_is_zero else "-"
        if measure.name in SIGNED:
            return fmt.signed(amount)
        return fmt.money_with_eok(amount) if eok else fmt.money(amount)
    return str(amount)


def parts(measures: Sequence[Measure], row: Row, kind: str | None, eok: bool = False) -> str:
    """`원인행위 92.6% · 지출 91.6%` for the two rates, else `label value · label value`."""
    names = [m.name for m in measures]
    shown = []
    if "committed_rate" in names and "spent_rate" in names:
        by_name = {m.name: m for m in measures}
        shown.append(
            f"집행률 원인행위 {value(by_name['committed_rate'], row)} · "
            f"지출 {value(by_name['spent_rate'], row)}"
        )
        measures = [m for m in measures if m.name not in ("committed_rate", "spent_rate")]
    shown += [f"{m.label_for(kind)} {value(m, row, eok)}" for m in measures]
    return " · ".join(shown)


def followups(name: str, topics: Sequence[str]) -> tuple[Choice, ...]:
    return tuple(Choice(topic, f"{name} {topic}") for topic in topics)


def short(title: str, width: int = 16) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"
