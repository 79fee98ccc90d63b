"""향후계획: a project's, a 과's, a month's, or the items that mention what was asked."""

from __future__ import annotations

import re
from datetime import date

from knowledge.answer import Answer
from knowledge.answers.base import Report, Row, finish, followups, short
from knowledge.planning.compile import Plan
from knowledge.reading.question import Question
from knowledge.report.dates import dated_spans

SHOWN = 30
DETAIL_PARTS = re.compile(r"\s*(?:/|,(?![^(]*\)))\s*")


def plan_months(row: Row) -> tuple[date, date]:
    """The months an item runs: an open-ended one (`’21. 9월 ~`) until the year's end."""
    start = row["start_month"]
    end = row["end_month"] or start
    if row["open_ended"]:
        end = date(start.year, 12, 1)
    return start, end


def write(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    subjects = question.subjects
    months = question.months
    projects = {r["project_no"] for r in rows}
    scope = _scope(question, report)
    if months is not None:
        span = (
            months.said if "‘" not in months.said else months.said.split(": ")[-1].split("→ ")[-1]
        )
        scope = f"{scope} {span}".strip()
    if not rows:
        return finish(_nothing(question, scope, report), "schedule", plan)
    if question.facet == "done":
        return _done(question, rows, plan, report, scope)
    single = len(projects) == 1 and subjects and all(s.kind != "division" for s in subjects)
    if question.words and not subjects:
        head = f"{rows[0]['item']} : {rows[0]['period']} ({rows[0]['title']})"
        lines = [head] + [f"• {r['item']} : {r['period']} ({r['title']})" for r in rows[1:5]]
    elif single:
        lines = [f"{rows[0]['title']} 향후계획:", *_lines(rows, with_title=False)]
    else:
        asked = _months_of(months)
        lines = [
            f"{scope + ' ' if scope else ''}향후계획 {len(rows)}건:",
            *_lines(rows, True, asked),
        ]
    if question.note:
        lines.insert(1, f"※ {question.note}")
    lines.append(report.closing(*dict.fromkeys(r["source"] for r in rows[:3])))
    extra = followups(rows[0]["title"], ("추진현황", "예산")) if single else ()
    return finish(lines, "schedule", plan, rows, entity=rows[0]["title"] if single else None,
                  followups=extra)  # fmt: skip


def _done(question: Question, rows: list[Row], plan: Plan, report: Report, scope: str) -> Answer:
    """What the status text dates in a time no plan covers: each bullet once, cut to the
    clause whose date falls then ("…심층면접조사(’21.8.) 등" of a bullet dating two surveys)."""
    shown: dict[tuple[int, int], str] = {}
    for row in rows:
        key = (row["project_no"], row["position"])
        clause = _dated_clause(row["text"], row["first_day"], row["last_day"])
        if key not in shown:
            shown[key] = f"• [{short(row['title'])}] {clause}"
    lines = [f"{scope} 추진현황에 적힌 일 {len(shown)}건:".strip(), *list(shown.values())[:SHOWN]]
    lines.append(f"※ 향후계획({_planned_span(report)})에 없는 때라, 추진현황에서 날짜가 적힌 "
                 "항목을 찾았습니다.")  # fmt: skip
    if question.note:
        lines.insert(1, f"※ {question.note}")
    lines.append(report.closing(*dict.fromkeys(r["source"] for r in rows[:3])))
    return finish(lines, "schedule", plan, rows)


def _dated_clause(text: str, first: date, last: date) -> str:
    clauses = [c for c in re.split(r"(?<=\)),\s*", text) if c.strip()]
    if len(clauses) < 2:
        return text
    for clause in clauses:
        if (first, last) in [(a, b) for a, b, _ in dated_spans(clause, first.year)]:
            return clause
    return text


def _planned_span(report: Report) -> str:
    planned = sorted(report.catalog.plan_months)
    return f"{planned[0].year}년 {planned[0].month}월~{planned[-1].year}년 {planned[-1].month}월"


def _months_of(months) -> tuple[int, ...]:
    if months is None:
        return ()
    first, last = months.first, months.last
    if first.year != last.year:
        return ()
    return tuple(range(first.month, last.month + 1))


def _scope(question: Question, report: Report) -> str:
    names = []
    for subject in question.subjects:
        if subject.kind == "division":
            names.append(subject.name)
        elif subject.project_no is not None:
            names.append(report.catalog.project(subject.project_no).name)
    return ", ".join(dict.fromkeys(names))


def _nothing(question: Question, scope: str, report: Report) -> list[str]:
    span = _planned_span(report)
    what = f"‘{' '.join(question.words)}’ " if question.words else ""
    lines = [f"{scope} {what}향후계획은 보고서에 없습니다.".strip()]
    if question.note:
        lines.append(f"※ {question.note}")
    lines += [f"보고서의 향후계획은 {span} 일정입니다.", report.closing("Ⅲ 향후계획")]
    return lines


def _lines(rows: list[Row], with_title: bool, months: tuple[int, ...] = ()) -> list[str]:
    lines = []
    for row in rows[:SHOWN]:
        prefix = f"[{short(row['title'])}] " if with_title else ""
        lines.append(f"• {prefix}{row['item']} : {row['period']}")
        if row["details"] and not with_title:
            lines.append(f"  - {row['details']}")
        elif row["details"] and months:
            # What the item does in the months asked ("중간점검(9월)").
            parts = [p.strip() for p in DETAIL_PARTS.split(row["details"])]
            lines += [f"  - {p}" for p in parts if any(f"{m}월" in p for m in months)]
    return lines
