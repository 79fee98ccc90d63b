"""SIGTERM in a real process: the reply in flight finishes, the broadcast stops between two
messages with its progress recorded, the process exits within 10 s, and after a restart
nothing is lost or sent twice."""

from __future__ import annotations

import asyncio
import signal
import time
from datetime import UTC, datetime, timedelta

from conftest import rendered
from fakebot import PERSON, Fault
from test_subscriptions_e2e import bot_process_env, spawn_bot

from knowledge.calendar import SEOUL
from services.schedule import Weekly
from services.subscriptions import SubscriptionStore

SUBSCRIBERS = 30
EXIT_WITHIN = 10.0
QUESTION = "갈등관리협치과 집행률"
HOLD = 1.5


def summaries_per_chat(api) -> dict[int, int]:
    counts: dict[int, int] = {}
    for call in api.delivered("sendMessage"):
        if call.params["text"].startswith("📊"):
            counts[call.params["chat_id"]] = counts.get(call.params["chat_id"], 0) + 1
    return counts


async def stop_with_sigterm(process) -> float:
    started = time.monotonic()
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), timeout=30)
    finally:
        if process.returncode is None:
            process.kill()
    return time.monotonic() - started


def subscribers_due_now(api, state_db) -> dict[str, str]:
    """SUBSCRIBERS chats due this minute; the environment of a bot sending 10 a second, so
    the broadcast takes about 3 s, long enough to interrupt."""
    now = datetime.now(UTC).astimezone(SEOUL)
    weekly = Weekly(now.weekday(), now.hour, now.minute)
    store = SubscriptionStore(state_db)
    for chat in range(1, SUBSCRIBERS + 1):
        store.subscribe(chat, "private", weekly, now - timedelta(days=7))
    store.close()
    return {**bot_process_env(api, state_db), "TELEGRAM_MESSAGES_PER_SECOND": "10"}


async def broadcast_under_way(api) -> None:
    await api.wait_for(
        "sendMessage", count=6, timeout=60, where=lambda c: c.params["text"].startswith("📊")
    )


async def restart_until_every_chat_has_its_summary(api, env: dict[str, str]) -> None:
    second = await spawn_bot(env)
    try:
        await api.wait_for(
            "sendMessage",
            count=SUBSCRIBERS,
            timeout=60,
            where=lambda c: c.params["text"].startswith("📊"),
        )
        await api.wait_quiet(quiet=1.0, timeout=20)
    finally:
        await stop_with_sigterm(second)


async def test_sigterm_finishes_replies_pauses_the_broadcast_and_loses_nothing(
    fake_bot_api, engine, tmp_path
):
    state_db = tmp_path / "state.duckdb"
    env = subscribers_due_now(fake_bot_api, state_db)
    first = await spawn_bot(env)
    try:
        await broadcast_under_way(fake_bot_api)
        # A question whose reply the server holds for a while: in flight at the signal.
        fake_bot_api.fail_next("sendMessage", Fault.held(HOLD), chat_id=PERSON["id"])
        fake_bot_api.push(fake_bot_api.message_update(QUESTION))
        async with asyncio.timeout(15):
            while not fake_bot_api.requests("sendMessage", chat_id=PERSON["id"]):
                await asyncio.sleep(0.02)
    finally:
        took = await stop_with_sigterm(first)
    assert first.returncode == 0
    assert took < EXIT_WITHIN
    assert took >= HOLD * 0.8, "the process did not wait for the reply in flight"
    [reply] = fake_bot_api.requests("sendMessage", chat_id=PERSON["id"])
    assert reply.outcome == "ok"
    sent_before = summaries_per_chat(fake_bot_api)
    assert 6 <= len(sent_before) < SUBSCRIBERS, "the broadcast did not stop in the middle"
    store = SubscriptionStore(state_db)
    recorded = store.deliveries()
    store.close()
    # Progress recorded: each summary that went out is 'sent'; nothing left half-done.
    assert sorted(chat for chat, _, status, _ in recorded if status == "sent") == sorted(
        sent_before
    )
    assert {status for _, _, status, _ in recorded} == {"sent"}

    await restart_until_every_chat_has_its_summary(fake_bot_api, env)
    assert summaries_per_chat(fake_bot_api) == dict.fromkeys(range(1, SUBSCRIBERS + 1), 1)
    # The question was confirmed before the first process ended: not answered again.
    person = [
        c.params["text"]
        for c in fake_bot_api.delivered("sendMessage")
        if c.params["chat_id"] == PERSON["id"]
    ]
    assert person == rendered(engine.ask(QUESTION))


# Longer than EXIT_WITHIN: before the fix the broadcast kept resending into the outage.
OUTAGE = 12.0


async def test_sigterm_during_an_outage_mid_broadcast_exits_at_once_and_loses_nothing(
    fake_bot_api, tmp_path
):
    state_db = tmp_path / "state.duckdb"
    env = subscribers_due_now(fake_bot_api, state_db)
    first = await spawn_bot(env)
    try:
        await broadcast_under_way(fake_bot_api)
        outage = asyncio.create_task(fake_bot_api.outage(OUTAGE))
        # Telegram is unreachable: the broadcast's next summary is being resent into nothing.
        await asyncio.sleep(1.5)
    finally:
        took = await stop_with_sigterm(first)
    assert first.returncode == 0
    assert took < EXIT_WITHIN
    await outage
    sent_before = summaries_per_chat(fake_bot_api)
    store = SubscriptionStore(state_db)
    statuses = {status for _, _, status, _ in store.deliveries()}
    store.close()
    # What went out is recorded; the one that never left was given back, not failed.
    assert statuses == {"sent"}

    await restart_until_every_chat_has_its_summary(fake_bot_api, env)
    assert len(sent_before) < SUBSCRIBERS
    assert summaries_per_chat(fake_bot_api) == dict.fromkeys(range(1, SUBSCRIBERS + 1), 1)
