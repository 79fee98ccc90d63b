"""Every figure comes from one of these parameterised queries; user text is only ever a parameter.

The templates are parsed with sqlglot when the module loads: each must be one SELECT over the
report's tables with as many placeholders as it declares, so a typo fails at start-up, not in chat.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

REPORT_TABLES = frozenset(
    {
        "report", "organization", "divisions", "personnel", "duties", "revenue", "spending",
        "budget_lines", "projects", "project_items", "project_budgets", "plans", "facts",
        "inconsistencies",
    }
)  # fmt: skip

LINE_COLUMNS = (
    "line_no, division, name, budget, committed, spent, committed_rate_printed, "
    "spent_rate_printed, source"
)
SPENDING_COLUMNS = (
    "section, division, is_total, budget, committed, spent, committed_rate_printed, "
    "spent_rate_printed, source"
)
# What a ranking may sort by: a fixed allow-list, so the ORDER BY is never built from user text.
RANK_EXPRESSIONS = {
    "budget": "budget",
    "committed": "coalesce(committed, 0)",
    "spent": "coalesce(spent, 0)",
    "committed_rate": "coalesce(committed_rate, 0)",
    "spent_rate": "coalesce(spent_rate, 0)",
    "remaining": "budget - coalesce(spent, 0)",
}

TEMPLATES: dict[str, str] = {
    "report": "SELECT title, bureau, as_of, unit FROM report",
    "organization": "SELECT unit, structure, role, reorganized_on, source FROM organization "
    "ORDER BY role, unit",
    "divisions": "SELECT division FROM divisions ORDER BY position",
    "spending_of": f"SELECT {SPENDING_COLUMNS} FROM spending WHERE division = ? ORDER BY section",
    "spending_total": f"SELECT {SPENDING_COLUMNS} FROM spending WHERE is_total ORDER BY section",
    "spending_divisions": f"SELECT {SPENDING_COLUMNS} FROM spending "
    "WHERE section = 'Ⅰ' AND NOT is_total ORDER BY budget DESC",
    "line": f"SELECT {LINE_COLUMNS} FROM budget_lines WHERE line_no = ?",
    "lines_of_division": f"SELECT {LINE_COLUMNS} FROM budget_lines WHERE division = ? "
    "ORDER BY line_no",
    "lines_all": f"SELECT {LINE_COLUMNS} FROM budget_lines ORDER BY line_no",
    "lines_unexecuted": f"SELECT {LINE_COLUMNS} FROM budget_lines "
    "WHERE spent IS NULL AND (? IS NULL OR division = ?) ORDER BY budget DESC",
    "lines_fully_spent": f"SELECT {LINE_COLUMNS} FROM budget_lines "
    "WHERE spent = budget AND (? IS NULL OR division = ?) ORDER BY budget DESC",
    "project": "SELECT project_no, title, division, purpose, source FROM projects "
    "WHERE project_no = ?",
    "projects_all": "SELECT project_no, title, division, purpose, source FROM projects "
    "ORDER BY project_no",
    "revenue_all": "SELECT item, parent, level, budget_2020, budget_2021, change_amount, "
    "change_rate_printed, collected, collection_rate_printed, source FROM revenue ORDER BY position",
    "project_items": "SELECT part, position, depth, text, parent_position, source "
    "FROM project_items WHERE project_no = ? ORDER BY part, position",
    "items_all": "SELECT i.project_no, p.title, i.part, i.position, i.depth, i.text, "
    "i.parent_position, i.source FROM project_items i JOIN projects p USING (project_no) "
    "ORDER BY i.project_no, i.part, i.position",
    "project_budgets": "SELECT project_no, name, line_no, budget, committed, spent, "
    "committed_rate_printed, spent_rate_printed, outlook_amount, outlook_rate_printed, source "
    "FROM project_budgets WHERE project_no = ? ORDER BY line_no",
    "plans_of_project": "SELECT l.project_no, p.title, l.item, l.period, l.start_month, "
    "l.end_month, l.open_ended, l.details, l.source FROM plans l JOIN projects p USING "
    "(project_no) WHERE l.project_no = ? ORDER BY l.position",
    "plans_of_division": "SELECT l.project_no, p.title, l.item, l.period, l.start_month, "
    "l.end_month, l.open_ended, l.details, l.source FROM plans l JOIN projects p USING "
    "(project_no) WHERE p.division = ? ORDER BY l.project_no, l.position",
    "plans_in_month": "SELECT l.project_no, p.title, l.item, l.period, l.start_month, "
    "l.end_month, l.open_ended, l.details, l.source FROM plans l JOIN projects p USING "
    "(project_no) WHERE l.start_month <= CAST(? AS DATE) AND (coalesce(l.end_month, "
    "l.start_month) >= CAST(? AS DATE) OR l.open_ended) ORDER BY l.project_no, l.position",
    "plans_all": "SELECT l.project_no, p.title, l.item, l.period, l.start_month, l.end_month, "
    "l.open_ended, l.details, l.source FROM plans l JOIN projects p USING (project_no) "
    "ORDER BY l.start_month, l.project_no, l.position",
    "personnel_of": "SELECT division, is_total, quota, current, shortage, subtotal, "
    "administrative, technical, open_position, fixed_term, management, part_time_fixed_term, "
    "source FROM personnel WHERE division = ?",
    "personnel_total": "SELECT division, is_total, quota, current, shortage, subtotal, "
    "administrative, technical, open_position, fixed_term, management, part_time_fixed_term, "
    "source FROM personnel WHERE is_total",
    "personnel_all": "SELECT division, is_total, quota, current, shortage, subtotal, "
    "administrative, technical, open_position, fixed_term, management, part_time_fixed_term, "
    "source FROM personnel ORDER BY is_total DESC",
    "revenue_item": "SELECT item, parent, level, budget_2020, budget_2021, change_amount, "
    "change_rate_printed, collected, collection_rate_printed, source FROM revenue WHERE item = ?",
    "revenue_children": "SELECT item, parent, level, budget_2020, budget_2021, change_amount, "
    "change_rate_printed, collected, collection_rate_printed, source FROM revenue "
    "WHERE parent = ? ORDER BY position",
    "duties_all": "SELECT division, position, duty, source FROM duties ORDER BY division, position",
    "duties_of": "SELECT division, position, duty, source FROM duties WHERE division = ? "
    "ORDER BY position",
    "inconsistencies_all": "SELECT check_name, subject, field, stated, stated_source, other, "
    "other_source, note FROM inconsistencies",
}

for _metric, _expression in RANK_EXPRESSIONS.items():
    for _direction in ("ASC", "DESC"):
        TEMPLATES[f"lines_by_{_metric}_{_direction.lower()}"] = (
            f"SELECT {LINE_COLUMNS}, {_expression} AS ranked_value FROM budget_lines "
            f"WHERE ? IS NULL OR division = ? ORDER BY ranked_value {_direction}, line_no"
        )
        TEMPLATES[f"divisions_by_{_metric}_{_direction.lower()}"] = (
            f"SELECT {SPENDING_COLUMNS}, {_expression} AS ranked_value FROM spending "
            f"WHERE section = 'Ⅰ' AND NOT is_total ORDER BY ranked_value {_direction}"
        )


def _validate(name: str, sql: str) -> int:
    """Parse a template; it must be one SELECT over report tables. Returns its placeholder count."""
    statements = sqlglot.parse(sql, read="duckdb")
    if len(statements) != 1 or not isinstance(statements[0], exp.Select):
        raise ValueError(f"query template {name!r} is not a single SELECT")
    tree = statements[0]
    tables = {t.name for t in tree.find_all(exp.Table)}
    if not tables <= REPORT_TABLES:
        raise ValueError(f"query template {name!r} reads unknown tables {tables - REPORT_TABLES}")
    return sum(1 for _ in tree.find_all(exp.Placeholder))


PLACEHOLDERS = {name: _validate(name, sql) for name, sql in TEMPLATES.items()}


@dataclass(frozen=True)
class Result:
    """Rows as dicts, with the exact SQL and parameters that produced them."""

    name: str
    sql: str
    params: tuple
    rows: list[dict[str, Any]]

    @property
    def first(self) -> dict[str, Any] | None:
        return self.rows[0] if self.rows else None


class Queries:
    """Runs the templates on the report connection.

    The report does not change while it is loaded, so a result is kept after its first run:
    answering the same kind of question again costs no round trip to DuckDB.
    """

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._cursor = connection.cursor()
        self._cache: dict[tuple, Result] = {}
        # Handlers call the engine from worker threads; a DuckDB cursor serves one at a time.
        self._lock = threading.Lock()

    def run(self, name: str, *params: Any) -> Result:
        if len(params) != PLACEHOLDERS[name]:
            raise ValueError(f"{name} takes {PLACEHOLDERS[name]} parameters, got {len(params)}")
        key = (name, params)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        with self._lock:
            cursor = self._cursor.execute(TEMPLATES[name], list(params))
            columns = [d[0] for d in cursor.description]
            fetched = cursor.fetchall()
        rows = [dict(zip(columns, row, strict=True)) for row in fetched]
        result = Result(name, TEMPLATES[name], params, rows)
        self._cache[key] = result
        return result
