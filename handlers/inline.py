"""Inline mode: `@bot 질문` in any chat offers the answer as an article to send."""

import hashlib

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import Application, ContextTypes, InlineQueryHandler

from handlers import render, texts
from handlers.replies import ask_engine
from knowledge import Answer

# Answers only change with a new report; let Telegram reuse them for a few minutes.
CACHE_SECONDS = 300
MAX_RESULTS = 10
TITLE_CHARACTERS = 64


def article(question: str, answer: Answer, title: str | None = None) -> InlineQueryResultArticle:
    """One sendable result: the first line as title, the rest as description."""
    lines = [line for line in answer.text.split("\n") if line.strip()] or [answer.text]
    result_id = hashlib.blake2b(question.encode(), digest_size=16).hexdigest()
    return InlineQueryResultArticle(
        id=result_id,
        title=(title or lines[0])[:TITLE_CHARACTERS],
        description=" ".join(lines[1:3] if title is None else lines[:2])[: TITLE_CHARACTERS * 2],
        # An inline message is a single message; the first part carries the answer.
        input_message_content=InputTextMessageContent(
            render.render_html(answer)[0], parse_mode=ParseMode.HTML
        ),
    )


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer an inline query with one article, or one per candidate when it is ambiguous."""
    query = update.inline_query
    question = query.query.strip()
    hint = InlineQueryResultsButton(text=texts.INLINE_HINT, start_parameter="help")
    if not question:
        await query.answer([], button=hint, cache_time=CACHE_SECONDS)
        return
    answer = await ask_engine(context, question)
    if answer.choices:
        results = [
            article(choice.query, await ask_engine(context, choice.query), title=choice.label)
            for choice in answer.choices[:MAX_RESULTS]
        ]
    else:
        results = [article(question, answer)]
    await query.answer(results, button=hint, cache_time=CACHE_SECONDS)


def register(app: Application) -> None:
    app.add_handler(InlineQueryHandler(inline_query))
