"""The error handler: log the failure, apologise to the person waiting, keep serving."""

import contextlib
import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import Application, ContextTypes

from handlers import texts
from handlers.replies import acknowledge

logger = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log what went wrong and, where someone asked something, say so politely."""
    update_id = update.update_id if isinstance(update, Update) else None
    error = context.error
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        # Telegram is unreachable; an apology would fail the same way.
        logger.warning("update %s: Telegram unreachable: %s", update_id, error)
        return
    if isinstance(error, Forbidden):
        logger.warning("update %s: the bot may not write to this chat: %s", update_id, error)
        return
    logger.error("update %s failed", update_id, exc_info=error)
    if not isinstance(update, Update):
        return
    if update.callback_query:
        await acknowledge(update.callback_query, texts.ERROR)
    elif update.effective_message and update.effective_chat:
        with contextlib.suppress(TelegramError):
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)


def register(app: Application) -> None:
    app.add_error_handler(on_error)
