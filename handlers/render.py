"""Engine answers as Telegram HTML messages, inline keyboards and callback data."""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, MutableMapping

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.evidence import evidence_button
from knowledge import Answer, Choice

MESSAGE_LIMIT = 4096
CALLBACK_LIMIT = 64

# Callback data prefixes owned by this module; other features pick their own.
QUESTION_PREFIX = "q:"
KEY_PREFIX = "k:"

# Buttons per follow-up row, and how many label characters fit side by side on a phone.
ROW_BUTTONS = 3
ROW_CHARACTERS = 18


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _pieces(line: str, limit: int) -> list[str]:
    """Cut one over-long line so each escaped piece stays within `limit`."""
    pieces, current, size = [], "", 0
    for char in line:
        width = telegram_length(html.escape(char))
        if current and size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += char
        size += width
    return [*pieces, current]


def split_html(lines: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Pack already-escaped lines into messages of at most `limit`, breaking between lines."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        extra = telegram_length(line) + (1 if current else 0)
        if current and size + extra > limit:
            chunks.append("\n".join(current))
            current, size = [], 0
            extra = telegram_length(line)
        current.append(line)
        size += extra
    if current:
        chunks.append("\n".join(current))
    return chunks or [""]


def render_html(answer: Answer, limit: int = MESSAGE_LIMIT) -> list[str]:
    """The answer's text as HTML messages: the first line bold, everything escaped."""
    lines: list[str] = []
    for index, raw in enumerate(answer.text.strip("\n").split("\n")):
        bold = index == 0 and bool(raw.strip())
        room = limit - len("<b></b>") if bold else limit
        for piece in _pieces(raw, room):
            escaped = html.escape(piece)
            lines.append(f"<b>{escaped}</b>" if bold and piece else escaped)
    return split_html(lines, limit)


def callback_key(query: str) -> str:
    """A short stable key for a question too long to travel in callback data."""
    digest = hashlib.blake2b(query.encode(), digest_size=9).digest()
    return KEY_PREFIX + base64.urlsafe_b64encode(digest).decode()


def callback_data(choice: Choice, remembered: MutableMapping[str, str] | None = None) -> str:
    """The question itself when it fits in 64 bytes, else a key remembered for later taps."""
    data = QUESTION_PREFIX + choice.query
    if len(data.encode()) <= CALLBACK_LIMIT:
        return data
    key = callback_key(choice.query)
    if remembered is not None:
        remembered[key] = choice.query
    return key


def question_from_callback(data: str, remembered: MutableMapping[str, str]) -> str | None:
    """The question a button stands for, or None when the button is unknown or expired."""
    if data.startswith(QUESTION_PREFIX):
        return data.removeprefix(QUESTION_PREFIX) or None
    if data.startswith(KEY_PREFIX):
        return remembered.get(data)
    return None


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


def keyboard(
    answer: Answer, remembered: MutableMapping[str, str] | None = None
) -> InlineKeyboardMarkup | None:
    """Candidates one per row (they must be read), then follow-ups packed in rows."""
    rows = [
        [InlineKeyboardButton(choice.label, callback_data=callback_data(choice, remembered))]
        for choice in answer.choices
    ]
    followups = [
        InlineKeyboardButton(choice.label, callback_data=callback_data(choice, remembered))
        for choice in answer.followups
    ]
    rows.extend(_rows(followups, [choice.label for choice in answer.followups]))
    evidence = evidence_button(answer, remembered if remembered is not None else {})
    if evidence is not None:
        rows.append([evidence])
    return InlineKeyboardMarkup(rows) if rows else None


def question_keyboard(questions: Iterable[str]) -> InlineKeyboardMarkup:
    """One button per example question, each asking itself when tapped."""
    choices = [Choice(label=question, query=question) for question in questions]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(c.label, callback_data=callback_data(c))] for c in choices]
    )
