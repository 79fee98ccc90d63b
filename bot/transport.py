"""The HTTP transport to the Bot API, resending a request only when that cannot duplicate it.

python-telegram-bot resends nothing by itself; AIORateLimiter resends after a 429. This class
adds resends for 5xx replies and for failures that happened before the request left us, and
for any failure of a request that is harmless to repeat. A send whose response was lost
(read timeout, dropped connection) may already have reached the chat, so it is NOT resent:
a person may miss one reply in that rare case but never sees the same reply twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from http import HTTPStatus

import httpx
from telegram.error import NetworkError
from telegram.request import HTTPXRequest, RequestData

from services.limits import RequestTooLarge

logger = logging.getLogger(__name__)

# Failures that mean the request never reached the server.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

# Methods whose second copy changes nothing a person sees (reads, settings, chat actions,
# answers to queries, edits to the same content).
REPEATABLE = frozenset(
    {
        "answerCallbackQuery",
        "answerInlineQuery",
        "deleteMessage",
        "deleteMyCommands",
        "deleteWebhook",
        "editMessageCaption",
        "editMessageReplyMarkup",
        "editMessageText",
        "sendChatAction",
        "setMyCommands",
        "setMyDescription",
        "setMyShortDescription",
        "setWebhook",
    }
)


def endpoint_of(url: str) -> str:
    """The Bot API method name at the end of a request URL."""
    return url.rsplit("/", 1)[-1]


def is_repeatable(endpoint: str) -> bool:
    """Whether sending this method twice is harmless."""
    return endpoint in REPEATABLE or (endpoint.startswith("get") and endpoint != "getUpdates")


# A request that never left keeps being resent for this long (a network outage, a restarting
# proxy) with backoff up to UNREACHABLE_BACKOFF: a reply waits for the network rather than
# being dropped after a few quick tries.
UNREACHABLE_PATIENCE = 60.0
UNREACHABLE_BACKOFF = 2.0


def never_sent(error: NetworkError) -> bool:
    return isinstance(error.__cause__, NOT_SENT)


def may_resend(endpoint: str, error: NetworkError) -> bool:
    """Whether a request that failed with `error` may be sent again without a duplicate."""
    return isinstance(error.__cause__, NOT_SENT) or is_repeatable(endpoint)


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that resends after 5xx replies and safe network failures, with backoff."""

    def __init__(
        self,
        *,
        max_retries: int = 3,
        backoff: float = 0.5,
        patience: float = UNREACHABLE_PATIENCE,
        **kwargs,
    ) -> None:
        super().__init__(**kwargs)
        self.max_retries = max_retries
        self.backoff = backoff
        self.patience = patience
        self._giving_up = False

    def give_up(self) -> None:
        """From now on (shutdown) fail at once instead of resending or waiting to resend."""
        self._giving_up = True

    async def _pause(self, seconds: float) -> None:
        # Short steps, so a shutdown that starts meanwhile does not wait out a long backoff.
        deadline = time.monotonic() + seconds
        while not self._giving_up and time.monotonic() < deadline:
            await asyncio.sleep(min(0.1, deadline - time.monotonic()))

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout=HTTPXRequest.DEFAULT_NONE,
        write_timeout=HTTPXRequest.DEFAULT_NONE,
        connect_timeout=HTTPXRequest.DEFAULT_NONE,
        pool_timeout=HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        endpoint = endpoint_of(url)
        started = time.monotonic()
        attempt = unreachable = 0
        while True:
            last = attempt >= self.max_retries
            try:
                code, payload = await super().do_request(
                    url,
                    method,
                    request_data,
                    read_timeout=read_timeout,
                    write_timeout=write_timeout,
                    connect_timeout=connect_timeout,
                    pool_timeout=pool_timeout,
                )
            except NetworkError as error:
                if self._giving_up:
                    raise
                if never_sent(error) and time.monotonic() - started < self.patience:
                    # Not counted as an attempt: nothing reached Telegram.
                    unreachable += 1
                    logger.warning(
                        "%s: Telegram unreachable (%s); resending",
                        endpoint,
                        type(error.__cause__).__name__,
                    )
                    await self._pause(
                        min(self.backoff * 2 ** (unreachable - 1), UNREACHABLE_BACKOFF)
                    )
                    continue
                if last or not may_resend(endpoint, error):
                    raise
                logger.warning(
                    "%s failed (%s), attempt %d; resending",
                    endpoint,
                    type(error.__cause__ or error).__name__,
                    attempt + 1,
                )
            else:
                if code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE:
                    # Otherwise a plain NetworkError, logged as if Telegram were unreachable.
                    raise RequestTooLarge(f"{endpoint}: request too large for Telegram")
                # A 5xx means the server did not carry the request out.
                if code < 500 or last or self._giving_up:
                    return code, payload
                logger.warning("%s answered %d, attempt %d; resending", endpoint, code, attempt + 1)
            await self._pause(self.backoff * 2**attempt)
            attempt += 1
