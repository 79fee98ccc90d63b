"""Questions for the engine: typed in a private chat, meant for the bot in a group, or tapped."""

from __future__ import annotations

from telegram import Message, Update
from telegram.constants import ChatType

from handlers.context import BotContext
from handlers.replies import acknowledge, answer_question


async def question(update: Update, context: BotContext) -> None:
    """Answer the question (a bare mention or blank text too: the engine offers examples)."""
    query = update.callback_query
    if query is not None:
        await acknowledge(query)
        message = query.message
    else:
        message = update.effective_message
    in_group = message.chat.type != ChatType.PRIVATE
    # In a group the answer quotes what it answers: the question, or the message tapped.
    reply_to = message if in_group and isinstance(message, Message) else None
    await answer_question(context, message.chat.id, context.request.text, reply_to=reply_to)


ROUTES = {"question": question}
