"""Figures of named things: a 과, a line, the bureau, a Ⅲ table row, a revenue item, side by side."""

from __future__ import annotations

from knowledge import format as fmt
from knowledge.answer import Answer
from knowledge.answers.base import Report, Row, finish, followups, parts, shown_name, value
from knowledge.measures import PEOPLE, Measure
from knowledge.planning.compile import Plan
from knowledge.reading.question import Question

KINDS_OF_POST = ("administrative", "technical", "open_position", "fixed_term", "management")
FOLLOWUPS = {
    "division": ("사업 목록", "인원", "주요업무"),
    "line": ("추진현황", "향후계획", "연말 집행예상"),
    "project_row": ("추진현황", "향후계획"),
}


def write(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    measures = report.measures
    asked = [measures[m] for m in (question.measures or plan.measures)]
    shown_names = [m.name for m in asked]
    lines: list[str] = []
    for row in rows:
        lines += _subject_lines(row, asked, question, report, plan.measures)
    if len(rows) > 1 and question.note == "division" and all(r.get("division") for r in rows):
        # "각각 어느 과 소관이야?" after a list of lines: each with its 과, first.
        owners = " · ".join(f"{shown_name(r)}: {r['division']}" for r in rows)
        lines = [f"소관: {owners}"]
    elif len(rows) > 1:
        lines.insert(0, _comparison_line(rows, asked, report))
    if question.note.startswith("※"):
        # "소관: 공유서울 확산 → 사회협력과", "물으신 사업을 ‘…’(으)로 읽었습니다"
        lines.insert(1, question.note)
    names = [r["name"] for r in rows]
    names += [n for r in rows if (n := report.line_name(r.get("line_no")))]
    lines += report.notes(names, shown_names + list(plan.measures))
    lines.append(report.closing(*(r.get("source") for r in rows), *_staff_sources(rows, asked)))
    first = rows[0]
    entity = shown_name(first)
    return finish(
        lines, "figure", plan, rows, entity=entity,
        followups=_followups(first, report) if len(rows) == 1 else (),
    )  # fmt: skip


def _staff_sources(rows: list[Row], asked: list[Measure]) -> list[str]:
    if any(m.unit == PEOPLE for m in asked):
        return [r.get("staff_source") for r in rows if r.get("staff_source")]
    return []


def _subject_lines(
    row: Row, asked: list[Measure], question: Question, report: Report, shown: tuple[str, ...]
) -> list[str]:
    """The first line answers what was asked of this thing; the next gives the rest of its row."""
    name = shown_name(row)
    kind = row["kind"]
    measures = report.measures
    people = [m for m in asked if m.unit == PEOPLE]
    if people and len(people) == len(asked):
        return _people_lines(name, row, people, report)
    unexecuted = (
        kind == "line" and "spent" in row and row["spent"] is None and row.get("committed") is None
    )
    if unexecuted and [m.name for m in asked] != ["budget"]:
        return [
            f"{name}: 예산현액 {fmt.money(row['budget'])} 중 집행 실적이 없는 미집행 사업입니다.",
            f"원인행위·지출 모두 보고서 표기 ‘-’ (집행률 0%) · 소관 {row['division']}",
        ]
    if not question.measures:
        return _overview_lines(name, row, kind, report, question.in_eok)
    label = _label(asked, kind)
    if label:
        first = f"{name} {label}: {value(asked[0], row, eok=True)}"
    else:
        first = f"{name}: " + parts(asked, row, kind, eok=True)
    context = [measures[m] for m in _context_names(shown, asked, report)]
    lines = [first]
    if context:
        lines.append(parts(context, row, kind, eok=question.in_eok))
    if kind == "line":
        lines.append(f"소관: {row['division']}")
    if any(m.derived for m in asked):
        lines.append("※ 계산: " + ", ".join(f"{m.label} = {m.derived}" for m in asked if m.derived))
    return lines


def _label(asked: list[Measure], kind: str) -> str:
    """The measure's name when one was asked (`예산현액`), `집행률` for the two rates."""
    names = {m.name for m in asked}
    if names == {"committed_rate", "spent_rate"}:
        return ""
    if len(asked) == 1:
        return asked[0].label_for(kind)
    return ""


def _context_names(shown: tuple[str, ...], asked: list[Measure], report: Report) -> list[str]:
    """What the plan says to show beside the asked figures (a rate's amounts …), people apart
    unless an asked figure is computed from them (현원 of a per-head figure)."""
    asked_names = {m.name for m in asked}
    read = {c for m in asked if m.derived for c in m.reads}
    return [n for n in shown if n not in asked_names
            and (report.measures[n].unit != PEOPLE or n in read)]  # fmt: skip


def _overview_lines(name: str, row: Row, kind: str, report: Report, eok: bool) -> list[str]:
    measures = report.measures
    shown = [measures[m] for m in measures.overview.get(kind, ()) if m in row]
    if kind == "revenue":
        first = [measures[m] for m in ("budget", "collected", "collection_rate")]
        rest = [measures[m] for m in ("budget_2020", "change_amount", "change_rate")]
        lines = [f"{name}: " + parts(first, row, kind, eok=True), parts(rest, row, kind)]
        if row.get("budget") is None:
            lines[0] = f"{name}: ’20·’21년 예산 없음(-) · 징수액 {fmt.money(row.get('collected'))}"
        return lines
    money = [m for m in shown if not m.is_rate and m.name != "budget"]
    rates = [m for m in shown if m.is_rate]
    if "budget" in row:
        first = f"{name}: 예산현액 {fmt.money_with_eok(row['budget'])}"
        if rates:
            first += ", " + parts(rates, row, kind)
    else:
        # A row the statement gave other figures of (a thing and the bureau set side by side).
        first = f"{name}: " + parts(shown or rates, row, kind)
    lines = [first]
    if money and "budget" in row:
        lines.append(parts([measures["budget"], *money], row, kind, eok=eok))
    if kind == "line":
        lines.append(f"소관: {row['division']}")
    return lines


def _people_lines(name: str, row: Row, people: list[Measure], report: Report) -> list[str]:
    measures = report.measures
    names = [m.name for m in people]
    if names == ["part_time_fixed_term"]:
        return [
            f"{name} 시간선택제임기제공무원: {row['part_time_fixed_term'] or 0}명 (정원 외 별도)"
        ]
    if set(names) <= set(KINDS_OF_POST) and len(names) < len(KINDS_OF_POST):
        first = f"{name} " + ", ".join(f"{m.label} {row[m.name]}명" for m in people)
    elif names == ["current"]:
        first = f"{name} 현원: {row['current']}명 (정원 {row['quota']}명)"
    elif names == ["quota"]:
        first = f"{name} 정원: {row['quota']}명 (현원 {row['current']}명)"
    elif names in (["vacancies"], ["shortage"]):
        measure = measures[names[0]]
        counts = f"(정원 {row['quota']}명, 현원 {row['current']}명)"
        if row[names[0]]:
            first = f"{name} {measure.label}: {value(measure, row)} {counts}"
        else:
            first = f"{name} {measure.label.split('(')[0]} 없음 {counts}"
    else:
        first = f"{name} 인력: 정원 {row['quota']}명 · 현원 {row['current']}명"
    shortage = row.get("shortage")
    balance = "과부족 없음" if not shortage else f"과부족 {value(measures['shortage'], row)}"
    if set(names) <= set(KINDS_OF_POST) and len(names) < len(KINDS_OF_POST):
        # The balance is of 정원 against 현원, not of the kind asked: said beside them.
        whole = f"정원 {row['quota']}명 · 현원 {row['current']}명 ({balance})"
        lines = [first, whole]
    else:
        lines = [first if "과부족" in first else f"{first} ({balance})"]
    by_kind = ", ".join(
        f"{measures[k].label.replace(' 현원', '')} {row[k]}명" for k in KINDS_OF_POST if row.get(k)
    )
    if by_kind:
        lines.append(f"직종별 현원: {by_kind}")
    if row.get("part_time_fixed_term") and names != ["part_time_fixed_term"]:
        lines.append(f"※ 시간선택제임기제 {row['part_time_fixed_term']}명 별도")
    return lines


def _comparison_line(rows: list[Row], asked: list[Measure], report: Report) -> str:
    """Several things side by side: one line naming each with its figure."""
    if not asked:
        return f"{len(rows)}개 비교:"
    main = asked[-1] if {m.name for m in asked} == {"committed_rate", "spent_rate"} else asked[0]
    shown = " · ".join(f"{shown_name(r)} {value(main, r)}" for r in rows)
    return f"{main.label_for(rows[0]['kind'])} 비교: {shown}"


def _followups(row: Row, report: Report):
    topics = FOLLOWUPS.get(row["kind"])
    if not topics:
        return ()
    if row["kind"] == "line":
        if row.get("project_no") is None:
            return ()
        title = report.catalog.project(row["project_no"]).name
        return followups(title, topics)
    if row["kind"] == "project_row":
        title = report.catalog.project(row["project_no"]).name
        return followups(title, topics)
    return followups(row["name"], topics)
