"""Tapped answer buttons: a candidate of an ambiguous question, a follow-up, a /start example."""

import logging

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from handlers import render, texts
from handlers.replies import acknowledge, answer_question, remembered_keys

logger = logging.getLogger(__name__)

PATTERN = rf"^({render.QUESTION_PREFIX}|{render.KEY_PREFIX})"


def tapped_label(update: Update) -> str | None:
    """The label of the tapped button, read back from the message it sits under."""
    query = update.callback_query
    if not isinstance(query.message, Message) or not query.message.reply_markup:
        return None
    for row in query.message.reply_markup.inline_keyboard:
        for button in row:
            if button.callback_data == query.data:
                return button.text
    return None


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the question behind the tapped button, as if it had been typed."""
    query = update.callback_query
    # A long question's key is forgotten on restart; its label is the next best question.
    question = render.question_from_callback(query.data, remembered_keys(context))
    question = question or tapped_label(update)
    if question is None or query.message is None:
        await acknowledge(query, texts.STALE_BUTTON)
        return
    await acknowledge(query)
    chat = query.message.chat
    in_group = chat.type != ChatType.PRIVATE
    reply_to = query.message if in_group and isinstance(query.message, Message) else None
    await answer_question(context, chat.id, question, reply_to=reply_to)


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(button, pattern=PATTERN))
