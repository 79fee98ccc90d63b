"""/sql and /schema: people's own read-only queries on the report, and what they can query."""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import InputFile, Update
from telegram.constants import ChatAction
from telegram.ext import Application, CommandHandler, ContextTypes

from handlers.replies import ENGINE, ENGINE_EXECUTOR
from knowledge.sql.commands import answer_schema, split_command, sql_reply
from knowledge.sql.sandbox import Sandbox, shared_sandbox

logger = logging.getLogger(__name__)

COMMANDS = (
    ("sql", "읽기 전용 SQL 조회 (예: /sql SELECT 6*7)"),
    ("schema", "SQL로 조회할 수 있는 표와 열 설명"),
)
SANDBOX = "sandbox"
NOT_ALLOWED = "/sql 은 허용된 사용자만 쓸 수 있습니다. 궁금한 것은 글로 물어봐 주세요."


async def sandbox_of(context: ContextTypes.DEFAULT_TYPE) -> Sandbox:
    """The read-only copy of the engine's tables, built on first use."""
    sandbox = context.bot_data.get(SANDBOX)
    if sandbox is None:
        # Copying reads the engine's connection, so it runs on the engine's own thread.
        loop = asyncio.get_running_loop()
        engine = context.bot_data[ENGINE]
        executor = context.bot_data.get(ENGINE_EXECUTOR)
        sandbox = await loop.run_in_executor(executor, shared_sandbox, engine.connection)
        context.bot_data[SANDBOX] = sandbox
    return sandbox


def may_use_sql(context: ContextTypes.DEFAULT_TYPE, user_id: int | None) -> bool:
    """BOT_SQL_USERS lists who may; empty means everyone (the data is public, the sandbox holds)."""
    allowed = context.bot_data["settings"].sql_users
    return not allowed or user_id in allowed


def _argument(update: Update) -> str:
    # The message text, not context.args: spaces and line breaks inside SQL strings matter.
    command = split_command(update.effective_message.text or "")
    return command[1] if command else ""


async def run_sql(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run the query in the sandbox and reply with a table, or a CSV file when it is long."""
    message = update.effective_message
    user = update.effective_user
    if not may_use_sql(context, user.id if user else None):
        await message.reply_text(html.escape(NOT_ALLOWED))
        return
    await context.bot.send_chat_action(message.chat_id, ChatAction.TYPING)
    sandbox = await sandbox_of(context)
    reply = await asyncio.to_thread(sql_reply, sandbox, _argument(update))
    logger.info("sql in chat %s: rows=%s", message.chat_id, reply.result and len(reply.result.rows))
    summary = f"<b>{html.escape(reply.summary)}</b>"
    if reply.csv is not None:
        await message.reply_document(
            InputFile(reply.csv, filename="sql_결과.csv"),
            caption=f"{summary}\n표가 길어 CSV 파일로 보내 드립니다.",
        )
    elif reply.table is not None:
        await message.reply_text(f"{summary}\n<pre>{html.escape(reply.table)}</pre>")
    else:
        await message.reply_text(summary)


async def show_schema(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the tables with Korean descriptions, or one table's columns."""
    sandbox = await sandbox_of(context)
    answer = answer_schema(sandbox, _argument(update))
    first, _, rest = answer.text.partition("\n")
    await update.effective_message.reply_text(
        f"<b>{html.escape(first)}</b>\n{html.escape(rest)}".rstrip()
    )


async def warm_up(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Build the sandbox and start its workers at start-up, so the first /sql is quick."""
    sandbox = await sandbox_of(context)
    await asyncio.to_thread(sandbox.start_workers)


def register(app: Application) -> None:
    if app.job_queue is not None:
        app.job_queue.run_once(warm_up, when=1, name="sql-sandbox-warm-up")
    app.add_handler(CommandHandler("sql", run_sql))
    app.add_handler(CommandHandler("schema", show_schema))
