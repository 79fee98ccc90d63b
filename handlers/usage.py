"""Counting what the bot does for /stats, and keeping the questions it could not answer."""

from __future__ import annotations

import asyncio
import logging

from handlers.context import BotContext
from knowledge import Answer
from knowledge.answer import UNANSWERED
from services.usage import ANSWERED, ERRORS

logger = logging.getLogger(__name__)

FLUSH_EVERY = 60.0


def record_answer(context: BotContext, question: str, answer: Answer) -> None:
    """Count an answered question; keep an unanswered one's text, without who asked it."""
    # The text itself only at DEBUG: INFO logs must not carry what people wrote.
    logger.debug("question", extra={"fields": {"text": question, "intent": answer.intent}})
    usage = context.usage
    if usage is None:
        return
    if answer.intent == UNANSWERED:
        usage.record_unanswered(question)
    else:
        usage.count(ANSWERED)


async def count_error(update: object, context: BotContext) -> None:
    """Every error reaches each error handler; this one only counts it."""
    if context.usage is not None:
        context.usage.count(ERRORS)


async def flush(context: BotContext) -> None:
    """Write the counts gathered since the last flush (a repeating job)."""
    usage = context.usage
    if usage is None:
        return
    try:
        await asyncio.to_thread(usage.flush)
    except Exception:
        # The counts stay in memory for the next try; a full disk must not stop the bot.
        logger.exception("could not write usage counts")
