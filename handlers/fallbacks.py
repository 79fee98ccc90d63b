"""Whatever no feature took: buttons we did not offer, unknown commands, non-text messages."""

from telegram import Update
from telegram.constants import ChatType

from handlers import texts
from handlers.context import BotContext
from handlers.replies import acknowledge
from handlers.requests import addressed_to_bot


async def unknown_button(update: Update, context: BotContext) -> None:
    """Tell the person a button from an old or unknown keyboard no longer works."""
    await acknowledge(update.callback_query, texts.STALE_BUTTON)


async def not_text(update: Update, context: BotContext) -> None:
    """Ask for a written question when a sticker, photo or voice note arrives."""
    await update.effective_message.reply_text(texts.TEXT_ONLY)


async def anything_else(update: Update, context: BotContext) -> None:
    """A command no feature has: point to /help in a private chat or when the bot was
    addressed; a bare `/command` in a group may be meant for another bot."""
    if update.callback_query is not None:
        await unknown_button(update, context)
        return
    message = update.effective_message
    if message is None:
        return
    if message.chat.type == ChatType.PRIVATE or addressed_to_bot(message):
        await message.reply_text(texts.UNKNOWN_COMMAND)


ROUTES = {"stale_button": unknown_button, "not_text": not_text}
