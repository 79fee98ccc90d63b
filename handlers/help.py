"""/help: what can be asked, by kind, with examples."""

import html

from telegram import Update

from handlers import texts
from handlers.context import BotContext

COMMANDS = (texts.HELP_COMMAND,)


async def show_help(update: Update, context: BotContext) -> None:
    """Explain what can be asked, with examples of each kind."""
    username = html.escape(context.bot.username or "bot")
    await update.effective_message.reply_text(texts.HELP.format(username=username))


ROUTES = {"/help": show_help}
