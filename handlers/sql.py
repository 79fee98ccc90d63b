"""/sql and /schema: people's own read-only queries on the report, and what they can query.

Every way of asking for SQL arrives here (the gate has read it once, see handlers.requests);
the query runs in the sandbox's worker processes, never on the engine's thread, and each
person has at most one running at a time.
"""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import InlineQueryResultArticle, InputFile, InputTextMessageContent, Update
from telegram.constants import ChatAction

from handlers import texts
from handlers.context import BotContext
from handlers.replies import acknowledge
from knowledge.sql.commands import answer_schema, sql_reply

logger = logging.getLogger(__name__)

COMMANDS = (
    ("sql", "읽기 전용 SQL 조회 (예: /sql SELECT 6*7)"),
    ("schema", "SQL로 조회할 수 있는 표와 열 설명"),
)


async def _reply(update: Update, text: str, **kwargs) -> None:
    """Reply in the chat the request came from (a message or a tapped button's message)."""
    await update.effective_message.reply_text(text, **kwargs)


async def run_sql(update: Update, context: BotContext) -> None:
    """Start the person's query beside the chat, or refuse it while their last one runs."""
    user = update.effective_user
    person = user.id if user else None
    running = context.bot_data.sql_running
    if update.callback_query is not None:
        await acknowledge(update.callback_query)
    if person in running:
        await _reply(update, html.escape(texts.SQL_BUSY))
        return
    # Beside the chat's queue, not in it: a query's two seconds do not hold the person's
    # next question, and a second /sql meanwhile is refused at once instead of piling up.
    running[person] = asyncio.create_task(_run_and_reply(update, context, person))


async def _run_and_reply(update: Update, context: BotContext, person: int | None) -> None:
    """The query and its reply; a failure goes to the error handlers like any other."""
    try:
        await _run_query(update, context, person)
    except Exception as error:
        await context.application.process_error(update, error)


async def _run_query(update: Update, context: BotContext, person: int | None) -> None:
    """Run the query in the sandbox's workers; reply with a table, or a CSV file when long."""
    message = update.effective_message
    try:
        await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
        reply = await asyncio.to_thread(sql_reply, context.sandbox, context.request.text)
    finally:
        context.bot_data.sql_running.pop(person, None)
    logger.info("sql in chat %s: rows=%s", message.chat_id, reply.result and len(reply.result.rows))
    summary = f"<b>{html.escape(reply.summary)}</b>"
    if reply.csv is not None:
        await message.reply_document(
            InputFile(reply.csv, filename="sql_결과.csv"),
            caption=f"{summary}\n표가 길어 CSV 파일로 보내 드립니다.",
        )
    elif reply.table is not None:
        await _reply(update, f"{summary}\n<pre>{html.escape(reply.table)}</pre>")
    else:
        await _reply(update, summary)


async def show_schema(update: Update, context: BotContext) -> None:
    """List the tables with Korean descriptions, or one table's columns."""
    if update.callback_query is not None:
        await acknowledge(update.callback_query)
    answer = answer_schema(context.sandbox, context.request.text)
    first, _, rest = answer.text.partition("\n")
    await _reply(update, f"<b>{html.escape(first)}</b>\n{html.escape(rest)}".rstrip())


async def not_inline(update: Update, context: BotContext) -> None:
    """Inline mode runs no SQL: one article pointing to the chat with the bot."""
    hint = InlineQueryResultArticle(
        id="sql-not-inline",
        title=texts.SQL_NOT_INLINE,
        description=texts.SQL_NOT_INLINE_DETAIL,
        input_message_content=InputTextMessageContent(html.escape(texts.SQL_NOT_INLINE)),
    )
    await update.inline_query.answer([hint], cache_time=0, is_personal=True)


async def warm_up(context: BotContext) -> None:
    """Start the sandbox's worker processes soon after start-up, so the first /sql is quick."""
    await asyncio.to_thread(context.sandbox.start_workers)


ROUTES = {
    "sql": run_sql,
    "schema": show_schema,
    "inline:sql": not_inline,
    "inline:schema": not_inline,
}
