"""Weekly broadcast to N subscribers through a fake Bot API that enforces 30 messages/s.

    .venv/bin/python benchmarks/broadcast.py --quick     # 1,000 subscribers, floor 33 s
    .venv/bin/python benchmarks/broadcast.py             # 10,000 subscribers, floor 333 s

Prints the time against the floor the limit sets, messages/s, 429s received, lost and
duplicated summaries. The fake server runs in its own process, as Telegram is a separate
party; the bot is the real Application with its rate limiter and state file.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "telegram")]

import duckdb  # noqa: E402
from fakebot import TOKEN  # noqa: E402
from paced_fakebot import PacedFakeBotApi  # noqa: E402

from bot.app import build_application  # noqa: E402
from knowledge import Engine  # noqa: E402
from knowledge.calendar import SEOUL  # noqa: E402
from services.config import Settings  # noqa: E402
from services.state import migrate  # noqa: E402

LIMIT = 30


def serve(pipe: Connection) -> None:
    """The fake Bot API in its own process: sends its port, serves until told, sends counts."""

    async def main() -> None:
        api = PacedFakeBotApi(max_per_second=LIMIT)
        await api.start()
        pipe.send(api.port)
        await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
        pipe.send((dict(api.summaries_per_chat()), api.rate_limited))
        await api.stop()

    asyncio.run(main())


class ServerProcess:
    """Telegram is another party: the fake server gets its own process (and interpreter)."""

    def __enter__(self) -> ServerProcess:
        self.pipe, child = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("spawn").Process(
            target=serve, args=(child,), daemon=True
        )
        self.process.start()
        port = self.pipe.recv()
        self.base_url = f"http://127.0.0.1:{port}/bot"
        self.file_url = f"http://127.0.0.1:{port}/file/bot"
        return self

    def results(self) -> tuple[dict[int, int], int]:
        """Summaries received per chat, and how many requests got a 429."""
        self.pipe.send("stop")
        return self.pipe.recv()

    def __exit__(self, *exc_info: object) -> None:
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.terminate()


def seed(state_db: Path, subscribers: int) -> None:
    """N private chats, all due now: their slot is this minute, subscribed a week ago."""
    now = datetime.now(UTC).astimezone(SEOUL)
    week_ago = (now - timedelta(days=7)).astimezone(UTC).replace(tzinfo=None)
    with duckdb.connect(str(state_db)) as connection:
        migrate(connection)
        connection.execute(
            """INSERT INTO subscriptions
               SELECT range + 1, 'private', ?, ?, ?, true, ?, ?, ?, NULL FROM range(?)""",
            [now.weekday(), now.hour, now.minute, week_ago, week_ago, week_ago, subscribers],
        )


async def broadcast(
    server: ServerProcess, state_db: Path, engine: Engine, in_flight: int
) -> tuple[float, object]:
    settings = Settings(
        telegram_bot_token=TOKEN,
        telegram_api_url=server.base_url,
        telegram_file_url=server.file_url,
        bot_state_db=str(state_db),
        bot_today=date(2021, 9, 6),
        messages_per_second=LIMIT,
        broadcast_in_flight=in_flight,
    )
    app = build_application(settings, engine)
    async with app:
        await app.post_init(app)
        started = time.monotonic()
        report = await app.bot_data.broadcaster.run(app.bot)
        elapsed = time.monotonic() - started
        await app.post_shutdown(app)
    return elapsed, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 subscribers instead of 10,000")
    parser.add_argument("--subscribers", type=int, help="any other number of subscribers")
    parser.add_argument("--in-flight", type=int, default=1, help="messages sent at once")
    args = parser.parse_args()
    subscribers = args.subscribers or (1_000 if args.quick else 10_000)
    floor = subscribers / LIMIT
    engine = Engine.load()
    with tempfile.TemporaryDirectory() as scratch, ServerProcess() as server:
        state_db = Path(scratch) / "state.duckdb"
        seed(state_db, subscribers)
        elapsed, report = asyncio.run(broadcast(server, state_db, engine, args.in_flight))
        per_chat, rate_limited = server.results()
    received = sum(per_chat.values())
    lost = subscribers - len(per_chat)
    duplicated = received - len(per_chat)
    over = (elapsed / floor - 1) * 100
    print(f"subscribers            {subscribers:,} ({args.in_flight} in flight)")
    print(f"broadcast time         {elapsed:,.1f} s")
    print(f"floor at {LIMIT} msg/s       {floor:,.1f} s")
    print(f"over the floor         {over:+.1f}% (goal: within 5%)")
    print(f"throughput             {received / elapsed:.2f} messages/s")
    print(f"429 from the server    {rate_limited}")
    print(f"sent / failed          {report.sent:,} / {report.failed:,}")
    print(f"lost                   {lost}")
    print(f"duplicated             {duplicated}")
    return 0 if lost == 0 and duplicated == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
