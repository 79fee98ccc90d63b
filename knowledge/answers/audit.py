"""Where the report disagrees with itself (/검증): every finding of the ingest checks, grouped by
kind, the most material first; each with both figures and their places, the gap, and a plain
reading of what it most likely is (a typo in a total, a rounding difference, a part quoted as
the whole, a name written two ways)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from knowledge.answer import Answer
from knowledge.answers.base import Report, Row, finish
from knowledge.format import josa
from knowledge.planning.compile import Plan
from knowledge.reading.question import Question, Subject

INTENT = "audit"
# How many of the measures asked a reply that found nothing names.
MEASURES_SAID = 3
# The kinds of finding as the reply groups them, in the order used when two weigh the same.
GROUPS = (
    ("Ⅲ장 예산표 대 Ⅳ장", ("Ⅲ·Ⅳ 사업 대조",)),
    ("비율", ("세출 집행률", "세부사업 집행률", "Ⅲ장 사업 집행률", "세입 비율")),
    ("합계·소계", ("세출 과별 합계", "세부사업 합계", "세입 합계", "세입 증감액",
                  "인력 과별 합계", "인력 직종 합계", "인력 현원", "인력 과부족",
                  "시간선택제임기제 주석")),
    ("Ⅰ장 대 Ⅳ장", ("Ⅰ·Ⅳ 세출 대조",)),
    ("본문 수치", ("본문 수치 대조",)),
    ("이름 표기", ("이름 표기",)),
)  # fmt: skip
SUMS = frozenset(GROUPS[2][1])
# Labels of fields that are no declared measure.
FIELD_LABELS = {
    "subtotal": "직종별 소계", "shortage": "과부족", "line_no": "Ⅳ장 세부사업", "name": "이름",
    "budget_2021": "’21년 예산", "part_time_fixed_term": "시간선택제임기제",
}  # fmt: skip
FIGURE = re.compile(r"(△|-)?([\d,]+(?:\.\d+)?)\s*(천원|%|명|개소|개|건|회)")
SOURCE = re.compile(r"^(\S+?)\.\s.*\(줄 ([\d–]+)(?: 합산)?\)$")
PARTS = re.compile(r"하위 항목 (\d+)개")
# How far apart material findings are: money gaps first, then counts and names, then what
# rounding to 천원 explains.
MONEY, COUNTS, ROUNDING = 2, 1, 0


@dataclass
class _Item:
    """One disagreement: the findings of one check about one thing between the same places."""

    check: str
    subject: str
    rows: list[Row] = field(default_factory=list)

    @property
    def first(self) -> Row:
        return self.rows[0]


def write(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    """The findings about what the question names (all of them when it names nothing)."""
    subjects = tuple(s for s in question.subjects if s.kind != "bureau")
    covered = _covered(subjects, report) if subjects else None
    asked = {f for m in question.measures for f in (m, f"{m}_printed")}
    if asked & {"budget", "committed", "spent"}:
        asked.add("line_no")  # a Ⅲ row no Ⅳ line holds: its money is nowhere in Ⅳ
    if covered is None and asked and (question.subjects or question.note == "agree"):
        # "국 지출액 합계가 두 표에 동일하게 기재되어 있는지": the bureau's own totals
        covered = {report.bureau}
    picked = [r for r in rows if covered is None or r["subject"] in covered]
    # "지출액이 … 일치하는지": the findings about the measures asked, when there are some
    picked = [r for r in picked if r["field"] in asked] or (picked if not asked else [])
    if question.facet == "sum":
        # "세부사업 지출액을 합산하면 과 합계와 일치하는지": the sums checked, not the chapters
        picked = [
            r for r in picked if r["check_name"] in SUMS or r["check_name"] == "Ⅰ·Ⅳ 세출 대조"
        ]
    named = ", ".join(s.name for s in subjects) or (report.bureau if asked else "")
    if not picked:
        labels = " · ".join(report.measures[m].label for m in question.measures[:MEASURES_SAID])
        said = f"{named} {labels}".strip()
        if question.note in ("agree", "differ"):
            # asked whether the report's figures agree (or differ): the checks found them agreeing
            verdict = "예" if question.note == "agree" else "아니요"
            lines = [f"{verdict}. {said}: 보고서 안의 합계·비율·장 사이 대조에서 서로 맞지 않는 "
                     "곳이 없습니다."]  # fmt: skip
        else:
            lines = [f"‘{said}’에 대해 보고서 안에서 서로 맞지 않는 수치는 찾지 못했습니다."]
        return finish([*lines, report.closing()], INTENT, plan)
    items = _items(picked)
    weights = {id(item): _weight(item) for item in items}
    groups = []
    for title, checks in GROUPS:
        members = sorted(
            (i for i in items if i.check in checks), key=lambda i: weights[id(i)], reverse=True
        )
        if members:
            groups.append((title, members))
    groups.sort(key=lambda g: max(weights[id(i)] for i in g[1]), reverse=True)
    head = f"{named} 관련 " if named else ""
    verdict = {"agree": "아니요. ", "differ": "예. "}.get(question.note, "")
    lines = [
        f"{verdict}{head}보고서 안에서 서로 맞지 않는 곳 {len(items)}곳 (큰 것부터, 종류별):",
    ]
    number = 0
    for title, members in groups:
        lines.append(f"[{title}] {len(members)}곳")
        for item in members:
            number += 1
            lines += _describe(number, item, rows, report)
    lines.append(report.closing("보고서 자체 검산(합계·비율·장 사이 대조)"))
    return finish(lines, INTENT, plan)


def _covered(subjects: Sequence[Subject], report: Report) -> set[str]:
    """The names of findings about these subjects: a 과 holds its lines and projects, a project
    its lines and the rows of its table, a line the row that stands for it in Ⅲ."""
    catalog = report.catalog
    names: set[str] = set()
    for subject in subjects:
        names.add(subject.name)
        projects: list[int] = []
        if subject.kind == "division":
            names |= {e.name for e in catalog.entities if e.division == subject.name}
            projects = [int(e.ref) for e in catalog.entities
                        if e.kind == "project" and e.division == subject.name]  # fmt: skip
        elif subject.kind == "project" and subject.project_no is not None:
            projects = [subject.project_no]
        elif subject.kind == "line":
            row = catalog.row_of_line.get(int(subject.ref)) if subject.ref is not None else None
            names |= {row} if row else set()
        for number in projects:
            names.add(catalog.project(number).name)
            names |= {catalog.line(line).name for line in catalog.lines_of_project.get(number, [])}
            names |= set(catalog.rows_of_project.get(number, []))
    return names


def _items(rows: Iterable[Row]) -> list[_Item]:
    items: dict[tuple[str, str, str, str], _Item] = {}
    for row in rows:
        key = (row["check_name"], row["subject"], row["stated_source"], _place(row["other_source"]))
        items.setdefault(key, _Item(row["check_name"], row["subject"])).rows.append(row)
    return list(items.values())


def _weight(item: _Item) -> tuple[int, Decimal]:
    """How much the disagreement is about: the money at stake, else the count apart."""
    best = (ROUNDING, Decimal(0))
    for row in item.rows:
        stated, other = _figure(row["stated"]), _figure(row["other"])
        if _rounding(row):
            continue
        if row["field"] == "line_no" and stated is not None:
            best = max(best, (MONEY, stated[0]))
        elif stated is None or other is None:
            best = max(best, (COUNTS, Decimal(0)))
        elif stated[1] == "천원":
            best = max(best, (MONEY, abs(stated[0] - other[0])))
        elif stated[1] == "%":
            base = _amounts(row["other_source"])
            money = abs(stated[0] - other[0]) * base[-1] / 100 if base else Decimal(0)
            best = max(best, (MONEY, money))
        else:
            best = max(best, (COUNTS, abs(stated[0] - other[0])))
    return best


def _describe(number: int, item: _Item, every: list[Row], report: Report) -> list[str]:
    first = item.first
    lines = [f"{number}. {item.subject} — {_what(item)}"]
    for index, row in enumerate(item.rows):
        label = _label(row["field"], report)
        where = (f" ({_short(row['stated_source'])})", f" ({_short(row['other_source'])})")
        if index:
            where = ("", "") if _same_places(row, first) else where
        gap = _gap(row)
        lines.append(
            f"   {label}: {row['stated']}{where[0]} ↔ {row['other']}{where[1]}"
            + (f", 차이 {gap}" if gap else "")
        )
    lines.append(f"   → {_reading(item, every)}")
    return lines


def _what(item: _Item) -> str:
    """What disagrees with what, in a few words."""
    check = item.check
    if check == "Ⅲ·Ⅳ 사업 대조":
        return "Ⅲ장 예산표와 Ⅳ장 세부사업 현황이 다름"
    if check == "Ⅰ·Ⅳ 세출 대조":
        return "Ⅰ장 세출 총괄과 Ⅳ장 합계가 다름"
    if check in SUMS:
        return "합계와 항목을 더한 값이 다름"
    if check == "이름 표기":
        return "같은 세부사업의 이름이 Ⅲ장과 Ⅳ장에서 다름"
    if check == "본문 수치 대조":
        return f"본문 두 곳의 ‘{item.first['field']}’ 개수가 다름"
    return "적힌 비율과 금액으로 계산한 비율이 다름"


def _reading(item: _Item, every: list[Row]) -> str:
    """A plain reading of the disagreement, worked out from its own figures."""
    row = item.first
    check = item.check
    stated, other = _figure(row["stated"]), _figure(row["other"])
    if check in SUMS:
        if all(_rounding(r) for r in item.rows):
            return "천원 단위 반올림 차이로 보입니다: 항목마다 천원 미만을 반올림하면 합계와 1천원 안팎이 어긋날 수 있습니다."
        if _one_digit(row["stated"], row["other"]):
            return (f"숫자 한 자리만 다릅니다({_marked(row['stated'], row['other'])}): "
                    "항목의 합과 맞지 않는 쪽, 즉 합계의 오기로 보입니다.")  # fmt: skip
        return "합계가 항목의 합과 맞지 않습니다. 어느 쪽이 맞는지 보고서만으로는 알 수 없습니다."
    if check == "Ⅰ·Ⅳ 세출 대조":
        wrong = next((r["stated"] for r in every if r["check_name"] in SUMS
                      and r["subject"] == row["subject"] and r["field"] == row["field"]), None)  # fmt: skip
        digit = f"숫자 한 자리만 다릅니다({_marked(row['stated'], row['other'])}). " if _one_digit(
            row["stated"], row["other"]) else ""  # fmt: skip
        if wrong in (row["stated"], row["other"]):
            right = row["other"] if wrong == row["stated"] else row["stated"]
            return (f"{digit}{josa(right, '은', '는')} 과별 금액의 합과 맞고 "
                    f"{josa(wrong, '은', '는')} 맞지 않습니다: {wrong} 쪽의 오기로 보입니다.")  # fmt: skip
        return f"{digit}어느 쪽이 맞는지 보고서만으로는 알 수 없습니다."
    if check == "Ⅲ·Ⅳ 사업 대조":
        if row["field"] == "line_no":
            return (f"Ⅳ장 세부사업 가운데 이 이름의 사업이 없습니다. {josa(row['stated'], '이', '가')} "
                    "Ⅳ장의 어느 세부사업에 들어 있는지 보고서만으로는 알 수 없습니다.")  # fmt: skip
        pairs = [(_figure(r["stated"]), _figure(r["other"])) for r in item.rows]
        if all(a is not None and b is not None and a[0] < b[0] for a, b in pairs):
            table_name = next((r["stated"] for r in every if r["check_name"] == "이름 표기"
                               and r["subject"] == item.subject), "")  # fmt: skip
            extra = _extra(table_name, item.subject)
            if extra:
                return (f"Ⅲ장 표의 금액이 모두 작고 이름에 {josa(f'‘{extra}’', '이', '가')} 붙어 "
                        "있습니다: 세부사업의 그 부분만의 수치를 세부사업 전체 이름 아래 적은 것으로 "
                        "보입니다(부분의 수치를 전체처럼 적음).")  # fmt: skip
            return ("Ⅲ장 표의 금액이 모두 Ⅳ장보다 작습니다: 세부사업 일부의 수치를 전체처럼 "
                    "적은 것으로 보입니다.")  # fmt: skip
        return "같은 세부사업의 금액을 Ⅲ장과 Ⅳ장이 다르게 적었습니다."
    if check == "이름 표기":
        extra = _extra(row["stated"], row["other"]) or _extra(row["other"], row["stated"])
        longer = "Ⅲ장" if len(row["stated"]) > len(row["other"]) else "Ⅳ장"
        if extra:
            return (f"{longer}이 {josa(f'‘{extra}’', '을', '를')} 덧붙여 적었습니다. "
                    "같은 세부사업으로 보고 대조했습니다.")  # fmt: skip
        return "같은 세부사업으로 보고 대조했습니다."
    if check == "본문 수치 대조" and stated and other:
        gap = abs(stated[0] - other[0])
        return (f"같은 기준일의 같은 상태를 {gap:,.0f}{stated[1]} 다르게 셌습니다. 어느 쪽이 "
                "기준일 현재의 수인지 보고서만으로는 알 수 없습니다.")  # fmt: skip
    return _rate_reading(row)


def _rate_reading(row: Row) -> str:
    amounts = _amounts(row["other_source"])
    if len(amounts) < 2 or not amounts[-1]:
        return "적힌 비율이 금액으로 계산한 값과 맞지 않습니다."
    exact = amounts[0] * 100 / amounts[-1]
    printed = _figure(row["stated"])
    places = Decimal("0.1")
    if printed is not None and "." not in row["stated"]:
        places = Decimal(1)
    rounded = exact.quantize(places, rounding=ROUND_HALF_UP)
    cut = exact.quantize(places, rounding=ROUND_DOWN)
    return (f"금액으로 계산하면 {exact:.2f}%: 반올림({rounded}%)으로도 버림({cut}%)으로도 적힌 "
            f"값({row['stated']})이 나오지 않습니다. 적힌 비율이 틀렸거나 다른 금액으로 계산된 "
            "것으로 보입니다.")  # fmt: skip


# --- figures ---------------------------------------------------------------------------------


def _figure(text: str | None) -> tuple[Decimal, str] | None:
    if not text:
        return None
    match = FIGURE.search(text)
    if match is None:
        return None
    value = Decimal(match.group(2).replace(",", ""))
    return (-value if match.group(1) else value), match.group(3)


def _amounts(text: str | None) -> list[Decimal]:
    return [Decimal(m.group(2).replace(",", "")) for m in FIGURE.finditer(text or "")
            if m.group(3) == "천원"]  # fmt: skip


def _gap(row: Row) -> str:
    stated, other = _figure(row["stated"]), _figure(row["other"])
    if stated is None or other is None or stated[1] != other[1]:
        return ""
    gap = abs(stated[0] - other[0])
    if stated[1] == "%":
        return f"{gap}%p"
    return f"{gap:,.0f}{stated[1]}"


def _rounding(row: Row) -> bool:
    """A gap in a sum that rounding each item to 천원 explains (half a 천원 per item)."""
    if row["check_name"] not in SUMS:
        return False
    stated, other = _figure(row["stated"]), _figure(row["other"])
    parts = PARTS.search(row["note"] or "")
    if stated is None or other is None or stated[1] != "천원" or parts is None:
        return False
    return abs(stated[0] - other[0]) * 2 <= int(parts.group(1))


def _one_digit(first: str, second: str) -> bool:
    a, b = re.sub(r"\D", "", first), re.sub(r"\D", "", second)
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def _marked(first: str, second: str) -> str:
    """`65,419,160천원 ↔ 65,410,160천원` with the digit that differs in brackets."""
    out = []
    for x, y in zip(first, second, strict=False):
        out.append(f"[{x}]" if x != y and x.isdigit() else x)
    marked = "".join(out) + first[len(second) :]
    other = "".join(f"[{y}]" if x != y and y.isdigit() else y
                    for x, y in zip(first, second, strict=False))  # fmt: skip
    return f"{marked} ↔ {other}{second[len(first) :]}"


def _extra(longer: str, shorter: str) -> str:
    """What a name adds to another it starts with (`서울혁신파크 조성사업` adds 사업)."""
    if not longer or not shorter or longer == shorter or not longer.startswith(shorter):
        return ""
    return longer[len(shorter) :].strip()


def _label(name: str, report: Report) -> str:
    measure = report.measures.get(name)
    return measure.label if measure is not None else FIELD_LABELS.get(name, name)


def _place(source: str) -> str:
    """Where a figure stands without the computation that produced it (`계산: …`)."""
    return "계산" if source.startswith("계산") else source


def _same_places(row: Row, first: Row) -> bool:
    return (row["stated_source"], _place(row["other_source"])) == (
        first["stated_source"],
        _place(first["other_source"]),
    )


def _short(source: str) -> str:
    """`Ⅳ. 2021 세부사업별 예산집행 현황 (줄 876–949 합산)` → `Ⅳ 줄 876–949 합산`."""
    if source.startswith("계산"):
        return source
    match = SOURCE.match(source)
    if match is None:
        return source
    return f"{match.group(1)} 줄 {match.group(2)}" + (" 합산" if "합산" in source else "")
