"""/start: a short welcome with example questions to tap."""

from telegram import Update

from handlers import texts
from handlers.context import BotContext
from handlers.help import show_help
from handlers.keyboards import question_keyboard

COMMANDS = (texts.START_COMMAND,)


async def start(update: Update, context: BotContext) -> None:
    """Greet the person and offer example questions as buttons."""
    # The inline-mode "사용법 보기" button opens the chat with /start help.
    if context.request.text == "help":
        await show_help(update, context)
        return
    await update.effective_message.reply_text(
        texts.WELCOME, reply_markup=question_keyboard(texts.START_EXAMPLES, context.buttons)
    )


ROUTES = {"/start": start}
