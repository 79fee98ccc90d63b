"""Nobody can slow the others (issue 11 §2): people's SQL runs in the worker processes, one at
a time per person, never on the engine's thread. The full run is benchmarks/sql_flood.py."""

import asyncio
import time

from fakebot import GROUP_CHAT, PERSON

from benchmarks.sql_flood import run
from handlers import texts

RUNAWAY = "/sql SELECT count(*) FROM range(10000000000) a, range(1000) b"


async def test_another_persons_question_is_answered_within_a_second_under_a_sql_flood(engine):
    figures = await run(engine, seconds=4.0, per_second=30.0)
    assert figures["answers"] >= 5
    assert figures["max_ms"] < 1000, figures
    # The flood really ran SQL to its time limit and was held to one query at a time.
    replies = figures["flooder_replies"]
    assert replies.get("stopped at the time limit", 0) >= 1, replies
    assert replies.get("one at a time", 0) >= 1, replies


async def test_a_second_sql_from_the_same_person_waits_its_turn(running_bot, fake_bot_api):
    await asyncio.to_thread(running_bot.bot_data.sandbox.start_workers)
    fake_bot_api.push(fake_bot_api.message_update(RUNAWAY))
    await asyncio.sleep(0.3)
    started = time.monotonic()
    fake_bot_api.push(fake_bot_api.message_update("/sql SELECT 6*7", chat=GROUP_CHAT))
    [busy] = await fake_bot_api.wait_for(
        "sendMessage", where=lambda call: call.params["chat_id"] == GROUP_CHAT["id"]
    )
    assert busy.params["text"] == texts.SQL_BUSY
    assert time.monotonic() - started < 1.0
    # Once the first is over (stopped at its limit), the next one runs.
    await fake_bot_api.wait_for(
        "sendMessage", where=lambda call: call.params["chat_id"] == PERSON["id"], timeout=10
    )
    fake_bot_api.push(fake_bot_api.message_update("/sql SELECT 6*7", chat=GROUP_CHAT))
    calls = await fake_bot_api.wait_for(
        "sendMessage", count=2, where=lambda call: call.params["chat_id"] == GROUP_CHAT["id"]
    )
    assert "결과: 42" in calls[-1].params["text"]
