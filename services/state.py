"""The bot's state file (DuckDB): its one connection, the migrations of every table in it, and
the one transaction helper. The subscription store and the usage log both work through it."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

# Forward-only: each entry moves the file from version i to i + 1; never edit a shipped entry.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE subscriptions (
            chat_id BIGINT PRIMARY KEY,
            chat_type VARCHAR NOT NULL,
            weekday TINYINT NOT NULL CHECK (weekday BETWEEN 0 AND 6),
            hour TINYINT NOT NULL CHECK (hour BETWEEN 0 AND 23),
            minute TINYINT NOT NULL CHECK (minute BETWEEN 0 AND 59),
            active BOOLEAN NOT NULL,
            since TIMESTAMP NOT NULL,
            created_at TIMESTAMP NOT NULL,
            updated_at TIMESTAMP NOT NULL
        )""",
    ),
    (
        """CREATE TABLE deliveries (
            chat_id BIGINT NOT NULL,
            slot TIMESTAMP NOT NULL,
            status VARCHAR NOT NULL
                CHECK (status IN ('sending', 'sent', 'unconfirmed', 'failed', 'skipped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            claimed_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            message_id BIGINT,
            error VARCHAR,
            PRIMARY KEY (chat_id, slot)
        )""",
    ),
    (
        """CREATE TABLE snapshots (
            chat_id BIGINT PRIMARY KEY,
            snapshot VARCHAR NOT NULL,
            recorded_at TIMESTAMP NOT NULL
        )""",
        "ALTER TABLE subscriptions ADD COLUMN stopped_reason VARCHAR",
    ),
    # services/usage.py: questions the bot could not answer (normalised text only, no ids)
    # and the counts /stats shows.
    (
        """CREATE TABLE unanswered (
            question VARCHAR PRIMARY KEY,
            asked BIGINT NOT NULL,
            first_day DATE NOT NULL,
            last_day DATE NOT NULL
        )""",
        "CREATE TABLE counters (name VARCHAR PRIMARY KEY, value BIGINT NOT NULL)",
    ),
)
LATEST_VERSION = len(MIGRATIONS)


class StateFileUnusable(Exception):
    """The state file cannot be opened or brought forward; the message says why, for the log."""


def first(result: duckdb.DuckDBPyConnection) -> tuple | None:
    """The first row, with the result read to its end.

    DuckDB keeps a half-read result (`fetchone`) open, and with it a transaction that holds
    every row version written since: on a long-lived connection that is memory that grows
    and commits that slow down with each message sent.
    """
    rows = result.fetchall()
    return rows[0] if rows else None


def migrate(connection: duckdb.DuckDBPyConnection, target: int = LATEST_VERSION) -> int:
    """Bring the file forward to `target`, one transaction per version; returns the version."""
    connection.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP)"
    )
    version = first(connection.execute("SELECT coalesce(max(version), 0) FROM schema_version"))[0]
    if version > LATEST_VERSION:
        raise StateFileUnusable(
            f"state file is at schema version {version}, newer than this code ({LATEST_VERSION})"
        )
    for number in range(version + 1, target + 1):
        connection.execute("BEGIN TRANSACTION")
        try:
            for statement in MIGRATIONS[number - 1]:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_version VALUES (?, ?)",
                [number, datetime.now(UTC).replace(tzinfo=None)],
            )
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        version = number
    return version


class StateFile:
    """The open state file; thread-safe (one lock), so call it from asyncio via to_thread."""

    def __init__(self, path: str | Path) -> None:
        """Open (creating the folder) and migrate; StateFileUnusable when that cannot be done."""
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._connection = duckdb.connect(self.path)
        except (duckdb.Error, OSError) as error:
            raise StateFileUnusable(f"cannot open {self.path}: {error}") from error
        try:
            self.version = migrate(self._connection)
        except (duckdb.Error, OSError) as error:
            self._connection.close()
            raise StateFileUnusable(f"cannot migrate {self.path}: {error}") from error
        except StateFileUnusable:
            self._connection.close()
            raise

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        with self._lock:
            self._connection.execute("BEGIN TRANSACTION")
            try:
                yield self._connection
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def read(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """Every row of one query, read to the end (see `first`)."""
        with self._lock:
            return self._connection.execute(sql, list(params)).fetchall()

    def close(self) -> None:
        with self._lock:
            self._connection.close()
