"""Every statement the planner has compiled in this process, by a short stable key.

The 「근거 SQL」 button names its statement by key instead of carrying the text (Telegram's
callback data holds 64 bytes). Statements depend only on a question's shape, so a key names
the same text in every process; after a restart a key is known again once a question of that
shape has been answered.
"""

from __future__ import annotations

import base64
import hashlib
import threading

KEPT = 10_000  # shapes are few (hundreds); the bound only guards against surprises

_statements: dict[str, str] = {}
_lock = threading.Lock()


def statement_key(sql: str) -> str:
    """A short stable name for a statement's text."""
    digest = hashlib.blake2b(sql.encode(), digest_size=8).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def remember(sql: str) -> str:
    """Keep a compiled statement under its key; returns the text unchanged."""
    key = statement_key(sql)
    with _lock:
        if key not in _statements and len(_statements) < KEPT:
            _statements[key] = sql
    return sql


def statement(key: str) -> str | None:
    """The statement compiled under `key`, or None when none of that shape was compiled."""
    return _statements.get(key)
