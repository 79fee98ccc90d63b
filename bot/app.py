"""The Telegram Application: one builder wiring settings, transport, engine and handlers."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from zoneinfo import ZoneInfo

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, Defaults
from telegram.request import HTTPXRequest

import handlers
from bot.config import Settings
from bot.transport import RetryingRequest
from bot.updates import PerChatUpdateProcessor
from handlers.replies import ENGINE, ENGINE_EXECUTOR
from knowledge import Engine

logger = logging.getLogger(__name__)

TIMEZONE = ZoneInfo("Asia/Seoul")
RATE_LIMIT_RETRIES = 10


async def on_startup(app: Application) -> None:
    """Load the engine unless it was passed in, and publish the command menu."""
    if ENGINE not in app.bot_data:
        app.bot_data[ENGINE] = await asyncio.to_thread(Engine.load)
    try:
        await app.bot.set_my_commands(handlers.bot_commands())
    except TelegramError as error:
        # A missing menu is cosmetic; the bot should still start.
        logger.warning("could not set the command menu: %s", error)


async def on_shutdown(app: Application) -> None:
    """Release the engine's thread and the subscriptions state file."""
    app.bot_data[ENGINE_EXECUTOR].shutdown(wait=False)
    handlers.usage.close(app)
    store = app.bot_data.get("subscription_store")
    if store is not None:
        store.close()


def build_application(settings: Settings, engine: Engine | None = None) -> Application:
    """The bot, ready for run_polling, the webhook server or tests; the engine loads on start."""
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
        tzinfo=TIMEZONE,
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
    app = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_url)
        .base_file_url(settings.telegram_file_url)
        .request(request)
        .get_updates_request(updates_request)
        .rate_limiter(rate_limiter)
        .defaults(defaults)
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
        .build()
    )
    app.bot_data[ENGINE_EXECUTOR] = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine")
    app.bot_data["settings"] = settings
    if engine is not None:
        app.bot_data[ENGINE] = engine
    handlers.register_all(app)
    return app
