"""Yes/no checks: the first word is 예 or 아니요, then the figures that decide it."""

from __future__ import annotations

from datetime import date

from knowledge.answer import Answer
from knowledge.answers.base import Report, Row, finish, value
from knowledge.answers.plans import plan_months
from knowledge.answers.sets import _figure
from knowledge.planning.compile import Plan
from knowledge.reading.normalize import compact
from knowledge.reading.question import Question

COMPARISON_WORDS = {">=": "이상", ">": "초과", "<=": "이하", "<": "미만", "=": "와(과) 같음"}


def write(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    if question.note == "plans":
        return _plans(question, rows, plan, report)
    condition = question.check
    measure = report.measures[condition.measure]
    if condition.other is None and condition.value is None and len(rows) == 2:
        first, second = rows
        holds = bool(first["holds"])
        word = {">": "큽니다", "<": "작습니다"}.get(condition.comparison, "")
        if measure.is_rate:
            word = {">": "높습니다", "<": "낮습니다"}.get(condition.comparison, word)
        verdict = "예" if holds else "아니요"
        lines = [
            f"{verdict}. {first['name']} {measure.label} {value(measure, first)}, "
            f"{second['name']} {value(measure, second)}"
            + (f" — {first['name']}이(가) 더 {word}." if holds else "."),
        ]
    else:
        verdicts = [bool(r["holds"]) for r in rows]
        holds = all(verdicts)
        lines = [("예" if holds else "아니요") + ". " + _facts(rows, condition, measure, report)]
        if condition.other is None and condition.comparison != "is_null":
            lines.append(
                f"기준: {measure.label} {_figure(measure, condition.value)} {COMPARISON_WORDS[condition.comparison]}"
            )
    names = [r["name"] for r in rows]
    lines += report.notes(names, question.measures)
    lines.append(report.closing(*(r.get("source") for r in rows)))
    return finish(lines, "check", plan, rows)


def _facts(rows: list[Row], condition, measure, report: Report) -> str:
    shown = []
    for row in rows:
        kind = row["kind"]
        if condition.other is not None:
            other = report.measures[condition.other]
            shown.append(
                f"{row['name']} {measure.label_for(kind)} {value(measure, row)}, "
                f"{other.label_for(kind)} {value(other, row)}"
            )
        elif condition.comparison == "is_null":
            state = (
                "미집행(‘-’)입니다"
                if row.get(measure.name) is None
                else f"{value(measure, row)}입니다"
            )
            shown.append(f"{row['name']} {measure.label} {state}")
        else:
            shown.append(
                f"{row['name']} {measure.label_for(kind)}은(는) {value(measure, row, eok=True)}"
            )
    return "; ".join(shown) + "."


def _plans(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    months = question.months
    asked = list(question.words) or [s.name for s in question.subjects]
    found: list[tuple[str, list[Row]]] = []
    for word in asked:
        key = compact(word)
        matching = [
            r for r in rows
            if key in compact(f"{r['item']} {r['details'] or ''} {r['title']}")
            or (r["project_no"] in {s.project_no for s in question.subjects})
        ]  # fmt: skip
        found.append((word, matching))
    in_span = [
        any(_overlaps(r, months.first, months.last) for r in matching) for _, matching in found
    ]
    holds = bool(found) and all(in_span)
    span = months.said
    lines = [("예" if holds else "아니요") + f". {span} 기준으로 " + (
        "모두 해당합니다." if holds and len(found) > 1 else
        "해당합니다." if holds else "해당하지 않는 것이 있습니다."
    )]  # fmt: skip
    for word, matching in found:
        if not matching:
            lines.append(f"• ‘{word}’: 향후계획에서 찾지 못했습니다.")
            continue
        for row in matching[:2]:
            lines.append(f"• {row['item']} : {row['period']} ({row['title']})")
    lines.append(report.closing(*(r["source"] for _, m in found for r in m[:2])))
    return finish(lines, "check", plan, rows)


def _overlaps(row: Row, first: date, last: date) -> bool:
    start, end = plan_months(row)
    return start <= last and end >= first
