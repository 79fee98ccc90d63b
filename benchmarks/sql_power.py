"""Prints the power-user figures: sandbox build, /sql latency, refusal times, what crafted and
wide queries cost, charts and export.

Run: .venv/bin/python benchmarks/sql_power.py [--repeat 200]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "knowledge")]

from test_sql_limits import CRAFTED, WIDE  # noqa: E402

from knowledge.report.ingest import load_report  # noqa: E402
from knowledge.sql import guard as sql_guard  # noqa: E402
from knowledge.sql.commands import sql_reply  # noqa: E402
from knowledge.sql.sandbox import QueryRefused, Sandbox  # noqa: E402

QUERIES = (
    "SELECT 6*7",
    "SELECT count(*) FROM budget_lines",
    "SELECT division, sum(budget), sum(spent) FROM budget_lines GROUP BY ALL ORDER BY 2 DESC",
    "SELECT name, spent_rate FROM budget_lines ORDER BY spent_rate DESC LIMIT 5",
    "WITH t AS (SELECT division, sum(spent) s, sum(budget) b FROM budget_lines GROUP BY 1) "
    "SELECT division, round(100.0 * s / b, 1) FROM t ORDER BY 2",
    "SELECT name, rank() OVER (PARTITION BY division ORDER BY budget DESC) FROM budget_lines",
    "SELECT * FROM budget_lines",
    "SELECT item, collected FROM revenue WHERE level = 3 ORDER BY collected DESC",
)
RUNAWAY = "SELECT count(*) FROM range(10000000000) a, range(1000) b"
STRING_BOMB = "SELECT lpad('x', 100000000, 'y') FROM budget_lines"
MEMORY_HUNGRY = "SELECT count(*) FROM range(100000000) a, range(100000000) b"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def refusal_seconds(sandbox: Sandbox, sql: str) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        sandbox.run(sql)
    except QueryRefused as refusal:
        return time.perf_counter() - started, str(refusal)
    return time.perf_counter() - started, "(not refused)"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def crafted_cost(sandbox: Sandbox) -> str:
    """CPU the 15 crafted ~3,500-character queries cost on this thread and in the workers."""
    workers = sandbox.worker_pids()
    before = {pid: cpu_seconds(pid) for pid in workers}
    caller = time.thread_time()
    refused = sum(refusal_seconds(sandbox, sql)[1] != "(not refused)" for sql in CRAFTED.values())
    caller = time.thread_time() - caller
    in_workers = sum(cpu_seconds(pid) - before[pid] for pid in workers)
    return (
        f"{len(CRAFTED)} crafted ~3,500-character queries ({refused} refused): CPU "
        f"{caller:.2f} s on the caller's thread, {in_workers:.2f} s in the workers"
    )


def wide_cost(sandbox: Sandbox) -> str:
    """The 301-column result of 1,000-character cells: what rendering costs and sends."""
    caller = time.thread_time()
    reply = sql_reply(sandbox, WIDE)
    caller = time.thread_time() - caller
    size = len(reply.csv or b"") / 1e6
    return f"wide result: {reply.summary} CSV {size:.2f} MB, {caller:.2f} s CPU to render"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=200)
    repeat = parser.parse_args().repeat

    connection = duckdb.connect(":memory:")
    load_report(connection, ROOT / "data" / "report_2021-08-13.txt")
    with tempfile.TemporaryDirectory() as directory:
        build = timed(Sandbox.from_connection, connection, Path(directory))
        reopen = timed(Sandbox.from_connection, connection, Path(directory))
        sandbox = Sandbox.from_connection(connection, Path(directory))
        print(
            f"sandbox copy built: {build * 1000:.0f} ms; reopened unchanged: {reopen * 1000:.0f} ms"
        )

        first = timed(sandbox.run, QUERIES[0])
        print(
            f"first /sql, starting {len(sandbox.worker_pids()) or 2} worker processes: {first:.2f} s"
        )

        guard = [timed(sql_guard.check, q, sandbox.schema) for q in QUERIES for _ in range(50)]
        print(f"guard check: p50 {statistics.median(guard) * 1000:.2f} ms, "
              f"p99 {percentile(guard, 0.99) * 1000:.2f} ms")  # fmt: skip

        latencies = [timed(sandbox.run, q) for _ in range(repeat) for q in QUERIES]
        print(
            f"/sql end to end ({len(latencies)} queries): p50 "
            f"{statistics.median(latencies) * 1000:.2f} ms, "
            f"p99 {percentile(latencies, 0.99) * 1000:.2f} ms"
        )

        print(crafted_cost(sandbox))
        print(wide_cost(sandbox))

        seconds, reason = refusal_seconds(sandbox, RUNAWAY)
        print(f"cross join of huge ranges refused after {seconds:.2f} s: {reason}")
        seconds, reason = refusal_seconds(sandbox, MEMORY_HUNGRY)
        print(f"memory-hungry cross join refused after {seconds:.2f} s: {reason}")

        seconds, reason = refusal_seconds(sandbox, STRING_BOMB)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"4 GB string bomb refused after {seconds:.2f} s: {reason} (bot peak RSS {peak} MB)")

        others: list[float] = []
        runaway = threading.Thread(target=refusal_seconds, args=(sandbox, RUNAWAY))
        runaway.start()
        time.sleep(0.2)
        while runaway.is_alive():
            others.append(timed(sandbox.run, QUERIES[2]))
        runaway.join()
        print(
            f"while a runaway query runs: {len(others)} other queries, p50 "
            f"{statistics.median(others) * 1000:.2f} ms, max {max(others) * 1000:.1f} ms"
        )

        started = time.perf_counter()
        from knowledge.files.charts import render_chart
        from knowledge.files.export import export_lines

        print(
            f"import charts + export (matplotlib, openpyxl): {time.perf_counter() - started:.2f} s"
        )
        for topic in ("집행률", "예산", "세입", "갈등관리협치과"):
            render_chart(sandbox, topic)
            runs = [timed(render_chart, sandbox, topic) for _ in range(5)]
            print(f"chart {topic}: {statistics.median(runs) * 1000:.0f} ms")
        for file_format in ("csv", "xlsx"):
            runs = [timed(export_lines, sandbox, "", file_format) for _ in range(10)]
            print(f"export all lines as {file_format}: {statistics.median(runs) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
