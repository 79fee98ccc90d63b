"""Limits on people's SQL through the real sandbox, its worker processes and the CLI: what the
checker may cost (never on the caller's thread), how much a result may hold, and that the
workers come back by themselves."""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from knowledge.sql import guard as sql_guard
from knowledge.sql.commands import sql_reply
from knowledge.sql.sandbox import (
    MAX_CELLS,
    MAX_RESULT_BYTES,
    NO_WORKER,
    TIME_LIMIT_SECONDS,
    QueryRefused,
    Sandbox,
)
from knowledge.sql.tables import render_table

ROOT = Path(__file__).resolve().parents[2]

QUERY_CHARS = 3500


def _repeat(unit: str, head: str = "SELECT ", separator: str = ", ", tail: str = "") -> str:
    """`head unit, unit, … tail` as long as it stays within QUERY_CHARS."""
    room = QUERY_CHARS - len(head) - len(tail)
    count = (room + len(separator)) // (len(unit) + len(separator))
    return head + separator.join([unit] * count) + tail


# Each close to 3,500 characters and shaped to make sqlglot work hard: the first family cost
# 2.5 s of CPU each before the checker was bounded.
CRAFTED = {
    "chained-subscripts": "SELECT [1]" + "[1]" * 1163,
    "chained-slices": "SELECT [1]" + "[1:2]" * 698,
    "many-short-subscript-chains": _repeat("[1][1][1][1][1][1]"),
    "string-slices": _repeat("name[1:2]", tail=" FROM budget_lines"),
    "deep-parentheses": "SELECT " + "(" * 1746 + "1" + ")" * 1746,
    "many-20-deep-parentheses": _repeat("(" * 20 + "1" + ")" * 20),
    "many-20-deep-functions": _repeat("abs(" * 20 + "1" + ")" * 20),
    "many-20-deep-subqueries": _repeat("(SELECT " * 20 + "1" + ")" * 20),
    "many-10-deep-cases": _repeat("CASE WHEN 1 THEN " * 10 + "1" + " END" * 10),
    "many-nested-lists": _repeat("[[[[[[1]]]]]]"),
    "not-chain": "SELECT " + "NOT " * 870 + "1",
    "cast-chain": "SELECT 1" + "::INT" * 698,
    "long-union": _repeat("SELECT 1", head="", separator=" UNION ALL "),
    "many-windows": _repeat(
        "sum(budget) OVER (PARTITION BY division ORDER BY name)", tail=" FROM budget_lines"
    ),
    "many-correlated-subqueries": _repeat(
        "(SELECT max(x.budget) FROM budget_lines x WHERE x.division = b.division)",
        tail=" FROM budget_lines b",
    ),
}


def _cpu_seconds(pid: int) -> float:
    """User plus system CPU of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_the_crafted_queries_are_about_3500_characters() -> None:
    assert len(CRAFTED) == 15
    assert all(3400 <= len(sql) <= QUERY_CHARS for sql in CRAFTED.values()), {
        name: len(sql) for name, sql in CRAFTED.items()
    }


def test_fifteen_crafted_queries_cost_little_cpu_and_none_on_the_callers_thread(
    sandbox: Sandbox,
) -> None:
    sandbox.run("SELECT 1")  # the workers are up
    workers = sandbox.worker_pids()
    before = {pid: _cpu_seconds(pid) for pid in workers}
    caller_before = time.thread_time()
    started = time.perf_counter()
    outcomes = {}
    for name, sql in CRAFTED.items():
        try:
            sandbox.run(sql)
            outcomes[name] = "answered"
        except QueryRefused as refusal:
            outcomes[name] = str(refusal)
    elapsed = time.perf_counter() - started
    caller = time.thread_time() - caller_before
    assert set(sandbox.worker_pids()) == set(workers), "no worker was lost on the way"
    in_workers = sum(_cpu_seconds(pid) - before[pid] for pid in workers)
    assert caller < 0.3, f"caller thread spent {caller:.2f} s"
    assert in_workers < 3.0, f"workers spent {in_workers:.2f} s: {outcomes}"
    assert elapsed < 15
    for name in ("chained-subscripts", "chained-slices", "many-short-subscript-chains"):
        assert "첨자" in outcomes[name]
    assert "중첩" in outcomes["deep-parentheses"]


@pytest.mark.parametrize(
    ("sql", "fragment"),
    [
        ("SELECT " + "(" * 25 + "1" + ")" * 25, "24단계"),
        ("SELECT [1]" + "[1]" * 17, "16개"),
        ("SELECT name[1] || name[2] FROM budget_lines", None),
        ("SELECT " + "(" * 24 + "1" + ")" * 24, None),
    ],
    ids=["too-deep", "too-many-subscripts", "a-few-subscripts", "deep-but-allowed"],
)
def test_the_text_is_bounded_before_parsing(sql: str, fragment: str | None) -> None:
    verdict = sql_guard.check(sql, {"budget_lines": ["name"]})
    if fragment is None:
        assert verdict.allowed, verdict.reason
    else:
        assert not verdict.allowed and fragment in verdict.reason


# 301 columns of 1,000 characters (3,000 bytes each) on 50 rows: a 45 MB CSV before the caps.
WIDE = (
    "WITH s AS (SELECT lpad('', 1000, '가') n), "
    "w AS (SELECT * FROM s a, s b, s c, s d, s e, s f, s g, s h, s i, s j), "
    "v AS (SELECT * FROM w a, w b, w c, w d, w e, w f, w g, w h, w i, w j) "
    "SELECT * FROM v a, v b, v c, range(50)"
)


def test_a_wide_result_is_cut_to_a_megabyte_before_it_is_rendered(sandbox: Sandbox) -> None:
    sandbox.run("SELECT 1")
    caller_before = time.thread_time()
    reply = sql_reply(sandbox, WIDE)
    caller = time.thread_time() - caller_before
    assert reply.summary == "결과가 1MB를 넘어 처음 1행만 보여 드립니다."
    assert reply.csv is not None and len(reply.csv) <= MAX_RESULT_BYTES
    assert caller < 0.5, f"rendering took {caller:.2f} s of CPU"


@pytest.mark.parametrize(
    ("sql", "summary", "rows"),
    [
        (
            "SELECT " + ", ".join(["*"] * 11) + " FROM budget_lines",
            "결과가 5,000칸(행×열)을 넘어 처음 41행만 보여 드립니다.",
            41,
        ),
        (
            WIDE.replace("'가'", "'😀'"),
            "결과의 첫 행부터 한도(1MB)를 넘어 보여 드릴 수 없습니다. 열을 줄여 보세요.",
            0,
        ),
        ("SELECT * FROM range(100)", "결과가 50행을 넘어 처음 50행만 보여 드립니다.", 50),
    ],
    ids=["121-columns-by-cells", "first-row-over-a-megabyte", "rows"],
)
def test_the_reply_says_which_limit_cut_the_result(
    sandbox: Sandbox, sql: str, summary: str, rows: int
) -> None:
    reply = sql_reply(sandbox, sql)
    assert reply.summary == summary
    assert reply.result is not None and len(reply.result.rows) == rows
    assert len(reply.result.rows) * len(reply.result.columns) <= MAX_CELLS


def test_rendering_a_full_result_of_long_cells_is_quick() -> None:
    columns = [f"열{i}" for i in range(100)]
    rows = [["가나다" * 333 + "\x07"] * 100 for _ in range(50)]
    started = time.process_time()
    table = render_table(columns, rows)
    assert time.process_time() - started < 1.0
    assert "\x07" not in table and "…" in table


def test_the_cli_answers_a_wide_query_quickly_and_briefly() -> None:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", f"/sql {WIDE}"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("결과가 1MB를 넘어 처음 1행만 보여 드립니다.")
    assert len(done.stdout) < 50_000
    # Loading the engine and the workers' whole lives included (they are stopped and reaped
    # when the sandbox goes); rendering alone was 6 s of it before.
    assert cpu < 4.0, f"the CLI process spent {cpu:.1f} s of CPU"


# Run in a child process because it uses up the file descriptors of the process it runs in.
OUT_OF_FILE_DESCRIPTORS = """
import json, os, resource, signal, sys, time
from pathlib import Path
import duckdb
from knowledge.report.ingest import load_report
from knowledge.sql.sandbox import QueryRefused, Sandbox

def ask(sql):
    started = time.perf_counter()
    try:
        answer = repr(sandbox.run(sql).rows)
    except QueryRefused as refusal:
        answer = str(refusal)
    return answer, round(time.perf_counter() - started, 2)

connection = duckdb.connect(":memory:")
load_report(connection, Path("data/report_2021-08-13.txt"))
sandbox = Sandbox.from_connection(connection, Path(sys.argv[1]))
report = {"first": ask("SELECT 6*7")}
# Few descriptors to use up, whatever the machine allows.
_, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (256, hard))
held = []
try:
    while True:
        held.append(os.open(os.devnull, os.O_RDONLY))
except OSError:
    pass
for pid in sandbox.worker_pids():
    os.kill(pid, signal.SIGKILL)
# Each finds its worker dead; neither replacement can start without file descriptors.
report["dead"] = [ask("SELECT 1") for _ in range(2)]
report["none"] = ask("SELECT 2")
for fd in held:
    os.close(fd)
time.sleep(1.0)
report["after"] = [ask("SELECT 3") for _ in range(4)]
report["workers"] = len(sandbox.worker_pids())
print(json.dumps(report, ensure_ascii=False))
"""


def test_the_pool_refills_after_workers_could_not_be_started(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", OUT_OF_FILE_DESCRIPTORS, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["first"][0] == "((42,),)"
    for answer, _ in report["dead"]:
        assert "중단했습니다" in answer
    answer, seconds = report["none"]
    assert answer == NO_WORKER and seconds < TIME_LIMIT_SECONDS + 1
    assert [answer for answer, _ in report["after"]] == ["((3,),)"] * 4
    assert report["workers"] == 2


def test_a_closed_sandbox_stops_its_workers_and_refuses_politely(
    report_connection: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    sandbox = Sandbox.from_connection(report_connection, tmp_path)
    assert sandbox.run("SELECT 6*7").rows == ((42,),)
    workers = sandbox.worker_pids()
    sandbox.close()
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists()
    with pytest.raises(QueryRefused, match="다시 보내 주세요"):
        sandbox.run("SELECT 1")
