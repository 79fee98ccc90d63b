"""A read-only file copy of the report's tables where people's SQL runs, in worker processes,
under time, memory and row limits (an in-memory DuckDB cannot be opened read-only twice)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import queue
import resource
import select
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import duckdb
from sqlglot import exp

from knowledge.sql import guard as sql_guard
from knowledge.sql.tables import csv_size

logger = logging.getLogger(__name__)

VAR_DIR = Path(__file__).resolve().parents[2] / "var" / "sandbox"
MAX_ROWS = 50
TIME_LIMIT_SECONDS = 2.0
MEMORY_LIMIT = "256MB"
WORKERS = 2
WORKER_GRACE_SECONDS = 1.0
# CPU a worker may spend deciding whether a query may run. Bounds on the text come first
# (guard.MAX_SQL_CHARS, guard.MAX_NESTING); this catches whatever else makes sqlglot slow.
GUARD_CPU_SECONDS = 0.25
# How long the bot waits for a worker's answer before it replaces the worker.
WORKER_WAIT_SECONDS = TIME_LIMIT_SECONDS + GUARD_CPU_SECONDS + WORKER_GRACE_SECONDS
WORKER_ADDRESS_SPACE = 2 * 1024**3
MAX_CELL_CHARS = 1000
# What one /sql result may hold, checked in the worker before anything travels back: about
# what a person can read or a phone open, and far below Telegram's 50 MB file limit (a
# 221-character query made a 45 MB CSV and 7 s of rendering before these).
MAX_CELLS = 5000
MAX_RESULT_BYTES = 1_000_000
# The limit that left rows out of a result.
CUT_BY_ROWS, CUT_BY_CELLS, CUT_BY_BYTES = "rows", "cells", "bytes"
STALE_COPY_SECONDS = 3600
TIMED_OUT = (
    f"{TIME_LIMIT_SECONDS:g}초 안에 끝나지 않아 중단했습니다. 조건을 좁히거나 LIMIT 을 써 보세요."
)
OUT_OF_MEMORY = f"메모리 한도({MEMORY_LIMIT})를 넘어 중단했습니다. 조건을 좁혀 보세요."
TOO_COMPLEX = "SQL 문이 너무 복잡해 검사를 중단했습니다. 더 짧고 단순한 문으로 나눠 보세요."
NO_WORKER = "지금은 SQL을 실행할 수 있는 곳이 모두 바쁩니다. 잠시 후 다시 보내 주세요."
CLOSED = "자료를 새로 읽어 SQL 실행 환경을 바꾸는 중입니다. 다시 보내 주세요."
# Pauses between tries to start a worker that could not be started, doubling up to the longest.
RESTART_FIRST_PAUSE = 0.1
RESTART_LONGEST_PAUSE = 5.0
# Bumped when the copy's layout changes, so an old file is never reused.
_FORMAT_VERSION = "1"

_CONFIG = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": MEMORY_LIMIT,
    "threads": 1,
    # No spilling to disk: a query that needs more memory fails instead of writing files.
    "temp_directory": "",
    # Last, so the options above are set before they are frozen.
    "lock_configuration": True,
}


# Keyed weakly: when an engine's connection is gone (after /reload), so is its entry.
_shared: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, Sandbox] = weakref.WeakKeyDictionary()
_shared_lock = threading.Lock()


def shared_sandbox(connection: duckdb.DuckDBPyConnection) -> Sandbox:
    """The sandbox of `connection`, built on first use and kept while the connection lives."""
    with _shared_lock:
        sandbox = _shared.get(connection)
        if sandbox is None:
            sandbox = _shared[connection] = Sandbox.from_connection(connection)
        return sandbox


def close_shared_sandbox(connection: duckdb.DuckDBPyConnection) -> None:
    """Close the sandbox built for `connection`, if there is one: after a reload its workers
    would otherwise live on with the old tables."""
    with _shared_lock:
        sandbox = _shared.pop(connection, None)
    if sandbox is not None:
        sandbox.close()


class QueryRefused(Exception):
    """The query was not run or was stopped; the message is the Korean reason."""


class QueryFailed(QueryRefused):
    """The query started but DuckDB stopped it: an error, the time or the memory limit."""


@dataclass(frozen=True)
class QueryResult:
    """Rows of a query; `cut` names the limit (CUT_BY_…) that left further rows out."""

    columns: tuple[str, ...]
    rows: tuple[tuple, ...]
    cut: str | None
    elapsed_seconds: float
    sql: str

    @property
    def truncated(self) -> bool:
        return self.cut is not None


@dataclass(frozen=True)
class Relation:
    """A table or view of the sandbox with its columns as (name, type)."""

    name: str
    kind: str
    columns: tuple[tuple[str, str], ...]


class Sandbox:
    """The read-only database people's SQL runs against; safe to use from many threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection = duckdb.connect(str(path), read_only=True, config=_CONFIG)
        self._cursor_lock = threading.Lock()
        self._pool_lock = threading.Lock()
        self._pool: WorkerPool | None = None
        self._closed = False
        self.relations = self._read_catalog()
        self.tables = frozenset(relation.name for relation in self.relations)
        self.schema = schema_of(self.relations)

    @classmethod
    def from_connection(
        cls, connection: duckdb.DuckDBPyConnection, directory: Path = VAR_DIR
    ) -> Sandbox:
        """Copy the tables and views of `connection` to a file (once per content) and open it."""
        snapshot = _Snapshot.take(connection)
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"report-{snapshot.fingerprint[:16]}.duckdb"
        if not path.exists():
            snapshot.write(path)
            _remove_stale_copies(directory, keep=path)
        return cls(path)

    def run(self, text: str, max_rows: int = MAX_ROWS) -> QueryResult:
        """Check and run a person's SQL; raise QueryRefused with the reason when it may not run.

        Both happen in a worker process, so the caller's thread spends no CPU on people's SQL:
        the check is bounded there (GUARD_CPU_SECONDS), and a query that makes DuckDB allocate
        past any limit (huge strings are not counted by memory_limit) takes down the worker,
        never the bot.
        """
        return self.start_workers().execute(text, max_rows)

    def start_workers(self) -> WorkerPool:
        """The worker processes, started on first use (a bot can start them ahead of time)."""
        with self._pool_lock:
            if self._closed:
                raise QueryRefused(CLOSED)
            if self._pool is None:
                self._pool = WorkerPool(self.path)
            return self._pool

    def query(self, sql: str, params: Sequence = ()) -> QueryResult:
        """Run our own parameterised SQL (charts, export, catalog) in-process, time-limited."""
        return self._execute(sql, params, None)

    def worker_pids(self) -> tuple[int, ...]:
        """Process ids of the running workers (none before the first query)."""
        return self._pool.pids() if self._pool is not None else ()

    def close(self) -> None:
        """Stop the workers (a busy one when its query ends) and close the copy; from then on
        /sql here is refused politely. Workers also end with this process."""
        with self._pool_lock:
            self._closed = True
            if self._pool is not None:
                self._pool.close()
        with self._cursor_lock:
            self._connection.close()

    def _execute(self, sql: str, params: Sequence, max_rows: int | None) -> QueryResult:
        with self._cursor_lock:
            cursor = self._connection.cursor()
        try:
            return execute_limited(cursor, sql, params, max_rows)
        finally:
            cursor.close()

    def _read_catalog(self) -> tuple[Relation, ...]:
        cursor = self._connection.cursor()
        try:
            return read_catalog(cursor)
        finally:
            cursor.close()


def read_catalog(connection: duckdb.DuckDBPyConnection) -> tuple[Relation, ...]:
    """The tables and views of the database with their columns."""
    names = connection.execute(
        "SELECT table_name, 'table' FROM duckdb_tables() "
        "WHERE database_name = current_database() AND NOT internal "
        "UNION ALL SELECT view_name, 'view' FROM duckdb_views() "
        "WHERE database_name = current_database() AND NOT internal"
    ).fetchall()
    columns = connection.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = current_database() AND NOT internal "
        "ORDER BY table_name, column_index"
    ).fetchall()
    by_table: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in columns:
        by_table.setdefault(table, []).append((column, data_type))
    return tuple(Relation(name, kind, tuple(by_table.get(name, ()))) for name, kind in names)


def schema_of(relations: Sequence[Relation]) -> dict[str, tuple[str, ...]]:
    """What the guard lets people read: each table or view with its column names."""
    return {relation.name: tuple(name for name, _ in relation.columns) for relation in relations}


def execute_limited(
    cursor: duckdb.DuckDBPyConnection,
    sql: str,
    params: Sequence,
    max_rows: int | None,
    max_cells: int | None = None,
) -> QueryResult:
    """Run on `cursor`, interrupted after the time limit; at most `max_rows` rows and
    `max_cells` cells are kept, one row more fetched to see a cut."""
    timer = threading.Timer(TIME_LIMIT_SECONDS, cursor.interrupt)
    started = time.perf_counter()
    timer.start()
    try:
        relation = cursor.execute(sql, list(params))
        columns = tuple(column[0] for column in relation.description or ())
        keep, cut = max_rows, CUT_BY_ROWS
        if max_cells is not None and columns and (keep is None or keep * len(columns) > max_cells):
            keep, cut = max_cells // len(columns), CUT_BY_CELLS
        rows = relation.fetchmany(keep + 1) if keep is not None else relation.fetchall()
    except duckdb.InterruptException:
        raise QueryFailed(TIMED_OUT) from None
    except (duckdb.OutOfMemoryException, MemoryError):
        raise QueryFailed(OUT_OF_MEMORY) from None
    except duckdb.Error as error:
        raise QueryFailed(f"실행 중 오류가 났습니다: {_first_line(error)}") from None
    finally:
        timer.cancel()
    elapsed = time.perf_counter() - started
    if keep is None or len(rows) <= keep:
        return QueryResult(columns, tuple(rows), None, elapsed, sql)
    return QueryResult(columns, tuple(rows[:keep]), cut, elapsed, sql)


class WorkerPool:
    """Worker processes (`python -m knowledge.sql.worker`) running people's queries.

    Each has its own read-only connection, an address-space limit, and an environment holding
    nothing but PATH, so not even the bot's token is there to find. One that does not answer
    within the time limit plus a grace period, or dies, is replaced; its caller gets a polite
    refusal and the other workers keep serving. A replacement that cannot start (out of file
    descriptors or memory) is retried in the background with growing pauses until the pool is
    full again, and a query that finds no worker within the time limit is refused.
    """

    def __init__(self, path: Path, size: int = WORKERS) -> None:
        self.path = path
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._closed = False
        self._missing = 0
        self._refilling: threading.Thread | None = None
        # A pool dropped without close() (its engine forgotten) still stops its idle workers.
        weakref.finalize(self, _drop_idle, self._idle).atexit = False
        for _ in range(size):
            self._replace()

    def execute(self, text: str, max_rows: int) -> QueryResult:
        """Check and run a person's query in an idle worker."""
        if self._closed:
            raise QueryRefused(CLOSED)
        try:
            worker = self._idle.get(timeout=TIME_LIMIT_SECONDS)
        except queue.Empty:
            raise QueryRefused(NO_WORKER) from None
        healthy = False
        try:
            reply = worker.ask(text, max_rows, WORKER_WAIT_SECONDS)
            healthy = reply is not None
        finally:
            self._give_back(worker, healthy)
        if reply is None:
            raise QueryFailed(TIMED_OUT if worker.timed_out else OUT_OF_MEMORY)
        if "refused" in reply:
            raise QueryRefused(reply["refused"])
        if "failed" in reply:
            raise QueryFailed(reply["failed"])
        return decode_result(reply["result"])

    def pids(self) -> tuple[int, ...]:
        return tuple(worker.process.pid for worker in list(self._idle.queue))

    def close(self) -> None:
        """Stop the idle workers now and each busy one when its query ends; start no more."""
        with self._lock:
            self._closed = True
        _stop_idle(self._idle)

    def _give_back(self, worker: _Worker, healthy: bool) -> None:
        with self._lock:
            keep = healthy and not self._closed
            if keep:
                self._idle.put(worker)
        if not keep:
            worker.stop()
            self._replace()

    def _replace(self) -> None:
        """Start one worker into the pool, or have the refill thread keep trying."""
        with self._lock:
            if self._closed:
                return
            try:
                self._idle.put(_Worker.start(self.path))
                return
            except OSError as error:
                logger.warning("could not start a /sql worker (%s); retrying", error)
                self._missing += 1
                if self._refilling is None:
                    self._refilling = threading.Thread(
                        target=self._refill, name="sql-worker-refill", daemon=True
                    )
                    self._refilling.start()

    def _refill(self) -> None:
        pause = RESTART_FIRST_PAUSE
        while True:
            time.sleep(pause)
            with self._lock:
                if self._closed or not self._missing:
                    self._refilling = None
                    return
                try:
                    self._idle.put(_Worker.start(self.path))
                    self._missing -= 1
                    pause = RESTART_FIRST_PAUSE
                except OSError as error:
                    pause = min(pause * 2, RESTART_LONGEST_PAUSE)
                    logger.warning("still cannot start a /sql worker (%s)", error)


def _drop_idle(idle: queue.Queue[_Worker]) -> None:
    """At exit the workers end by themselves when our end of their pipes closes: no waiting."""
    if not sys.is_finalizing():
        _stop_idle(idle)


def _stop_idle(idle: queue.Queue[_Worker]) -> None:
    while True:
        try:
            idle.get_nowait().stop()
        except queue.Empty:
            return


@dataclass
class _Worker:
    process: subprocess.Popen
    timed_out: bool = False

    @classmethod
    def start(cls, path: Path) -> _Worker:
        root = Path(__file__).resolve().parents[2]
        process = subprocess.Popen(
            [sys.executable, "-m", "knowledge.sql.worker", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            cwd=root,
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(root)},
        )
        return cls(process)

    def ask(self, text: str, max_rows: int, timeout: float) -> dict | None:
        """The worker's reply, or None when it timed out or died (it must then be replaced)."""
        self.timed_out = False
        try:
            request = json.dumps({"query": text, "max_rows": max_rows}) + "\n"
            self.process.stdin.write(request.encode())
            self.process.stdin.flush()
            ready, _, _ = select.select([self.process.stdout], [], [], timeout)
            if not ready:
                self.timed_out = True
                return None
            line = self.process.stdout.readline()
            return json.loads(line) if line else None
        except (OSError, ValueError):
            return None

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        for stream in (self.process.stdin, self.process.stdout):
            # Closing flushes what is buffered for a worker that may already be dead.
            with contextlib.suppress(OSError):
                stream.close()


def serve(path: str, requests: BinaryIO, replies: BinaryIO) -> None:
    """A worker's loop: check and run each query it reads, write back rows or the Korean reason."""
    # Address space, not just DuckDB's own accounting: big strings are allocated outside it.
    resource.setrlimit(resource.RLIMIT_AS, (WORKER_ADDRESS_SPACE, WORKER_ADDRESS_SPACE))
    signal.signal(signal.SIGPROF, _stop_checking)
    database = duckdb.connect(path, read_only=True, config=_CONFIG)
    schema = schema_of(read_catalog(database))
    for line in requests:
        request = json.loads(line)
        try:
            result = run_checked(database, schema, request["query"], request["max_rows"])
            reply = {"result": encode_result(result)}
        except QueryFailed as failure:
            reply = {"failed": str(failure)}
        except QueryRefused as refusal:
            reply = {"refused": str(refusal)}
        except MemoryError:
            reply = {"failed": OUT_OF_MEMORY}
        replies.write(json.dumps(reply, ensure_ascii=False).encode() + b"\n")
        replies.flush()


def run_checked(
    database: duckdb.DuckDBPyConnection,
    schema: dict[str, tuple[str, ...]],
    text: str,
    max_rows: int,
) -> QueryResult:
    """The guard's verdict on `text` within its CPU budget, then the query with its row cap."""
    verdict = _check_within_budget(text, schema)
    if not verdict.allowed:
        raise QueryRefused(verdict.reason)
    tree, capped = _cap_rows(verdict.tree, max_rows)
    result = execute_limited(
        database, sql_guard.to_sql(tree), (), max_rows if capped else None, MAX_CELLS
    )
    # The query as the person wrote it (regenerated), not with our extra row to see a cut.
    return replace(shrink(result), sql=verdict.sql)


def shrink(result: QueryResult) -> QueryResult:
    """Cells cut to MAX_CELL_CHARS, then only the rows whose CSV fits in MAX_RESULT_BYTES."""
    used = sum(csv_size(name) for name in result.columns)
    kept: list[tuple] = []
    for row in result.rows:
        cells = tuple(_cut_cell(value) for value in row)
        used += sum(csv_size(value) for value in cells)
        if used > MAX_RESULT_BYTES:
            return replace(result, rows=tuple(kept), cut=CUT_BY_BYTES)
        kept.append(cells)
    return replace(result, rows=tuple(kept))


def _cut_cell(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date):
        return value
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


class _OverBudget(BaseException):
    """Raised by SIGPROF inside the guard; a BaseException so that no `except Exception` in
    the guard or sqlglot can swallow it."""


def _stop_checking(signum: int, frame: object) -> None:
    raise _OverBudget


def _check_within_budget(text: str, schema: dict[str, tuple[str, ...]]) -> sql_guard.Verdict:
    """Only in a worker's main thread: SIGPROF interrupts the check after GUARD_CPU_SECONDS."""
    try:
        signal.setitimer(signal.ITIMER_PROF, GUARD_CPU_SECONDS)
        try:
            return sql_guard.check(text, schema)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _OverBudget:
        return sql_guard.Verdict(sql=None, reason=TOO_COMPLEX)


def encode_result(result: QueryResult) -> dict:
    """JSON-ready rows (after `shrink`, so what travels back stays small)."""
    return {
        "columns": list(result.columns),
        "rows": [[_encode_value(value) for value in row] for row in result.rows],
        "cut": result.cut,
        "elapsed": result.elapsed_seconds,
        "sql": result.sql,
    }


def decode_result(data: dict) -> QueryResult:
    rows = tuple(tuple(_decode_value(value) for value in row) for row in data["rows"])
    return QueryResult(tuple(data["columns"]), rows, data["cut"], data["elapsed"], data["sql"])


# Types that keep their meaning (alignment, formatting) across the pipe; others become text.
_TAGGED = {"decimal": Decimal, "date": dt.date.fromisoformat, "datetime": dt.datetime.fromisoformat}


def _encode_value(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return str(value)


def _decode_value(value: object) -> object:
    if isinstance(value, dict):
        [(tag, text)] = value.items()
        return _TAGGED[tag](text)
    return value


def _cap_rows(tree: exp.Expression, max_rows: int) -> tuple[exp.Expression, bool]:
    """Keep a person's LIMIT of at most `max_rows`; otherwise ask for one row more to see a cut."""
    limit = tree.args.get("limit")
    if isinstance(limit, exp.Limit) and not limit.args.get("limit_options"):
        value = limit.expression
        if isinstance(value, exp.Literal) and value.is_int and int(value.name) <= max_rows:
            return tree, False
    return tree.limit(max_rows + 1), True


def _first_line(error: Exception) -> str:
    lines = [line for line in str(error).splitlines() if line.strip()]
    return (lines[0] if lines else type(error).__name__)[:200]


@dataclass(frozen=True)
class _Snapshot:
    """The tables (with types and rows) and view definitions of a connection's main schema."""

    tables: tuple[tuple[str, tuple[tuple[str, str], ...], list[tuple]], ...]
    views: tuple[tuple[str, str], ...]
    fingerprint: str

    @classmethod
    def take(cls, connection: duckdb.DuckDBPyConnection) -> _Snapshot:
        cursor = connection.cursor()
        try:
            table_names = [
                name
                for (name,) in cursor.execute(
                    "SELECT table_name FROM duckdb_tables() WHERE database_name = "
                    "current_database() AND schema_name = 'main' AND NOT internal "
                    "ORDER BY table_name"
                ).fetchall()
            ]
            tables = []
            for name in table_names:
                columns = tuple(
                    cursor.execute(
                        "SELECT column_name, data_type FROM duckdb_columns() WHERE "
                        "database_name = current_database() AND schema_name = 'main' "
                        "AND table_name = ? ORDER BY column_index",
                        [name],
                    ).fetchall()
                )
                rows = cursor.execute(f"SELECT * FROM main.{_quote(name)}").fetchall()
                tables.append((name, columns, rows))
            views = tuple(
                cursor.execute(
                    "SELECT view_name, sql FROM duckdb_views() WHERE database_name = "
                    "current_database() AND schema_name = 'main' AND NOT internal "
                    "ORDER BY view_name"
                ).fetchall()
            )
        finally:
            cursor.close()
        digest = hashlib.sha256(_FORMAT_VERSION.encode())
        digest.update(repr((tables, views)).encode())
        return cls(tuple(tables), views, digest.hexdigest())

    def write(self, path: Path) -> None:
        """Write the copy beside `path` and move it into place, so readers never see half."""
        partial = path.with_name(f"{path.stem}.{os.getpid()}.partial")
        partial.unlink(missing_ok=True)
        writer = duckdb.connect(str(partial))
        try:
            for name, columns, rows in self.tables:
                definition = ", ".join(f"{_quote(c)} {data_type}" for c, data_type in columns)
                writer.execute(f"CREATE TABLE {_quote(name)} ({definition})")
                if rows:
                    # One statement for all rows: executemany costs a round trip per row.
                    row_marks = "(" + ", ".join("?" for _ in columns) + ")"
                    values = ", ".join(row_marks for _ in rows)
                    flat = [value for row in rows for value in row]
                    writer.execute(f"INSERT INTO {_quote(name)} VALUES {values}", flat)
            for _name, view_sql in self.views:
                writer.execute(view_sql)
            writer.execute("CHECKPOINT")
        finally:
            writer.close()
        os.replace(partial, path)
        logger.info("sandbox copy written to %s", path)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _remove_stale_copies(directory: Path, keep: Path) -> None:
    # A recent copy may belong to another process still starting its workers on it.
    cutoff = time.time() - STALE_COPY_SECONDS
    for old in directory.glob("report-*.duckdb"):
        if old != keep and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
