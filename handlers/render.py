"""Engine answers as Telegram HTML messages: the first line bold, everything escaped, split to fit."""

from __future__ import annotations

import html
from collections.abc import Iterable

from knowledge import Answer
from services.limits import MESSAGE_LIMIT, telegram_length


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
