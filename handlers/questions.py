"""Typed questions: every text in a private chat, and in groups only what is meant for the bot."""

import re

from telegram import Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from handlers.replies import answer_question


class AddressedToBot(filters.MessageFilter):
    """A message that mentions the bot or replies to one of its messages."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied and replied.from_user and replied.from_user.id == bot.id:
            return True
        mentions = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
        for entity, text in mentions.items():
            if entity.type == MessageEntity.MENTION and text[1:].lower() == bot.username.lower():
                return True
            if entity.type == MessageEntity.TEXT_MENTION and entity.user.id == bot.id:
                return True
        return False


PRIVATE_TEXT = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
GROUP_TEXT = filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND & AddressedToBot()


def without_mention(text: str, username: str) -> str:
    """The question with `@bot` taken out, wherever it was typed."""
    return re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE).strip()


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a typed question with the engine's reply."""
    message = update.effective_message
    text = without_mention(message.text, context.bot.username)
    in_group = message.chat.type != ChatType.PRIVATE
    # A bare mention or blank text goes to the engine too: it answers with examples.
    await answer_question(context, message.chat_id, text, reply_to=message if in_group else None)


def register(app: Application) -> None:
    # Only new messages: answering an edit would post a second reply to the same question.
    app.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & (PRIVATE_TEXT | GROUP_TEXT), question)
    )
