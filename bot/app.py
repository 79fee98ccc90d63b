"""The Telegram Application: one builder wiring settings, transport and handlers, and the
start-up (post_init) that loads the engine, opens the state file and schedules the jobs."""

from __future__ import annotations

import asyncio
import logging
import os

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import HTTPXRequest

import handlers
from bot.transport import RetryingRequest
from bot.updates import PerChatUpdateProcessor
from handlers import sql, subscriptions, usage
from handlers.context import CONTEXT_TYPES, BotData
from knowledge import Engine
from knowledge.calendar import SEOUL
from knowledge.sql.sandbox import shared_sandbox
from services.access import AccessPolicy
from services.buttons import ButtonBook
from services.config import Settings
from services.delivery import Broadcaster
from services.gate import Gate
from services.ratelimit import RateLimiter
from services.state import StateFile, StateFileUnusable
from services.subscriptions import SubscriptionStore
from services.usage import UsageLog

logger = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 10
# Durations from python-telegram-bot as timedelta (RetryAfter.retry_after): its documented
# opt-in to the coming default, which also silences its deprecation warning.
os.environ.setdefault("PTB_TIMEDELTA", "1")


async def on_startup(app: Application) -> None:
    """Everything that touches files, processes or the network before updates are served."""
    data: BotData = app.bot_data
    if data.engine is None:
        data.engine = await asyncio.to_thread(Engine.load)
    loop = asyncio.get_running_loop()
    # Copying reads the engine's connection, so it runs on the engine's own thread.
    data.sandbox = await loop.run_in_executor(
        data.engine_executor, shared_sandbox, data.engine.connection
    )
    app.job_queue.run_once(sql.warm_up, when=1, name="sql-sandbox-warm-up")
    if await asyncio.to_thread(open_state, app):
        app.job_queue.run_repeating(
            usage.flush, usage.FLUSH_EVERY, first=usage.FLUSH_EVERY, name="usage-flush"
        )
        # Soon after start: summaries that fell due while the bot was down go out first.
        subscriptions.schedule_tick(app, 1.0)
    try:
        await app.bot.set_my_commands(handlers.bot_commands())
    except TelegramError as error:
        # A missing menu is cosmetic; the bot should still start.
        logger.warning("could not set the command menu: %s", error)


def open_state(app: Application) -> bool:
    """Open the state file and settle deliveries a killed process left open; False when the
    file cannot be used (corrupt, unwritable, newer, a folder): then subscriptions and usage
    counts are off, and questions, which do not need it, keep being answered."""
    data: BotData = app.bot_data
    settings = data.settings
    try:
        state = StateFile(settings.bot_state_db)
    except StateFileUnusable as problem:
        logger.error("state file unusable, subscriptions and usage counts are off: %s", problem)
        return False
    data.usage = UsageLog(state)
    data.subscriptions = SubscriptionStore(state)
    data.broadcaster = Broadcaster(
        data.subscriptions,
        subscriptions.summary_factory(app),
        today=settings.bot_today,
        rate=settings.messages_per_second,
        in_flight=settings.broadcast_in_flight,
    )
    for unconfirmed in data.subscriptions.recover(data.broadcaster.clock()):
        logger.warning(
            "chat %s: summary for %s was in flight when the bot stopped; not resent",
            unconfirmed.chat_id,
            unconfirmed.slot.isoformat(),
        )
    return True


async def on_stop(app: Application) -> None:
    """Let each /sql still running beside its chat finish and reply (its time limit at most)."""
    await asyncio.gather(*app.bot_data.sql_running.values(), return_exceptions=True)


async def on_shutdown(app: Application) -> None:
    """Release the engine's thread and the state file (the sandbox's workers end with us)."""
    data: BotData = app.bot_data
    data.engine_executor.shutdown(wait=False)
    if data.usage is not None:
        await asyncio.to_thread(data.usage.close)
    if data.subscriptions is not None:
        data.subscriptions.state.close()


class BotApplication(Application):
    """Application that stops resending at once when shutdown begins (see bot.transport):
    during an outage a SIGTERM would otherwise wait out a minute of resends."""

    async def stop(self) -> None:
        request = self.bot.request
        if isinstance(request, RetryingRequest):
            request.give_up()
        await super().stop()


def build_application(settings: Settings, engine: Engine | None = None) -> Application:
    """The bot, ready for run_polling, the webhook server or tests; post_init starts it up."""
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    timeout = settings.request_timeout
    request = RetryingRequest(
        max_retries=settings.max_retries,
        backoff=settings.retry_backoff,
        # httpcore's pool gets slower with many idle connections; 16 outpaces
        # Telegram's 30 messages/s even at 100 ms a request.
        connection_pool_size=16,
        connect_timeout=timeout,
        read_timeout=timeout,
        write_timeout=timeout,
        pool_timeout=timeout,
    )
    # PTB's polling loop retries getUpdates itself, with backoff; no resends needed there.
    updates_request = HTTPXRequest(connect_timeout=timeout, read_timeout=timeout)
    rate_limiter = AIORateLimiter(
        overall_max_rate=settings.messages_per_second,
        # A 429 means Telegram delivered nothing, so resending is always safe: a storm of
        # them is waited out (RATE_LIMIT_RETRIES retry_after periods) instead of a reply lost.
        max_retries=max(settings.max_retries, RATE_LIMIT_RETRIES),
    )
    defaults = Defaults(
        parse_mode=ParseMode.HTML,
        tzinfo=SEOUL,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    app = (
        ApplicationBuilder()
        .application_class(BotApplication)
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_url)
        .base_file_url(settings.telegram_file_url)
        .request(request)
        .get_updates_request(updates_request)
        .rate_limiter(rate_limiter)
        .defaults(defaults)
        .context_types(CONTEXT_TYPES)
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(on_startup)
        .post_stop(on_stop)
        .post_shutdown(on_shutdown)
        .build()
    )
    data: BotData = app.bot_data
    data.settings = settings
    data.engine = engine
    data.gate = Gate(
        AccessPolicy(settings.allowed_users, settings.allowed_chats, settings.admins),
        RateLimiter(settings.user_rate),
        settings.sql_users,
    )
    data.buttons = ButtonBook.for_token(settings.telegram_bot_token)
    handlers.register_all(app)
    return app
