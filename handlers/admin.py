"""/stats and /reload for the people in BOT_ADMINS.

/reload reads `data/` into a new engine on a worker thread and then swaps the reference in
bot_data: a question already being answered keeps the engine it started with, and a report
that does not load leaves the old engine serving.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from pathlib import Path

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.usage import ANSWERED, ERRORS, RATE_LIMITED, REFUSED, UNANSWERED
from handlers.guard import POLICY
from handlers.replies import ENGINE
from handlers.sql import SANDBOX
from handlers.usage import usage_of
from knowledge import Engine
from knowledge.engine import DATA_DIR
from knowledge.sql.sandbox import close_shared_sandbox

logger = logging.getLogger(__name__)

# bot_data keys: the folder /reload reads (tests point it at a copy), and its lock.
DATA_FOLDER = "data_dir"
RELOADING = "reloading"

ADMIN_ONLY = "관리자만 쓸 수 있는 명령입니다."
STATS = (
    "<b>이용 통계</b> (누적, 질문 내용은 보관하지 않습니다)\n"
    "답한 질문: {answered:,}건\n"
    "답하지 못한 질문: {unanswered:,}건 (서로 다른 질문 {distinct:,}개)\n"
    "구독 중인 대화방: {subscribers:,}곳\n"
    "오류: {errors:,}건\n"
    "요청 제한에 걸린 질문: {rate_limited:,}건 · 허용되지 않은 접근: {refused:,}건"
)
RELOADED = "자료를 다시 읽었습니다. 세부사업 {lines}개, {seconds:.1f}초 걸렸습니다."
RELOAD_REFUSED = "새 자료를 읽지 못해 기존 자료로 계속 답합니다.\n사유: {reason}\n파일을 고친 뒤 다시 /reload 해 주세요."
RELOAD_BUSY = "이미 자료를 다시 읽는 중입니다. 잠시 후 다시 시도해 주세요."


def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return context.bot_data[POLICY].is_admin(user.id if user else None)


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Counts only: answered, unanswered, subscribers, errors."""
    if not is_admin(update, context):
        await update.effective_message.reply_text(ADMIN_ONLY)
        return
    usage = usage_of(context.bot_data)
    counts = await asyncio.to_thread(usage.counters) if usage else {}
    distinct = await asyncio.to_thread(usage.distinct_unanswered) if usage else 0
    store = context.bot_data.get("subscription_store")
    subscribers = await asyncio.to_thread(store.active_count) if store else 0
    await update.effective_message.reply_text(
        STATS.format(
            answered=counts.get(ANSWERED, 0),
            unanswered=counts.get(UNANSWERED, 0),
            distinct=distinct,
            subscribers=subscribers,
            errors=counts.get(ERRORS, 0),
            rate_limited=counts.get(RATE_LIMITED, 0),
            refused=counts.get(REFUSED, 0),
        )
    )


def load_engine(folder: Path) -> tuple[Engine, int]:
    """A fresh engine from `folder` and its number of budget lines (runs on a worker thread)."""
    engine = Engine.load(folder)
    lines = engine.connection.execute("SELECT count(*) FROM budget_lines").fetchone()[0]
    return engine, lines


async def reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Re-read `data/` into a new engine and swap it in; a broken file changes nothing."""
    message = update.effective_message
    if not is_admin(update, context):
        await message.reply_text(ADMIN_ONLY)
        return
    lock = context.bot_data.setdefault(RELOADING, asyncio.Lock())
    if lock.locked():
        await message.reply_text(RELOAD_BUSY)
        return
    async with lock:
        folder = Path(context.bot_data.get(DATA_FOLDER, DATA_DIR))
        started = time.monotonic()
        try:
            engine, lines = await asyncio.to_thread(load_engine, folder)
        except Exception as error:
            logger.warning("reload refused: %s", error)
            reason = str(error).replace(str(folder), "data")
            await message.reply_text(RELOAD_REFUSED.format(reason=html.escape(reason)))
            return
        # One assignment: every question from here on reads the new engine.
        old_engine, context.bot_data[ENGINE] = context.bot_data[ENGINE], engine
        # /sql's read-only copy was made from the old tables; the next /sql rebuilds it. Its
        # workers stop once their queries end (six reloads used to leave 14 of them running).
        context.bot_data.pop(SANDBOX, None)
        await asyncio.to_thread(close_shared_sandbox, old_engine.connection)
        seconds = time.monotonic() - started
        logger.info("reloaded the report: %d budget lines in %.2f s", lines, seconds)
        await message.reply_text(RELOADED.format(lines=lines, seconds=seconds))


def register(app: Application) -> None:
    app.add_handler(CommandHandler("stats", stats))
    app.add_handler(CommandHandler("reload", reload))
