"""The error handler: log the failure, tell the person waiting in a short message, keep serving."""

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from handlers import texts
from handlers.context import BotContext
from handlers.replies import acknowledge
from services.limits import RequestTooLarge

logger = logging.getLogger(__name__)


async def tell(update: object, context: BotContext, text: str) -> None:
    """Say `text` in the chat `update` came from (a tapped button's too), else in the button's
    answer; a failure here is only logged."""
    if not isinstance(update, Update):
        return
    if update.effective_chat is not None:
        with contextlib.suppress(TelegramError):
            # Plain text: whatever failed must not fail again on markup.
            await context.bot.send_message(update.effective_chat.id, text, parse_mode=None)
    elif update.callback_query is not None:
        await acknowledge(update.callback_query, text)


async def on_error(update: object, context: BotContext) -> None:
    """Log what went wrong and, where someone asked something, say so politely."""
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    if isinstance(error, BadRequest):
        # Telegram refused what we sent (a file too large, text it would not take): the
        # person would otherwise wait for nothing.
        logger.warning("update %s: Telegram refused a send: %s", update_id, error)
        too_large = isinstance(error, RequestTooLarge)
        await tell(update, context, texts.SEND_TOO_LARGE if too_large else texts.SEND_REFUSED)
        return
    if isinstance(error, NetworkError):
        # Telegram is unreachable; a message about it would fail the same way.
        logger.warning("update %s: Telegram unreachable: %s", update_id, error)
        return
    if isinstance(error, Forbidden):
        logger.warning("update %s: the bot may not write to this chat: %s", update_id, error)
        return
    logger.error("update %s failed", update_id, exc_info=error)
    await tell(update, context, texts.ERROR)
