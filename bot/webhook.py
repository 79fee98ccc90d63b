"""The webhook server: Telegram posts updates here; `/healthz` answers load balancers."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import signal

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

from services.config import Settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class UpdateHandler(tornado.web.RequestHandler):
    """Accept an update only with the right secret, then queue it for the application."""

    def initialize(self, app: Application, secret: str) -> None:
        self.app = app
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            logger.warning("webhook request with a wrong secret from %s", self.request.remote_ip)
            raise tornado.web.HTTPError(403)
        try:
            update = Update.de_json(json.loads(self.request.body), self.app.bot)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            logger.warning("webhook body is not an update: %s", type(error).__name__)
            raise tornado.web.HTTPError(400) from None
        await self.app.update_queue.put(update)
        self.set_status(200)

    def log_exception(self, typ, value, tb) -> None:
        # HTTPError is an expected answer here; tornado would log each one with a traceback.
        if not isinstance(value, tornado.web.HTTPError):
            super().log_exception(typ, value, tb)


class HealthHandler(tornado.web.RequestHandler):
    """Report that the process is up and the application running."""

    def initialize(self, app: Application) -> None:
        self.app = app

    def get(self) -> None:
        self.set_status(200 if self.app.running else 503)
        self.write({"ok": self.app.running})


def web_app(app: Application, settings: Settings) -> tornado.web.Application:
    return tornado.web.Application(
        [
            (r"/healthz", HealthHandler, {"app": app}),
            (settings.webhook_path, UpdateHandler, {"app": app, "secret": settings.secret_token}),
        ]
    )


async def serve_webhook(
    app: Application, settings: Settings, stop: asyncio.Event, ready: asyncio.Event | None = None
) -> None:
    """Register the webhook, serve until `stop` is set, then shut down cleanly."""
    async with app:
        await app.post_init(app)
        server = tornado.httpserver.HTTPServer(web_app(app, settings))
        server.listen(settings.port, settings.webhook_listen)
        # Updates wait at Telegram while we restart, so pending ones are kept, not dropped.
        await app.bot.set_webhook(
            url=settings.webhook_url,
            secret_token=settings.secret_token,
            allowed_updates=Update.ALL_TYPES,
        )
        await app.start()
        logger.info("webhook server listening on port %s", settings.port)
        if ready is not None:
            ready.set()
        try:
            await stop.wait()
        finally:
            server.stop()
            await server.close_all_connections()
            await app.stop()
            await app.post_shutdown(app)


def run_webhook(app: Application, settings: Settings) -> None:
    """Serve the webhook until SIGINT or SIGTERM."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        await serve_webhook(app, settings, stop)

    asyncio.run(main())
