"""One person floods /sql and inline queries by every path while another asks questions: how
long the other waits for each answer (issue 11 §2; the aim is under 1 s).

Run: .venv/bin/python benchmarks/sql_flood.py [--seconds 20] [--per-second 40]

The flood, from one person, as fast as --per-second allows: /sql queries that keep a worker
busy for its whole 2 s limit, in a private chat and in two groups (`@bot /sql`); `／ｓｑｌ`
with a long crafted query for the checker; inline `/sql …` and inline questions; forged
buttons (`q:/sql …`); edited `/sql`. The per-person limit is off (BOT_USER_RATE=0), so only
the isolation holds the flood back: people's SQL runs in the worker processes, one at a
time per person, never on the engine's thread that answers questions.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakebot import FakeBotApi  # noqa: E402
from telegram import Update  # noqa: E402

from bot.app import build_application  # noqa: E402
from knowledge import Engine  # noqa: E402
from services.config import Settings  # noqa: E402

FLOODER = {"id": 6666, "is_bot": False, "first_name": "flood"}
ASKER = {"id": 7777, "is_bot": False, "first_name": "asker"}
# A new group each time: Telegram's 20 messages a minute per group would pace the replies.
GROUP_IDS = itertools.count(-100_500, -1)
QUESTION = "시민참여과 잔액"
RUNAWAY = "SELECT count(*) FROM range(10000000000) a, range(1000) b"
# About 3,500 characters of nested arithmetic: work for the checker before it can refuse.
CRAFTED = "SELECT " + "+".join(f"(({n}*2)-1)" for n in range(350))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def group() -> dict:
    return {"id": next(GROUP_IDS), "type": "supergroup", "title": "flood"}


def flood_updates(api: FakeBotApi):
    """Every path to /sql (and inline questions), round and round."""
    mention = "@report_test_bot"
    makers = [
        lambda: api.message_update(f"/sql {RUNAWAY}", user=FLOODER),
        lambda: api.message_update(f"／ｓｑｌ {CRAFTED}", user=FLOODER),
        lambda: api.message_update(f"{mention} /sql {RUNAWAY}", user=FLOODER, chat=group()),
        lambda: api.message_update(f"{mention} ／sql {RUNAWAY}", user=FLOODER, chat=group()),
        lambda: api.inline_update(f"/sql {RUNAWAY}", user=FLOODER),
        lambda: api.inline_update("갈등관리협치과 집행률", user=FLOODER),
        lambda: api.callback_update("q:/sql SELECT 6*7", user=FLOODER),
        lambda: api.message_update(f"/sql {RUNAWAY}", user=FLOODER, edited=True),
    ]
    for make in itertools.cycle(makers):
        yield make()


async def run(engine: Engine, seconds: float = 20.0, per_second: float = 40.0) -> dict:
    """Flood for `seconds` while the other person asks every 0.25 s; their waits in figures."""
    async with FakeBotApi() as api:
        settings = Settings(
            telegram_bot_token=api.token,
            telegram_api_url=api.base_url,
            telegram_file_url=api.file_url,
            request_timeout=5.0,
            retry_backoff=0.05,
            messages_per_second=0,
            user_rate=0,
        )
        app = build_application(settings, engine)
        async with app:
            await app.post_init(app)
            # Workers up before measuring, as they are a second after a real start.
            await asyncio.to_thread(app.bot_data.sandbox.start_workers)
            await app.start()
            await app.updater.start_polling(
                poll_interval=0.0, timeout=1, allowed_updates=Update.ALL_TYPES
            )
            await api.wait_for("getUpdates")
            quiet = await ask_while(api, seconds=2.0)
            flooding = asyncio.create_task(flood(api, seconds, per_second))
            await asyncio.sleep(0.5)
            loud = await ask_while(api, seconds=seconds - 0.5)
            sent = await flooding
            await api.wait_quiet(quiet=0.5, timeout=30)
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)
        flooder_replies = Counter(
            kind(call.params.get("text", ""))
            for call in api.delivered("sendMessage")
            if call.params.get("chat_id") == FLOODER["id"] or call.params.get("chat_id") < -100_000
        )
    return {
        "seconds": seconds,
        "flood_updates": sent,
        "flood_per_s": sent / seconds,
        "quiet_p50_ms": statistics.median(quiet) * 1000,
        "quiet_max_ms": max(quiet) * 1000,
        "answers": len(loud),
        "p50_ms": statistics.median(loud) * 1000,
        "p95_ms": percentile(loud, 0.95) * 1000,
        "max_ms": max(loud) * 1000,
        "flooder_replies": dict(flooder_replies),
    }


def kind(text: str) -> str:
    """What a reply to the flooder was, for the report."""
    for marker, name in (
        ("중단했습니다", "stopped at the time limit"),
        ("실행하는 중", "one at a time"),
        ("실행하지 않았습니다", "refused by the checker"),
        ("결과", "result"),
    ):
        if marker in text:
            return name
    return "other"


async def flood(api: FakeBotApi, seconds: float, per_second: float) -> int:
    updates = flood_updates(api)
    started = time.monotonic()
    sent = 0
    while time.monotonic() - started < seconds:
        api.push(next(updates))
        sent += 1
        await asyncio.sleep(1 / per_second)
    return sent


async def ask_while(api: FakeBotApi, seconds: float) -> list[float]:
    """The other person asks, waits for the answer, pauses 0.25 s, again; their waits."""
    waits = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        before = len(api.delivered("sendMessage"))
        asked = time.monotonic()
        api.push(api.message_update(QUESTION, user=ASKER))
        [*_, reply] = await api.wait_for(
            "sendMessage",
            count=len([c for c in api.delivered("sendMessage")[:before] if is_asker(c)]) + 1,
            where=is_asker,
            timeout=30,
        )
        waits.append(reply.at - asked)
        await asyncio.sleep(0.25)
    return waits


def is_asker(call) -> bool:
    return call.params.get("chat_id") == ASKER["id"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--per-second", type=float, default=40.0)
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    figures = asyncio.run(run(Engine.load(), args.seconds, args.per_second))
    print(
        "flood: {flood_updates} updates in {seconds:.0f} s ({flood_per_s:.0f}/s) from one "
        "person; the other person's question, {answers} times: p50 {p50_ms:.0f} ms, "
        "p95 {p95_ms:.0f} ms, max {max_ms:.0f} ms (without the flood: p50 {quiet_p50_ms:.0f} "
        "ms, max {quiet_max_ms:.0f} ms); replies to the flooder {flooder_replies}".format(**figures)
    )


if __name__ == "__main__":
    main()
