"""What every feature needs to answer: the engine off the event loop, typing, sending."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, MutableMapping

from telegram import Bot, CallbackQuery, Message, ReplyParameters
from telegram.constants import ChatAction
from telegram.error import TelegramError, TimedOut
from telegram.ext import ContextTypes

from handlers import render
from handlers.usage import record_answer
from knowledge import Answer, Engine

logger = logging.getLogger(__name__)

# bot_data keys, set by bot.app.build_application.
ENGINE = "engine"
ENGINE_EXECUTOR = "engine_executor"
CALLBACK_KEYS = "callback_keys"

# Typing shows only when work is slow enough to notice; Telegram clears it after ~5 s.
TYPING_AFTER = 0.3
TYPING_EVERY = 4.5
CALLBACK_KEYS_KEPT = 10_000


def engine_of(context: ContextTypes.DEFAULT_TYPE) -> Engine:
    return context.bot_data[ENGINE]


async def ask_engine(context: ContextTypes.DEFAULT_TYPE, question: str) -> Answer:
    """The engine's answer, computed on its own thread (one DuckDB connection, one thread)."""
    loop = asyncio.get_running_loop()
    executor = context.bot_data.get(ENGINE_EXECUTOR)
    return await loop.run_in_executor(executor, engine_of(context).ask, question)


async def _keep_typing(bot: Bot, chat_id: int) -> None:
    await asyncio.sleep(TYPING_AFTER)
    while True:
        # A missed typing action costs nothing; never let it fail the reply.
        with contextlib.suppress(TelegramError):
            await bot.send_chat_action(chat_id, ChatAction.TYPING)
        await asyncio.sleep(TYPING_EVERY)


@contextlib.asynccontextmanager
async def typing_while_slow(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat if the enclosed work takes longer than TYPING_AFTER."""
    task = asyncio.create_task(_keep_typing(bot, chat_id))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def acknowledge(query: CallbackQuery, text: str | None = None) -> None:
    """Stop the button's spinner; if Telegram is unreachable the answer still goes out."""
    try:
        await query.answer(text)
    except TelegramError as error:
        logger.warning("could not answer callback query: %s", error)


def remembered_keys(context: ContextTypes.DEFAULT_TYPE) -> MutableMapping[str, str]:
    """Long button questions by key; bounded so a busy bot does not grow without end."""
    keys = context.bot_data.setdefault(CALLBACK_KEYS, {})
    while len(keys) > CALLBACK_KEYS_KEPT:
        del keys[next(iter(keys))]
    return keys


async def send_answer(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, answer: Answer, reply_to: Message | None
) -> None:
    """Send the answer as HTML, split if long, buttons under the last part."""
    chunks = render.render_html(answer)
    markup = render.keyboard(answer, remembered_keys(context))
    quote = (
        ReplyParameters(reply_to.message_id, allow_sending_without_reply=True) if reply_to else None
    )
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        try:
            await context.bot.send_message(
                chat_id,
                chunk,
                reply_markup=markup if last else None,
                reply_parameters=quote if index == 0 else None,
            )
        except TimedOut:
            # The reply may well have arrived; resending could show it twice (bot.transport).
            logger.warning("reply part %d/%d to chat %s timed out", index + 1, len(chunks), chat_id)


async def answer_question(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, question: str, reply_to: Message | None
) -> Answer:
    """Ask the engine and send its answer, typing while the engine takes a while."""
    # Only our own work shows typing: a send held back by the rate limiter would hold
    # the typing action back just the same, and spend the chat's message budget.
    async with typing_while_slow(context.bot, chat_id):
        answer = await ask_engine(context, question)
    record_answer(context, question, answer)
    await send_answer(context, chat_id, answer, reply_to)
    logger.info(
        "answered chat %s: intent=%s choices=%d", chat_id, answer.intent, len(answer.choices)
    )
    return answer
