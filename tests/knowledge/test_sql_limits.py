"""Limits on people's SQL through the real sandbox and its worker processes: what the checker
may cost, and that it never runs on the caller's thread."""

import os
import time
from pathlib import Path

import pytest

from knowledge.sql import guard as sql_guard
from knowledge.sql.sandbox import QueryRefused, Sandbox

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
