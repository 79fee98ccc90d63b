"""/stats and /reload for the people in BOT_ADMINS (the gate lets nobody else reach them).

/reload reads `data/` into a new engine on a worker thread and then swaps the reference: a
question already being answered keeps the engine it started with, and a report that does not
load leaves the old engine serving. The old /sql sandbox is closed with it.
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from pathlib import Path

from telegram import Update

from handlers.context import BotContext
from knowledge import Engine
from knowledge.sql.sandbox import Sandbox, close_shared_sandbox, shared_sandbox
from services.usage import ANSWERED, ERRORS, RATE_LIMITED, REFUSED, UNANSWERED

logger = logging.getLogger(__name__)

ADMIN_COMMANDS = frozenset({"stats", "reload"})

STATS = (
    "<b>이용 통계</b> (누적, 질문 내용은 보관하지 않습니다)\n"
    "답한 질문: {answered:,}건\n"
    "답하지 못한 질문: {unanswered:,}건 (서로 다른 질문 {distinct:,}개)\n"
    "구독 중인 대화방: {subscribers}\n"
    "오류: {errors:,}건\n"
    "요청 제한에 걸린 질문: {rate_limited:,}건 · 허용되지 않은 접근: {refused:,}건"
)
NO_STATE = "(상태 파일을 쓸 수 없어 알 수 없음)"
RELOADED = "자료를 다시 읽었습니다. 세부사업 {lines}개, {seconds:.1f}초 걸렸습니다."
RELOAD_REFUSED = "새 자료를 읽지 못해 기존 자료로 계속 답합니다.\n사유: {reason}\n파일을 고친 뒤 다시 /reload 해 주세요."
RELOAD_BUSY = "이미 자료를 다시 읽는 중입니다. 잠시 후 다시 시도해 주세요."


async def stats(update: Update, context: BotContext) -> None:
    """Counts only: answered, unanswered, subscribers, errors."""
    usage = context.usage
    counts = await asyncio.to_thread(usage.counters) if usage else {}
    distinct = await asyncio.to_thread(usage.distinct_unanswered) if usage else 0
    store = context.subscriptions
    subscribers = f"{await asyncio.to_thread(store.active_count):,}곳" if store else NO_STATE
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


def load_engine(folder: Path) -> tuple[Engine, Sandbox, int]:
    """A fresh engine from `folder`, its /sql sandbox and its number of budget lines (runs on a
    worker thread, which is the only one touching the new engine until it is swapped in)."""
    engine = Engine.load(folder)
    lines = engine.connection.execute("SELECT count(*) FROM budget_lines").fetchall()[0][0]
    return engine, shared_sandbox(engine.connection), lines


async def reload(update: Update, context: BotContext) -> None:
    """Re-read `data/` into a new engine and swap it in; a broken file changes nothing."""
    message = update.effective_message
    lock = context.bot_data.reloading
    if lock.locked():
        await message.reply_text(RELOAD_BUSY)
        return
    async with lock:
        folder = context.bot_data.data_dir
        started = time.monotonic()
        try:
            engine, sandbox, lines = await asyncio.to_thread(load_engine, folder)
        except Exception as error:
            logger.warning("reload refused: %s", error)
            reason = str(error).replace(str(folder), "data")
            await message.reply_text(RELOAD_REFUSED.format(reason=html.escape(reason)))
            return
        old_engine = context.bot_data.engine
        # Each one assignment: every question and /sql from here on uses the new data.
        context.bot_data.engine = engine
        context.bot_data.sandbox = sandbox
        if old_engine is not engine:
            # Its worker processes would otherwise live as long as the bot; the old engine's
            # sandbox is forgotten too, so nothing hands out a closed one.
            await asyncio.to_thread(close_shared_sandbox, old_engine.connection)
        seconds = time.monotonic() - started
        logger.info("reloaded the report: %d budget lines in %.2f s", lines, seconds)
        await message.reply_text(RELOADED.format(lines=lines, seconds=seconds))


ROUTES = {"/stats": stats, "/reload": reload}
