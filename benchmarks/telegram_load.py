"""N simulated people asking the bot at once through the fake Bot API: replies/s, latency, losses.

Run: .venv/bin/python benchmarks/telegram_load.py [--users 300] [--rate 30] [--faults]
`--rate 30` is Telegram's own limit across chats (AIORateLimiter); `--rate 0` removes it to
show what the bot itself can do.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakebot import FakeBotApi, Fault  # noqa: E402
from telegram import Update  # noqa: E402

from bot.app import build_application  # noqa: E402
from bot.config import Settings  # noqa: E402
from handlers import render  # noqa: E402
from knowledge import Engine  # noqa: E402

QUESTIONS = (
    "갈등관리협치과 집행률",
    "혁신파크 예산",
    "10월 일정",
    "시민협력국 부서 목록",
    "시민참여과 현원",
    "기부금품 담당 부서",
    "세입 징수율",
    "서울시민회의 추진현황",
    "지출 집행률 가장 낮은 사업",
    "날씨 어때",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def run(users: int, rate: int, faults: bool, engine: Engine) -> dict:
    async with FakeBotApi() as api:
        settings = Settings(
            telegram_bot_token=api.token,
            telegram_api_url=api.base_url,
            telegram_file_url=api.file_url,
            request_timeout=5.0,
            retry_backoff=0.05,
            messages_per_second=rate,
        )
        app = build_application(settings, engine)
        people = [
            {"id": 10_000 + n, "is_bot": False, "first_name": f"user{n}"} for n in range(users)
        ]
        asked = {p["id"]: QUESTIONS[n % len(QUESTIONS)] for n, p in enumerate(people)}
        expected = {
            chat: len(render.render_html(engine.ask(question))) for chat, question in asked.items()
        }
        async with app:
            await app.start()
            await app.updater.start_polling(
                poll_interval=0.0, timeout=1, allowed_updates=Update.ALL_TYPES
            )
            await api.wait_for("getUpdates")
            if faults:
                api.fail_next("sendMessage", Fault.rate_limited(1), *[Fault.server_error()] * 5)
            started = time.monotonic()
            api.push(*(api.message_update(asked[p["id"]], user=p) for p in people))
            total = sum(expected.values())
            await api.wait_for("sendMessage", count=total, timeout=60 + users / max(rate, 1))
            await api.wait_quiet(quiet=0.5, timeout=30)
            await app.updater.stop()
            await app.stop()
    delivered = api.delivered("sendMessage")
    per_chat: dict[int, list[float]] = {}
    for call in delivered:
        per_chat.setdefault(call.params["chat_id"], []).append(call.at)
    latencies = [max(times) - started for times in per_chat.values()]
    finished = max(call.at for call in delivered)
    return {
        "users": users,
        "rate_limit": rate or "off",
        "faults": faults,
        "replies": len(delivered),
        "replies_per_s": len(delivered) / (finished - started),
        "p50_ms": statistics.median(latencies) * 1000,
        "p95_ms": percentile(latencies, 0.95) * 1000,
        "missing": sum(1 for chat, n in expected.items() if len(per_chat.get(chat, [])) < n),
        "duplicated": sum(1 for chat, n in expected.items() if len(per_chat.get(chat, [])) > n),
        "requests": len(api.requests()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--rate", type=int, action="append", help="messages/s limit; 0 = off")
    parser.add_argument("--faults", action="store_true", help="inject a 429 and five 500s")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    engine = Engine.load()
    for rate in args.rate or [0, 30]:
        figures = asyncio.run(run(args.users, rate, args.faults, engine))
        print(
            "users={users} rate_limit={rate_limit} faults={faults}: "
            "{replies} replies, {replies_per_s:.0f} replies/s, "
            "p50 {p50_ms:.0f} ms, p95 {p95_ms:.0f} ms, "
            "missing {missing}, duplicated {duplicated}".format(**figures)
        )


if __name__ == "__main__":
    main()
