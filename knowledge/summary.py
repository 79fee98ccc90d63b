"""The weekly summary: the report's key figures for a given day, readable on a phone.

Pure: reads the report tables, returns text plus a compact snapshot of the figures so the
next summary can say what changed when a newer report replaced the data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import duckdb

from knowledge import format as fmt
from knowledge.calendar import weekday_letter

SNAPSHOT_VERSION = 1
LOWEST_COUNT = 5
CHANGED_LINES_SHOWN = 5
# Tables whose content makes up "the report data"; a different fingerprint = a newer report.
FINGERPRINT_TABLES = ("report", "spending", "budget_lines", "plans")


@dataclass(frozen=True)
class Figures:
    """One row of budget execution: amounts in 천원, rates as the report prints them."""

    name: str
    budget: int | None
    committed: int | None
    spent: int | None
    committed_rate: str | None
    spent_rate: str | None
    division: str | None = None


def _month_start(day: date, months_ahead: int = 0) -> date:
    index = day.year * 12 + day.month - 1 + months_ahead
    return date(index // 12, index % 12 + 1, 1)


def _fetch(connection: duckdb.DuckDBPyConnection, sql: str, params: tuple = ()) -> list[tuple]:
    return connection.execute(sql, list(params)).fetchall()


def fingerprint(connection: duckdb.DuckDBPyConnection) -> str:
    """A short hash of the report data; it changes exactly when the figures do."""
    digest = hashlib.sha256()
    for table in FINGERPRINT_TABLES:
        for row in _fetch(connection, f"SELECT * FROM {table} ORDER BY ALL"):
            digest.update(repr(row).encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class WeeklySummary:
    """The parts of a summary that are the same for every subscriber on one day."""

    today: date
    as_of: date | None
    bureau: str
    body: str
    snapshot: dict

    @classmethod
    def build(cls, connection: duckdb.DuckDBPyConnection, today: date) -> WeeklySummary:
        report = _fetch(connection, "SELECT bureau, as_of FROM report LIMIT 1")
        bureau, as_of = report[0] if report else ("시민협력국", None)
        totals, divisions, disagreements = _spending(connection)
        lines = _lines(connection)
        sections = [
            _bureau_section(totals, disagreements),
            _divisions_section(divisions),
            _unexecuted_section(lines),
            _lowest_section(lines),
            _plans_section(connection, today),
        ]
        body = "\n\n".join(section for section in sections if section)
        snapshot = {
            "v": SNAPSHOT_VERSION,
            "fingerprint": fingerprint(connection),
            "as_of": as_of.isoformat() if as_of else None,
            "bureau": _figures_entry(totals) if totals else None,
            "divisions": {row.name: _figures_entry(row) for row in divisions},
            "lines": {f"{row.division}/{row.name}": _figures_entry(row) for row in lines},
        }
        return cls(today=today, as_of=as_of, bureau=bureau, body=body, snapshot=snapshot)

    def header(self) -> str:
        weekday = weekday_letter(self.today)
        as_of = self.as_of.isoformat() if self.as_of else "알 수 없음"
        return (
            f"📊 {self.bureau} 주간 요약 · {self.today.isoformat()}({weekday})\n"
            f"자료 기준일 {as_of} · 금액 단위 천원"
        )

    def text_for(self, previous: dict | None = None) -> str:
        """The whole text for one subscriber, given the snapshot of their last summary; the
        bot fits it to one message."""
        parts = [self.header()]
        changes = changes_since(previous, self.snapshot)
        if changes:
            parts.append(changes)
        parts.append(self.body)
        return "\n\n".join(parts)


def build_summary(
    connection: duckdb.DuckDBPyConnection, today: date, previous: dict | None = None
) -> tuple[str, dict]:
    """The summary text for `today` and the snapshot to keep for next time."""
    summary = WeeklySummary.build(connection, today)
    return summary.text_for(previous), summary.snapshot


def _spending(
    connection: duckdb.DuckDBPyConnection,
) -> tuple[Figures | None, list[Figures], list[str]]:
    rows = _fetch(
        connection,
        """SELECT s.section, s.division, s.is_total, s.budget, s.committed, s.spent,
                  s.committed_rate_printed, s.spent_rate_printed
           FROM spending s LEFT JOIN divisions d USING (division)
           ORDER BY s.section, s.is_total DESC, d.position""",
    )
    by_section: dict[str, list[tuple]] = {}
    for row in rows:
        by_section.setdefault(row[0], []).append(row)
    if not by_section:
        return None, [], []
    # The first section (Ⅰ, 세출 총괄) is the summary table; later sections are cross-checks.
    sections = sorted(by_section)
    main = [Figures(*row[1:2], *row[3:]) for row in by_section[sections[0]]]
    totals = next((Figures(*row[1:2], *row[3:]) for row in by_section[sections[0]] if row[2]), None)
    divisions = [
        figures for figures, row in zip(main, by_section[sections[0]], strict=True) if not row[2]
    ]
    disagreements = []
    for other in sections[1:]:
        for row in by_section[other]:
            if not row[2] or totals is None:
                continue
            for label, mine, theirs in (
                ("예산현액", totals.budget, row[3]),
                ("원인행위", totals.committed, row[4]),
                ("지출", totals.spent, row[5]),
            ):
                if mine != theirs:
                    disagreements.append(
                        f"※ {label}: {sections[0]}장 {fmt.amount(mine)}, {other}장 {fmt.amount(theirs)}"
                        " (보고서 안에서 서로 다릅니다)"
                    )
    return totals, divisions, disagreements


def _lines(connection: duckdb.DuckDBPyConnection) -> list[Figures]:
    rows = _fetch(
        connection,
        """SELECT name, budget, committed, spent, committed_rate_printed, spent_rate_printed,
                  division
           FROM budget_lines ORDER BY line_no""",
    )
    return [Figures(*row) for row in rows]


def _figures_entry(row: Figures) -> list:
    return [row.budget, row.committed, row.spent, row.committed_rate, row.spent_rate]


def _bureau_section(totals: Figures | None, disagreements: list[str]) -> str:
    if totals is None:
        return "■ 세출 예산\n세출 자료가 없습니다."
    lines = [
        "■ 국 전체 세출",
        f"예산현액 {fmt.amount(totals.budget)} ({fmt.eok(totals.budget)})",
        f"원인행위 {fmt.amount(totals.committed)} · 집행률 {fmt.rate(totals.committed_rate)}",
        f"지출 {fmt.amount(totals.spent)} · 집행률 {fmt.rate(totals.spent_rate)}",
    ]
    return "\n".join(lines + disagreements)


def _divisions_section(divisions: list[Figures]) -> str:
    if not divisions:
        return ""
    lines = ["■ 과별 (예산현액 · 원인행위/지출 집행률)"]
    for row in divisions:
        lines.append(
            f"· {row.name} {fmt.amount(row.budget)} · "
            f"{fmt.rate(row.committed_rate)} / {fmt.rate(row.spent_rate)}"
        )
    return "\n".join(lines)


def _unexecuted_section(lines: list[Figures]) -> str:
    unexecuted = [row for row in lines if not row.committed and not row.spent]
    if not unexecuted:
        return "■ 미집행 사업\n없습니다."
    unexecuted.sort(key=lambda row: -(row.budget or 0))
    body = [f"· {row.name} ({row.division}) 예산 {fmt.amount(row.budget)}" for row in unexecuted]
    return "\n".join([f"■ 미집행 사업 {len(unexecuted)}건", *body])


def _rate_value(printed: str | None) -> float:
    return float(printed.rstrip("%")) if printed else 0.0


def _lowest_section(lines: list[Figures]) -> str:
    executed = [row for row in lines if row.spent]
    lowest = sorted(executed, key=lambda row: (_rate_value(row.spent_rate), row.name))
    if not lowest:
        return ""
    body = [
        f"· {row.name} ({row.division}) 지출 {row.spent_rate} · 원인행위 {row.committed_rate}"
        for row in lowest[:LOWEST_COUNT]
    ]
    return "\n".join([f"■ 지출 집행률 낮은 사업 {len(body)}개", *body])


def _plans_section(connection: duckdb.DuckDBPyConnection, today: date) -> str:
    this_month, next_month = _month_start(today), _month_start(today, 1)
    # An open-ended item ("’21. 9월 ~") belongs to that year's plan, so it runs to December.
    rows = _fetch(
        connection,
        """SELECT p.item, p.period, pr.title
           FROM plans p JOIN projects pr USING (project_no)
           WHERE p.start_month IS NOT NULL AND p.start_month <= ?
             AND coalesce(p.end_month,
                          CASE WHEN p.open_ended THEN make_date(year(p.start_month), 12, 1) END,
                          p.start_month) >= ?
           ORDER BY p.start_month, p.project_no, p.position""",
        (next_month, this_month),
    )
    title = f"■ 향후계획 ({this_month.month}월·{next_month.month}월)"
    if not rows:
        return f"{title}\n{this_month.year}년 {this_month.month}월·{next_month.month}월 일정이 없습니다."
    body = [f"· {item} ({period}) — {project}" for item, period, project in rows]
    return "\n".join([f"{title} {len(rows)}건", *body])


def _compare(label: str, before: list | None, after: list | None) -> str | None:
    """One line saying how a row's 원인행위/지출 moved, or None if they did not."""
    if before is None or after is None:
        return None
    moves = []
    for index, field in ((1, "원인행위"), (2, "지출")):
        old, new = before[index] or 0, after[index] or 0
        if old != new:
            old_rate, new_rate = fmt.rate(before[index + 2]), fmt.rate(after[index + 2])
            rate = f", 집행률 {old_rate} → {new_rate}" if old_rate != new_rate else ""
            moves.append(f"{field} {fmt.movement(new - old)}천원{rate}")
    if before[0] != after[0]:
        moves.insert(0, f"예산현액 {fmt.movement((after[0] or 0) - (before[0] or 0))}천원")
    return f"· {label}: " + "; ".join(moves) if moves else None


def changes_since(previous: dict | None, current: dict) -> str:
    """'What changed' since the subscriber's last summary, or '' when the data is the same."""
    if not previous or previous.get("fingerprint") == current["fingerprint"]:
        return ""
    heading = "■ 달라진 점 (지난 요약 이후 새 보고서"
    if previous.get("as_of") != current.get("as_of"):
        heading += f": 기준일 {previous.get('as_of')} → {current.get('as_of')}"
    lines = [heading + ")"]
    bureau = _compare("국 전체", previous.get("bureau"), current.get("bureau"))
    if bureau:
        lines.append(bureau)
    old_divisions, new_divisions = previous.get("divisions", {}), current.get("divisions", {})
    for name, after in new_divisions.items():
        moved = _compare(name, old_divisions.get(name), after)
        if moved:
            lines.append(moved)
    old_lines, new_lines = previous.get("lines", {}), current.get("lines", {})
    moved_lines = []
    for key, after in new_lines.items():
        before = old_lines.get(key)
        if before is None:
            continue
        change = abs((after[2] or 0) - (before[2] or 0)) + abs((after[1] or 0) - (before[1] or 0))
        line = _compare(key.split("/", 1)[1], before, after)
        if line:
            moved_lines.append((change, line))
    moved_lines.sort(key=lambda pair: -pair[0])
    lines.extend(line for _, line in moved_lines[:CHANGED_LINES_SHOWN])
    if len(moved_lines) > CHANGED_LINES_SHOWN:
        lines.append(
            f"· 그 밖에 사업 {len(moved_lines) - CHANGED_LINES_SHOWN}개의 집행액이 바뀌었습니다."
        )
    added = [key.split("/", 1)[1] for key in new_lines if key not in old_lines]
    removed = [key.split("/", 1)[1] for key in old_lines if key not in new_lines]
    if added:
        lines.append(
            f"· 새 사업 {len(added)}개: {', '.join(added[:3])}{' 등' if len(added) > 3 else ''}"
        )
    if removed:
        lines.append(
            f"· 빠진 사업 {len(removed)}개: {', '.join(removed[:3])}{' 등' if len(removed) > 3 else ''}"
        )
    if len(lines) == 1:
        lines.append("· 집행액은 그대로이고 다른 내용(일정 등)이 바뀌었습니다.")
    return "\n".join(lines)
