"""The long property-test profile: hostile texts through the engine and through the real bot.

Run: .venv/bin/python benchmarks/fuzz.py [--examples 10000] [--engine-only]
Prints how many inputs were tried, their shapes, the longest reply part and any failure.
The same properties run in the test suite with a short profile (tests/*/test_fuzz_*.py).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fakebot import FakeBotApi  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from strategies import hostile_text  # noqa: E402
from telegram import Update  # noqa: E402

from bot.app import build_application  # noqa: E402
from handlers import render, texts  # noqa: E402
from knowledge import Engine  # noqa: E402
from services.config import Settings  # noqa: E402
from services.limits import MESSAGE_LIMIT, telegram_length  # noqa: E402


@dataclass
class Tally:
    examples: int = 0
    longest_input: int = 0
    blank_inputs: int = 0
    most_parts: int = 0
    longest_part: int = 0
    failures: list[str] = field(default_factory=list)

    def saw(self, text: str, parts: list[str]) -> None:
        self.examples += 1
        self.longest_input = max(self.longest_input, len(text))
        self.blank_inputs += not text.strip()
        self.most_parts = max(self.most_parts, len(parts))
        self.longest_part = max([self.longest_part, *map(render.telegram_length, parts)])


def profile(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )


def fuzz_engine(engine: Engine, examples: int) -> Tally:
    tally = Tally()

    @profile(examples)
    @given(text=hostile_text())
    def run(text: str) -> None:
        answer = engine.ask(text)
        parts = render.render_html(answer)
        tally.saw(text, parts)
        if not answer.text.strip() or max(map(telegram_length, parts)) > MESSAGE_LIMIT:
            tally.failures.append(repr(text[:80]))

    run()
    return tally


async def fuzz_bot(engine: Engine, examples: int) -> Tally:
    tally = Tally()
    async with FakeBotApi() as api:
        base = Settings(
            telegram_bot_token=api.token,
            telegram_api_url=api.base_url,
            telegram_file_url=api.file_url,
            request_timeout=2.0,
            retry_backoff=0.05,
        )
        app = build_application(replace(base, user_rate=0, messages_per_second=0), engine)
        loop = asyncio.get_running_loop()
        groups = iter(range(-1_000_000_000, -2_000_000_000, -1))

        async def one(text: str, in_group: bool) -> None:
            api.calls.clear()
            chat = {"id": next(groups), "type": "supergroup", "title": "g"} if in_group else None
            update = api.message_update(f"@report_test_bot {text}" if in_group else text, chat=chat)
            if not text and not in_group:
                del update["message"]["text"]
            await app.process_update(Update.de_json(update, app.bot))
            sent = [
                c.params.get("text") or c.params.get("caption") or ""
                for c in api.calls
                if c.method.startswith("send") and c.method != "sendChatAction"
            ]
            tally.saw(text, sent)
            if not sent or texts.ERROR in sent or max(map(telegram_length, sent)) > MESSAGE_LIMIT:
                tally.failures.append(repr(text[:80]))

        @profile(examples)
        @given(text=hostile_text(), in_group=st.booleans())
        def run(text: str, in_group: bool) -> None:
            # Hypothesis drives synchronously; each example runs on the bot's own loop.
            asyncio.run_coroutine_threadsafe(one(text, in_group), loop).result()

        async with app:
            await app.post_init(app)
            await asyncio.to_thread(run)
            errors = app.bot_data.usage.counters()["errors"]
            await app.post_shutdown(app)
        if errors:
            tally.failures.append(f"{errors} handler errors")
    return tally


def report(name: str, tally: Tally, seconds: float) -> None:
    print(
        f"{name}: {tally.examples} examples in {seconds:.1f} s "
        f"({tally.examples / seconds:.0f}/s); longest input {tally.longest_input} chars, "
        f"{tally.blank_inputs} blank; most parts {tally.most_parts}, "
        f"longest part {tally.longest_part} UTF-16 units; failures {len(tally.failures)}"
    )
    for failure in tally.failures[:10]:
        print("  failed on", failure)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--engine-only", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    engine = Engine.load()
    started = time.perf_counter()
    engine_tally = fuzz_engine(engine, args.examples)
    report("engine + render", engine_tally, time.perf_counter() - started)
    failed = bool(engine_tally.failures)
    if not args.engine_only:
        started = time.perf_counter()
        bot_tally = asyncio.run(fuzz_bot(engine, args.examples))
        report("bot through the fake Bot API", bot_tally, time.perf_counter() - started)
        failed |= bool(bot_tally.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
