"""Usage counts for /stats and the questions the bot could not answer, kept in the state file.

Anonymised by construction: a question is stored as normalised text with a count and the
first and last day it was asked; no user or chat id, no time of day. Counts are gathered in
memory and written in one transaction per flush, so a busy bot does not commit per message.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from knowledge.calendar import today_in_seoul
from services.state import StateFile

# Unanswered questions not asked again for this long are dropped at the next flush.
KEEP_DAYS = 90
QUESTION_CHARACTERS = 200
# Runs of digits this long are phone numbers, ids or account numbers, never report figures
# anyone needs to see here.
LONG_NUMBER = re.compile(r"\d[\d\- ]{5,}\d")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
MENTION = re.compile(r"@\w+")
SPACES = re.compile(r"\s+")

# Counter names.
ANSWERED = "answered"
UNANSWERED = "unanswered"
ERRORS = "errors"
RATE_LIMITED = "rate_limited"
REFUSED = "refused"


def anonymise(text: str) -> str:
    """The question as stored: NFKC, no control or invisible characters, contact details
    masked, spaces collapsed, at most QUESTION_CHARACTERS."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
        for char in text
        if unicodedata.category(char) not in ("Cf", "Cs", "Co", "Cn")
    )
    text = EMAIL.sub("<이메일>", text)
    text = MENTION.sub("@…", text)
    text = LONG_NUMBER.sub("<번호>", text)
    return SPACES.sub(" ", text).strip()[:QUESTION_CHARACTERS]


@dataclass(frozen=True)
class UnansweredQuestion:
    question: str
    asked: int
    first_day: date
    last_day: date


class UsageLog:
    """Counters and unanswered questions; thread-safe, record from the event loop."""

    def __init__(self, state: StateFile | str | Path) -> None:
        """On the bot's open state file, or on its own one opened from a path (tools, tests)."""
        self._owns_state = not isinstance(state, StateFile)
        self.state = StateFile(state) if self._owns_state else state
        self._lock = threading.Lock()
        self._pending_counts: Counter[str] = Counter()
        self._pending_questions: Counter[str] = Counter()

    def count(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._pending_counts[name] += amount

    def record_unanswered(self, text: str) -> None:
        """Count an unanswered question (also counted under UNANSWERED)."""
        question = anonymise(text)
        with self._lock:
            self._pending_counts[UNANSWERED] += 1
            if question:
                self._pending_questions[question] += 1

    def flush(self, today: date | None = None) -> None:
        """Write what was gathered since the last flush, and drop long-forgotten questions."""
        today = today or today_in_seoul()
        with self._lock:
            counts, self._pending_counts = self._pending_counts, Counter()
            questions, self._pending_questions = self._pending_questions, Counter()
            try:
                with self.state.transaction() as db:
                    for name, amount in counts.items():
                        db.execute(
                            """INSERT INTO counters VALUES (?, ?) ON CONFLICT (name)
                               DO UPDATE SET value = counters.value + excluded.value""",
                            [name, amount],
                        )
                    for question, asked in questions.items():
                        db.execute(
                            """INSERT INTO unanswered VALUES (?, ?, ?, ?) ON CONFLICT (question)
                               DO UPDATE SET asked = unanswered.asked + excluded.asked,
                                             last_day = excluded.last_day""",
                            [question, asked, today, today],
                        )
                    db.execute(
                        "DELETE FROM unanswered WHERE last_day < ?",
                        [today - timedelta(days=KEEP_DAYS)],
                    )
            except BaseException:
                # Kept for the next flush rather than lost.
                self._pending_counts.update(counts)
                self._pending_questions.update(questions)
                raise

    def counters(self) -> Counter[str]:
        """Every counter: what is in the file plus what is not flushed yet."""
        with self._lock:
            totals = Counter(dict(self.state.read("SELECT name, value FROM counters")))
            totals.update(self._pending_counts)
        return totals

    def unanswered(self, limit: int = 100) -> list[UnansweredQuestion]:
        """The flushed unanswered questions, most asked first."""
        rows = self.state.read(
            """SELECT question, asked, first_day, last_day FROM unanswered
               ORDER BY asked DESC, last_day DESC, question LIMIT ?""",
            [limit],
        )
        return [UnansweredQuestion(*row) for row in rows]

    def distinct_unanswered(self) -> int:
        return self.state.read("SELECT count(*) FROM unanswered")[0][0]

    def close(self, today: date | None = None) -> None:
        """Write what is left; release the state file when this log opened it."""
        self.flush(today)
        if self._owns_state:
            self.state.close()


def read_unanswered(path: str | Path, limit: int = 100) -> list[UnansweredQuestion]:
    """The list for `python -m bot unanswered`, also while the bot holds the file.

    DuckDB lets one process at a time open a file; when the running bot has it, a copy of
    the file (and its write-ahead log) is read instead. A file that cannot be read either
    way raises (duckdb.Error or OSError).
    """
    path = Path(path)
    if not path.exists():
        return []
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except (duckdb.IOException, duckdb.ConnectionException):
        # Held by the running bot (another process), or open in this one. Read once from a
        # copy: a copy that fails too is a broken file, not a busy one.
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / path.name
            shutil.copyfile(path, copy)
            wal = path.with_name(path.name + ".wal")
            if wal.exists():
                shutil.copyfile(wal, copy.with_name(copy.name + ".wal"))
            return _unanswered_in(duckdb.connect(str(copy), read_only=True), limit)
    return _unanswered_in(connection, limit)


def _unanswered_in(connection: duckdb.DuckDBPyConnection, limit: int) -> list[UnansweredQuestion]:
    try:
        tables = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
        if "unanswered" not in tables:
            return []
        rows = connection.execute(
            """SELECT question, asked, first_day, last_day FROM unanswered
               ORDER BY asked DESC, last_day DESC, question LIMIT ?""",
            [limit],
        ).fetchall()
    finally:
        connection.close()
    return [UnansweredQuestion(*row) for row in rows]
