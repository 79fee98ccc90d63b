"""Escape attempts against /sql: each is refused in Korean, reads nothing and writes nothing."""

import os
import re
import uuid
from pathlib import Path

import pytest

from knowledge.sql import guard as sql_guard
from knowledge.sql.sandbox import QueryRefused, Sandbox

ENV_NAME = "CIVIC_BOT_SQL_MARKER"
MARKER = f"marker-{uuid.uuid4().hex}"
HANGUL = re.compile("[가-힣]")

# {file}: a temp file holding the marker; {dir}: its directory; {env}: an env var holding it.
ATTACKS = [
    ("drop", "DROP TABLE budget_lines"),
    ("delete", "DELETE FROM budget_lines"),
    ("update", "UPDATE budget_lines SET budget = 0"),
    ("insert", "INSERT INTO divisions VALUES ('가짜과', 9)"),
    ("create-table-as", "CREATE TABLE stolen AS SELECT * FROM budget_lines"),
    ("create-view", "CREATE VIEW v AS SELECT 1"),
    ("create-macro", "CREATE MACRO leak() AS 1"),
    ("alter", "ALTER TABLE divisions ADD COLUMN x INTEGER"),
    ("two-statements", "SELECT 1; DROP TABLE budget_lines"),
    ("two-selects", "SELECT 1; SELECT 2"),
    ("copy-to-file", "COPY budget_lines TO '{dir}/out.csv'"),
    ("copy-query-parquet", "COPY (SELECT 1) TO '{dir}/out.parquet' (FORMAT parquet)"),
    ("copy-from-file", "COPY divisions FROM '{file}'"),
    ("attach", "ATTACH '{dir}/other.duckdb' AS other"),
    ("detach", "DETACH other"),
    ("use", "USE other"),
    ("pragma", "PRAGMA database_list"),
    ("set", "SET enable_external_access = true"),
    ("reset", "RESET memory_limit"),
    ("install", "INSTALL httpfs"),
    ("load", "LOAD httpfs"),
    ("export-database", "EXPORT DATABASE '{dir}/dump'"),
    ("import-database", "IMPORT DATABASE '{dir}/dump'"),
    ("call", "CALL pragma_version()"),
    ("checkpoint", "CHECKPOINT"),
    ("vacuum", "VACUUM"),
    ("begin", "BEGIN TRANSACTION"),
    ("prepare", "PREPARE p AS SELECT 1"),
    ("describe", "DESCRIBE budget_lines"),
    ("show-tables", "SHOW TABLES"),
    ("summarize", "SUMMARIZE budget_lines"),
    ("explain-analyze", "EXPLAIN ANALYZE SELECT 1"),
    ("read-csv", "SELECT * FROM read_csv('{file}')"),
    ("read-csv-auto", "SELECT * FROM read_csv_auto('{file}')"),
    ("read-csv-list", "SELECT * FROM read_csv(['{file}'])"),
    ("read-text", "SELECT * FROM read_text('{file}')"),
    ("read-blob", "SELECT * FROM read_blob('{file}')"),
    ("read-parquet", "SELECT * FROM read_parquet('{file}')"),
    ("parquet-scan", "SELECT * FROM parquet_scan('{file}')"),
    ("read-json-auto", "SELECT * FROM read_json_auto('{file}')"),
    ("glob", "SELECT * FROM glob('{dir}/*')"),
    ("sniff-csv", "SELECT * FROM sniff_csv('{file}')"),
    ("sqlite-scan", "SELECT * FROM sqlite_scan('{file}', 't')"),
    ("query", "SELECT * FROM query('SELECT 1')"),
    ("query-table", "SELECT * FROM query_table('budget_lines')"),
    ("proc-environ", "SELECT * FROM read_text('/proc/self/environ')"),
    ("path-as-table", "SELECT * FROM '{file}'"),
    ("quoted-path-as-table", 'SELECT * FROM "{file}"'),
    ("from-first-path", "FROM '{file}'"),
    ("proc-environ-as-table", "SELECT * FROM '/proc/self/environ'"),
    ("url-as-table", "SELECT * FROM 'https://example.com/x.csv'"),
    ("getenv", "SELECT getenv('{env}')"),
    ("current-setting", "SELECT current_setting('home_directory')"),
    ("getvariable", "SELECT getvariable('x')"),
    ("version", "SELECT version()"),
    ("duckdb-settings", "SELECT * FROM duckdb_settings()"),
    ("duckdb-tables-function", "SELECT * FROM duckdb_tables()"),
    ("duckdb-extensions", "SELECT * FROM duckdb_extensions()"),
    ("duckdb-tables-view", "SELECT * FROM duckdb_tables"),
    ("sqlite-master", "SELECT * FROM sqlite_master"),
    ("information-schema", "SELECT * FROM information_schema.tables"),
    ("pg-catalog", "SELECT * FROM pg_catalog.pg_settings"),
    ("catalog-qualified", "SELECT * FROM other.main.budget_lines"),
    (
        "cte-scope-escape",
        "SELECT * FROM (WITH duckdb_tables AS (SELECT 1) SELECT 1), duckdb_tables",
    ),
    # A CTE's own body does not see the CTE: the name there is the system view.
    (
        "cte-named-after-system-view",
        "WITH duckdb_databases AS (SELECT * FROM duckdb_databases) SELECT path FROM duckdb_databases",
    ),
    (
        "cte-pg-settings",
        "WITH pg_settings AS (SELECT * FROM pg_settings) SELECT * FROM pg_settings",
    ),
    (
        "cte-duckdb-logs",
        "WITH duckdb_logs AS (SELECT * FROM duckdb_logs) SELECT * FROM duckdb_logs",
    ),
    (
        "cte-sqlite-master",
        "WITH sqlite_master AS (SELECT * FROM sqlite_master) SELECT sql FROM sqlite_master",
    ),
    (
        "recursive-cte-named-after-system-view",
        "WITH RECURSIVE duckdb_settings AS (SELECT * FROM duckdb_settings) "
        "SELECT value FROM duckdb_settings",
    ),
    (
        "quoted-cte-named-after-system-view",
        'WITH "Duckdb_Databases" AS (SELECT * FROM "DUCKDB_DATABASES") '
        "SELECT path FROM duckdb_databases",
    ),
    (
        "cte-declared-after-its-use",
        "WITH a AS (SELECT * FROM duckdb_databases), duckdb_databases AS (SELECT 1) "
        "SELECT * FROM a",
    ),
    ("quoted-system-view", 'SELECT * FROM "duckdb_databases"'),
    ("quoted-current-catalog", 'SELECT "current_catalog"'),
    ("quoted-current-schema", 'SELECT "current_schema" FROM budget_lines'),
    ("bare-user", "SELECT user"),
    ("quoted-session-user", 'SELECT "session_user"'),
    (
        "quoted-current-role-in-where",
        "SELECT name FROM budget_lines WHERE \"current_role\" = 'duckdb'",
    ),
    (
        "value-function-before-outer-column",
        'SELECT (SELECT "current_catalog") FROM (SELECT 1 AS "current_catalog")',
    ),
    ("mixed-case", "sElEcT * fRoM ReAd_CsV('{file}')"),
    ("comment-inside", "SELECT * FROM /* 주석 */ read_text('{file}')"),
    ("quoted-function-name", "SELECT * FROM \"read_text\"('{file}')"),
    ("line-comment-then-statement", "SELECT 1 --\n; DROP TABLE budget_lines"),
    ("in-cte", "WITH x AS (SELECT * FROM read_csv('{file}')) SELECT * FROM x"),
    ("scalar-subquery", "SELECT (SELECT content FROM read_text('{file}'))"),
    (
        "in-subquery",
        "SELECT * FROM budget_lines WHERE name IN (SELECT content FROM read_text('{file}'))",
    ),
    (
        "union-branch",
        "SELECT name FROM budget_lines UNION ALL SELECT content FROM read_text('{file}')",
    ),
    ("lateral", "SELECT * FROM budget_lines, LATERAL read_text('{file}')"),
    ("join-reader", "SELECT * FROM range(3) r JOIN read_text('{file}') t ON true"),
    ("placeholder", "SELECT ?"),
    ("dollar-parameter", "SELECT $1"),
    ("json-arrow", "SELECT name -> '$.a' FROM budget_lines"),
    ("deep-nesting", "SELECT " + "(" * 3000 + "1" + ")" * 3000),
    ("empty", "   "),
    ("semicolon-comment", "; --"),
    ("from-from", "FROM FROM budget_lines COPY"),
    ("only-comment", "-- SELECT 1"),
    ("garbage", "ㅋㅋㅋ 😀 <b>"),
    ("too-long", "SELECT 1 + " + "1 + " * 2000 + "1"),
]


@pytest.fixture(scope="module")
def marker_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("attack") / "secret.csv"
    path.write_text(f"secret\n{MARKER}\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def marker_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_NAME, MARKER)


def _fill(template: str, marker_file: Path) -> str:
    return (
        template.replace("{file}", str(marker_file))
        .replace("{dir}", str(marker_file.parent))
        .replace("{env}", ENV_NAME)
    )


def _disk_state(*directories: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for directory in directories:
        for path in directory.rglob("*"):
            stat = path.stat()
            state[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return state


def test_the_corpus_is_big_enough() -> None:
    assert len(ATTACKS) >= 40
    assert len({name for name, _ in ATTACKS}) == len(ATTACKS)


@pytest.mark.parametrize(("template"), [sql for _, sql in ATTACKS], ids=[n for n, _ in ATTACKS])
def test_attack_is_refused_in_korean_and_touches_nothing(
    template: str, sandbox: Sandbox, marker_file: Path
) -> None:
    sql = _fill(template, marker_file)
    before = _disk_state(marker_file.parent, sandbox.path.parent)
    with pytest.raises(QueryRefused) as refusal:
        sandbox.run(sql)
    reason = str(refusal.value)
    assert HANGUL.search(reason), reason
    # Refused by the guard itself, before any connection sees it.
    assert not sql_guard.check(sql, sandbox.schema).allowed
    assert MARKER not in reason
    assert _disk_state(marker_file.parent, sandbox.path.parent) == before


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * FROM read_text('{file}')",
        "SELECT * FROM read_csv('{file}')",
        "SELECT * FROM read_text('/proc/self/environ')",
        "SELECT * FROM '{file}'",
        "COPY (SELECT 1) TO '{dir}/written.csv'",
        "ATTACH '{dir}/other.duckdb' AS other",
        "SET enable_external_access = true",
        "CREATE TABLE stolen AS SELECT 1",
        "INSTALL httpfs",
    ],
    ids=[
        "read-text",
        "read-csv",
        "proc-environ",
        "path",
        "copy",
        "attach",
        "set",
        "create",
        "install",
    ],
)
def test_the_connection_itself_refuses_without_the_guard(
    template: str, sandbox: Sandbox, marker_file: Path
) -> None:
    """Defence in depth: even if the guard let a query through, the connection would not."""
    before = _disk_state(marker_file.parent, sandbox.path.parent)
    with pytest.raises(QueryRefused) as refusal:
        # The private runner skips the guard on purpose: this test is about the connection alone.
        sandbox._execute(_fill(template, marker_file), (), None)
    assert MARKER not in str(refusal.value)
    assert _disk_state(marker_file.parent, sandbox.path.parent) == before


def test_what_the_connection_does_answer_holds_no_secret(sandbox: Sandbox) -> None:
    """Catalog functions run without the guard still show no environment or file content."""
    result = sandbox._execute("SELECT * FROM duckdb_settings()", (), None)
    assert MARKER not in repr(result.rows)
    assert os.environ[ENV_NAME] == MARKER


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 6*7", "SELECT 6 * 7"),
        ('select COUNT(*) from "BUDGET_LINES"', 'SELECT COUNT(*) FROM "BUDGET_LINES"'),
        ("SELECT 1 -- */ ; DROP TABLE budget_lines\n", "SELECT 1"),
        ("SELECT 1 /* ; DROP TABLE x */", "SELECT 1"),
        ("FROM divisions SELECT division", "SELECT division FROM divisions"),
        ("SELECT * FROM main.divisions", "SELECT * FROM main.divisions"),
        ("SELECT * FROM range(3)", "SELECT * FROM RANGE(0, 3)"),
    ],
    ids=[
        "arithmetic",
        "case-and-quotes",
        "line-comment",
        "block-comment",
        "from-first",
        "main",
        "range",
    ],
)
def test_allowed_query_runs_as_regenerated_without_comments(sql: str, expected: str) -> None:
    verdict = sql_guard.check(sql, {"budget_lines": ["budget"], "divisions": ["division"]})
    assert verdict.sql == expected


@pytest.mark.parametrize(
    ("sql", "fragment"),
    [
        ("DROP TABLE budget_lines", "DROP"),
        ("EXPORT DATABASE '/tmp/x'", "받은 문: EXPORT"),
        ("/* 주석 */ import database '/tmp/x'", "받은 문: IMPORT"),
        ("SELECT (", "해석하지 못했습니다"),
        ("SELECT 1; SELECT 2", "하나만"),
        ("SELECT * FROM read_csv('x')", "read_csv"),
        ("SELECT * FROM '/etc/passwd'", "파일 경로"),
        ("SELECT getenv('HOME')", "getenv"),
        ("SELECT * FROM nowhere", "nowhere"),
        ("SELECT ?", "자리표시자"),
    ],
    ids=[
        "ddl",
        "export",
        "import-after-comment",
        "syntax",
        "many",
        "reader",
        "path",
        "machine",
        "unknown-table",
        "placeholder",
    ],
)
def test_refusal_says_why(sql: str, fragment: str) -> None:
    verdict = sql_guard.check(sql, {"budget_lines": ["budget"]})
    assert not verdict.allowed
    assert fragment in verdict.reason


@pytest.mark.parametrize(
    "text",
    ["{:}ㄱn{[m나&?ㄱjx", "; --", "SELECT {'a': }", "\x00\x01", "SELECT 1 ::"],
    ids=["brace-map", "semicolon", "empty-struct-value", "control", "cast"],
)
def test_inputs_that_trip_the_parser_are_refused_not_raised(text: str) -> None:
    verdict = sql_guard.check(text, {"budget_lines": ["budget"]})
    assert not verdict.allowed and HANGUL.search(verdict.reason)
