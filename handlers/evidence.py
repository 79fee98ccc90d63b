"""The "근거 SQL" button under figure answers: a tap shows the exact SQL, runnable through /sql.
It carries the query's key and parameters, so it keeps working after a restart."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from collections.abc import MutableMapping

from telegram import InlineKeyboardButton, Message, Update
from telegram.ext import Application, CallbackQueryHandler, ContextTypes

from knowledge import Answer
from knowledge.sql.commands import evidence_sql

BUTTON_LABEL = "근거 SQL"
PREFIX = "e:"
STORED_PREFIX = "e#"
CALLBACK_LIMIT = 64
HEADER = "<b>근거 SQL</b> · /sql 뒤에 붙여 그대로 실행할 수 있습니다."
STALE = "이 버튼의 근거를 더 찾을 수 없습니다. 질문을 다시 보내 주세요."

_known_sql: dict[str, str] = {}


def sql_key(sql: str) -> str:
    """A short stable name for a query text."""
    digest = hashlib.blake2b(sql.encode(), digest_size=8).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def _remember_sql(sql: str) -> str:
    key = sql_key(sql)
    _known_sql.setdefault(key, sql)
    return key


def _json_value(value: object) -> object:
    # Dates travel as ISO text; the engine's templates cast them back (CAST(? AS DATE)).
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


def callback_data(answer: Answer, remembered: MutableMapping[str, str]) -> str | None:
    """Callback data for the answer's evidence, or None when the answer has no SQL."""
    if answer.sql is None:
        return None
    params = [_json_value(value) for value in answer.params]
    key = _remember_sql(answer.sql)
    data = PREFIX + json.dumps([key, *params], ensure_ascii=False, separators=(",", ":"))
    if len(data.encode()) <= CALLBACK_LIMIT:
        return data
    payload = json.dumps([answer.sql, params], ensure_ascii=False)
    stored = STORED_PREFIX + sql_key(payload)
    remembered[stored] = payload
    return stored


def evidence_button(
    answer: Answer, remembered: MutableMapping[str, str]
) -> InlineKeyboardButton | None:
    """The "근거 SQL" button for a figure answer; None for answers without SQL."""
    data = callback_data(answer, remembered)
    return InlineKeyboardButton(BUTTON_LABEL, callback_data=data) if data else None


def evidence_from_callback(data: str, remembered: MutableMapping[str, str]) -> str | None:
    """The runnable SQL a button stands for, or None when it can no longer be rebuilt."""
    try:
        if data.startswith(PREFIX):
            key, *params = json.loads(data.removeprefix(PREFIX))
            sql = _known_sql.get(key)
        elif data.startswith(STORED_PREFIX) and data in remembered:
            sql, params = json.loads(remembered[data])
        else:
            return None
        return evidence_sql(sql, params) if sql else None
    except (ValueError, TypeError):
        # Forged or damaged callback data: treated like an expired button.
        return None


async def show_evidence(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the SQL and parameters behind the answer whose button was tapped."""
    # handlers.replies imports handlers.render, which builds this module's button: import late.
    from handlers.replies import acknowledge, remembered_keys

    query = update.callback_query
    shown = evidence_from_callback(query.data or "", remembered_keys(context))
    if shown is None or not isinstance(query.message, Message):
        await acknowledge(query, STALE)
        return
    await acknowledge(query)
    await query.message.reply_text(f"{HEADER}\n<pre>{html.escape(shown)}</pre>")


def register(app: Application) -> None:
    app.add_handler(CallbackQueryHandler(show_evidence, pattern=rf"^({PREFIX}|{STORED_PREFIX})"))
