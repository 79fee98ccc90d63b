"""The gate every update passes first: the allow-lists, then the per-person question limit.

Registered in group -1, so it runs before every feature; a refused update stops there
(ApplicationHandlerStop) and no feature sees it.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes, TypeHandler

from bot.access import AccessPolicy, Remembered
from bot.config import Settings
from bot.ratelimit import RateLimiter, Verdict
from bot.usage import RATE_LIMITED, REFUSED
from handlers.questions import AddressedToBot
from handlers.usage import usage_of

logger = logging.getLogger(__name__)

GROUP = -1
# bot_data keys.
POLICY = "access_policy"
LIMITER = "rate_limiter"
TOLD = "refused_told"

NOT_ALLOWED = "죄송합니다. 이 봇은 허용된 사용자만 이용할 수 있습니다. 담당자에게 문의해 주세요."
TOO_MANY = "질문이 너무 잦습니다. 1분에 {limit}개까지 답해 드리니 잠시 후 다시 질문해 주세요."

_addressed = AddressedToBot()


def is_question(update: Update) -> bool:
    """Something the bot would answer in the chat: a new private message, a command or a
    message meant for the bot in a group, or a tapped button."""
    if update.callback_query is not None:
        return True
    message = update.message
    if message is None:
        return False
    if message.chat.type == ChatType.PRIVATE:
        return True
    if not message.text:
        return False
    return message.text.startswith("/") or bool(_addressed.check_update(update))


async def tell(update: Update, text: str | None) -> None:
    """Say `text` where the person will see it; with None, only settle a pressed button."""
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=bool(text))
        elif text and update.message is not None:
            await update.message.reply_text(text)


async def gate(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop updates from people the allow-lists leave out, and questions over the limit."""
    if not isinstance(update, Update):
        return
    user = update.effective_user
    chat = update.effective_chat
    user_id = user.id if user else None
    usage = usage_of(context.bot_data)
    policy: AccessPolicy = context.bot_data[POLICY]
    if not policy.allows(user_id, chat.id if chat else None):
        if usage is not None:
            usage.count(REFUSED)
        # One refusal per person, then silence; never a word into channels or chatter.
        first = user_id is not None and is_question(update) and context.bot_data[TOLD].add(user_id)
        logger.info("refused update from user %s in chat %s", user_id, chat.id if chat else None)
        await tell(update, NOT_ALLOWED if first else None)
        raise ApplicationHandlerStop
    if user_id is None or not is_question(update):
        return
    limiter: RateLimiter = context.bot_data[LIMITER]
    verdict = limiter.check(user_id)
    if verdict is Verdict.ALLOWED:
        return
    if usage is not None:
        usage.count(RATE_LIMITED)
    if verdict is Verdict.NOTICE:
        logger.info("user %s is over %d questions a minute", user_id, limiter.limit)
        await tell(update, TOO_MANY.format(limit=limiter.limit))
    else:
        await tell(update, None)
    raise ApplicationHandlerStop


def register(app: Application) -> None:
    settings: Settings = app.bot_data.get("settings") or Settings.from_env()
    app.bot_data[POLICY] = AccessPolicy(
        settings.allowed_users, settings.allowed_chats, settings.admins
    )
    app.bot_data[LIMITER] = RateLimiter(settings.user_rate)
    app.bot_data[TOLD] = Remembered()
    app.add_handler(TypeHandler(Update, gate), group=GROUP)
