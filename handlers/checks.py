"""/check: a pasted text's figures against the report; /검증 (/audit): the report's own errors.

`/check` takes the text after it, or the text of the message it replies to (a draft someone
forwarded). Both are answered by the engine, as in the console (`python -m bot check`).
"""

from __future__ import annotations

from telegram import Message, Update

from handlers import texts
from handlers.context import BotContext
from handlers.replies import answer_question

COMMANDS = (texts.CHECK_COMMAND, texts.AUDIT_COMMAND)


async def check(update: Update, context: BotContext) -> None:
    message = update.effective_message
    text = context.request.text
    if not text.strip():
        text = _replied_text(message.reply_to_message)
    await answer_question(context, message.chat.id, f"/check\n{text}", reply_to=message)


async def audit(update: Update, context: BotContext) -> None:
    message = update.effective_message
    await answer_question(context, message.chat.id, f"/검증 {context.request.text}", reply_to=None)


def _replied_text(replied: Message | None) -> str:
    if replied is None:
        return ""
    return replied.text or replied.caption or ""


ROUTES = {"/check": check, "/대조": check, "/검증": audit, "/audit": audit}
