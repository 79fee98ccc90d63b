"""Inline mode: `@bot 질문` in any chat offers the answer as an article to send."""

from __future__ import annotations

import hashlib

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode

from handlers import render, texts
from handlers.context import BotContext
from knowledge import Answer
from services.limits import INLINE_TITLE_CHARACTERS

# Answers only change with a new report; let Telegram reuse them for a few minutes.
CACHE_SECONDS = 300
MAX_RESULTS = 10


def hint_button() -> InlineQueryResultsButton:
    """The "사용법 보기" button above inline results: opens the chat with /start help."""
    return InlineQueryResultsButton(text=texts.INLINE_HINT, start_parameter="help")


def article(question: str, answer: Answer, title: str | None = None) -> InlineQueryResultArticle:
    """One sendable result: the first line as title, the rest as description."""
    lines = [line for line in answer.text.split("\n") if line.strip()] or [answer.text]
    result_id = hashlib.blake2b(question.encode(), digest_size=16).hexdigest()
    return InlineQueryResultArticle(
        id=result_id,
        title=(title or lines[0])[:INLINE_TITLE_CHARACTERS],
        description=" ".join(lines[1:3] if title is None else lines[:2])[
            : INLINE_TITLE_CHARACTERS * 2
        ],
        # An inline message is a single message; the first part carries the answer.
        input_message_content=InputTextMessageContent(
            render.render_html(answer)[0], parse_mode=ParseMode.HTML
        ),
    )


async def inline_query(update: Update, context: BotContext) -> None:
    """Answer an inline query with one article, or one per candidate when it is ambiguous."""
    query = update.inline_query
    question = context.request.text.strip()
    if not question:
        await query.answer([], button=hint_button(), cache_time=CACHE_SECONDS)
        return
    answer = await context.ask(question)
    if answer.choices:
        results = [
            article(choice.query, await context.ask(choice.query), title=choice.label)
            for choice in answer.choices[:MAX_RESULTS]
        ]
    else:
        results = [article(question, answer)]
    await query.answer(results, button=hint_button(), cache_time=CACHE_SECONDS)


ROUTES = {"inline:question": inline_query}
