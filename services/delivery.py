"""The weekly broadcast: a JobQueue job that sends every due summary, each slot at most once.

Each message goes: claim the slot in the log ('sending', committed) → send → record 'sent'
(committed together with the next claim). A process killed in between leaves one 'sending'
row; at the next start it becomes 'unconfirmed' and is not resent, so nobody ever gets a
slot twice. One message is in flight at a time (unless `in_flight` says more), so a kill
leaves at most one such row. Everything else is exact: a slot never claimed is still due
after a restart and is sent then.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

import httpx
from telegram import Bot
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from knowledge.calendar import SEOUL
from knowledge.summary import WeeklySummary
from services.limits import MESSAGES_PER_SECOND, fit_message
from services.subscriptions import Due, Outcome, SubscriptionStore

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
# Builds the day's summary; the caller decides which thread touches the report connection.
SummaryFactory = Callable[[date], Awaitable[WeeklySummary]]

# Failures that prove the request never reached Telegram: resending cannot duplicate.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
GONE_CHAT = ("chat not found", "user is deactivated", "bot was kicked", "have no rights")


def summary_message(summary: WeeklySummary, previous: dict | None) -> str:
    """The summary as one Telegram message (HTML), with what changed since `previous`."""
    return html.escape(fit_message(summary.text_for(previous)))


def utc_now() -> datetime:
    return datetime.now(UTC)


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Pacer:
    """No more than `rate` sends in any window of `period` seconds, as the server counts them.

    A window is measured from when a request's response came back (it reached the server
    before that) to when a later request starts (it reaches the server after that), so the
    server can never see `rate + 1` in one window, however uneven the latency; and a slow
    send does not make the next one wait longer than it must.
    """

    def __init__(self, rate: float = MESSAGES_PER_SECOND, period: float = 1.0) -> None:
        # 0 means no limit, as for TELEGRAM_MESSAGES_PER_SECOND.
        self.rate = int(rate) if rate > 0 else None
        self.period = period
        self._finished: deque[float] = deque()
        self._in_flight = 0
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Telegram said 429: nobody sends until `retry_after` has passed."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Wait for room in the window, then hold it for one request."""
        while True:
            now = time.monotonic()
            while self._finished and now - self._finished[0] >= self.period:
                self._finished.popleft()
            delay = self._paused_until - now
            if self.rate is not None and len(self._finished) + self._in_flight >= self.rate:
                oldest = self._finished[0] if self._finished else now
                delay = max(delay, oldest + self.period - now, 0.001)
            if delay <= 0:
                break
            await asyncio.sleep(delay)
        self._in_flight += 1
        try:
            yield
        finally:
            self._in_flight -= 1
            self._finished.append(time.monotonic())


@dataclass
class BroadcastReport:
    """What one broadcast did, for the log and the benchmark."""

    sent: int = 0
    failed: int = 0
    deactivated: int = 0
    unconfirmed: int = 0
    # Claimed, not sent, and given back at shutdown: due again after the restart.
    released: int = 0
    rate_limited: int = 0
    retried: int = 0
    seconds: float = 0.0
    chats: list[int] = field(default_factory=list)


@dataclass
class _Batch:
    """What the senders of one round share: the summary, its texts, the report."""

    summary: WeeklySummary
    texts: dict[str | None, str]
    fingerprints: dict[int, str]
    report: BroadcastReport


class Broadcaster:
    """Delivers due slots, `in_flight` messages at a time; safe to call again at any moment.

    `in_flight` bounds the messages whose fate a SIGKILL can leave unknown. 1 (the default)
    keeps that to a single message; Telegram's real latency (~100 ms) needs about 3 to reach
    30 messages/s, at the price of up to 3 unconfirmed summaries after a kill.
    """

    def __init__(
        self,
        store: SubscriptionStore,
        summaries: SummaryFactory,
        *,
        clock: Clock = utc_now,
        today: date | None = None,
        rate: float = MESSAGES_PER_SECOND,
        max_attempts: int = 4,
        backoff: float = 0.5,
        send_timeout: float = 30.0,
        in_flight: int = 1,
    ) -> None:
        self.store = store
        self.summaries = summaries
        self.clock = clock
        self.today = today
        self.pacer = Pacer(rate)
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.send_timeout = send_timeout
        self.in_flight = max(1, in_flight)
        self._running = asyncio.Lock()

    def summary_day(self) -> date:
        return self.today or self.clock().astimezone(SEOUL).date()

    async def run(self, bot: Bot, stopping: Callable[[], bool] = lambda: False) -> BroadcastReport:
        """Send every due slot; slots falling due meanwhile are picked up before returning.

        `stopping` is asked before each message: once it says True (the process is shutting
        down) the broadcast ends between two messages, every finished one recorded, and
        what is left stays due for the next start.
        """
        report = BroadcastReport()
        if self._running.locked():
            return report
        async with self._running:
            started = time.monotonic()
            summary: WeeklySummary | None = None
            texts: dict[str | None, str] = {}
            while not stopping():
                due = await asyncio.to_thread(self.store.due, self.clock())
                if not due:
                    break
                if summary is None or summary.today != self.summary_day():
                    summary = await self.summaries(self.summary_day())
                    texts.clear()
                fingerprints = await asyncio.to_thread(self.store.snapshot_fingerprints)
                batch = _Batch(summary, texts, fingerprints, report)
                queue = deque(due)
                await asyncio.gather(
                    *(self._sender(bot, queue, batch, stopping) for _ in range(self.in_flight))
                )
            report.seconds = time.monotonic() - started
            if stopping():
                logger.info("broadcast paused for shutdown; what is left goes out after restart")
        if report.sent or report.failed or report.unconfirmed:
            logger.info(
                "broadcast: %d sent, %d failed, %d deactivated, %d unconfirmed, %d retried, "
                "%d rate-limited in %.1f s",
                report.sent,
                report.failed,
                report.deactivated,
                report.unconfirmed,
                report.retried,
                report.rate_limited,
                report.seconds,
            )
        return report

    async def _sender(
        self, bot: Bot, queue: deque[Due], batch: _Batch, stopping: Callable[[], bool]
    ) -> None:
        """One message at a time from the shared queue."""
        # The last successful send, written together with the next claim (one commit each).
        unsettled: list[Outcome] = []
        try:
            while queue and not stopping():
                await self._deliver(bot, queue.popleft(), batch, unsettled, stopping)
        finally:
            if unsettled:
                await asyncio.to_thread(self.store.settle, unsettled.pop(), self.clock())

    async def _deliver(
        self,
        bot: Bot,
        item: Due,
        batch: _Batch,
        unsettled: list[Outcome],
        stopping: Callable[[], bool],
    ) -> None:
        summary, report = batch.summary, batch.report
        key = batch.fingerprints.get(item.chat_id)
        if key not in batch.texts:
            previous = await asyncio.to_thread(self.store.last_snapshot, item.chat_id)
            batch.texts[key] = summary_message(summary, previous)
        text = batch.texts[key]
        # The claim is committed before the request leaves: the ambiguity starts here.
        claimed = await asyncio.to_thread(
            self.store.claim, item.chat_id, item.slot, self.clock(), *unsettled
        )
        unsettled.clear()
        if not claimed:
            return
        chat_id = item.chat_id
        attempt = 0
        while True:
            attempt += 1
            try:
                # Paced right at the request, so the database's jitter does not bunch sends.
                async with self.pacer.slot():
                    message = await bot.send_message(chat_id, text, read_timeout=self.send_timeout)
            except RetryAfter as error:
                # Telegram refused it, so it was not sent: wait as told and send again.
                report.rate_limited += 1
                if stopping():
                    await asyncio.to_thread(self.store.release, item.chat_id, item.slot)
                    report.released += 1
                    return
                wait = _seconds(error.retry_after)
                logger.warning("429 for chat %s: waiting %.0f s", chat_id, wait)
                self.pacer.pause(wait)
                if attempt < self.max_attempts * 4:
                    continue
                await self._finish(item, "failed", attempt, error=str(error))
                report.failed += 1
                return
            except ChatMigrated as error:
                await asyncio.to_thread(
                    self.store.move_chat, chat_id, error.new_chat_id, self.clock()
                )
                item = Due(error.new_chat_id, item.slot)
                chat_id = error.new_chat_id
                continue
            except Forbidden as error:
                await self._stop(item, attempt, f"forbidden: {error}", report)
                return
            except BadRequest as error:
                if any(reason in str(error).lower() for reason in GONE_CHAT):
                    await self._stop(item, attempt, f"gone: {error}", report)
                    return
                logger.error("summary to chat %s rejected: %s", chat_id, error)
                await self._finish(item, "failed", attempt, error=str(error))
                report.failed += 1
                return
            except NetworkError as error:
                # A reply from the server (no cause) or a failure before sending is safe to
                # retry; a lost response may mean the message arrived, so it is not resent.
                safe = error.__cause__ is None or isinstance(error.__cause__, NOT_SENT)
                if not safe:
                    logger.warning("summary to chat %s may or may not have arrived", chat_id)
                    await self._finish(item, "unconfirmed", attempt, error=str(error))
                    report.unconfirmed += 1
                    return
                if stopping():
                    # Shutting down: no more tries. It was not sent, so it stays due and
                    # goes out once after the restart.
                    await asyncio.to_thread(self.store.release, item.chat_id, item.slot)
                    report.released += 1
                    return
                if attempt < self.max_attempts:
                    report.retried += 1
                    await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
                    continue
                logger.error("summary to chat %s failed %d times: %s", chat_id, attempt, error)
                await self._finish(item, "failed", attempt, error=str(error))
                report.failed += 1
                return
            except TelegramError as error:
                # Anything else Telegram refuses: close the claim so this process moves on.
                logger.error("summary to chat %s refused: %s", chat_id, error)
                await self._finish(item, "failed", attempt, error=str(error))
                report.failed += 1
                return
            # Identical snapshots are not rewritten: 10,000 copies of one dict per week add up.
            fresh = summary.snapshot if key != summary.snapshot["fingerprint"] else None
            unsettled.append(
                Outcome(item.chat_id, item.slot, "sent", attempt, message.message_id, None, fresh)
            )
            report.sent += 1
            report.chats.append(chat_id)
            return

    async def _finish(self, item: Due, status: str, attempts: int, **details) -> None:
        await asyncio.to_thread(
            self.store.finish, item.chat_id, item.slot, self.clock(), status=status,
            attempts=attempts, **details,
        )  # fmt: skip

    async def _stop(self, item: Due, attempts: int, reason: str, report: BroadcastReport) -> None:
        """The bot was blocked or removed: stop this subscription for good."""
        logger.info("chat %s is unreachable (%s): subscription stopped", item.chat_id, reason)
        await self._finish(item, "failed", attempts, error=reason)
        await asyncio.to_thread(self.store.unsubscribe, item.chat_id, self.clock(), reason[:200])
        report.failed += 1
        report.deactivated += 1


def seconds_to_next_minute(now: float | None = None, offset: float = 0.5) -> float:
    """Delay until just after the next whole minute, when new slots fall due."""
    now = time.time() if now is None else now
    return 60 - now % 60 + offset
