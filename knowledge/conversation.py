"""Conversations: the last question each one understood, kept for a while and for a few of them.

A conversation holds typed questions and the query behind its last answer, never the text
people sent; it expires after a quiet spell, and only the most recent ones are kept.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from knowledge.answer import UNANSWERED, Answer
from knowledge.reading.question import Question

QUIET_SECONDS = 30 * 60
KEPT = 10_000


@dataclass(frozen=True)
class Evidence:
    """What `왜?`/`근거는?` shows about the last answer: its query and where its figures are."""

    sql: str | None
    params: tuple
    sources: tuple[str, ...]
    entity: str | None


class Conversation:
    """One conversation: the last question understood, and the evidence of the last answer."""

    def __init__(self) -> None:
        self.last: Question | None = None
        self.evidence: Evidence | None = None

    def remember(self, question: Question, answer: Answer) -> None:
        """Keep what a later message may build on; a reply that understood nothing keeps the
        conversation where it was."""
        if answer.intent in (UNANSWERED, "help") or question.asks in ("help", "why"):
            return
        self.last = question
        if answer.sql is not None or answer.sources:
            self.evidence = Evidence(answer.sql, answer.params, answer.sources, answer.entity)


class Conversations:
    """Conversations by key (a chat, or a person in a group), bounded and expiring."""

    def __init__(
        self,
        quiet_seconds: float = QUIET_SECONDS,
        kept: int = KEPT,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.quiet_seconds = quiet_seconds
        self.kept = kept
        self.clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Conversation]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Conversation:
        """The conversation under `key`: a new one when there was none or it went quiet."""
        now = self.clock()
        with self._lock:
            entry = self._items.pop(key, None)
            conversation = Conversation()
            if entry is not None and now - entry[0] <= self.quiet_seconds:
                conversation = entry[1]
            self._items[key] = (now, conversation)
            while len(self._items) > self.kept:
                self._items.popitem(last=False)
            return conversation

    def reset(self, key: Hashable) -> None:
        with self._lock:
            self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)
