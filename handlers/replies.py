"""What every feature needs to answer: typing while slow, settling buttons, sending answers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from telegram import Bot, CallbackQuery, Message, ReplyParameters
from telegram.constants import ChatAction
from telegram.error import TelegramError, TimedOut

from handlers import render
from handlers.context import BotContext
from handlers.keyboards import keyboard
from handlers.usage import record_answer
from knowledge import Answer
from knowledge.conversation import Conversation

logger = logging.getLogger(__name__)

# Typing shows only when work is slow enough to notice; Telegram clears it after ~5 s.
TYPING_AFTER = 0.3
TYPING_EVERY = 4.5


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


async def send_answer(
    context: BotContext, chat_id: int, answer: Answer, reply_to: Message | None
) -> list[Message]:
    """Send the answer as HTML, split if long, buttons under the last part; the parts sent."""
    chunks = render.render_html(answer)
    markup = keyboard(answer, context.buttons)
    quote = (
        ReplyParameters(reply_to.message_id, allow_sending_without_reply=True) if reply_to else None
    )
    sent: list[Message] = []
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        try:
            message = await context.bot.send_message(
                chat_id,
                chunk,
                reply_markup=markup if last else None,
                reply_parameters=quote if index == 0 else None,
            )
            sent.append(message)
        except TimedOut:
            # The reply may well have arrived; resending could show it twice (bot.transport).
            logger.warning("reply part %d/%d to chat %s timed out", index + 1, len(chunks), chat_id)
    return sent


async def answer_question(
    context: BotContext,
    chat_id: int,
    question: str,
    reply_to: Message | None,
    conversation: Conversation | None = None,
) -> Answer:
    """Ask the engine (a follow-up within `conversation`) and send its answer, typing while
    the engine takes a while. A later reply to the answer goes on from where it left off."""
    # Only our own work shows typing: a send held back by the rate limiter would hold
    # the typing action back just the same, and spend the chat's message budget.
    async with typing_while_slow(context.bot, chat_id):
        answer = await context.ask(question, conversation)
    record_answer(context, question, answer)
    sent = await send_answer(context, chat_id, answer, reply_to)
    if conversation is not None:
        for message in sent:
            context.conversations.pin((chat_id, message.message_id), conversation)
    logger.info(
        "answered chat %s: intent=%s choices=%d", chat_id, answer.intent, len(answer.choices)
    )
    return answer
