"""/subscribe, /unsubscribe, /subscription, /summary, and the weekly delivery job.

The store, the broadcaster and the job are set up in post_init (bot.app); when the state file
is unusable they are absent, and these commands say so instead of failing.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from datetime import date

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application

from handlers import texts
from handlers.context import BotContext
from knowledge.calendar import month_day_time
from knowledge.summary import WeeklySummary
from services.delivery import Broadcaster, seconds_to_next_minute, summary_message
from services.schedule import ScheduleError, next_slot, parse_weekly

logger = logging.getLogger(__name__)

JOB_NAME = "weekly-summaries"

COMMANDS = (
    ("subscribe", "주간 요약 구독 (예: /subscribe 금 18:00)"),
    ("unsubscribe", "주간 요약 구독 해지"),
    ("subscription", "구독 설정과 다음 발송 시각"),
    ("summary", "주간 요약 지금 받기"),
)

SUBSCRIBED = "{who} {schedule}(한국 시간)에 주간 요약을 보내 드리겠습니다.\n다음 발송: {next}"
UNSUBSCRIBED = "주간 요약 구독을 해지했습니다. 다시 받으시려면 /subscribe 를 보내 주세요."
NOT_SUBSCRIBED = "구독하고 있지 않습니다.\n예) /subscribe (매주 월요일 09:00) · /subscribe 금 18:00"
CURRENT = "구독 중입니다: {schedule}(한국 시간)\n다음 발송: {next}\n해지: /unsubscribe"
BAD_SCHEDULE = "요일과 시각을 다시 적어 주세요. {reason}"


async def _broadcaster_or_say_off(update: Update, context: BotContext) -> Broadcaster | None:
    """The broadcaster; None (and a clear reply) when the state file is unusable."""
    broadcaster = context.broadcaster
    if broadcaster is None:
        await update.effective_message.reply_text(html.escape(texts.SUBSCRIPTIONS_OFF))
    return broadcaster


async def subscribe(update: Update, context: BotContext) -> None:
    """Subscribe this chat (a group subscribes as a group) on the given day and time."""
    message = update.effective_message
    chat = update.effective_chat
    broadcaster = await _broadcaster_or_say_off(update, context)
    if broadcaster is None:
        return
    try:
        weekly = parse_weekly(context.request.text)
    except ScheduleError as error:
        await message.reply_text(html.escape(BAD_SCHEDULE.format(reason=error)))
        return
    now = broadcaster.clock()
    subscription = await asyncio.to_thread(
        broadcaster.store.subscribe, chat.id, chat.type, weekly, now
    )
    who = "이 그룹에" if chat.type != ChatType.PRIVATE else ""
    text = SUBSCRIBED.format(
        who=who,
        schedule=subscription.weekly.describe(),
        next=month_day_time(next_slot(weekly, now)),
    )
    await message.reply_text(html.escape(text.strip()))
    logger.info("chat %s subscribed: %s", chat.id, subscription.weekly.describe())


async def unsubscribe(update: Update, context: BotContext) -> None:
    """Stop the weekly summary for this chat."""
    broadcaster = await _broadcaster_or_say_off(update, context)
    if broadcaster is None:
        return
    chat_id = update.effective_chat.id
    stopped = await asyncio.to_thread(broadcaster.store.unsubscribe, chat_id, broadcaster.clock())
    await update.effective_message.reply_text(
        html.escape(UNSUBSCRIBED if stopped else NOT_SUBSCRIBED)
    )
    if stopped:
        logger.info("chat %s unsubscribed", chat_id)


async def show_subscription(update: Update, context: BotContext) -> None:
    """Show this chat's setting and when the next summary comes."""
    broadcaster = await _broadcaster_or_say_off(update, context)
    if broadcaster is None:
        return
    subscription = await asyncio.to_thread(broadcaster.store.get, update.effective_chat.id)
    if subscription is None or not subscription.active:
        await update.effective_message.reply_text(html.escape(NOT_SUBSCRIBED))
        return
    text = CURRENT.format(
        schedule=subscription.weekly.describe(),
        next=month_day_time(next_slot(subscription.weekly, broadcaster.clock())),
    )
    await update.effective_message.reply_text(html.escape(text))


async def summary_now(update: Update, context: BotContext) -> None:
    """Send the weekly summary right away, with what changed since this chat's last one."""
    broadcaster = await _broadcaster_or_say_off(update, context)
    if broadcaster is None:
        return
    chat_id = update.effective_chat.id
    summary = await broadcaster.summaries(broadcaster.summary_day())
    previous = await asyncio.to_thread(broadcaster.store.last_snapshot, chat_id)
    await update.effective_message.reply_text(summary_message(summary, previous))
    await asyncio.to_thread(
        broadcaster.store.record_snapshot, chat_id, summary.snapshot, broadcaster.clock()
    )


async def deliver_due(context: BotContext) -> None:
    """The JobQueue tick: send what is due, then wake again just after the next minute."""
    broadcaster = context.broadcaster
    try:
        # Shutting down (SIGTERM): stop between two messages; the rest is sent after restart.
        await broadcaster.run(context.bot, lambda: not context.application.running)
    except Exception:
        # A failed tick (disk full, engine not ready) must not end the weekly schedule.
        logger.exception("weekly broadcast failed; retrying at the next minute")
    finally:
        # During shutdown the scheduler refuses new jobs; nothing is lost, the log remembers.
        with contextlib.suppress(RuntimeError):
            schedule_tick(context.application, seconds_to_next_minute())


def schedule_tick(app: Application, delay: float) -> None:
    """Run the delivery tick after `delay` seconds."""
    # No misfire grace: a tick that starts late (slow start, busy loop) must still run, since
    # each tick schedules the next one.
    app.job_queue.run_once(
        deliver_due, delay, name=JOB_NAME, job_kwargs={"misfire_grace_time": None}
    )


def summary_factory(app: Application):
    """Build the day's summary on the engine's thread, which owns the report connection."""

    async def build(day: date) -> WeeklySummary:
        loop = asyncio.get_running_loop()
        data = app.bot_data
        return await loop.run_in_executor(
            data.engine_executor, WeeklySummary.build, data.engine.connection, day
        )

    return build


ROUTES = {
    "/subscribe": subscribe,
    "/unsubscribe": unsubscribe,
    "/subscription": show_subscription,
    "/summary": summary_now,
}
