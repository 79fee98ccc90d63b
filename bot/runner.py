"""`python -m bot run` with a token: polling, or the webhook server when WEBHOOK_URL is set."""

from __future__ import annotations

import logging

from telegram import Update

from bot.app import build_application
from bot.logs import configure_logging
from bot.webhook import run_webhook
from knowledge import Engine
from services.config import Settings

logger = logging.getLogger(__name__)


def run_telegram(engine: Engine, settings: Settings, mode: str) -> int:
    """Serve Telegram until stopped; `mode` is `polling` or `webhook`."""
    configure_logging(settings.log_level, settings.secrets())
    if mode == "webhook" and not settings.webhook_url:
        logger.error("--webhook needs WEBHOOK_URL")
        return 2
    app = build_application(settings, engine)
    logger.info("starting in %s mode", mode)
    if mode == "webhook":
        run_webhook(app, settings)
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0
