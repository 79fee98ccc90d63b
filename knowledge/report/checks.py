"""Recompute the report's own arithmetic and record every disagreement in `inconsistencies`;
refuse a report that breaks the structure it guarantees of itself (`require_structure`).

Each check loops over the loaded tables; nothing here knows a figure of the report.
"""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

import duckdb

from knowledge.format import josa as _josa

Finding = tuple[str, str, str, str, str, str, str, str]

MONEY_FIELDS = {"budget": "예산현액", "committed": "원인행위액", "spent": "지출액"}
RATE_FIELDS = {"committed_rate": "원인행위 집행률", "spent_rate": "지출 집행률"}
REVENUE_FIELDS = {
    "budget_2020": "’20년 예산",
    "budget_2021": "’21년 예산",
    "change_amount": "증감액",
    "collected": "징수액",
}
PERSONNEL_FIELDS = {
    "quota": "정원",
    "current": "현원",
    "shortage": "과부족",
    "subtotal": "직종별 소계",
    "administrative": "행정직",
    "technical": "기술직",
    "open_position": "개방형",
    "fixed_term": "임기제",
    "management": "관리운영",
    "part_time_fixed_term": "시간선택제임기제",
}
PERSONNEL_KINDS = ("administrative", "technical", "open_position", "fixed_term", "management")
LINE_NUMBER_RE = re.compile(r"^(.*)\(줄 (\d+)\)$")
UNITS_PATH = Path(__file__).resolve().parents[2] / "data" / "fact_units.toml"
# Spacing and middle dots do not make a name another name ("커뮤니티공간" / "커뮤니티 공간").
NAME_NOISE = re.compile(r"[\s·･・‧․]")

# A disagreement of the report with itself that only rounding to 천원 explains (the answers show
# it only when the question is about those totals or about the disagreements).
ROUNDING_CHECK = "세부사업 합계"
ROUNDING_LIMIT = 1


def run_checks(connection: duckdb.DuckDBPyConnection) -> None:
    """Fill `inconsistencies` from the other tables (the report's sums, rates and cross-references)."""
    findings: list[Finding] = [
        *_spending_sums(connection),
        *_line_sums(connection),
        *_sections_agree(connection),
        *_rates(connection),
        *_projects_vs_lines(connection),
        *_revenue_sums(connection),
        *_revenue_rates(connection),
        *_personnel(connection),
        *_names(connection),
        *_text_states(connection),
    ]
    if findings:
        placeholders = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?)"] * len(findings))
        connection.execute(
            f"INSERT INTO inconsistencies VALUES {placeholders}",
            [value for finding in findings for value in finding],
        )


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cursor = connection.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _money(value: int | None) -> str:
    return "-" if value is None else f"{value:,}천원".replace("-", "△")


def _count(value: int | None) -> str:
    return "-" if value is None else f"{value:,}명".replace("-", "△")


def _quoted(name: str) -> str:
    return f"‘{name}’"


def _summed_source(sources: Sequence[str], suffix: str = " 합산") -> str:
    """'Ⅳ. … (줄 878)', …, 'Ⅳ. … (줄 890)' -> 'Ⅳ. … (줄 878–890 합산)'."""
    parsed = [LINE_NUMBER_RE.match(source) for source in sources]
    if not parsed or not all(parsed):
        return " + ".join(sources)
    numbers = [int(match.group(2)) for match in parsed if match]
    title = parsed[0].group(1).strip() if parsed[0] else ""
    return f"{title} (줄 {min(numbers)}–{max(numbers)}{suffix})"


def _sum_findings(
    check: str,
    total: dict,
    parts: Sequence[dict],
    fields: dict[str, str],
    subject: str,
    what: str,
    render=_money,
) -> Iterable[Finding]:
    """A total row against the sum of the rows it totals, field by field ('-' counts as 0)."""
    for column, label in fields.items():
        summed = sum(part[column] or 0 for part in parts)
        stated = total[column] or 0
        if summed != stated:
            yield (
                check,
                subject,
                column,
                render(total[column]),
                total["source"],
                render(summed),
                _summed_source([part["source"] for part in parts]),
                f"{what}의 {_josa(label, '이', '가')} 하위 항목 {len(parts)}개를 더한 값보다 "
                f"{render(abs(stated - summed))} {'많습니다' if stated > summed else '적습니다'}."
                + _rounding_hint(stated - summed, len(parts), render),
            )


def _rounding_hint(difference: int, parts: int, render) -> str:
    # Each amount is rounded to 천원 on its own, so a sum may drift by half a unit per part.
    if render is _money and abs(difference) * 2 <= parts:
        return " 천원 단위 반올림에서 생길 수 있는 크기의 차이입니다."
    return ""


# --- 세출: Ⅰ and Ⅳ ---------------------------------------------------------------------------


def _spending_sums(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    rows = _rows(connection, "SELECT * FROM spending ORDER BY section, is_total DESC")
    by_section: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_section[row["section"]].append(row)
    for section, section_rows in by_section.items():
        totals = [row for row in section_rows if row["is_total"]]
        parts = [row for row in section_rows if not row["is_total"]]
        for total in totals:
            yield from _sum_findings(
                "세출 과별 합계",
                total,
                parts,
                MONEY_FIELDS,
                total["division"],
                f"{section}장 세출 합계",
            )


def _line_sums(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    subtotals = _rows(connection, "SELECT * FROM spending WHERE section = 'Ⅳ' AND NOT is_total")
    lines = _rows(connection, "SELECT * FROM budget_lines ORDER BY line_no")
    for subtotal in subtotals:
        parts = [line for line in lines if line["division"] == subtotal["division"]]
        yield from _sum_findings(
            ROUNDING_CHECK,
            subtotal,
            parts,
            MONEY_FIELDS,
            subtotal["division"],
            f"Ⅳ장 {subtotal['division']} 소계",
        )


def _sections_agree(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    """The 세출 총괄 of Ⅰ and the subtotals of Ⅳ print the same figures twice."""
    rows = _rows(connection, "SELECT * FROM spending")
    first = {row["division"]: row for row in rows if row["section"] == "Ⅰ"}
    for row in rows:
        if row["section"] != "Ⅳ" or row["division"] not in first:
            continue
        earlier = first[row["division"]]
        compared = [(column, label, _money) for column, label in MONEY_FIELDS.items()]
        compared += [(f"{column}_printed", label, str) for column, label in RATE_FIELDS.items()]
        for column, label, render in compared:
            if earlier[column] != row[column]:
                yield (
                    "Ⅰ·Ⅳ 세출 대조",
                    row["division"],
                    column.removesuffix("_printed"),
                    render(earlier[column]),
                    earlier["source"],
                    render(row[column]),
                    row["source"],
                    f"{row['division']}의 {_josa(label, '이', '가')} Ⅰ장 세출 총괄과 Ⅳ장에서 "
                    "다르게 적혀 있습니다.",
                )


# --- rates -----------------------------------------------------------------------------------


def _rate_finding(
    check: str,
    subject: str,
    field: str,
    label: str,
    printed: str | None,
    amount: int | None,
    base: int | None,
    source: str,
    amount_label: str,
    base_label: str,
) -> Finding | None:
    """A printed rate against amount ÷ base × 100, allowing the report's rounding or truncation."""
    if not base:
        return None
    if printed is None:
        if not amount:
            return None
        printed_value, decimals = None, 1
    else:
        digits = printed.replace("△", "-").rstrip("%")
        printed_value = Decimal(digits)
        decimals = len(digits.split(".")[1]) if "." in digits else 0
    exact = Decimal(amount or 0) * 100 / Decimal(base)
    step = Decimal(1).scaleb(-decimals)
    rounded = exact.quantize(step, rounding=ROUND_HALF_UP)
    truncated = exact.quantize(step, rounding=ROUND_DOWN)
    if printed_value is not None and printed_value in (rounded, truncated):
        return None
    recomputed = f"{rounded}%".replace("-", "△")
    return (
        check,
        subject,
        field,
        printed or "-",
        source,
        recomputed,
        f"계산: {amount_label} {_money(amount)} ÷ {base_label} {_money(base)}",
        f"{subject}의 {_josa(label, '이', '가')} 금액으로 계산한 값({exact:.2f}%)과 "
        "반올림으로도 버림으로도 맞지 않습니다.",
    )


def _rates(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    tables = (
        ("spending", "division", "세출 집행률"),
        ("budget_lines", "name", "세부사업 집행률"),
        ("project_budgets", "name", "Ⅲ장 사업 집행률"),
    )
    for table, subject_column, check in tables:
        for row in _rows(connection, f"SELECT * FROM {table}"):
            subject = row[subject_column]
            targets = [
                ("committed_rate", "committed", "원인행위액"),
                ("spent_rate", "spent", "지출액"),
            ]
            if table == "project_budgets":
                targets.append(("outlook_rate", "outlook_amount", "연말 집행예상액"))
            for field, amount_column, amount_label in targets:
                finding = _rate_finding(
                    check,
                    subject,
                    field,
                    RATE_FIELDS.get(field, "연말 집행예상률"),
                    row[f"{field}_printed"],
                    row[amount_column],
                    row["budget"],
                    row["source"],
                    amount_label,
                    "예산현액",
                )
                if finding:
                    yield finding


# --- Ⅲ tables against Ⅳ ----------------------------------------------------------------------


def _projects_vs_lines(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    lines = {row["line_no"]: row for row in _rows(connection, "SELECT * FROM budget_lines")}
    lines_title = _summed_source([line["source"] for line in lines.values()], suffix="")
    projects = _rows(connection, "SELECT * FROM project_budgets ORDER BY project_no")
    for row in projects:
        line = lines.get(row["line_no"])
        if line is None:
            yield (
                "Ⅲ·Ⅳ 사업 대조",
                row["name"],
                "line_no",
                _money(row["budget"]),
                row["source"],
                "-",
                lines_title,
                f"Ⅲ장 사업 {row['project_no']}의 예산표 항목 '{row['name']}'에 맞는 "
                "세부사업이 Ⅳ장에 없습니다.",
            )
            continue
        amounts_differ = False
        for column, label in MONEY_FIELDS.items():
            if row[column] != line[column]:
                amounts_differ = True
                yield (
                    "Ⅲ·Ⅳ 사업 대조",
                    line["name"],
                    column,
                    _money(row[column]),
                    row["source"],
                    _money(line[column]),
                    line["source"],
                    f"Ⅲ장 사업 {row['project_no']}의 '{row['name']}' {_josa(label, '이', '가')} "
                    f"Ⅳ장 {_josa(repr(line['name']), '과', '와')} 다릅니다.",
                )
        if amounts_differ:
            continue  # the rates then differ as a consequence
        for column, label in RATE_FIELDS.items():
            printed = f"{column}_printed"
            if row[printed] != line[printed]:
                yield (
                    "Ⅲ·Ⅳ 사업 대조",
                    line["name"],
                    column,
                    row[printed] or "-",
                    row["source"],
                    line[printed] or "-",
                    line["source"],
                    f"같은 금액인데 {label} 표기가 Ⅲ장과 Ⅳ장에서 다릅니다.",
                )


# --- 세입 --------------------------------------------------------------------------------------


def _revenue_sums(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    rows = _rows(connection, "SELECT * FROM revenue ORDER BY position")
    for parent in rows:
        children = [row for row in rows if row["parent"] == parent["item"]]
        if children:
            yield from _sum_findings(
                "세입 합계",
                parent,
                children,
                REVENUE_FIELDS,
                parent["item"],
                f"세입 '{parent['item']}'",
            )
    for row in rows:
        difference = (row["budget_2021"] or 0) - (row["budget_2020"] or 0)
        if difference != (row["change_amount"] or 0):
            yield (
                "세입 증감액",
                row["item"],
                "change_amount",
                _money(row["change_amount"]),
                row["source"],
                _money(difference),
                f"계산: ’21년 예산 − ’20년 예산 ({row['source']})",
                f"세입 '{row['item']}'의 증감액이 두 해 예산의 차이와 다릅니다.",
            )


def _revenue_rates(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    for row in _rows(connection, "SELECT * FROM revenue ORDER BY position"):
        for field, label, amount, base, amount_label, base_label in (
            ("change_rate", "증감률", "change_amount", "budget_2020", "증감액", "’20년 예산"),
            ("collection_rate", "징수율", "collected", "budget_2021", "징수액", "’21년 예산"),
        ):
            finding = _rate_finding(
                "세입 비율",
                row["item"],
                field,
                label,
                row[f"{field}_printed"],
                row[amount],
                row[base],
                row["source"],
                amount_label,
                base_label,
            )
            if finding:
                yield finding


# --- 인력 --------------------------------------------------------------------------------------


def _personnel(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    rows = _rows(connection, "SELECT * FROM personnel")
    for row in rows:
        kinds = sum(row[kind] or 0 for kind in PERSONNEL_KINDS)
        if kinds != row["subtotal"]:
            yield (
                "인력 직종 합계",
                row["division"],
                "subtotal",
                _count(row["subtotal"]),
                row["source"],
                _count(kinds),
                f"계산: 직종별 현원의 합 ({row['source']})",
                f"{row['division']}의 직종별 소계가 직종별 현원의 합과 다릅니다.",
            )
        if row["subtotal"] != row["current"]:
            yield (
                "인력 현원",
                row["division"],
                "subtotal",
                _count(row["subtotal"]),
                row["source"],
                _count(row["current"]),
                row["source"],
                f"{row['division']}의 직종별 소계가 현원과 다릅니다.",
            )
        gap = (row["current"] or 0) - (row["quota"] or 0)
        if gap != (row["shortage"] or 0):
            yield (
                "인력 과부족",
                row["division"],
                "shortage",
                _count(row["shortage"]),
                row["source"],
                _count(gap),
                f"계산: 현원 − 정원 ({row['source']})",
                f"{row['division']}의 과부족이 현원 − 정원과 다릅니다.",
            )
    totals = [row for row in rows if row["is_total"]]
    parts = [row for row in rows if not row["is_total"]]
    for total in totals:
        head = {
            key: label for key, label in PERSONNEL_FIELDS.items() if key != "part_time_fixed_term"
        }
        yield from _sum_findings(
            "인력 과별 합계", total, parts, head, total["division"], "인력 합계", _count
        )
        yield from _sum_findings(
            "시간선택제임기제 주석",
            total,
            parts,
            {"part_time_fixed_term": PERSONNEL_FIELDS["part_time_fixed_term"]},
            total["division"],
            "※ 시간선택제임기제공무원 주석",
            _count,
        )


# --- names and the projects' text -------------------------------------------------------------


def _names(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    """A budget line named one way in a Ⅲ table and another way in Ⅳ."""
    rows = _rows(
        connection,
        "SELECT b.project_no, b.name AS table_name, b.source AS table_source, "
        "l.name AS line_name, l.source AS line_source "
        "FROM project_budgets b JOIN budget_lines l USING (line_no) ORDER BY b.project_no",
    )
    for row in rows:
        if NAME_NOISE.sub("", row["table_name"]) == NAME_NOISE.sub("", row["line_name"]):
            continue
        yield (
            "이름 표기",
            row["line_name"],
            "name",
            row["table_name"],
            row["table_source"],
            row["line_name"],
            row["line_source"],
            f"같은 세부사업을 Ⅲ장 사업 {row['project_no']}의 예산표는 "
            f"{_josa(_quoted(row['table_name']), '으로', '로')}, Ⅳ장은 "
            f"{_josa(_quoted(row['line_name']), '으로', '로')} 적었습니다.",
        )


def _text_states(connection: duckdb.DuckDBPyConnection) -> Iterable[Finding]:
    """One state counted twice in a project's text with two figures ("조성 중 20개소" in its
    outline, "8개소 조성 중" in its progress)."""
    with UNITS_PATH.open("rb") as f:
        markers = "|".join(map(re.escape, tomllib.load(f)["states"]))
    before = re.compile(rf"([가-힣]+)\s*(?:{markers})\s*$")
    after = re.compile(rf"^\s*([가-힣]+)\s*(?:{markers})(?![가-힣])")
    rows = _rows(
        connection,
        "SELECT f.project_no, p.title, f.unit, f.value, f.printed, f.source, i.text "
        "FROM facts f JOIN projects p USING (project_no) JOIN project_items i "
        "ON i.project_no = f.project_no AND i.part = f.part AND i.source = f.source "
        "ORDER BY f.rowid",
    )
    states: dict[tuple[int, str, str], list[dict]] = defaultdict(list)
    searched: dict[str, int] = {}
    for row in rows:
        start = row["text"].find(row["printed"], searched.get(row["source"], 0))
        if start < 0:
            continue
        end = start + len(row["printed"])
        found = before.search(row["text"][searched.get(row["source"], 0) : start]) or after.match(
            row["text"][end:]
        )
        searched[row["source"]] = end
        if found is not None:
            state = " ".join(found.group(0).split())
            states[(row["project_no"], row["unit"], state)].append(row)
    for (number, _unit, state), counted in states.items():
        values = list(dict.fromkeys(row["value"] for row in counted))
        if len(values) < 2:
            continue
        first = next(row for row in counted if row["value"] == values[0])
        second = next(row for row in counted if row["value"] == values[1])
        yield (
            "본문 수치 대조",
            first["title"],
            state,
            first["printed"],
            first["source"],
            second["printed"],
            second["source"],
            f"사업 {number}의 본문이 ‘{state}’인 수를 두 곳에서 "
            f"{_josa(first['printed'], '과', '와')} "
            f"{_josa(second['printed'], '으로', '로')} 다르게 적었습니다.",
        )


# --- structure the report guarantees ------------------------------------------------------------


def require_structure(records: Mapping[str, Sequence[Mapping]]) -> None:
    """Raise ValueError, with the line, when the parsed report (rows as dicts per table) lacks
    what it guarantees of itself: every 과 of Ⅰ has its subtotal in Ⅳ, and Ⅳ's lines add up to
    each 과 subtotal and to the total within rounding (half a 천원 per line).

    Such a report is incomplete, cut short or missing rows, and must not be served. A sum may
    still miss the Ⅳ copy of its figure when it matches the Ⅰ copy: that is one misprinted
    figure (the 2021-08-13 report has one in its total), recorded among the disagreements.
    """
    spending = records["spending"]
    lines = records["budget_lines"]
    first = {row["division"]: row for row in spending if row["section"] == "Ⅰ"}
    fourth = {row["division"]: row for row in spending if row["section"] == "Ⅳ"}
    for division in (row["division"] for row in records["divisions"]):
        if division not in fourth:
            cited = first.get(division)
            raise _broken(
                cited["source"] if cited else None,
                f"Ⅰ장의 {_josa(division, '이', '가')} Ⅳ장 세부사업별 예산집행 현황에 없습니다.",
            )
    totals = [row for row in spending if row["section"] == "Ⅳ" and row["is_total"]]
    if len(totals) != 1:
        raise _broken(None, "Ⅳ장 세부사업별 예산집행 현황에 합계 행이 하나 있어야 합니다.")
    # Each 과 first, so that a row missing under one is named there rather than in the total.
    for subtotal in sorted(spending, key=lambda row: row["is_total"]):
        if subtotal["section"] != "Ⅳ":
            continue
        if subtotal["is_total"]:
            parts, what = lines, "Ⅳ장 합계"
            printed_in_first = next((row for row in first.values() if row["is_total"]), None)
        else:
            division = subtotal["division"]
            parts = [line for line in lines if line["division"] == division]
            what = f"Ⅳ장 {division} 소계"
            printed_in_first = first.get(division)
        for column, label in MONEY_FIELDS.items():
            summed = sum(part[column] or 0 for part in parts)
            copies = [subtotal] + ([printed_in_first] if printed_in_first else [])
            if not any(abs((copy[column] or 0) - summed) * 2 <= len(parts) for copy in copies):
                raise _broken(
                    subtotal["source"],
                    f"{what}의 {label}({_money(subtotal[column])})이 그 아래 세부사업 "
                    f"{len(parts)}개의 합({_money(summed)})과 다릅니다. 세부사업 행이 빠졌거나 "
                    "보고서가 잘렸을 수 있습니다.",
                )


def _broken(source: str | None, message: str) -> ValueError:
    match = LINE_NUMBER_RE.match(source or "")
    where = f"줄 {match.group(2)}: " if match else ""
    return ValueError(f"보고서 구조가 맞지 않습니다: {where}{message}")
