"""What the reader knows of the report, read once from the loaded tables: its names and its words."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import duckdb

from knowledge.reading.lexicon import Lexicon
from knowledge.reading.match import Entity, EntityIndex
from knowledge.reading.normalize import compact
from knowledge.reading.prose import marked_spans

# 합계 is the bureau's own total, asked for with bureau words; it is not a revenue item to match.
REVENUE_TOTAL = "합계"


@dataclass(frozen=True)
class Passage:
    """A piece of the report's prose (a bullet, a plan, a duty) in the form words are found in."""

    project_no: int | None
    division: str | None
    part: str  # 개요 | 현황 | 계획 | plan | duty | purpose
    compact: str


# A year as the report's prose writes it: ’23. / ’22년 / 2022. 3월.
WRITTEN_YEAR = re.compile(r"[’'‘](\d{2})(?=\s*[.년)])|(20\d{2})(?=\s*[.년])")


@dataclass
class Catalog:
    """Entities by kind, how the flagship projects of Ⅲ tie to the budget lines of Ⅳ, the
    report's prose for deciding whether a word is in it, and the months its plans cover."""

    entities: list[Entity]
    index: EntityIndex
    by_key: dict[tuple[str, int | str], Entity]
    lines_of_project: dict[int, list[int]] = field(default_factory=dict)
    project_of_line: dict[int, int] = field(default_factory=dict)
    rows_of_project: dict[int, list[str]] = field(default_factory=dict)
    row_of_line: dict[int, str] = field(default_factory=dict)
    passages: tuple[Passage, ...] = ()
    plan_months: frozenset[date] = frozenset()
    bureau: str = ""
    as_of: date = date(2021, 8, 13)
    # The years the projects' text writes, each with the passages (compact) that write it.
    years_written: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # The years each project's text marks things with ("구로거점(’23)", "광진(연내)").
    years_marked: dict[int, frozenset[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, connection: duckdb.DuckDBPyConnection, lexicon: Lexicon) -> Catalog:
        (bureau,) = connection.execute("SELECT bureau FROM report").fetchone()
        entities = [Entity("bureau", bureau, bureau)]
        entities += [
            Entity("division", name, name, name)
            for (name,) in _rows(connection, "SELECT division FROM divisions ORDER BY position")
        ]
        entities += [
            Entity("line", name, line_no, division)
            for line_no, name, division in _rows(
                connection, "SELECT line_no, name, division FROM budget_lines ORDER BY line_no"
            )
        ]
        entities += [
            Entity("project", title, number, division)
            for number, title, division in _rows(
                connection, "SELECT project_no, title, division FROM projects ORDER BY project_no"
            )
        ]
        entities += [Entity("revenue", item, item) for (item,) in _rows(
            connection, "SELECT item FROM revenue ORDER BY position") if item != REVENUE_TOTAL]  # fmt: skip
        # The bodies the bureau was formed from are asked about by name too.
        entities += [
            Entity("unit", unit, unit)
            for (unit,) in _rows(
                connection, "SELECT unit FROM organization WHERE role <> 'current' ORDER BY unit"
            )
        ]
        # A row of a Ⅲ budget table with no line of its own in Ⅳ is still something to ask about.
        entities += [
            Entity("row", name, number, division)
            for number, name, division in _rows(
                connection,
                "SELECT b.project_no, b.name, p.division FROM project_budgets b "
                "JOIN projects p USING (project_no) WHERE b.line_no IS NULL ORDER BY b.project_no",
            )
        ]
        by_name = {(e.kind, compact(e.name)): e for e in entities}
        aliases = []
        for alias in lexicon.aliases:
            entity = by_name.get((alias.kind, compact(alias.name)))
            if entity is None:
                raise ValueError(
                    f"data/aliases.toml: {alias.name!r} is not a {alias.kind} of the report"
                )
            aliases.append((alias.alias, entity))
        # The bodies the bureau came from are matched only when named on their own, never
        # inside a longer name ("서울민주주의위원회 운영" is a budget line).
        aliases += [(compact(e.name), e) for e in entities if e.kind == "unit"]
        lines_of_project: dict[int, list[int]] = defaultdict(list)
        project_of_line: dict[int, int] = {}
        for number, line_no in _rows(
            connection,
            "SELECT project_no, line_no FROM project_budgets WHERE line_no IS NOT NULL "
            "ORDER BY project_no, line_no",
        ):
            lines_of_project[number].append(line_no)
            project_of_line[line_no] = number
        rows_of_project: dict[int, list[str]] = defaultdict(list)
        row_of_line: dict[int, str] = {}
        for number, name, line_no in _rows(
            connection,
            "SELECT project_no, name, line_no FROM figures WHERE kind = 'project_row' "
            "ORDER BY position",
        ):
            rows_of_project[number].append(name)
            if line_no is not None:
                row_of_line[line_no] = name
        (as_of,) = connection.execute("SELECT as_of FROM report").fetchone()
        passages = _passages(connection)
        prose = " ".join(p.compact for p in passages)
        return cls(
            entities,
            EntityIndex.build(entities, aliases, prose),
            {(e.kind, e.ref): e for e in entities},
            dict(lines_of_project),
            project_of_line,
            dict(rows_of_project),
            row_of_line,
            passages,
            _plan_months(connection),
            bureau,
            as_of,
            _years_written(connection),
            _years_marked(connection, as_of.year),
        )

    def line(self, line_no: int) -> Entity:
        return self.by_key[("line", line_no)]

    def project(self, number: int) -> Entity:
        return self.by_key[("project", number)]


def _years_written(connection: duckdb.DuckDBPyConnection) -> dict[int, tuple[str, ...]]:
    """The years the projects' text and plans write (’23. 12., ’22년, 2022. 3월), in full, each
    with the passages that write it."""
    texts = [t for (t,) in _rows(connection, "SELECT text FROM project_items")]
    texts += [f"{i} {d or ''}" for i, d in _rows(connection, "SELECT item, details FROM plans")]
    written: dict[int, list[str]] = defaultdict(list)
    for text in texts:
        for short, full in WRITTEN_YEAR.findall(text):
            written[int(full) if full else 2000 + int(short)].append(compact(text))
    return {year: tuple(dict.fromkeys(passages)) for year, passages in written.items()}


def _years_marked(connection: duckdb.DuckDBPyConnection, year: int) -> dict[int, frozenset[int]]:
    marked: dict[int, set[int]] = defaultdict(set)
    for number, text in _rows(
        connection, "SELECT project_no, text FROM project_items WHERE part <> '계획'"
    ):
        marked[number] |= {y for y, _ in marked_spans(text, year)}
    return {number: frozenset(years) for number, years in marked.items()}


def _passages(connection: duckdb.DuckDBPyConnection) -> tuple[Passage, ...]:
    passages = [
        Passage(number, division, part, compact(text))
        for number, division, part, text in _rows(
            connection,
            "SELECT i.project_no, p.division, i.part, i.text FROM project_items i "
            "JOIN projects p USING (project_no) ORDER BY i.project_no, i.part, i.position",
        )
    ]
    passages += [
        Passage(number, division, "purpose", compact(f"{title} {purpose}"))
        for number, division, title, purpose in _rows(
            connection, "SELECT project_no, division, title, purpose FROM projects"
        )
    ]
    passages += [
        Passage(number, division, "plan", compact(f"{item} {details or ''}"))
        for number, division, item, details in _rows(
            connection,
            "SELECT l.project_no, p.division, l.item, l.details FROM plans l "
            "JOIN projects p USING (project_no)",
        )
    ]
    passages += [
        Passage(None, division, "duty", compact(duty))
        for division, duty in _rows(connection, "SELECT division, duty FROM duties")
    ]
    return tuple(passages)


def _plan_months(connection: duckdb.DuckDBPyConnection) -> frozenset[date]:
    """Every month some 향후계획 item runs in (an open-ended one until the year's end)."""
    months = set()
    for first, last, open_ended in _rows(
        connection, "SELECT start_month, end_month, open_ended FROM plans"
    ):
        end = date(first.year, 12, 1) if open_ended or last is None else last
        month = first
        while month <= end:
            months.add(month)
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return frozenset(months)


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return connection.execute(sql).fetchall()
