"""Arithmetic over named things: sums, differences (amounts, or %p between rates) and shares."""

from __future__ import annotations

from knowledge import format as fmt
from knowledge.answer import Answer
from knowledge.answers.base import (
    Report,
    Row,
    amount_text,
    finish,
    shown_name,
    threshold_text,
    value,
)
from knowledge.answers.guidance import write_refusal
from knowledge.answers.text import COMPARE
from knowledge.answers.yesno import COMPARISON_WORDS
from knowledge.measures import PEOPLE, Measure
from knowledge.planning.compile import Plan
from knowledge.reading.hangul import particle
from knowledge.reading.question import TIMES, Question


def write_sum(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    measures = report.measures
    if question.note == "measures":
        return _sum_of_measures(question, rows, plan, report)
    names = " + ".join(shown_name(r) for r in rows)
    lines = []
    for name in question.measures:
        measure = measures[name]
        total = rows[0][f"total_{name}"]
        label = measure.label_for(rows[0]["kind"])
        if measure.is_rate:
            lines.append(f"{names} 합산 {label}: {fmt.computed_rate(total)}")
            lines.append(
                f"※ 계산: {measures[measure.ratio_of].label} 합계 ÷ 예산현액 합계 "
                f"({fmt.money(_sum(rows, measure.ratio_of))} ÷ {fmt.money(_sum(rows, 'budget'))})"
            )
        else:
            lines.append(f"{names} {label} 합계: {amount_text(measure, total)}")
    for row in rows:
        shown = " · ".join(value(measures[m], row) for m in question.measures)
        lines.append(f"• {shown_name(row)} {shown}")
    _said_how_read(question, lines)
    check = question.check
    if check is not None and check.value is not None:
        # "A랑 B 합치면 60억 넘어?": the sum against the figure, on the first line.
        measure = measures[check.measure]
        total = rows[0].get(f"total_{check.measure}")
        holds = total is not None and COMPARE[check.comparison](float(total), float(check.value))
        threshold = f"{threshold_text(measure, check.value)} {COMPARISON_WORDS[check.comparison]}"
        verdict = "예" if holds else "아니요"
        lines.insert(0, f"{verdict}. 합계 {amount_text(measure, total)} — 기준({threshold})에 "
                        f"{'맞습니다' if holds else '맞지 않습니다'}.")  # fmt: skip
    subjects = [r["name"] for r in rows]
    lines += report.notes(subjects, question.measures)
    lines.append(report.closing(*(r.get("source") for r in rows)))
    return finish(lines, "sum", plan, rows)


def _sum_of_measures(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    row = rows[0]
    measures = [report.measures[m] for m in question.measures]
    added = " + ".join(f"{m.label_for(row['kind'])} {value(m, row)}" for m in measures)
    lines = [
        f"{shown_name(row)} {' + '.join(m.label_for(row['kind']) for m in measures)}: "
        f"{amount_text(measures[0], row['total'])}",
        f"• {added}",
        report.closing(row.get("source"), row.get("staff_source")),
    ]
    return finish(lines, "sum", plan, rows)


def _sum(rows: list[Row], name: str) -> int:
    return sum(r.get(name) or 0 for r in rows)


def write_difference(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    measures = report.measures
    if len(rows) < 2 and len(question.measures) < 2:
        # One thing and one measure: there is nothing to set it against.
        return write_refusal(
            "차이를 구하려면 비교할 두 대상이나 두 수치가 필요합니다.", question, report
        )
    difference = rows[0]["difference"]
    if len(rows) >= 2:
        measure = measures[question.measures[0]]
        first, second = rows[0], rows[1]
        label = measure.label_for(first["kind"])
        # (a head count's difference in 명, a count's in 개: never 천원)
        amount = (
            _amount(True, difference) if measure.is_rate
            else "-" if difference is None
            else amount_text(measure, abs(int(difference)))
        )  # fmt: skip
        pair = f"{particle(shown_name(first), '과', '와')} {shown_name(second)}"
        if difference is None:
            head = f"{pair}의 {label} 차이를 계산할 수 없습니다."
        elif difference == 0:
            head = f"{pair}의 {label}은 같습니다: {value(measure, first)}"
        else:
            larger = first if difference > 0 else second
            more = "높습니다" if measure.is_rate else "많습니다"
            head = f"{pair} {label} 차이: {amount} ({particle(shown_name(larger), '이', '가')} 더 {more})"
        lines = [
            head,
            f"• {shown_name(first)} {value(measure, first)}",
            f"• {shown_name(second)} {value(measure, second)}",
        ]
    else:
        row = rows[0]
        first, second = (measures[m] for m in question.measures[:2])
        amount = (
            fmt.people(abs(difference))
            if first.unit == PEOPLE
            else _amount(first.is_rate, difference)
        )
        kind = row["kind"]
        lines = [
            f"{shown_name(row)} {first.label_for(kind)} − {second.label_for(kind)}: "
            f"{'△' if (difference or 0) < 0 and not first.is_rate else ''}{amount}",
            f"• {first.label_for(kind)} {value(first, row)} · {second.label_for(kind)} {value(second, row)}",
        ]
    _said_how_read(question, lines)
    names = [r["name"] for r in rows]
    lines += report.notes(names, question.measures)
    lines.append(report.closing(*(r.get("source") for r in rows)))
    return finish(lines, "difference", plan, rows)


def _said_how_read(question: Question, lines: list[str]) -> None:
    """How things described were read ("※ 물으신 사업을 …"), after the answer's first line."""
    if question.note.startswith("※") and lines:
        lines.insert(1, question.note)


def _amount(is_rate: bool, difference: float | None) -> str:
    if difference is None:
        return "-"
    if is_rate:
        return fmt.points(difference)
    return fmt.money_with_eok(abs(int(difference)))


def write_share(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    measure = report.measures[question.measures[0]]
    if len(rows) == 1 and len(question.measures) >= 2:
        row = rows[0]
        whole_measure = report.measures[question.measures[1]]
        kind = row["kind"]
        lines = [
            f"{row['name']} {whole_measure.label_for(kind)} 중 {measure.label_for(kind)} 비율: "
            f"{fmt.computed_rate(row['share'])}",
            f"※ 계산: {value(measure, row)} ÷ {value(whole_measure, row)}",
            report.closing(row.get("source"), row.get("staff_source")),
        ]
        _share_verdict(question, row["share"], lines)
        return finish(lines, "share", plan, rows)
    if len(rows) < 2:
        return finish(
            [f"‘{rows[0]['name']}’의 비중을 셀 전체가 따로 없습니다."], "share", plan, rows
        )
    if question.note == "summed" and len(rows) >= 3:
        return _share_of_sum(rows, plan, report, measure)
    if question.note == "within" and len(rows) >= 2:
        return _share_within_sum(rows, plan, report, measure)
    part, whole = rows[0], rows[1]
    share = part["share"]
    label = measure.label_for(part["kind"])
    if question.note == TIMES:
        # "지역공동체과 예산현액은 시민참여과의 7.11배": the same division, said as times.
        head = f"{part['name']} {particle(label, '은', '는')} {whole['name']}의 {fmt.times(share)}"
    else:
        whole_name = shown_name(whole)
        head = (
            f"{part['name']} {particle(label, '이', '가')} {whole_name}에서 차지하는 비중: "
            f"{fmt.computed_rate(share)}"
        )
    lines = [head, f"※ 계산: {value(measure, part)} ÷ {value(measure, whole)}"]
    _said_how_read(question, lines)
    _share_verdict(question, share, lines)
    lines += report.notes([part["name"], whole["name"]], question.measures)
    lines.append(report.closing(part.get("source"), whole.get("source")))
    return finish(lines, "share", plan, rows)


def _share_verdict(question: Question, share: float | None, lines: list[str]) -> None:
    """ "국 전체 예산의 절반 넘어?", "행정직이 절반 넘어?": the share against the fraction
    asked, put on the first line."""
    check = question.check
    if check is None or check.value is None or share is None:
        return
    holds = COMPARE[check.comparison](float(share), float(check.value))
    threshold = f"{fmt.half_up(check.value)}% {COMPARISON_WORDS[check.comparison]}"
    lines.insert(0, f"{'예' if holds else '아니요'}. 비중 {fmt.computed_rate(share)} — "
                    f"기준({threshold})에 {'맞습니다' if holds else '맞지 않습니다'}.")  # fmt: skip


def _share_within_sum(rows: list[Row], plan: Plan, report: Report, measure: Measure) -> Answer:
    """`그 중 사회협력과 비중은?` after a sum: one of the things added up, over their sum."""
    part, summed = rows[0], rows
    label = measure.label_for(part["kind"])
    total = sum(r.get(measure.name) or 0 for r in summed)
    names = "·".join(r["name"] for r in summed)
    shown_total = fmt.money(total) if measure.is_money else str(total)
    lines = [
        f"{names} {label} 합계 중 {part['name']} 비중: {fmt.computed_rate(part['share'])}",
        f"※ 계산: {value(measure, part)} ÷ {shown_total}",
    ]
    lines += report.notes([r["name"] for r in summed], (measure.name,))
    lines.append(report.closing(*(r.get("source") for r in summed)))
    return finish(lines, "share", plan, rows)


def _share_of_sum(rows: list[Row], plan: Plan, report: Report, measure: Measure) -> Answer:
    """`A랑 B 합치면 국 전체의 몇 %`: the things asked added up, over the whole (the last row)."""
    *parts, whole = rows
    label = measure.label_for(whole["kind"])
    total = sum(r.get(measure.name) or 0 for r in parts)
    names = "·".join(r["name"] for r in parts)
    whole_name = shown_name(whole)
    lines = [
        f"{names} {label} 합계가 {whole_name}에서 차지하는 비중: "
        f"{fmt.computed_rate(parts[0]['share'])}",
        f"※ 계산: ({' + '.join(value(measure, r) for r in parts)}) = "
        f"{fmt.money(total) if measure.is_money else total} ÷ {value(measure, whole)}",
    ]
    lines += report.notes([r["name"] for r in rows], (measure.name,))
    lines.append(report.closing(*(r.get("source") for r in rows)))
    return finish(lines, "share", plan, rows)
