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
from knowledge.reading.follow import Before
from knowledge.reading.question import Question, Subject

QUIET_SECONDS = 30 * 60
KEPT = 10_000
RECENT = 4  # things talked about that `둘이 합치면?` can reach back to


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
        self.recent: tuple[Subject, ...] = ()  # oldest first
        self.listed: tuple[Subject, ...] = ()  # what the last answer listed
        self.earlier: Question | None = None  # the question understood before the last
        self.ranked: tuple[Subject, ...] = ()  # the things ranked first in turn (at most two)

    def copy(self) -> Conversation:
        """The conversation as it stands: a later message may go on from here."""
        copied = Conversation()
        copied.last, copied.evidence, copied.recent = self.last, self.evidence, self.recent
        copied.listed, copied.earlier, copied.ranked = self.listed, self.earlier, self.ranked
        return copied

    def before(self) -> Before | None:
        """What the next message is read against; None before anything was understood."""
        if self.last is None:
            return None
        return Before(self.last, self.recent, self.listed, self.earlier, self.ranked)

    def remember(self, question: Question, answer: Answer) -> None:
        """Keep what a later message may build on; a reply that understood nothing keeps the
        conversation where it was."""
        if answer.intent in (UNANSWERED, "help") or question.asks in ("help", "why"):
            return
        self.earlier, self.last = self.last, question
        self.listed = tuple(answer.listed)
        if answer.intent == "duty" and answer.entity and not self.listed:
            # "거기 인원은?" after "… 어느 과야?": the 과 the reply named.
            self.listed = (Subject("division", answer.entity, answer.entity, ref=answer.entity),)
        named = [s for part in (question.parts or (question,)) for s in part.subjects]
        # "과별 지출 집행률 제일 높은 데" then "꼴찌는?": the ones ranked in turn, for "둘이 몇
        # %p 차이야" after them.
        ranked_one = question.asks == "rank" and len(self.listed) == 1
        self.ranked = (*self.ranked, *self.listed)[-2:] if ranked_one else ()
        if named:
            kept = [s for s in self.recent if s not in named] + list(dict.fromkeys(named))
            self.recent = tuple(kept[-RECENT:])
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
        # The conversation as it stood after each answer, by the answer's message: a reply to
        # an older answer goes on from there. As many as conversations are kept.
        self._answers: OrderedDict[Hashable, Conversation] = OrderedDict()
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

    def pin(self, message: Hashable, conversation: Conversation) -> None:
        """Keep `conversation` as it stands under an answer's `message` (e.g. (chat, id))."""
        with self._lock:
            self._answers[message] = conversation.copy()
            self._answers.move_to_end(message)
            while len(self._answers) > self.kept:
                self._answers.popitem(last=False)

    def resume(self, key: Hashable, message: Hashable) -> Conversation:
        """The conversation under `key`, going on from the answer `message` when it is one
        of ours still kept (a reply-to); else as `get`."""
        with self._lock:
            pinned = self._answers.get(message)
        if pinned is None:
            return self.get(key)
        conversation = pinned.copy()
        with self._lock:
            self._items.pop(key, None)
            self._items[key] = (self.clock(), conversation)
            while len(self._items) > self.kept:
                self._items.popitem(last=False)
        return conversation

    def reset(self, key: Hashable) -> None:
        """Forget the conversation under `key` (/reset); answers pinned stay replyable."""
        with self._lock:
            self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)
