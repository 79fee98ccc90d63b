"""Questions for the engine: typed in a private chat, meant for the bot in a group, or tapped.

Each private chat, and each person within a group, is one conversation: a follow-up such as
`그럼 지출액은?` is read against it. Replying to an older answer of the bot goes on from that
answer; /reset forgets the conversation. Nothing of it is logged.
"""

from __future__ import annotations

from collections.abc import Hashable

from telegram import Chat, Message, Update, User
from telegram.constants import ChatType

from handlers import texts
from handlers.context import BotContext
from handlers.replies import acknowledge, answer_question
from knowledge.conversation import Conversation

COMMANDS = (texts.RESET_COMMAND,)


def conversation_key(chat: Chat, user: User | None) -> Hashable:
    """A private chat is one conversation; in a group, each person has their own."""
    if chat.type == ChatType.PRIVATE or user is None:
        return chat.id
    return (chat.id, user.id)


def conversation_for(context: BotContext, message: Message, user: User | None,
                     answered: Message | None) -> Conversation:  # fmt: skip
    """The conversation a message belongs to, going on from `answered` (a bot answer it
    replies to, or the answer whose button was tapped) when that answer is still known."""
    key = conversation_key(message.chat, user)
    if answered is not None:
        return context.conversations.resume(key, (message.chat.id, answered.message_id))
    return context.conversations.get(key)


async def question(update: Update, context: BotContext) -> None:
    """Answer the question (a bare mention or blank text too: the engine offers examples)."""
    query = update.callback_query
    if query is not None:
        await acknowledge(query)
        message = query.message
        answered = message if isinstance(message, Message) else None
        user = query.from_user
    else:
        message = update.effective_message
        answered = _replied_answer(message, context)
        user = message.from_user
    in_group = message.chat.type != ChatType.PRIVATE
    # In a group the answer quotes what it answers: the question, or the message tapped.
    reply_to = message if in_group and isinstance(message, Message) else None
    conversation = conversation_for(context, message, user, answered)
    await answer_question(
        context, message.chat.id, context.request.text, reply_to=reply_to, conversation=conversation
    )


def _replied_answer(message: Message, context: BotContext) -> Message | None:
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == context.bot.id:
        return replied
    return None


async def reset(update: Update, context: BotContext) -> None:
    """/reset: forget what this conversation was about."""
    message = update.effective_message
    context.conversations.reset(conversation_key(message.chat, message.from_user))
    await message.reply_text(texts.RESET_DONE)


ROUTES = {"question": question, "/reset": reset, "/초기화": reset}
