"""Weekly subscriptions, the delivery log and each chat's last-summary figures, in the state file.

Every change is one transaction (services.state), so a failed statement leaves the file as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from services.schedule import Weekly, due_slot
from services.state import StateFile


@dataclass(frozen=True)
class Subscription:
    """One chat's weekly setting; a group subscribes as itself (its own chat_id)."""

    chat_id: int
    chat_type: str
    weekly: Weekly
    active: bool
    since: datetime
    created_at: datetime
    updated_at: datetime
    stopped_reason: str | None = None


@dataclass(frozen=True)
class Due:
    """A slot to deliver to one chat."""

    chat_id: int
    slot: datetime


@dataclass(frozen=True)
class Outcome:
    """How a claimed slot ended; `snapshot` is the summary's figures when it was sent."""

    chat_id: int
    slot: datetime
    status: str
    attempts: int
    message_id: int | None = None
    error: str | None = None
    snapshot: dict | None = None


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).replace(tzinfo=None)


def _aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=UTC)


class SubscriptionStore:
    """Subscriptions and the delivery log; thread-safe, call from asyncio via to_thread."""

    def __init__(self, state: StateFile | str | Path) -> None:
        """On the bot's open state file, or on its own one opened from a path (tools, tests)."""
        self._owns_state = not isinstance(state, StateFile)
        self.state = StateFile(state) if self._owns_state else state

    def close(self) -> None:
        """Release the state file when this store opened it."""
        if self._owns_state:
            self.state.close()

    def subscribe(
        self, chat_id: int, chat_type: str, weekly: Weekly, now: datetime
    ) -> Subscription:
        """Create or change a subscription; an unchanged active one keeps its start (`since`)."""
        moment = _naive_utc(now)
        with self.state.transaction() as db:
            db.execute(
                """INSERT INTO subscriptions
                       (chat_id, chat_type, weekday, hour, minute, active, since,
                        created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, true, ?, ?, ?)
                   ON CONFLICT (chat_id) DO UPDATE SET
                       since = CASE WHEN subscriptions.active
                                     AND subscriptions.weekday = excluded.weekday
                                     AND subscriptions.hour = excluded.hour
                                     AND subscriptions.minute = excluded.minute
                                    THEN subscriptions.since ELSE excluded.since END,
                       chat_type = excluded.chat_type, weekday = excluded.weekday,
                       hour = excluded.hour, minute = excluded.minute, active = true,
                       updated_at = excluded.updated_at, stopped_reason = NULL""",
                [
                    chat_id,
                    chat_type,
                    weekly.weekday,
                    weekly.hour,
                    weekly.minute,
                    moment,
                    moment,
                    moment,
                ],
            )
        return self.get(chat_id)

    def unsubscribe(self, chat_id: int, now: datetime, reason: str = "unsubscribed") -> bool:
        """Stop deliveries; True when there was an active subscription."""
        with self.state.transaction() as db:
            stopped = db.execute(
                """UPDATE subscriptions SET active = false, updated_at = ?, stopped_reason = ?
                   WHERE chat_id = ? AND active RETURNING chat_id""",
                [_naive_utc(now), reason, chat_id],
            ).fetchall()
        return bool(stopped)

    def move_chat(self, old_chat_id: int, new_chat_id: int, now: datetime) -> None:
        """A group became a supergroup: its subscription and history follow the new id."""
        with self.state.transaction() as db:
            for table in ("subscriptions", "snapshots", "deliveries"):
                db.execute(f"DELETE FROM {table} WHERE chat_id = ?", [new_chat_id])
                db.execute(
                    f"UPDATE {table} SET chat_id = ? WHERE chat_id = ?", [new_chat_id, old_chat_id]
                )
            db.execute(
                "UPDATE subscriptions SET updated_at = ? WHERE chat_id = ?",
                [_naive_utc(now), new_chat_id],
            )

    def get(self, chat_id: int) -> Subscription | None:
        rows = self.state.read(
            """SELECT chat_id, chat_type, weekday, hour, minute, active, since, created_at,
                      updated_at, stopped_reason
               FROM subscriptions WHERE chat_id = ?""",
            [chat_id],
        )
        if not rows:
            return None
        row = rows[0]
        return Subscription(
            chat_id=row[0],
            chat_type=row[1],
            weekly=Weekly(row[2], row[3], row[4]),
            active=row[5],
            since=_aware(row[6]),
            created_at=_aware(row[7]),
            updated_at=_aware(row[8]),
            stopped_reason=row[9],
        )

    def active_count(self) -> int:
        return self.state.read("SELECT count(*) FROM subscriptions WHERE active")[0][0]

    def due(self, now: datetime) -> list[Due]:
        """Every active chat's one due slot (the latest, never a backlog), oldest slot first."""
        rows = self.state.read(
            """SELECT s.chat_id, s.weekday, s.hour, s.minute, s.since, d.last_slot
               FROM subscriptions s
               LEFT JOIN (SELECT chat_id, max(slot) AS last_slot FROM deliveries
                          WHERE slot >= ? GROUP BY chat_id) d USING (chat_id)
               WHERE s.active""",
            # Older log rows cannot matter (the latest slot is within the last week), and
            # skipping them keeps this query flat as the log grows.
            [_naive_utc(now - timedelta(days=8))],
        )
        found = []
        for chat_id, weekday, hour, minute, since, last_slot in rows:
            slot = due_slot(Weekly(weekday, hour, minute), now, _aware(since), _aware(last_slot))
            if slot is not None:
                found.append(Due(chat_id, slot.astimezone(UTC)))
        found.sort(key=lambda due: (due.slot, due.chat_id))
        return found

    def claim(
        self, chat_id: int, slot: datetime, now: datetime, settle: Outcome | None = None
    ) -> bool:
        """Record 'sending' for (chat, slot) before the message goes out.

        False when the slot was already claimed (the unique key) or the chat unsubscribed
        meanwhile: the caller must not send. `settle`, the outcome of the previous send, is
        written in the same transaction: one commit per message instead of two.
        """
        try:
            with self.state.transaction() as db:
                if settle is not None:
                    self._settle(db, settle, _naive_utc(now))
                # A plain insert: the primary key refuses a second claim, and is several
                # times cheaper than ON CONFLICT in DuckDB.
                inserted = db.execute(
                    """INSERT INTO deliveries (chat_id, slot, status, attempts, claimed_at)
                       SELECT chat_id, ?, 'sending', 0, ? FROM subscriptions
                       WHERE chat_id = ? AND active RETURNING chat_id""",
                    [_naive_utc(slot), _naive_utc(now), chat_id],
                ).fetchall()
        except duckdb.ConstraintException:
            if settle is not None:
                self.settle(settle, now)
            return False
        return bool(inserted)

    def release(self, chat_id: int, slot: datetime) -> None:
        """Undo a claim whose message provably never left us: the slot is due again."""
        with self.state.transaction() as db:
            db.execute(
                "DELETE FROM deliveries WHERE chat_id = ? AND slot = ? AND status = 'sending'",
                [chat_id, _naive_utc(slot)],
            )

    def finish(
        self,
        chat_id: int,
        slot: datetime,
        now: datetime,
        *,
        status: str,
        attempts: int,
        message_id: int | None = None,
        error: str | None = None,
        snapshot: dict | None = None,
    ) -> None:
        """Close a claimed slot ('sent', 'failed', 'unconfirmed'), with the snapshot sent."""
        self.settle(Outcome(chat_id, slot, status, attempts, message_id, error, snapshot), now)

    def settle(self, outcome: Outcome, now: datetime) -> None:
        with self.state.transaction() as db:
            self._settle(db, outcome, _naive_utc(now))

    def _settle(self, db: duckdb.DuckDBPyConnection, outcome: Outcome, moment: datetime) -> None:
        db.execute(
            """UPDATE deliveries SET status = ?, attempts = ?, finished_at = ?,
                      message_id = ?, error = ?
               WHERE chat_id = ? AND slot = ? AND status = 'sending'""",
            [
                outcome.status,
                outcome.attempts,
                moment,
                outcome.message_id,
                outcome.error,
                outcome.chat_id,
                _naive_utc(outcome.slot),
            ],
        )
        if outcome.snapshot is not None:
            self._put_snapshot(db, outcome.chat_id, outcome.snapshot, moment)

    def recover(self, now: datetime) -> list[Due]:
        """At start-up: slots a killed process claimed but never confirmed.

        They may or may not have reached the chat; they become 'unconfirmed' and are not
        sent again (at most once for that single in-flight message).
        """
        with self.state.transaction() as db:
            rows = db.execute(
                """UPDATE deliveries SET status = 'unconfirmed', finished_at = ?
                   WHERE status = 'sending' RETURNING chat_id, slot""",
                [_naive_utc(now)],
            ).fetchall()
        return [Due(chat_id, _aware(slot)) for chat_id, slot in rows]

    def deliveries(self, chat_id: int | None = None) -> list[tuple[int, datetime, str, int]]:
        """(chat_id, slot, status, attempts), for tests, benchmarks and operators."""
        query = "SELECT chat_id, slot, status, attempts FROM deliveries"
        params: list = []
        if chat_id is not None:
            query += " WHERE chat_id = ?"
            params.append(chat_id)
        rows = self.state.read(query + " ORDER BY slot, chat_id", params)
        return [(c, _aware(s), status, attempts) for c, s, status, attempts in rows]

    def snapshot_fingerprints(self) -> dict[int, str]:
        """Each chat's last-summary fingerprint: chats sharing one share their 'what changed'."""
        return dict(
            self.state.read(
                "SELECT chat_id, json_extract_string(snapshot, '$.fingerprint') FROM snapshots"
            )
        )

    def last_snapshot(self, chat_id: int) -> dict | None:
        """The key figures of the last summary this chat received, if any."""
        rows = self.state.read("SELECT snapshot FROM snapshots WHERE chat_id = ?", [chat_id])
        return json.loads(rows[0][0]) if rows else None

    def record_snapshot(self, chat_id: int, snapshot: dict, now: datetime) -> None:
        with self.state.transaction() as db:
            self._put_snapshot(db, chat_id, snapshot, _naive_utc(now))

    @staticmethod
    def _put_snapshot(
        db: duckdb.DuckDBPyConnection, chat_id: int, snapshot: dict, moment: datetime
    ) -> None:
        db.execute(
            """INSERT INTO snapshots VALUES (?, ?, ?)
               ON CONFLICT (chat_id) DO UPDATE SET snapshot = excluded.snapshot,
                   recorded_at = excluded.recorded_at""",
            [chat_id, json.dumps(snapshot, ensure_ascii=False), moment],
        )
