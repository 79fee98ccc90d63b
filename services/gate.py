"""Who may do what, and how often: the one decision every update passes before any feature.

The caller (handlers.guard) has already read what the update asks for; the gate decides on
that, never on the raw text, so every way of asking for the same thing is judged the same.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from services.access import AccessPolicy, Remembered
from services.ratelimit import RateLimiter, Verdict

# What needs more than being let in.
SQL = "sql"
ADMIN = "admin"


class Outcome(enum.Enum):
    """The gate's answer; anything but PASS stops the update before the features."""

    PASS = "pass"
    # Not on the allow-lists: told once, then silence.
    NOT_ALLOWED = "not_allowed"
    NOT_ALLOWED_SILENT = "not_allowed_silent"
    # Over the per-person limit: told once a window, then silence.
    TOO_MANY = "too_many"
    TOO_MANY_SILENT = "too_many_silent"
    # Let in, but this feature is for fewer people (BOT_SQL_USERS, BOT_ADMINS).
    NO_SQL = "no_sql"
    ADMINS_ONLY = "admins_only"


@dataclass
class Gate:
    """The allow-lists, the per-person limit, and who may use /sql and the admin commands."""

    policy: AccessPolicy = field(default_factory=AccessPolicy)
    limiter: RateLimiter = field(default_factory=lambda: RateLimiter(0))
    # Empty: everyone let in may use /sql (public data, read-only sandbox).
    sql_users: frozenset[int] = frozenset()
    told: Remembered = field(default_factory=Remembered)

    def decide(self, user_id: int | None, chat_id: int | None, needs: str | None) -> Outcome:
        """One update from `user_id` in `chat_id` asking for something that `needs` a right
        (SQL, ADMIN or None). Every update that reaches here counts against the limit."""
        if not self.policy.allows(user_id, chat_id):
            # One refusal per person, then silence; never a word to an unknown sender.
            first = user_id is not None and self.told.add(user_id)
            return Outcome.NOT_ALLOWED if first else Outcome.NOT_ALLOWED_SILENT
        if user_id is not None:
            verdict = self.limiter.check(user_id)
            if verdict is Verdict.NOTICE:
                return Outcome.TOO_MANY
            if verdict is Verdict.SILENT:
                return Outcome.TOO_MANY_SILENT
        if needs == SQL and self.sql_users and user_id not in self.sql_users:
            return Outcome.NO_SQL
        if needs == ADMIN and not self.policy.is_admin(user_id):
            return Outcome.ADMINS_ONLY
        return Outcome.PASS
