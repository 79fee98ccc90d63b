"""The 「근거 SQL」 button under figure answers: a tap shows the exact SQL, runnable through /sql."""

from __future__ import annotations

import html
import json

from telegram import Message, Update

from handlers import texts
from handlers.context import BotContext
from handlers.replies import acknowledge
from knowledge.planning.statements import statement
from knowledge.sql.commands import evidence_sql
from knowledge.sql.guard import Refusal

HEADER = "<b>근거 SQL</b> · /sql 뒤에 붙여 그대로 실행할 수 있습니다."


def evidence_from_payload(payload: str) -> str | None:
    """The runnable SQL a button's payload stands for, or None when it cannot be rebuilt."""
    try:
        reference, *params = json.loads(payload)
        if not isinstance(reference, str):
            return None
        # A statement's key (no spaces), or the statement itself when it had no key.
        sql = statement(reference) if " " not in reference else reference
        return evidence_sql(sql, params) if sql else None
    except (ValueError, TypeError, Refusal):
        return None


async def show_evidence(update: Update, context: BotContext) -> None:
    """Send the SQL and parameters behind the answer whose button was tapped."""
    query = update.callback_query
    shown = evidence_from_payload(context.request.text)
    if shown is None or not isinstance(query.message, Message):
        await acknowledge(query, texts.STALE_EVIDENCE)
        return
    await acknowledge(query)
    await query.message.reply_text(f"{HEADER}\n<pre>{html.escape(shown)}</pre>")


ROUTES = {"evidence": show_evidence}
