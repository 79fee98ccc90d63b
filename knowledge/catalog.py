"""The report's entities as the matcher sees them, read once from the loaded tables."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import duckdb

from knowledge.lexicon import Lexicon
from knowledge.match import Entity, EntityIndex
from knowledge.normalize import compact

# 합계 is the bureau's own total, asked for with bureau words; it is not a revenue item to match.
REVENUE_TOTAL = "합계"


@dataclass
class Catalog:
    """Entities by kind, and how the flagship projects of Ⅲ tie to the budget lines of Ⅳ."""

    entities: list[Entity]
    index: EntityIndex
    by_key: dict[tuple[str, int | str], Entity]
    lines_of_project: dict[int, list[int]] = field(default_factory=dict)
    project_of_line: dict[int, int] = field(default_factory=dict)

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
        return cls(
            entities,
            EntityIndex.build(entities, aliases),
            {(e.kind, e.ref): e for e in entities},
            dict(lines_of_project),
            project_of_line,
        )

    def line(self, line_no: int) -> Entity:
        return self.by_key[("line", line_no)]

    def project(self, number: int) -> Entity:
        return self.by_key[("project", number)]


def _rows(connection: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return connection.execute(sql).fetchall()
