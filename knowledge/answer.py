"""The structured answer the engine returns; the console and Telegram both render it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The intent of a reply that could not answer: worth adding an alias or a word for.
UNANSWERED = "unanswered"


@dataclass(frozen=True)
class Choice:
    """A button: the label a person sees and the question asked when it is tapped."""

    label: str
    query: str


@dataclass(frozen=True)
class Answer:
    """One reply: plain text whose first line answers, plus what produced it.

    `choices` are candidates when the question was ambiguous (the person must pick one);
    `followups` are optional next questions about the same entity.
    `sql` and `params` are the parameterised query behind a figure answer, runnable as-is.
    """

    text: str
    intent: str
    choices: tuple[Choice, ...] = ()
    followups: tuple[Choice, ...] = ()
    sources: tuple[str, ...] = ()
    sql: str | None = None
    params: tuple = field(default_factory=tuple)
    entity: str | None = None
    # The typed question this answers (knowledge.reading.question.Question), kept so that a
    # follow-up in the same conversation can take what it leaves out from it.
    question: Any = field(default=None, compare=False, repr=False)
    # What a set answer listed, in order (knowledge.reading.question.Subject): `그 사업 예산은?`
    # after it is asked of these.
    listed: tuple[Any, ...] = field(default=(), compare=False, repr=False)

    def button_labels(self) -> list[str]:
        return [choice.label for choice in self.choices]

    def to_json(self) -> dict:
        return {
            "reply": self.text,
            "buttons": [c.label for c in self.choices],
            "followups": [c.label for c in self.followups],
            "intent": self.intent,
            "entity": self.entity,
            "sources": list(self.sources),
            "sql": self.sql,
            "params": [str(p) for p in self.params],
        }
