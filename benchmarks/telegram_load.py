"""N simulated people asking the bot at once through the fake Bot API: replies/s, latency, losses.

Run: .venv/bin/python benchmarks/telegram_load.py [--users 300] [--rate 30] [--faults]
`--rate 30` is Telegram's own limit across chats (AIORateLimiter); `--rate 0` removes it to
show what the bot itself can do.
`--users 50 --questions 20 --chaos` is the hardening run: 50 people asking 20 questions each,
all at once, while the server injects random 502s, 429s and 429 storms, slow answers, dropped
connections and outages (tests/chaos.py). Latency is per question, from the moment all are
queued to its reply's last part.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import time
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from chaos import Chaos  # noqa: E402
from fakebot import FakeBotApi, Fault  # noqa: E402
from telegram import Update  # noqa: E402

from bot.app import build_application  # noqa: E402
from handlers import render  # noqa: E402
from knowledge import Engine  # noqa: E402
from services.config import Settings  # noqa: E402

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


async def run(
    users: int,
    rate: int,
    faults: bool,
    engine: Engine,
    questions: int = 1,
    chaos: Chaos | None = None,
    outages: int = 2,
) -> dict:
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
        asked = {
            p["id"]: [QUESTIONS[(n + k) % len(QUESTIONS)] for k in range(questions)]
            for n, p in enumerate(people)
        }
        parts = {q: len(render.render_html(engine.ask(q))) for q in QUESTIONS}
        # Replies come in each chat's order: the k-th question ends at this many messages.
        ends = {chat: list(accumulate(parts[q] for q in qs)) for chat, qs in asked.items()}
        expected = {chat: counts[-1] for chat, counts in ends.items()}
        async with app:
            await app.post_init(app)
            await app.start()
            await app.updater.start_polling(
                poll_interval=0.0, timeout=1, allowed_updates=Update.ALL_TYPES
            )
            await api.wait_for("getUpdates")
            if faults:
                api.fail_next("sendMessage", Fault.rate_limited(1), *[Fault.server_error()] * 5)
            api.chaos = chaos
            started = time.monotonic()
            breaking = (
                asyncio.create_task(chaos.outages(api, every=1.5, seconds=1.5, count=outages))
                if chaos
                else None
            )
            # Round by round, as people type: everyone's first question, then the second, ...
            api.push(
                *(
                    api.message_update(asked[p["id"]][k], user=p)
                    for k in range(questions)
                    for p in people
                )
            )
            total = sum(expected.values())
            await api.wait_for(
                "sendMessage", count=total, timeout=60 + users * questions / max(rate, 1)
            )
            if breaking:
                await breaking
            api.chaos = None
            await api.wait_quiet(quiet=0.5, timeout=30)
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)
    delivered = api.delivered("sendMessage")
    per_chat: dict[int, list[float]] = {}
    for call in delivered:
        per_chat.setdefault(call.params["chat_id"], []).append(call.at)
    latencies = [
        times[end - 1] - started
        for chat, times in per_chat.items()
        for end in ends[chat]
        if end <= len(times)
    ]
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
        "questions": users * questions,
        "faults_injected": dict(chaos.counts) if chaos else {},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--rate", type=int, action="append", help="messages/s limit; 0 = off")
    parser.add_argument("--faults", action="store_true", help="inject a 429 and five 500s")
    parser.add_argument("--questions", type=int, default=1, help="questions per user")
    parser.add_argument("--chaos", action="store_true", help="random faults and outages")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    engine = Engine.load()
    for rate in args.rate or [0, 30]:
        chaos = Chaos(seed=args.seed) if args.chaos else None
        figures = asyncio.run(run(args.users, rate, args.faults, engine, args.questions, chaos))
        print(
            "users={users} questions={questions} rate_limit={rate_limit} faults={faults}: "
            "{replies} replies, {replies_per_s:.0f} replies/s, "
            "p50 {p50_ms:.0f} ms, p95 {p95_ms:.0f} ms, "
            "missing {missing}, duplicated {duplicated}".format(**figures)
        )
        if chaos:
            print("  faults injected:", dict(sorted(figures["faults_injected"].items())))


if __name__ == "__main__":
    main()
