"""Sets of things: how many meet the conditions, which they are, their sum, and rankings."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from knowledge import format as fmt
from knowledge.answer import Answer, Choice
from knowledge.answers.base import (
    Report,
    Row,
    amount_text,
    finish,
    followups,
    short,
    threshold_text,
    value,
)
from knowledge.measures import COUNT, PEOPLE, Measure
from knowledge.planning.compile import Plan
from knowledge.reading.hangul import particle, with_ro
from knowledge.reading.question import Condition, Group, Question

GROUP_NAMES = {"line": "세부사업", "division": "과", "revenue": "세입 항목",
               "project_row": "주요사업 예산표 항목", "project": "주요 추진 현안업무"}  # fmt: skip
COMPARISON_WORDS = {">=": "이상", ">": "초과", "<=": "이하", "<": "미만", "=": "", "!=": "아닌"}
# A count against the one said ("10개 넘어?", "7개 맞습니까?").
COUNT_COMPARED = {
    ">=": lambda a, b: a >= b, ">": lambda a, b: a > b, "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b, "=": lambda a, b: a == b, "!=": lambda a, b: a != b,
}  # fmt: skip
SHOWN = 15
ADNOMINAL = ("은", "는", "한", "인", "된", "난", "린", "든")
ORDINALS = {1: "가장", 2: "두 번째로", 3: "세 번째로", 4: "네 번째로", 5: "다섯 번째로"}


def describe(group: Group, report: Report) -> str:
    """`사회협력과 지출 집행률 80% 이상인 세부사업`: the group as the reply names it."""
    conditions = [_condition_text(c, report, group.kind) for c in group.conditions]
    scope = f"{group.division} " if group.division else ""
    if group.parent:
        scope += f"{group.parent} 안의 "
    if group.project_no is not None:
        scope += f"{report.catalog.project(group.project_no).name} "
    said = " · ".join(conditions)
    noun = GROUP_NAMES[group.kind]
    if group.named:
        noun = f"‘{group.named}’ 관련 {noun}"
    if group.without:
        noun += f" ({', '.join(group.without)} 제외)"
    if group.leaves and group.kind == "revenue":
        noun = "세부 세입 항목"
    if not said:
        return f"{scope}{noun}"
    # "현원이 정원보다 적은 과" qualifies already; "예산 1억 이상" needs 인.
    joiner = " " if said.endswith(ADNOMINAL) else "인 "
    return f"{scope}{said}{joiner}{noun}"


def _condition_text(condition: Condition, report: Report, kind: str | None = None) -> str:
    measure = report.measures[condition.measure]
    if condition.comparison == "is_null" and condition.measure not in ("spent", "committed"):
        return f"{measure.label_for(kind)} ‘-’(없음)인"  # "’21년 예산 ‘-’(없음)인 세입 항목"
    if condition.comparison == "is_null":
        return "미집행(지출 실적 ‘-’)"
    if condition.comparison == "not_null":
        return "집행 실적이 있는"
    if condition.other is not None:
        other = report.measures[condition.other]
        if condition.comparison in ("=", "!="):
            # "현원이 정원과 같은 과": equal (or not), never "적은"
            same = "같은" if condition.comparison == "=" else "다른"
            return (
                f"{particle(measure.label, '이', '가')} {particle(other.label, '과', '와')} {same}"
            )
        word = "많은" if condition.comparison in (">", ">=") else "적은"
        return f"{particle(measure.label, '이', '가')} {other.label}보다 {word}"
    if condition.whole:
        return (
            f"{particle(measure.label, '이', '가')} {condition.written}"  # "…이 국 전체보다 낮은"
        )
    counted = measure.unit in (PEOPLE, COUNT)
    # "관리운영직 현원이 있는 과", "결원이 없는 과", "미집행 세부사업이 없는 과" (a count named
    # "… 수" is said by what is counted).
    said = measure.label.removesuffix(" 수") if measure.unit == COUNT else measure.label
    if condition.comparison in (">", "!=") and condition.value == 0 and counted:
        return f"{particle(said, '이', '가')} 있는"
    if condition.comparison == "=" and condition.value == 0 and counted:
        return f"{particle(said, '이', '가')} 없는"
    if condition.measure == "change_amount" and condition.value == 0:
        return "’20년보다 늘어난" if condition.comparison == ">" else "’20년보다 줄어든"
    figure = threshold_text(measure, condition.value)
    return f"{measure.label} {figure} {COMPARISON_WORDS[condition.comparison]}".strip()


def _item(row: Row, measures: list[Measure], with_division: bool, labelled: bool = False) -> str:
    """`커뮤니티 공간 운영지원 9,280,066천원`; with `labelled`, what is shown after the ranked
    figure says its name (`· 지출 집행률 83.4%`), as the figures a gap is between always do."""
    labelled = labelled or bool(measures and measures[0].difference_of)
    shown = " · ".join(
        f"{m.label_for(row['kind'])} {value(m, row)}" if labelled and n else value(m, row)
        for n, m in enumerate(measures)
    )
    owner = f" ({row['division']})" if with_division and row.get("division") else ""
    subtotal = " (소계)" if row["kind"] == "revenue" and _is_subtotal(row) else ""
    return f"{row['name']}{subtotal}{owner} {shown}".rstrip()


def _gap(row: Row, compared: Condition | None, report: Report) -> str:
    """` (정원보다 2명 적음)`: how far apart the two measures a condition compares are."""
    if compared is None:
        return ""
    first, second = report.measures[compared.measure], report.measures[compared.other]
    a, b = row.get(first.name), row.get(second.name)
    if a is None or b is None or first.unit != second.unit:
        return ""
    gap = abs(a - b)
    if gap == 0:
        return f" ({particle(second.label, '과', '와')} 같음)"
    shown = fmt.people(gap) if first.unit == PEOPLE else fmt.money(gap)
    return f" ({second.label}보다 {shown} {'많음' if a > b else '적음'})"


def _is_subtotal(row: Row) -> bool:
    return (row.get("level") or 0) <= 2


def _closing(rows: list[Row], report: Report, group: Group) -> str:
    if rows:
        return report.closing(*dict.fromkeys(r.get("source") for r in rows[:3]))
    return report.closing(
        "Ⅳ. 2021 세부사업별 예산집행 현황" if group.kind == "line" else "Ⅰ. 일반현황"
    )


def write_group(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    """COUNT, LIST and a group's SUM."""
    group = question.group
    if group.kind == "project":
        return _projects(question, rows, plan, report)
    measures = [report.measures[m] for m in plan.measures]
    described = describe(group, report)
    with_division = group.kind in ("line", "project_row") and group.division is None
    counted = question.check if question.check and question.check.measure == "count" else None
    if not rows and counted is None:
        lead = "아니요. " if question.note == "exists" or question.note.startswith("only:") else ""
        lead = "예. " if question.note == "absent" else lead
        lines = [
            f"{lead}{particle(described, '은', '는')} 없습니다.",
            _closing(rows, report, group),
        ]
        return finish(lines, "list", plan, rows)
    count = len(rows)
    unit = "개"
    if counted is not None:
        # "세부사업 40개 넘어?": the count, against the one said.
        holds = COUNT_COMPARED[counted.comparison](count, counted.value)
        said = f"{counted.value:,.0f}{unit} {COMPARISON_WORDS[counted.comparison]}".strip()
        lines = [f"{'예' if holds else '아니요'}. {described} {count}{unit}입니다"
                 f" (물으신 기준: {said})."]  # fmt: skip
        if not rows:
            return finish([*lines, _closing(rows, report, group)], "count", plan, rows)
    elif question.asks == "sum":
        sums = []
        for name in question.measures:
            measure = report.measures[name]
            total = rows[0][f"total_{name}"]
            sums.append(f"{measure.label} 합계 {amount_text(measure, total)}")
        lines = [f"{described} {count}{unit}의 " + " · ".join(sums)]
    elif question.asks == "average":
        means, sums = [], []
        for name in question.measures:
            measure = report.measures[name]
            if measure.is_rate:
                mean = rows[0][f"mean_{name}"]
                means.append(f"{measure.label} 단순 평균 {fmt.computed_rate(mean)}")
                sums.append(f"{count}개의 {measure.label}을 더해 {with_ro(str(count))} 나눈 값"
                            " (예산 규모는 반영하지 않습니다)")  # fmt: skip
                continue
            total = rows[0][f"total_{name}"]
            if total is None:
                # Nothing to average (every one of them '-', 미집행): no mean is made up.
                means.append(f"{measure.label} 평균: 집행 실적 없음(‘-’)")
                sums.append(f"{measure.label} 모두 ‘-’")
                continue
            if measure.unit in (PEOPLE, COUNT):
                # (a mean of head counts in 명, of lines in 개: never 천원)
                counter = "명" if measure.unit == PEOPLE else "개"
                means.append(f"{measure.label} 평균 {total / count:,.1f}{counter}")
                sums.append(f"{measure.label} 합계 {total:,}{counter} ÷ {count}")
            else:
                mean = _rounded(total, count)
                means.append(f"{measure.label} 평균 {fmt.money_with_eok(mean)}")
                sums.append(f"{measure.label} 합계 {fmt.money(total)} ÷ {count}")
        lines = [f"{described} {count}{unit}의 " + " · ".join(means)]
        rounded = (
            " (천원 미만 반올림)"
            if any(report.measures[m].is_money for m in question.measures)
            else ""
        )
        lines.append("※ 계산: " + " · ".join(sums) + rounded)
    elif question.note.startswith("only:"):
        # "임기제는 사회협력과에만 있습니까?": 예 only when the 과 named is the one that has any.
        named = question.note.removeprefix("only:")
        verdict = "예" if [r["name"] for r in rows] == [named] else "아니요"
        lines = [f"{verdict}. {described}: {count}{unit} (물으신 {named}만이 아닙니다)"
                 if verdict == "아니요" else f"{verdict}. {described}: {named} 한 곳입니다"]  # fmt: skip
    elif question.note == "exists":
        lines = [f"예. {described}: {count}{unit}"]
    elif question.note == "absent":
        lines = [f"아니요. {described}: {count}{unit} 있습니다"]
    elif question.asks == "count":
        lines = [f"{described} {count}{unit}"]
    else:
        head = f"{described} {count}{unit}"
        people = measures[0] if measures and measures[0].unit == PEOPLE else None
        if people is not None and count > 1 and f"total_{people.name}" not in rows[0]:
            # "개방형 몇 명 어디어디": the head count of them all, beside where they are.
            total = sum(r.get(people.name) or 0 for r in rows)
            head += f" (합계 {total:,}명)"
        if count <= 3:
            head += ": " + ", ".join(_item(r, measures[:1], False) for r in rows)
        lines = [head]
    for condition in group.conditions:
        bar = rows[0].get(f"whole_{condition.measure}") if condition.whole else None
        if bar is not None:
            measure = report.measures[condition.measure]
            shown = f"{bar:.1f}%" if measure.is_rate else fmt.money(bar)
            lines.append(f"※ 기준: 국 전체 {measure.label} {shown}")
    if group.kind == "revenue" and any(_is_subtotal(r) for r in rows):
        lines.append("※ 세입 항목은 소계(상위 항목)와 세부 항목을 함께 셌습니다.")
    compared = next((c for c in group.conditions if c.other is not None), None)
    lines += [f"• {_item(r, measures, with_division)}{_gap(r, compared, report)}"
              for r in rows[:SHOWN]]  # fmt: skip
    if count > SHOWN:
        lines.append(f"… 외 {count - SHOWN}{unit}")
    totals = [m for m in measures if f"total_{m.name}" in rows[0]]
    if totals and question.asks not in ("sum", "average"):
        shown = " · ".join(f"{m.label} {_total(m, rows[0][f'total_{m.name}'])}" for m in totals)
        lines.append(f"합계 {shown}")
    rated = [c.measure for c in group.conditions if report.measures[c.measure].missing_is_zero]
    if rated and any(r.get(m) is None for r in rows for m in rated):
        lines.append("※ 미집행(‘-’) 사업은 집행률·집행액 0으로 셌습니다.")
    names = [r["name"] for r in rows]
    lines += report.notes(names, plan.measures, rounding=question.asks == "sum")
    lines.append(_closing(rows, report, group))
    return finish(lines, question.asks, plan, rows, followups=_group_followups(rows, group))


def _projects(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    lines = [f"{describe(question.group, report)} {len(rows)}개 (Ⅲ):"]
    counted = question.check if question.check and question.check.measure == "count" else None
    if counted is not None:
        # "주요사업 9개 맞아?": the count, against the one said.
        holds = COUNT_COMPARED[counted.comparison](len(rows), counted.value)
        lines[0] = f"{'예' if holds else '아니요'}. {lines[0]}"
    lines += [f"{r['project_no']}. {r['title']} ({r['division']})" for r in rows]
    lines.append(report.closing(rows[0]["source"] if rows else None))
    topics = tuple(Choice(short(r["title"]), f"{r['title']} 추진현황") for r in rows[:4])
    return finish(lines, "list", plan, rows[:1], followups=topics)


def _group_followups(rows: list[Row], group: Group) -> tuple[Choice, ...]:
    if group.kind == "division":
        return tuple(Choice(r["name"], f"{r['name']} 예산") for r in rows[:5])
    if group.kind == "line" and group.division:
        return followups(group.division, ("집행률", "향후계획"))
    return ()


def write_rank(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    """The n-th, the top n, or the first: exactly what was asked, in ranked order."""
    measure = report.measures[question.measures[0]]
    if question.group is None:
        return _rank_subjects(question, rows, plan, report, measure)
    group = question.group
    ranking = question.ranking
    described = describe(group, report)
    if not rows:
        return finish(
            [f"{described}은(는) 없습니다.", _closing(rows, report, group)], "ranking", plan
        )
    word = _direction_word(measure, ranking.descending)
    label = measure.label_for(group.kind)
    shown = [measure, *[report.measures[m] for m in plan.measures if m != measure.name][:1]]
    # What was asked of the ranked ones besides their order ("네 번째 사업의 지출 집행률").
    asked = [measure, *[report.measures[m] for m in question.measures[1:3]]]
    if measure.difference_of:
        # A gap is shown with the two figures it is the gap between.
        parts_of = [report.measures[m] for m in measure.difference_of if m in plan.measures]
        asked, shown = [measure, *parts_of], [measure, *parts_of]
    with_division = group.kind in ("line", "project_row") and group.division is None
    total = rows[0]["matched"]
    if ranking.of is not None:
        row = next((r for r in rows if r["name"] == ranking.of), rows[0])
        standing = (
            f"{label} {described} {total}개 중 {row['rank']}위 ({value(measure, row)}, {word} 순)"
        )
        if question.note == "check":
            verdict = "예" if row["rank"] == (ranking.position or 1) else "아니요"
            lines = [f"{verdict}. {particle(row['name'], '은', '는')} {standing}"]
        else:
            lines = [f"{row['name']}: {standing}"]
        place = ORDINALS.get(ranking.position or 1, f"{ranking.position}번째로")
        lines += [f"{place} {word}: {r['name']} {value(measure, r)}"
                  for r in rows if r is not row and r["rank"] == (ranking.position or 1)]  # fmt: skip
        rows = [row, *(r for r in rows if r is not row)]
    elif ranking.position is not None:
        ordinal = ORDINALS.get(ranking.position, f"{ranking.position}번째로")
        lines = [
            f"{label} {ordinal} {word} {GROUP_NAMES[group.kind]}: "
            + ", ".join(_item(r, asked, False, True) for r in rows)
            + (f" ({rows[0]['division']})" if with_division and len(rows) == 1 else "")
        ]
        if len(rows) > 1:
            lines.append(f"※ {len(rows)}개가 같은 값으로 공동 {ranking.position}위입니다.")
        lines.append(f"({described} {total}개 중 {ranking.position}위)")
    elif question.note in ("spread", "ends") and _figured(rows, measure) >= 2:
        # "제일 높은 과랑 제일 낮은 과 차이": the first less the last, both shown; "가장 큰
        # 사업과 가장 작은 사업": both ends.
        # A '-' (no figure) is no end of the order unless it counts as 0 (미집행).
        ordered = [r for r in rows if _placed(r, measure)]
        first, last = ordered[0], ordered[-1]
        high, low = first.get(measure.name) or 0, last.get(measure.name) or 0
        lowest = _direction_word(measure, False)
        ends = [
            f"• 가장 {word}: {_item(first, [measure], with_division)}",
            f"• 가장 {lowest}: {_item(last, [measure], with_division)}",
        ]
        if question.note == "spread":
            gap = fmt.points(high - low) if measure.is_rate else amount_text(measure, high - low)
            lines = [
                f"{label} 가장 {word} {particle(GROUP_NAMES[group.kind], '과', '와')} 가장 "
                f"{lowest} {GROUP_NAMES[group.kind]}의 차이: {gap}",
                *ends,
            ]
        else:
            lines = [f"{label} 가장 {word} {GROUP_NAMES[group.kind]}·가장 {lowest} "
                     f"{GROUP_NAMES[group.kind]}:", *ends]  # fmt: skip
        lines.append(f"({described} {total}개 중)")
    elif ranking.count:
        if ranking.count >= total:
            # "낮은 순으로": the whole set in order, not "하위 100개".
            lines = [f"{described} {total}개 {label} 순위 ({word} 순):"]
        else:
            lines = [
                f"{described} {label} {'상위' if ranking.descending else '하위'} {ranking.count}개 ({word} 순):"
            ]
        unranked = [r for r in rows if not _placed(r, measure)]
        lines += [f"{r['rank']}위 {_item(r, shown, with_division)}" for r in rows
                  if r not in unranked]  # fmt: skip
        if unranked:
            # A '-' has no place in the order: said apart.
            lines.append("순위 없음(보고서 ‘-’): " + ", ".join(r["name"] for r in unranked))
    else:
        unexecuted = [r for r in rows if r.get(measure.name) is None]
        reported = [r for r in rows if r.get(measure.name) is not None]
        if measure.missing_is_zero and not ranking.descending and unexecuted:
            lines = [
                f"{described} 중 {label}이 가장 낮은 것은 미집행 {len(unexecuted)}개입니다 "
                "(집행 실적 ‘-’):"
            ]
            lines += [f"• {_item(r, shown, with_division)}" for r in unexecuted]
            if reported:
                lines.append(
                    f"집행 실적이 있는 것 중 가장 낮은 {GROUP_NAMES[group.kind]}: "
                    + ", ".join(_item(r, asked, with_division, labelled=True) for r in reported)
                )
        elif len(rows) > 1:
            lines = [f"{label} 가장 {word} {GROUP_NAMES[group.kind]} {len(rows)}개 (동률):"]
            lines += [f"• {_item(r, shown, with_division)}" for r in rows]
        else:
            lines = [
                f"{label} 가장 {word} {GROUP_NAMES[group.kind]}: {_item(rows[0], asked, False, True)}"
                + (f" ({rows[0]['division']})" if with_division else "")
            ]
        whole = rows[0].get(f"total_{measure.name}")
        counted = f" · 합계 {fmt.people(whole)}" if whole is not None else ""
        lines.append(f"({described} {total}개 중{counted})")
    if group.kind == "line" and measure.missing_is_zero:
        lines.append("※ 미집행(‘-’) 사업은 0으로 놓고 순위를 매겼습니다.")
    lines += report.notes([r["name"] for r in rows], [measure.name])
    lines.append(_closing(rows, report, group))
    return finish(lines, "ranking", plan, rows)


def _placed(row: Row, measure: Measure) -> bool:
    """Whether a row has a place in an order by `measure`: a figure, or a '-' that counts as 0."""
    return row.get(measure.name) is not None or measure.missing_is_zero


def _figured(rows: list[Row], measure: Measure) -> int:
    return sum(_placed(r, measure) for r in rows)


def _direction_word(measure: Measure, descending: bool) -> str:
    if measure.is_rate:
        return "높은" if descending else "낮은"
    if measure.unit in (PEOPLE, COUNT):
        return "많은" if descending else "적은"
    return "큰" if descending else "작은"


def _total(measure: Measure, total: int | None) -> str:
    """A list's total as the report would print it: 명, 개, 천원."""
    if measure.unit in (PEOPLE, COUNT):
        return amount_text(measure, total)
    return fmt.money(total)


def _rank_subjects(
    question: Question, rows: list[Row], plan: Plan, report: Report, measure: Measure
) -> Answer:
    ranked = sorted(rows, key=lambda r: r["rank"])
    word = _direction_word(measure, question.ranking.descending)
    label = measure.label_for(ranked[0]["kind"])
    most = "더" if len(ranked) == 2 else "가장"  # of two, or of three or more
    lines = [f"{label}이(가) {most} {word} 곳: {ranked[0]['name']} ({value(measure, ranked[0])})"]
    lines += [f"{r['rank']}위 {r['name']} {value(measure, r)}" for r in ranked]
    lines.append(report.closing(*(r.get("source") for r in ranked)))
    return finish(lines, "ranking", plan, rows)


def _rounded(total: float, count: int) -> int:
    """A mean in 천원, rounded half up as the report rounds."""
    return int((Decimal(str(total)) / count).quantize(Decimal(1), rounding=ROUND_HALF_UP))
