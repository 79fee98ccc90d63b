"""Telegram's limits in one place, and text measured the way Telegram measures it."""

from __future__ import annotations

from telegram.error import BadRequest

# A message's text after entity parsing: UTF-16 units.
MESSAGE_LIMIT = 4096
# Callback data of an inline button: bytes.
CALLBACK_DATA_LIMIT = 64
# What Telegram shows of an inline result's title before cutting it on a phone.
INLINE_TITLE_CHARACTERS = 64
# Messages per second a bot may send across all chats.
MESSAGES_PER_SECOND = 30

CUT_MARK = "\n…"


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units, so an emoji counts twice."""
    return len(text.encode("utf-16-le")) // 2


def fit_message(text: str, limit: int = MESSAGE_LIMIT) -> str:
    """`text` whole when it fits one message; otherwise cut at a line break, marked with `…`."""
    if telegram_length(text) <= limit:
        return text
    kept: list[str] = []
    size = telegram_length(CUT_MARK)
    for line in text.split("\n"):
        size += telegram_length(line) + 1
        if size > limit:
            break
        kept.append(line)
    return "\n".join(kept) + CUT_MARK


class RequestTooLarge(BadRequest):
    """Telegram refused a request as too large (HTTP 413), e.g. a file over its upload limit."""
