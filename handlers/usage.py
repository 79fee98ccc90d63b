"""Counting what the bot does for /stats, and keeping the questions it could not answer."""

from __future__ import annotations

import asyncio
import logging

from telegram.ext import Application, ContextTypes

from bot.config import Settings
from bot.usage import ANSWERED, ERRORS, UsageLog
from knowledge import Answer
from knowledge.answer import UNANSWERED

logger = logging.getLogger(__name__)

USAGE = "usage"
FLUSH_EVERY = 60.0


def usage_of(bot_data: dict) -> UsageLog | None:
    return bot_data.get(USAGE)


def record_answer(context: ContextTypes.DEFAULT_TYPE, question: str, answer: Answer) -> None:
    """Count an answered question; keep an unanswered one's text, without who asked it."""
    # The text itself only at DEBUG: INFO logs must not carry what people wrote.
    logger.debug("question", extra={"fields": {"text": question, "intent": answer.intent}})
    usage = usage_of(context.bot_data)
    if usage is None:
        return
    if answer.intent == UNANSWERED:
        usage.record_unanswered(question)
    else:
        usage.count(ANSWERED)


async def count_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every error reaches each error handler; this one only counts it."""
    usage = usage_of(context.bot_data)
    if usage is not None:
        usage.count(ERRORS)


async def flush(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Write the counts gathered since the last flush (a repeating job)."""
    usage = usage_of(context.bot_data)
    if usage is None:
        return
    try:
        await asyncio.to_thread(usage.flush)
    except Exception:
        # The counts stay in memory for the next try; a full disk must not stop the bot.
        logger.exception("could not write usage counts")


def close(app: Application) -> None:
    """At shutdown: write what is left and release the file."""
    usage = app.bot_data.pop(USAGE, None)
    if usage is not None:
        usage.close()


def register(app: Application) -> None:
    settings: Settings = app.bot_data.get("settings") or Settings.from_env()
    if USAGE not in app.bot_data:
        app.bot_data[USAGE] = UsageLog(settings.bot_state_db)
    app.add_error_handler(count_error)
    app.job_queue.run_repeating(flush, FLUSH_EVERY, first=FLUSH_EVERY, name="usage-flush")
