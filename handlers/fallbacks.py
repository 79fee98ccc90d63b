"""Whatever no feature took: unknown buttons, unknown commands and non-text in private chats."""

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from handlers import texts
from handlers.replies import acknowledge

PRIVATE_MESSAGE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE


async def unknown_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Tell the person a button from an old or unknown keyboard no longer works."""
    await acknowledge(update.callback_query, texts.STALE_BUTTON)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Point to /help for a command the bot does not know."""
    await update.effective_message.reply_text(texts.UNKNOWN_COMMAND)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Ask for a written question when a sticker, photo or voice note arrives."""
    await update.effective_message.reply_text(texts.TEXT_ONLY)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(unknown_button))
    app.add_handler(MessageHandler(PRIVATE_MESSAGE & filters.COMMAND, unknown_command))
    app.add_handler(
        MessageHandler(PRIVATE_MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL, not_text)
    )
