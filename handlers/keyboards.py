"""Inline keyboards under answers: candidates, follow-ups and the 「근거 SQL」 button.

Every button's callback data comes from the ButtonBook (services.buttons), so a tap can only
name something the bot offered. The evidence button carries the query's key and parameters,
so it keeps working after a restart when it fits in the callback data (the key is known again
once a question of the same shape has been answered).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.requests import EVIDENCE_BUTTON, QUESTION_BUTTON
from knowledge import Answer, Choice
from knowledge.planning.statements import statement, statement_key
from services.buttons import ButtonBook

EVIDENCE_LABEL = "근거 SQL"

# Buttons per follow-up row, and how many label characters fit side by side on a phone.
ROW_BUTTONS = 3
ROW_CHARACTERS = 18


def _json_value(value: object) -> object:
    # Dates travel as ISO text; the engine's templates cast them back (CAST(? AS DATE)).
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


def evidence_payload(answer: Answer) -> str | None:
    """What the evidence button stands for: the query (its key when it is a template) and
    its parameters as JSON; None when the answer has no SQL."""
    if answer.sql is None:
        return None
    key = statement_key(answer.sql)
    reference = key if statement(key) == answer.sql else answer.sql
    params = [_json_value(value) for value in answer.params]
    return json.dumps([reference, *params], ensure_ascii=False, separators=(",", ":"))


def question_button(choice: Choice, book: ButtonBook) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        choice.label, callback_data=book.offer(QUESTION_BUTTON, choice.query)
    )


def _rows(buttons: list[InlineKeyboardButton], labels: list[str]) -> list[list]:
    """Pack short follow-up buttons side by side, long ones alone."""
    rows: list[list] = []
    width = 0
    for button, label in zip(buttons, labels, strict=True):
        if rows and len(rows[-1]) < ROW_BUTTONS and width + len(label) <= ROW_CHARACTERS:
            rows[-1].append(button)
            width += len(label)
        else:
            rows.append([button])
            width = len(label)
    return rows


def keyboard(answer: Answer, book: ButtonBook) -> InlineKeyboardMarkup | None:
    """Candidates one per row (they must be read), then follow-ups packed in rows, then
    the evidence button."""
    rows = [[question_button(choice, book)] for choice in answer.choices]
    followups = [question_button(choice, book) for choice in answer.followups]
    rows.extend(_rows(followups, [choice.label for choice in answer.followups]))
    payload = evidence_payload(answer)
    if payload is not None:
        data = book.offer(EVIDENCE_BUTTON, payload)
        rows.append([InlineKeyboardButton(EVIDENCE_LABEL, callback_data=data)])
    return InlineKeyboardMarkup(rows) if rows else None


def question_keyboard(questions: Iterable[str], book: ButtonBook) -> InlineKeyboardMarkup:
    """One button per example question, each asking itself when tapped."""
    return InlineKeyboardMarkup(
        [[question_button(Choice(label=q, query=q), book)] for q in questions]
    )
