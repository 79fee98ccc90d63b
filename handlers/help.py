"""/help: what can be asked, by kind, with examples."""

import html

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from handlers import texts

COMMANDS = (texts.HELP_COMMAND,)


async def show_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain what can be asked, with examples of each kind."""
    username = html.escape(context.bot.username or "bot")
    await update.effective_message.reply_text(texts.HELP.format(username=username))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("help", show_help))
