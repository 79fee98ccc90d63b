"""Subscriptions end to end through the fake Bot API: commands, restarts, faults, SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import start_app, stop_app
from fakebot import BOT_USER, GROUP_CHAT, Fault
from paced_fakebot import PacedFakeBotApi
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from knowledge.calendar import SEOUL
from services.config import Settings
from services.schedule import Weekly
from services.subscriptions import SubscriptionStore

ROOT = Path(__file__).resolve().parents[2]
PERSON_ID = 1001
MONDAY_0859 = datetime(2021, 9, 6, 8, 59, tzinfo=SEOUL)


class Clock:
    """The bot's notion of now, moved by the test; nothing waits for real time."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def state_settings(bot_settings: Settings, tmp_path: Path) -> Settings:
    return replace(
        bot_settings, bot_state_db=str(tmp_path / "state.duckdb"), bot_today=date(2021, 9, 6)
    )


async def start_bot(settings: Settings, engine, clock: Clock) -> Application:
    app = build_application(settings, engine)
    await app.initialize()
    await app.post_init(app)
    # Before start: the first delivery tick runs once the application starts.
    app.bot_data.broadcaster.clock = clock
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    return app


async def stop_bot(app: Application) -> None:
    await app.updater.stop()
    await app.stop()
    await stop_app(app)


def summaries(api, chat_id: int | None = None) -> list[str]:
    return [text for text in api.sent_texts(chat_id) if text.startswith("📊")]


async def command(api, text: str, chat: dict | None = None) -> str:
    """Send a command through getUpdates and return the bot's reply text."""
    before = len(api.delivered("sendMessage"))
    api.push(api.message_update(text, chat=chat))
    calls = await api.wait_for("sendMessage", count=before + 1)
    return calls[before].params["text"]


async def test_subscribe_restart_and_receive_exactly_once(fake_bot_api, state_settings, engine):
    clock = Clock(MONDAY_0859)
    app = await start_bot(state_settings, engine, clock)
    reply = await command(fake_bot_api, "/subscribe")
    assert "매주 월요일 09:00(한국 시간)" in reply
    assert "다음 발송: 9월 6일(월) 09:00" in reply
    assert "다음 발송: 9월 6일(월) 09:00" in await command(fake_bot_api, "/subscription")
    await stop_bot(app)

    # The bot is down over Monday 09:00; it comes back at 09:00:30.
    clock.now = MONDAY_0859 + timedelta(seconds=90)
    app = await start_bot(state_settings, engine, clock)
    await fake_bot_api.wait_for("sendMessage", count=3)
    (summary,) = summaries(fake_bot_api, PERSON_ID)
    assert "2021-09-06(월)" in summary and "78,850,849천원" in summary
    assert (await app.bot_data.broadcaster.run(app.bot)).sent == 0
    await stop_bot(app)

    # Another restart in the same week sends nothing more.
    clock.now += timedelta(hours=3)
    app = await start_bot(state_settings, engine, clock)
    await asyncio.sleep(1.5)
    await fake_bot_api.wait_quiet()
    assert len(summaries(fake_bot_api, PERSON_ID)) == 1
    await stop_bot(app)

    # Next Monday it comes again, once.
    clock.now = MONDAY_0859 + timedelta(days=7, minutes=2)
    app = await start_bot(state_settings, engine, clock)
    await fake_bot_api.wait_for("sendMessage", count=4)
    await fake_bot_api.wait_quiet()
    assert len(summaries(fake_bot_api, PERSON_ID)) == 2
    await stop_bot(app)


async def test_group_subscribes_as_a_group_and_unsubscribes(fake_bot_api, state_settings, engine):
    app = await start_bot(state_settings, engine, Clock(MONDAY_0859))
    reply = await command(
        fake_bot_api, f"/subscribe@{BOT_USER['username']} 금 18:00", chat=GROUP_CHAT
    )
    assert reply.startswith("이 그룹에 매주 금요일 18:00")
    store: SubscriptionStore = app.bot_data.subscriptions
    assert store.get(GROUP_CHAT["id"]).chat_type == "supergroup"
    assert store.get(PERSON_ID) is None
    assert "해지했습니다" in await command(fake_bot_api, "/unsubscribe", chat=GROUP_CHAT)
    assert "구독하고 있지 않습니다" in await command(fake_bot_api, "/unsubscribe", chat=GROUP_CHAT)
    assert "구독하고 있지 않습니다" in await command(fake_bot_api, "/subscription")
    await stop_bot(app)


BAD_ARGUMENTS = ["/subscribe 25시", "/subscribe 내일 <b>아침</b>", "/subscribe '; DROP TABLE x"]


@pytest.mark.parametrize("text", BAD_ARGUMENTS, ids=["hour", "html", "sql"])
async def test_bad_arguments_get_a_korean_example_and_change_nothing(
    fake_bot_api, state_settings, engine, text
):
    app = await start_bot(state_settings, engine, Clock(MONDAY_0859))
    reply = await command(fake_bot_api, text)
    assert "/subscribe 금 18:00" in reply and "<b>" not in reply
    assert app.bot_data.subscriptions.get(PERSON_ID) is None
    await stop_bot(app)


async def test_summary_now_and_what_changed(fake_bot_api, state_settings, engine):
    app = await start_bot(state_settings, engine, Clock(MONDAY_0859))
    first = await command(fake_bot_api, "/summary")
    assert "자료 기준일 2021-08-13" in first and "갈등관리협치과 30,586,608천원" in first
    # Handled directly so the snapshot is recorded before the test rewrites it.
    update = Update.de_json(fake_bot_api.message_update("/summary"), app.bot)
    await app.process_update(update)
    assert "달라진 점" not in fake_bot_api.sent_texts()[-1]
    # Pretend this chat's last summary came from an older report.
    store = app.bot_data.subscriptions
    older = store.last_snapshot(PERSON_ID)
    older["fingerprint"] = "older"
    older["divisions"]["시민참여과"][2] -= 1000
    store.record_snapshot(PERSON_ID, older, MONDAY_0859)
    changed = await command(fake_bot_api, "/summary")
    assert "· 시민참여과: 지출 ▲1,000천원" in changed
    await stop_bot(app)


async def due_app(settings: Settings, engine, chats: list[int]) -> Application:
    """An initialised app whose chats are all due right now (subscribed a week ago)."""
    app = await start_app(settings, engine)
    clock = Clock(MONDAY_0859 + timedelta(minutes=5))
    app.bot_data.broadcaster.clock = clock
    for chat in chats:
        app.bot_data.subscriptions.subscribe(
            chat, "private", Weekly(0, 9, 0), clock.now - timedelta(7)
        )
    return app


async def test_blocked_chat_is_deactivated_and_others_still_get_theirs(
    fake_bot_api, state_settings, engine
):
    app = await due_app(state_settings, engine, [11, 12, 13])
    fake_bot_api.fail_next(
        "sendMessage", Fault.rejected(403, "Forbidden: bot was blocked by the user")
    )
    report = await app.bot_data.broadcaster.run(app.bot)
    assert (report.sent, report.deactivated) == (2, 1)
    store = app.bot_data.subscriptions
    assert store.get(11).active is False and "blocked" in store.get(11).stopped_reason
    assert store.get(12).active and store.get(13).active
    assert [len(summaries(fake_bot_api, chat)) for chat in (11, 12, 13)] == [0, 1, 1]
    await stop_app(app)


async def test_429_and_500_are_retried_to_exactly_one_delivery(
    fake_bot_api, state_settings, engine
):
    app = await due_app(state_settings, engine, [21, 22])
    fake_bot_api.fail_next("sendMessage", Fault.rate_limited(1), Fault.server_error(500))
    await app.bot_data.broadcaster.run(app.bot)
    assert [len(summaries(fake_bot_api, chat)) for chat in (21, 22)] == [1, 1]
    statuses = [row[2] for row in app.bot_data.subscriptions.deliveries()]
    assert statuses == ["sent", "sent"]
    await stop_app(app)


async def test_lost_response_is_not_resent(fake_bot_api, state_settings, engine):
    settings = replace(state_settings, request_timeout=0.3)
    app = await due_app(settings, engine, [31])
    app.bot_data.broadcaster.send_timeout = 0.3
    fake_bot_api.fail_next("sendMessage", Fault.slow(1.0))
    report = await app.bot_data.broadcaster.run(app.bot)
    assert report.unconfirmed == 1
    # The chat did get it (the server carried it out); a resend would be a duplicate.
    assert len(summaries(fake_bot_api, 31)) == 1
    assert (await app.bot_data.broadcaster.run(app.bot)).sent == 0
    assert len(summaries(fake_bot_api, 31)) == 1
    await stop_app(app)


# --- a real process, killed with SIGKILL in the middle of a broadcast ---------------------

SUBSCRIBERS = 40
STALL_AT = 15


@pytest.fixture
async def stalling_api() -> AsyncIterator[PacedFakeBotApi]:
    async with PacedFakeBotApi(max_per_second=30, stall_after=STALL_AT) as api:
        yield api


def bot_process_env(api: PacedFakeBotApi, state_db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.base_url,
        TELEGRAM_FILE_URL=api.file_url,
        BOT_STATE_DB=str(state_db),
        BOT_TODAY="2021-09-06",
        PYTHONPATH=str(ROOT),
    )
    return env


async def spawn_bot(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def test_sigkill_mid_broadcast_then_restart_delivers_each_summary_once(
    stalling_api, tmp_path
):
    state_db = tmp_path / "state.duckdb"
    # Everyone's slot is the latest whole minute in Seoul; all subscribed a week earlier.
    now = datetime.now(UTC).astimezone(SEOUL)
    weekly = Weekly(now.weekday(), now.hour, now.minute)
    store = SubscriptionStore(state_db)
    for chat in range(1, SUBSCRIBERS + 1):
        store.subscribe(chat, "private", weekly, now - timedelta(days=7))
    store.close()
    env = bot_process_env(stalling_api, state_db)

    first = await spawn_bot(env)
    try:
        await asyncio.wait_for(stalling_api.stalled.wait(), timeout=60)
        # The STALL_AT-th summary reached its chat; the bot is waiting for the response.
        first.send_signal(signal.SIGKILL)
        await first.wait()
    finally:
        if first.returncode is None:
            first.kill()
    delivered_before = sum(stalling_api.summaries_per_chat().values())
    assert delivered_before == STALL_AT

    stalling_api.release()
    second = await spawn_bot(env)
    try:
        await stalling_api.wait_for("sendMessage", count=SUBSCRIBERS, timeout=60)
        await stalling_api.wait_quiet(quiet=1.5, timeout=20)
    finally:
        second.send_signal(signal.SIGTERM)
        await asyncio.wait_for(second.wait(), timeout=30)

    per_chat = stalling_api.summaries_per_chat()
    assert set(per_chat) == set(range(1, SUBSCRIBERS + 1)), "lost"
    assert max(per_chat.values()) == 1, "duplicated"
    assert stalling_api.rate_limited == 0
    store = SubscriptionStore(state_db)
    statuses = [row[2] for row in store.deliveries()]
    store.close()
    # The one in flight at the kill is recorded as unconfirmed; all others as sent.
    assert statuses.count("unconfirmed") == 1
    assert statuses.count("sent") == SUBSCRIBERS - 1


REFUSALS = [
    ("chat gone", Fault.rejected(400, "Bad Request: chat not found"), False),
    ("other 400", Fault.rejected(400, "Bad Request: message is too long"), True),
]


@pytest.mark.parametrize(
    ("fault", "still_active"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
async def test_a_refused_summary_is_logged_once_and_not_retried(
    fake_bot_api, state_settings, engine, fault, still_active
):
    app = await due_app(state_settings, engine, [41])
    fake_bot_api.fail_next("sendMessage", fault)
    report = await app.bot_data.broadcaster.run(app.bot)
    assert report.failed == 1 and report.sent == 0
    assert len(fake_bot_api.requests("sendMessage")) == 1
    store = app.bot_data.subscriptions
    assert store.get(41).active is still_active
    assert [row[2] for row in store.deliveries()] == ["failed"]
    await stop_app(app)


async def test_several_in_flight_still_deliver_each_summary_once(
    fake_bot_api, state_settings, engine
):
    chats = list(range(51, 71))
    app = await due_app(state_settings, engine, chats)
    app.bot_data.broadcaster.in_flight = 3
    fake_bot_api.fail_next("sendMessage", Fault.server_error(502), Fault.rate_limited(1))
    report = await app.bot_data.broadcaster.run(app.bot)
    assert report.sent == len(chats)
    assert [len(summaries(fake_bot_api, chat)) for chat in chats] == [1] * len(chats)
    assert {row[2] for row in app.bot_data.subscriptions.deliveries()} == {"sent"}
    await stop_app(app)


async def test_this_month_in_a_question_counts_from_bot_today(fake_bot_api, state_settings, engine):
    # The same day the weekly summaries take (BOT_TODAY 2021-09-06): 이번 달 is September.
    app = await start_bot(state_settings, engine, Clock(MONDAY_0859))
    try:
        reply = await command(fake_bot_api, "이번 달 일정")
        assert "2021년 9월 향후계획" in reply
        assert "적격자심의위원회" in reply
    finally:
        await stop_bot(app)
