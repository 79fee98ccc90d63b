"""Yes/no checks: the first word is 예 or 아니요, then the figures that decide it."""

from __future__ import annotations

from datetime import date

from knowledge import format as fmt
from knowledge.answer import Answer
from knowledge.answers.base import Report, Row, finish, parts, shown_name, threshold_text, value
from knowledge.answers.plans import plan_months
from knowledge.measures import Measure
from knowledge.planning.compile import Plan
from knowledge.reading.hangul import particle, with_ro
from knowledge.reading.prose import text_score
from knowledge.reading.question import Condition, Months, Question

COMPARISON_WORDS = {
    ">=": "이상",
    ">": "초과",
    "<=": "이하",
    "<": "미만",
    "=": "와 같음",
    "!=": "이 아님",
}
BIGGER = {">": "큽니다", "<": "작습니다", "=": "같습니다"}
HIGHER = {">": "높습니다", "<": "낮습니다", "=": "같습니다"}
MORE = {">": "많습니다", "<": "적습니다", "=": "같습니다"}  # head counts


def write(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    if question.note == "plans":
        return _plans(question, rows, plan, report)
    condition = question.check
    measure = report.measures[condition.measure]
    if condition.other is None and condition.times and len(rows) == 2:
        lines = [_times_between_two(rows, condition, measure)]
    elif (
        condition.other is None
        and condition.value is None
        and len(rows) == 2
        and condition.comparison in BIGGER
    ):
        lines = [_between_two(rows, condition, measure)]
    else:
        if condition.approx and condition.comparison == "=" and condition.other is None:
            # "약 788억 5천만원": equal within what the rough figure leaves open.
            rows = [{**r, "holds": r.get(measure.name) is not None
                     and abs(r[measure.name] - condition.value) <= condition.approx}
                    for r in rows]  # fmt: skip
        holds = all(bool(r["holds"]) for r in rows)
        verdict = "예" if holds else "아니요"
        if len(rows) > 1:
            # Several things checked: the verdict on the first line, each one's facts after.
            met = sum(bool(r["holds"]) for r in rows)
            said = (
                f"{len(rows)}개 모두 맞습니다" if holds else f"{len(rows)}개 중 {met}개만 맞습니다"
            )
            lines = [f"{verdict}. {said}.",
                     *(f"• {_facts([r], condition, measure, report)}" for r in rows)]  # fmt: skip
        else:
            lines = [f"{verdict}. " + _facts(rows, condition, measure, report)]
        stated = (
            condition.comparison in ("is_null", "not_null")
            or condition.measure == "change_amount"
            or condition.written == "있음"
        )
        if condition.other is None and not stated:
            threshold = threshold_text(measure, condition.value)
            said = f"{threshold} {COMPARISON_WORDS[condition.comparison]}"
            if condition.comparison == "=":
                said = f"{particle(threshold, '과', '와')} 같음"  # "20명과 같음", "100%와 같음"
            lines.append(f"기준: {measure.label} {said}")
        # The figures a rate is made of, or rates printed beside an amount.
        # A head count is read with the counts it is part of (정원, 현원, 직종).
        context = [report.measures[m] for m in plan.measures
                   if m not in (condition.measure, condition.other)
                   and (report.measures[m].printed or report.measures[m].is_money
                        or (measure.unit == "명" and m in ("quota", "current")))]  # fmt: skip
        if context and len(rows) == 1:
            lines.append(parts(context, rows[0], rows[0]["kind"]))
    if question.note.startswith("※") and lines:
        lines.insert(1, question.note)  # how a description was read ("물으신 사업을 …")
    names = [r["name"] for r in rows]
    lines += report.notes(names, question.measures)
    lines.append(report.closing(*(r.get("source") for r in rows)))
    return finish(lines, "check", plan, rows)


def _times_between_two(rows: list[Row], condition: Condition, measure: Measure) -> str:
    """`예. … 17.39배 (물으신 10배 초과)`: the first thing's figure as a multiple of the second's."""
    first, second = rows
    verdict = "예" if first["holds"] else "아니요"
    ratio = (first.get(measure.name) or 0) / (second.get(measure.name) or 1)
    said = COMPARISON_WORDS[condition.comparison]
    figure = particle(value(measure, first), "은", "는")
    return (
        f"{verdict}. {first['name']} {measure.label_for(first['kind'])} {figure} "
        f"{second['name']} {value(measure, second)}의 {fmt.times(ratio * 100)}입니다 "
        f"(물으신 {condition.written} {said})."
    )


def _between_two(rows: list[Row], condition: Condition, measure: Measure) -> str:
    first, second = rows
    holds = bool(first["holds"])
    words = HIGHER if measure.is_rate else MORE if measure.unit == "명" else BIGGER
    facts = (
        f"{first['name']} {measure.label_for(first['kind'])} {value(measure, first)}, "
        f"{second['name']} {value(measure, second)}"
    )
    if not holds:
        a, b = first.get(measure.name), second.get(measure.name)
        if a is None or b is None:
            return f"아니요. {facts}."
        if a == b:
            return f"아니요. {facts} — 같습니다."
        # (the one that is more, said as the report's figures have it)
        larger = first if a > b else second
        return f"아니요. {facts} — {particle(larger['name'], '이', '가')} 더 {words['>']}."
    if condition.comparison == "=":
        return f"예. {facts} — 같습니다."
    return f"예. {facts} — {particle(first['name'], '이', '가')} 더 {words[condition.comparison]}."


def _facts(rows: list[Row], condition: Condition, measure: Measure, report: Report) -> str:
    shown = []
    for row in rows:
        kind = row["kind"]
        name = shown_name(row)
        if condition.other is not None:
            other = report.measures[condition.other]
            shown.append(
                f"{name} {measure.label_for(kind)} {value(measure, row)}, "
                f"{other.label_for(kind)} {value(other, row)}"
            )
            if condition.times:
                # "네 배 넘게": the other figure times the factor, as the line to pass.
                line = (row.get(condition.other) or 0) * (condition.value or 0)
                ratio = (row.get(measure.name) or 0) / (row.get(condition.other) or 1)
                line_shown = f"{line:,.1f}%" if other.is_rate else f"{round(line):,}{other.unit}"
                shown[-1] += (
                    f" → {fmt.times(ratio * 100)} (물으신 {condition.written}: "
                    f"{other.label_for(kind)} × {condition.value:g} = {line_shown})"
                )
            if condition.gap:
                gap = (row.get(measure.name) or 0) - (row.get(condition.other) or 0)
                unit = measure.unit if measure.unit != "천원" else "천원"
                shown[-1] += f" → 차이 {gap:,}{unit} (물으신 값 {condition.written})"
        elif condition.comparison in ("is_null", "not_null"):
            budget = fmt.money(row.get("budget"))
            if row.get(measure.name) is None:
                state = f"집행 실적이 없는 미집행 사업입니다 (원인행위·지출 ‘-’, 예산현액 {budget})"
            else:
                state = f"{measure.label} {value(measure, row)}이 집행됐습니다 (예산현액 {budget})"
            shown.append(f"{particle(name, '은', '는')} {state}")
        elif condition.measure == "change_amount" and condition.value == 0:
            shown.append(
                f"{name} ’21년 예산 {fmt.money(row.get('budget'))}, ’20년 "
                f"{fmt.money(row.get('budget_2020'))} (증감 {fmt.signed(row.get('change_amount'))}, "
                f"{row.get('change_rate_printed') or '-'})"
            )
        elif condition.written == "있음":
            label = measure.label_for(kind)
            shown.append(f"{name} {label} {value(measure, row)}")
        else:
            label = measure.label_for(kind)
            figure = value(measure, row, eok=True)
            threshold = threshold_text(measure, condition.value)
            said = _said(condition.comparison, bool(row["holds"]), threshold)
            if condition.comparison == "=" and row["holds"] and condition.written == "없음":
                # "기술직 없죠?": none, said so
                shown.append(f"{name} {particle(label, '은', '는')} {figure}으로 없습니다.")
            elif condition.comparison == "=" and row["holds"]:
                shown.append(f"{name} {particle(label, '은', '는')} {figure}입니다.")
            else:
                shown.append(f"{name} {particle(label, '은', '는')} {with_ro(figure)}{said}")
            continue
        shown[-1] += "."
    return " ".join(shown) if shown and shown[-1].endswith(".") else "; ".join(shown) + "."


def _said(comparison: str, holds: bool, threshold: str) -> str:
    """`로 90%를 넘지 않습니다`: the comparison in words, as it turned out."""
    object_ = particle(threshold, "을", "를")
    words = {
        ">": ("넘습니다", "넘지 않습니다"),
        ">=": ("이상입니다", "미만입니다"),
        "<": ("미만입니다", "이상입니다"),
        "<=": ("이하입니다", "넘습니다"),
        "=": ("입니다", "아닙니다"),
        "!=": ("아닙니다", "입니다"),
    }
    yes, no = words.get(comparison, ("", ""))
    verb = yes if holds else no
    if comparison in (">",) or (comparison == "<=" and not holds):
        return f" {object_} {verb}."
    if comparison == "=":
        return f" {particle(threshold, '이', '가')} 아닙니다."
    return f" {threshold} {verb}."


def _plans(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    """`이노페스티벌이랑 서울갈등포럼 둘 다 10월 맞지?`: each thing asked, by its best plan."""
    months = question.months
    targets = list(question.words) or [s.name for s in question.subjects]
    if not targets:
        return _any_plans(rows, plan, report, months)
    found: list[tuple[str, Row | None]] = []
    for target in targets:
        words = target.split()
        scored = [(text_score(words, f"{r['item']} {r['details'] or ''}"), r) for r in rows]
        best = max(scored, key=lambda s: s[0], default=(0, None))
        found.append((target, best[1] if best[0] else None))
    held = [row is not None and _overlaps(row, months.first, months.last) for _, row in found]
    holds = bool(found) and all(held)
    span = months.said.split(": ")[-1]
    if holds:
        head = (
            f"예. 모두 {span}에 계획돼 있습니다."
            if len(found) > 1
            else f"예. {span}에 계획돼 있습니다."
        )
    else:
        head = (
            f"아니요. {span}에 계획되지 않은 것이 있습니다."
            if len(found) > 1
            else f"아니요. {span} 계획이 아닙니다."
        )
    lines = [head]
    for target, row in found:
        if row is None:
            lines.append(f"• ‘{target}’: 향후계획에서 찾지 못했습니다.")
        else:
            lines.append(f"• {row['item']} : {row['period']} ({row['title']})")
    lines.append(report.closing(*(row["source"] for _, row in found if row)))
    return finish(lines, "check", plan, [row for _, row in found if row])


def _any_plans(rows: list[Row], plan: Plan, report: Report, months: Months) -> Answer:
    """`10월 일정 있어?`: whether anything is planned then, and what."""
    span = months.said.split("→ ")[-1].split(": ")[-1]
    planned = [row for row in rows if _overlaps(row, months.first, months.last)]
    if not planned:
        lines = [f"아니요. {span}에 계획된 일은 보고서 향후계획에 없습니다."]
    else:
        lines = [f"예. {span}에 계획된 일이 {len(planned)}건 있습니다."]
        lines += [f"• {row['item']} : {row['period']} ({row['title']})" for row in planned]
    if "‘" in months.said:
        lines.append(f"※ {months.said}")
    lines.append(report.closing(*(row["source"] for row in planned)))
    return finish(lines, "check", plan, planned)


def _overlaps(row: Row, first: date, last: date) -> bool:
    start, end = plan_months(row)
    return start <= last and end >= first
