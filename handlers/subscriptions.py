"""/subscribe, /unsubscribe, /subscription, /summary, and the weekly delivery job."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from datetime import date, datetime

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.config import Settings
from bot.delivery import Broadcaster, seconds_to_next_minute
from bot.schedule import SEOUL, ScheduleError, next_slot, parse_weekly
from bot.subscriptions import SubscriptionStore
from handlers.replies import ENGINE, ENGINE_EXECUTOR
from knowledge.summary import WeeklySummary

logger = logging.getLogger(__name__)

# bot_data keys.
SETTINGS = "settings"
STORE = "subscription_store"
BROADCASTER = "broadcaster"
JOB_NAME = "weekly-summaries"

COMMANDS = (
    ("subscribe", "주간 요약 구독 (예: /subscribe 금 18:00)"),
    ("unsubscribe", "주간 요약 구독 해지"),
    ("subscription", "구독 설정과 다음 발송 시각"),
    ("summary", "주간 요약 지금 받기"),
)
WEEKDAYS = "월화수목금토일"

SUBSCRIBED = "{who} {schedule}(한국 시간)에 주간 요약을 보내 드리겠습니다.\n다음 발송: {next}"
UNSUBSCRIBED = "주간 요약 구독을 해지했습니다. 다시 받으시려면 /subscribe 를 보내 주세요."
NOT_SUBSCRIBED = "구독하고 있지 않습니다.\n예) /subscribe (매주 월요일 09:00) · /subscribe 금 18:00"
CURRENT = "구독 중입니다: {schedule}(한국 시간)\n다음 발송: {next}\n해지: /unsubscribe"
BAD_SCHEDULE = "요일과 시각을 다시 적어 주세요. {reason}"
BUSY = "지금은 처리할 수 없습니다. 잠시 후 다시 시도해 주세요."


def when(moment: datetime) -> str:
    """`9월 13일(월) 09:00` in Seoul time."""
    local = moment.astimezone(SEOUL)
    return f"{local.month}월 {local.day}일({WEEKDAYS[local.weekday()]}) {local:%H:%M}"


def _broadcaster(context: ContextTypes.DEFAULT_TYPE) -> Broadcaster:
    return context.bot_data[BROADCASTER]


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Subscribe this chat (a group subscribes as a group) on the given day and time."""
    message = update.effective_message
    chat = update.effective_chat
    try:
        weekly = parse_weekly(" ".join(context.args or ()))
    except ScheduleError as error:
        await message.reply_text(html.escape(BAD_SCHEDULE.format(reason=error)))
        return
    broadcaster = _broadcaster(context)
    now = broadcaster.clock()
    subscription = await asyncio.to_thread(
        broadcaster.store.subscribe, chat.id, chat.type, weekly, now
    )
    who = "이 그룹에" if chat.type != "private" else ""
    text = SUBSCRIBED.format(
        who=who, schedule=subscription.weekly.describe(), next=when(next_slot(weekly, now))
    )
    await message.reply_text(html.escape(text.strip()))
    logger.info("chat %s subscribed: %s", chat.id, subscription.weekly.describe())


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop the weekly summary for this chat."""
    broadcaster = _broadcaster(context)
    chat_id = update.effective_chat.id
    stopped = await asyncio.to_thread(broadcaster.store.unsubscribe, chat_id, broadcaster.clock())
    await update.effective_message.reply_text(
        html.escape(UNSUBSCRIBED if stopped else NOT_SUBSCRIBED)
    )
    if stopped:
        logger.info("chat %s unsubscribed", chat_id)


async def show_subscription(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show this chat's setting and when the next summary comes."""
    broadcaster = _broadcaster(context)
    subscription = await asyncio.to_thread(broadcaster.store.get, update.effective_chat.id)
    if subscription is None or not subscription.active:
        await update.effective_message.reply_text(html.escape(NOT_SUBSCRIBED))
        return
    text = CURRENT.format(
        schedule=subscription.weekly.describe(),
        next=when(next_slot(subscription.weekly, broadcaster.clock())),
    )
    await update.effective_message.reply_text(html.escape(text))


async def summary_now(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the weekly summary right away, with what changed since this chat's last one."""
    broadcaster = _broadcaster(context)
    chat_id = update.effective_chat.id
    summary = await broadcaster.summaries(broadcaster.summary_day())
    previous = await asyncio.to_thread(broadcaster.store.last_snapshot, chat_id)
    await update.effective_message.reply_text(html.escape(summary.text_for(previous)))
    await asyncio.to_thread(
        broadcaster.store.record_snapshot, chat_id, summary.snapshot, broadcaster.clock()
    )


async def deliver_due(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue tick: send what is due, then wake again just after the next minute."""
    try:
        # Shutting down (SIGTERM): stop between two messages; the rest is sent after restart.
        await _broadcaster(context).run(context.bot, lambda: not context.application.running)
    except Exception:
        # A failed tick (disk full, engine not ready) must not end the weekly schedule.
        logger.exception("weekly broadcast failed; retrying at the next minute")
    finally:
        # During shutdown the scheduler refuses new jobs; nothing is lost, the log remembers.
        with contextlib.suppress(RuntimeError):
            schedule_tick(context.application, seconds_to_next_minute())


def schedule_tick(app: Application, delay: float) -> None:
    # No misfire grace: a tick that starts late (slow start, busy loop) must still run, since
    # each tick schedules the next one.
    app.job_queue.run_once(
        deliver_due, delay, name=JOB_NAME, job_kwargs={"misfire_grace_time": None}
    )


def summary_factory(app: Application):
    """Build the day's summary on the engine's thread, which owns the report connection."""

    async def build(day: date) -> WeeklySummary:
        loop = asyncio.get_running_loop()
        connection = app.bot_data[ENGINE].connection
        return await loop.run_in_executor(
            app.bot_data.get(ENGINE_EXECUTOR), WeeklySummary.build, connection, day
        )

    return build


def register(app: Application) -> None:
    """Open the state file, settle any delivery a killed process left open, start the job."""
    settings: Settings = app.bot_data.get(SETTINGS) or Settings.from_env()
    store = app.bot_data.get(STORE) or SubscriptionStore(settings.bot_state_db)
    app.bot_data[STORE] = store
    broadcaster = Broadcaster(
        store,
        summary_factory(app),
        today=settings.bot_today,
        rate=settings.messages_per_second,
        in_flight=settings.broadcast_in_flight,
    )
    app.bot_data[BROADCASTER] = broadcaster
    for unconfirmed in store.recover(broadcaster.clock()):
        logger.warning(
            "chat %s: summary for %s was in flight when the bot stopped; not resent",
            unconfirmed.chat_id,
            unconfirmed.slot.isoformat(),
        )
    app.add_handler(CommandHandler("subscribe", subscribe))
    app.add_handler(CommandHandler("unsubscribe", unsubscribe))
    app.add_handler(CommandHandler("subscription", show_subscription))
    app.add_handler(CommandHandler("summary", summary_now))
    # Soon after start: summaries that fell due while the bot was down go out first.
    schedule_tick(app, 1.0)
