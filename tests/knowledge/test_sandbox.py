"""The sandbox answers analytical SQL correctly, caps rows, and stops runaway queries politely."""

import datetime as dt
import os
import threading
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from knowledge.sql.sandbox import MAX_ROWS, QueryRefused, Sandbox

# Expected values are the report's own printed figures (Ⅳ, 2021-08-13, 천원).
ANALYTICAL = [
    ("no-table", "SELECT 6*7", [(42,)]),
    ("count-lines", "SELECT count(*) FROM budget_lines", [(43,)]),
    (
        "largest-division-by-lines",
        "SELECT division, sum(budget) AS total FROM budget_lines GROUP BY division "
        "ORDER BY total DESC LIMIT 1",
        [("지역공동체과", 31080077)],
    ),
    (
        "window-top-line-per-division",
        "SELECT name FROM (SELECT name, division, row_number() OVER "
        "(PARTITION BY division ORDER BY budget DESC) AS rank_in_division FROM budget_lines) "
        "WHERE rank_in_division = 1 AND division = '사회협력과'",
        [("서울혁신파크 운영",)],
    ),
    (
        "cte-rate-from-amounts",
        "WITH totals AS (SELECT division, sum(spent) AS spent, sum(budget) AS budget "
        "FROM budget_lines GROUP BY division) "
        "SELECT round(100.0 * spent / budget, 1) FROM totals WHERE division = '갈등관리협치과'",
        [(91.6,)],
    ),
    (
        "unexecuted-lines",
        "SELECT count(*) FROM budget_lines WHERE spent IS NULL",
        [(4,)],
    ),
    (
        "join-divisions-in-report-order",
        "SELECT d.position, sum(l.budget) FROM divisions d JOIN budget_lines l USING (division) "
        "GROUP BY ALL ORDER BY 1 LIMIT 2",
        [(1, 4371137), (2, 1758816)],
    ),
    (
        "fully-executed-with-filter-aggregate",
        "SELECT count(*) FILTER (WHERE spent_rate = 100) FROM budget_lines",
        [(3,)],
    ),
    ("revenue-item", "SELECT collected FROM revenue WHERE item = '변상금'", [(4932,)]),
    (
        "set-operation",
        "SELECT division FROM divisions WHERE position = 1 "
        "UNION ALL SELECT division FROM divisions WHERE position = 5",
        [("시민참여과",), ("갈등관리협치과",)],
    ),
    (
        "subquery-above-average",
        "SELECT count(*) FROM budget_lines WHERE budget > (SELECT avg(budget) FROM budget_lines)",
        [(11,)],
    ),
    ("from-first-and-quotes", 'FROM "BUDGET_LINES" SELECT count(*)', [(43,)]),
    (
        "cte-named-after-its-table",
        "WITH budget_lines AS (SELECT * FROM budget_lines WHERE division = '시민참여과') "
        "SELECT count(*) FROM budget_lines",
        [(7,)],
    ),
    (
        "correlated-subquery-with-alias",
        "SELECT count(*) FROM budget_lines b WHERE budget > "
        "(SELECT avg(budget) FROM budget_lines WHERE division = b.division)",
        [(11,)],
    ),
    (
        "select-alias-used-later",
        "SELECT budget * 2 AS doubled, doubled + 1 FROM budget_lines ORDER BY doubled LIMIT 1",
        [(14500, 14501)],
    ),
    (
        "recursive-cte",
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) "
        "SELECT sum(n) FROM t",
        [(15,)],
    ),
    (
        "quoted-column-of-a-table",
        'SELECT "BUDGET" FROM budget_lines WHERE line_no = 1',
        [(751274,)],
    ),
    (
        "column-named-like-a-function",
        'SELECT "current_catalog" FROM (SELECT 7 AS current_catalog)',
        [(7,)],
    ),
    ("series", "SELECT sum(range) FROM range(5)", [(10,)]),
    (
        "case-and-string-functions",
        "SELECT CASE WHEN spent IS NULL THEN '미집행' ELSE spent_rate_printed END "
        "FROM budget_lines WHERE name LIKE '저층주거지%'",
        [("미집행",)],
    ),
]


@pytest.mark.parametrize(
    ("sql", "expected"), [case[1:] for case in ANALYTICAL], ids=[case[0] for case in ANALYTICAL]
)
def test_analytical_query_is_answered_correctly(sandbox: Sandbox, sql: str, expected: list) -> None:
    result = sandbox.run(sql)
    assert [tuple(row) for row in result.rows] == expected
    assert not result.truncated


@pytest.mark.parametrize(
    ("sql", "rows", "truncated"),
    [
        ("SELECT * FROM budget_lines", 43, False),
        ("SELECT * FROM budget_lines LIMIT 5", 5, False),
        ("SELECT * FROM budget_lines a, budget_lines b", MAX_ROWS, True),
        ("SELECT * FROM budget_lines a, budget_lines b LIMIT 1000", MAX_ROWS, True),
        ("SELECT * FROM budget_lines a, budget_lines b LIMIT 50", MAX_ROWS, False),
        ("SELECT 1 UNION ALL SELECT * FROM range(100)", MAX_ROWS, True),
    ],
    ids=["all-fit", "own-small-limit", "no-limit", "larger-limit", "exact-limit", "union"],
)
def test_row_limit_is_added_and_a_cut_is_known(
    sandbox: Sandbox, sql: str, rows: int, truncated: bool
) -> None:
    result = sandbox.run(sql)
    assert (len(result.rows), result.truncated) == (rows, truncated)


def test_huge_cross_join_is_stopped_politely_while_others_are_served(sandbox: Sandbox) -> None:
    outcome = {}

    def runaway() -> None:
        started = time.perf_counter()
        try:
            sandbox.run("SELECT count(*) FROM range(10000000000) a, range(1000) b")
        except QueryRefused as refusal:
            outcome["reason"] = str(refusal)
        outcome["seconds"] = time.perf_counter() - started

    worker = threading.Thread(target=runaway)
    worker.start()
    time.sleep(0.3)
    started = time.perf_counter()
    quick = sandbox.run("SELECT count(*) FROM budget_lines")
    quick_seconds = time.perf_counter() - started
    worker.join(timeout=10)
    assert quick.rows == ((43,),)
    assert quick_seconds < 0.5
    assert "중단했습니다" in outcome["reason"]
    assert outcome["seconds"] < 4


def test_query_needing_too_much_memory_is_refused(sandbox: Sandbox) -> None:
    with pytest.raises(QueryRefused, match="중단했습니다"):
        sandbox.run("SELECT count(*) FROM range(100000000) a, range(100000000) b")


def test_sandbox_is_read_only_even_for_our_own_sql(sandbox: Sandbox) -> None:
    with pytest.raises(QueryRefused):
        sandbox.query("DELETE FROM budget_lines")
    assert sandbox.run("SELECT count(*) FROM budget_lines").rows == ((43,),)


def test_copy_is_rebuilt_when_the_data_changes(
    report_connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    changed = report_connection.cursor()
    changed.execute("CREATE TEMP TABLE seen AS SELECT 1")  # temp objects are not copied
    first = Sandbox.from_connection(report_connection, tmp_path)
    again = Sandbox.from_connection(report_connection, tmp_path)
    assert again.path == first.path

    other = duckdb.connect(":memory:")
    other.execute("CREATE TABLE divisions (division VARCHAR, position INTEGER)")
    other.execute("INSERT INTO divisions VALUES ('새로운과', 1)")
    rebuilt = Sandbox.from_connection(other, tmp_path)
    assert rebuilt.path != first.path
    assert rebuilt.run("SELECT division FROM divisions").rows == (("새로운과",),)
    assert first.path.exists()  # recent: another process may still be using it

    an_hour_ago = time.time() - 3700
    os.utime(first.path, (an_hour_ago, an_hour_ago))
    other.execute("INSERT INTO divisions VALUES ('또새로운과', 2)")
    newest = Sandbox.from_connection(other, tmp_path)
    assert not first.path.exists()
    assert newest.path.exists() and rebuilt.path.exists()


def test_catalog_lists_every_report_table(sandbox: Sandbox) -> None:
    schema = (
        Path(__file__).resolve().parents[2] / "knowledge" / "report" / "schema.sql"
    ).read_text()
    declared = {line.split()[2] for line in schema.splitlines() if line.startswith("CREATE TABLE")}
    assert declared <= sandbox.tables
    budget_lines = next(r for r in sandbox.relations if r.name == "budget_lines")
    assert ("spent_rate", "DOUBLE") in budget_lines.columns


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT lpad('x', 10000000, 'y') FROM budget_lines",
        "SELECT lpad('x', 100000000, 'y') FROM budget_lines",
        "SELECT range(1000000000)",
    ],
    ids=["430mb-of-strings", "4gb-of-strings", "billion-element-list"],
)
def test_memory_bombs_are_refused_and_the_next_query_works(sandbox: Sandbox, sql: str) -> None:
    """Huge strings escape DuckDB's memory_limit; the worker's address-space limit stops them."""
    with pytest.raises(QueryRefused, match="중단했습니다"):
        sandbox.run(sql)
    assert sandbox.run("SELECT count(*) FROM budget_lines").rows == ((43,),)


def test_long_cells_come_back_cut(sandbox: Sandbox) -> None:
    [[cell]] = sandbox.run("SELECT lpad('x', 5000, 'y')").rows
    assert len(cell) == 1000 and cell.endswith("…")


def test_results_keep_their_types_across_the_worker(sandbox: Sandbox) -> None:
    [row] = sandbox.run("SELECT 1.5 AS d, DATE '2021-08-13' AS day, 7 AS n, NULL AS nothing").rows
    assert row == (Decimal("1.5"), dt.date(2021, 8, 13), 7, None)


def test_workers_hold_no_secret_from_the_bot_environment(
    report_connection: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "4242:secret-token-for-this-test")
    fresh = Sandbox.from_connection(report_connection, tmp_path)
    try:
        assert fresh.run("SELECT 6*7").rows == ((42,),)
        for pid in fresh.worker_pids():
            environment = Path(f"/proc/{pid}/environ").read_bytes()
            assert b"secret-token-for-this-test" not in environment
            assert b"TELEGRAM_BOT_TOKEN" not in environment
    finally:
        fresh.close()
