"""The webhook server: Telegram posts updates here; `/healthz` answers load balancers.

Its door is narrow: the secret is checked from the headers before any body is read, a body
may hold at most a megabyte, idle and slow connections are closed, and the connections held
open are capped, an idle one making room for a newcomer.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import resource
import signal
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import tornado.httpserver
import tornado.httputil
import tornado.iostream
import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.http1connection import HTTP1ServerConnection

from bot.config import Settings

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Bodies of refused requests up to this size are read and dropped; larger ones are not read.
SMALL_BODY_BYTES = 64 * 1024


@dataclass(frozen=True)
class DoorLimits:
    """What one connection to the webhook may hold or take."""

    # Updates are a few kilobytes: files travel as ids, never inline.
    max_body_bytes: int = 1_000_000
    # A connection's request headers (its first, or the next on a kept-alive one) must arrive
    # within this; then its body within `body_seconds`.
    idle_seconds: float = 10.0
    body_seconds: float = 10.0
    # Telegram opens at most 100 (setWebhook's max_connections, 40 by default). Never more than
    # a quarter of the process's file descriptors either, so accepting can never run out.
    max_connections: int = 100

    def connections_allowed(self) -> int:
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft == resource.RLIM_INFINITY:
            return self.max_connections
        return max(1, min(self.max_connections, soft // 4))


@tornado.web.stream_request_body
class UpdateHandler(tornado.web.RequestHandler):
    """Accept an update only with the right secret, then queue it for the application.

    The body is streamed in (`stream_request_body`), so `prepare` decides on the headers alone
    and a refused request is answered and closed without its body being read.
    """

    def initialize(self, app: Application, secret: str, max_body_bytes: int) -> None:
        self.app = app
        self.secret = secret
        self.max_body_bytes = max_body_bytes
        self.body = bytearray()
        self.refused = False

    def prepare(self) -> None:
        length = self.request.headers.get("Content-Length")
        if length is not None and not length.isdigit():
            raise tornado.web.HTTPError(400)
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            logger.warning("webhook request with a wrong secret from %s", self.request.remote_ip)
            if length is None or int(length) > SMALL_BODY_BYTES:
                raise tornado.web.HTTPError(403)
            # A small body is let in and dropped, so that its sender (Telegram itself, with
            # an old secret) sees a clean 403 rather than a reset connection.
            self.refused = True
        elif length is not None and int(length) > self.max_body_bytes:
            logger.warning("webhook body of %s bytes refused", length)
            raise tornado.web.HTTPError(413)

    def data_received(self, chunk: bytes) -> None:
        if self.refused:
            return
        self.body += chunk
        if len(self.body) > self.max_body_bytes:
            raise tornado.web.HTTPError(413)

    async def post(self) -> None:
        if self.refused:
            raise tornado.web.HTTPError(403)
        try:
            update = Update.de_json(json.loads(self.body), self.app.bot)
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


class DoorServer(tornado.httpserver.HTTPServer):
    """An HTTPServer holding at most `max_connections`. When full, a newcomer closes the
    connection that has waited longest without sending a request; only when every connection
    is busy with one is the newcomer turned away."""

    def initialize(self, *args, max_connections: int, **kwargs) -> None:
        super().initialize(*args, **kwargs)
        self.max_connections = max_connections
        # Connections waiting for their next request's headers, and since when.
        self._waiting: dict[HTTP1ServerConnection, float] = {}
        # Closed by us to make room, until tornado reports them gone.
        self._evicted: set[HTTP1ServerConnection] = set()

    def handle_stream(self, stream: tornado.iostream.IOStream, address: tuple) -> None:
        if len(self._connections) - len(self._evicted) >= self.max_connections:
            if not self._waiting:
                logger.warning("webhook connection turned away: %d open", self.max_connections)
                stream.close()
                return
            oldest = min(self._waiting, key=self._waiting.__getitem__)
            del self._waiting[oldest]
            self._evicted.add(oldest)
            oldest.stream.close()
        super().handle_stream(stream, address)

    def start_request(
        self, server_conn: object, request_conn: tornado.httputil.HTTPConnection
    ) -> tornado.httputil.HTTPMessageDelegate:
        connection = server_conn
        self._waiting[connection] = time.monotonic()
        return _OnHeaders(
            super().start_request(server_conn, request_conn),
            lambda: self._waiting.pop(connection, None),
        )

    def on_close(self, server_conn: object) -> None:
        self._waiting.pop(server_conn, None)
        self._evicted.discard(server_conn)
        super().on_close(server_conn)


class _OnHeaders(tornado.httputil.HTTPMessageDelegate):
    """Passes a request through, calling `arrived` once its headers are in."""

    def __init__(
        self, delegate: tornado.httputil.HTTPMessageDelegate, arrived: Callable[[], object]
    ) -> None:
        self.delegate = delegate
        self.arrived = arrived

    def headers_received(self, start_line, headers) -> Awaitable[None] | None:
        self.arrived()
        return self.delegate.headers_received(start_line, headers)

    def data_received(self, chunk: bytes) -> Awaitable[None] | None:
        return self.delegate.data_received(chunk)

    def finish(self) -> None:
        self.delegate.finish()

    def on_connection_close(self) -> None:
        self.delegate.on_connection_close()


def _log_request(handler: tornado.web.RequestHandler) -> None:
    # Refused requests are logged by the handler (and summed up when they come in storms);
    # one line per request would let anyone fill the disk.
    if handler.get_status() >= 500:
        logger.warning("webhook answered %d", handler.get_status())


def web_app(app: Application, settings: Settings, limits: DoorLimits) -> tornado.web.Application:
    update_handler = {
        "app": app,
        "secret": settings.secret_token,
        "max_body_bytes": limits.max_body_bytes,
    }
    return tornado.web.Application(
        [
            (r"/healthz", HealthHandler, {"app": app}),
            # Tornado reads a route as a pattern: WEBHOOK_URL's path is matched literally.
            (re.escape(settings.webhook_path), UpdateHandler, update_handler),
        ],
        log_function=_log_request,
    )


def door_server(app: Application, settings: Settings, limits: DoorLimits) -> DoorServer:
    """The HTTP server for the webhook with every limit of `limits` in place."""
    return DoorServer(
        web_app(app, settings, limits),
        max_connections=limits.connections_allowed(),
        idle_connection_timeout=limits.idle_seconds,
        body_timeout=limits.body_seconds,
        max_body_size=limits.max_body_bytes,
        # Room for the headers and one streamed chunk on top of the largest body.
        max_buffer_size=limits.max_body_bytes + 256 * 1024,
    )


async def serve_webhook(
    app: Application,
    settings: Settings,
    stop: asyncio.Event,
    ready: asyncio.Event | None = None,
    limits: DoorLimits | None = None,
) -> None:
    """Register the webhook, serve until `stop` is set, then shut down cleanly."""
    async with app:
        await app.post_init(app)
        server = door_server(app, settings, limits or DoorLimits())
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
