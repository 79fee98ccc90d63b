"""/start: a short welcome with example questions to tap."""

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from handlers import render, texts
from handlers.help import show_help

COMMANDS = (texts.START_COMMAND,)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the person and offer example questions as buttons."""
    # The inline-mode "사용법 보기" button opens the chat with /start help.
    if context.args and context.args[0] == "help":
        await show_help(update, context)
        return
    await update.effective_message.reply_text(
        texts.WELCOME, reply_markup=render.question_keyboard(texts.START_EXAMPLES)
    )


def register(app: Application) -> None:
    app.add_handler(CommandHandler("start", start))
