"""The gate every update passes first (group -1): read what it asks for, then let it through,
or stop it with one short reply (ApplicationHandlerStop) so no feature sees it."""

from __future__ import annotations

import contextlib
import logging

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from handlers import texts
from handlers.admin import ADMIN_COMMANDS
from handlers.context import BotContext
from handlers.requests import Kind, Request, read_request
from services.gate import ADMIN, SQL, Outcome
from services.usage import RATE_LIMITED, REFUSED

logger = logging.getLogger(__name__)

GROUP = -1

SAY = {
    Outcome.NOT_ALLOWED: texts.NOT_ALLOWED,
    Outcome.NO_SQL: texts.NO_SQL,
    Outcome.ADMINS_ONLY: texts.ADMINS_ONLY,
}


def needs(request: Request) -> str | None:
    """The right a request needs beyond being let in."""
    if request.kind is Kind.SQL:
        return SQL
    if request.kind is Kind.COMMAND and request.command in ADMIN_COMMANDS:
        return ADMIN
    return None


async def tell(update: Update, text: str | None) -> None:
    """Say `text` where the person will see it; with None, only settle a pressed button.
    In inline mode the text is the one result offered (never sent unless picked)."""
    with contextlib.suppress(TelegramError):
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=bool(text))
        elif text and update.inline_query is not None:
            notice = InlineQueryResultArticle(
                id="notice", title=text, input_message_content=InputTextMessageContent(text)
            )
            await update.inline_query.answer([notice], cache_time=0, is_personal=True)
        elif text and update.message is not None:
            await update.message.reply_text(text)


async def gate(update: object, context: BotContext) -> None:
    """Read the request once, then let it through or stop it here."""
    if not isinstance(update, Update):
        return
    request = read_request(update, context.bot.username, context.buttons)
    if request.kind is Kind.IGNORED:
        raise ApplicationHandlerStop
    context.request = request
    user = update.effective_user
    chat = update.effective_chat
    user_id = user.id if user else None
    outcome = context.gate.decide(user_id, chat.id if chat else None, needs(request))
    if outcome is Outcome.PASS:
        return
    usage = context.usage
    if outcome in (Outcome.TOO_MANY, Outcome.TOO_MANY_SILENT):
        if usage is not None:
            usage.count(RATE_LIMITED)
        if outcome is Outcome.TOO_MANY:
            logger.info("user %s is over %d requests a minute", user_id, context.gate.limiter.limit)
        say = texts.TOO_MANY.format(limit=context.gate.limiter.limit)
        await tell(update, say if outcome is Outcome.TOO_MANY else None)
        raise ApplicationHandlerStop
    refused = outcome in (Outcome.NOT_ALLOWED, Outcome.NOT_ALLOWED_SILENT)
    if refused and usage is not None:
        usage.count(REFUSED)
    logger.info("refused %s from user %s: %s", request.route, user_id, outcome.value)
    # Someone not let in learns nothing in inline mode, not even that the bot is there.
    silent = refused and update.inline_query is not None
    await tell(update, None if silent else SAY.get(outcome))
    raise ApplicationHandlerStop
