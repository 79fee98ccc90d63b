"""Property: any text through the real Application gets replies of at most 4,096 characters
each (as Telegram counts them), and never the error apology."""

import itertools
from dataclasses import replace

import pytest
from conftest import process, start_app, stop_app
from fakebot import GROUP_CHAT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import hostile_text

from handlers import texts
from services.limits import MESSAGE_LIMIT, telegram_length

SHORT = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
LONG = settings(SHORT, max_examples=10_000)
GROUP_IDS = itertools.count(-1_000_000_000, -1)


@pytest.fixture
async def fuzz_app(fake_bot_api, bot_settings, engine):
    # Thousands of messages from one person: the per-person limit would silence them.
    app = await start_app(replace(bot_settings, user_rate=0), engine)
    yield app
    await stop_app(app)


async def check(app, api, text: str, in_group: bool) -> None:
    api.calls.clear()
    if in_group:
        # A new group each time: Telegram's 20-a-minute limit per group would pace them.
        group = {**GROUP_CHAT, "id": next(GROUP_IDS)}
        update = api.message_update(f"@report_test_bot {text}", chat=group)
    else:
        update = api.message_update(text)
        if not text:
            # Telegram sends no empty texts; an empty message is one without text.
            del update["message"]["text"]
    await process(app, update)
    sent = [
        call.params.get("text") or call.params.get("caption") or ""
        for call in api.calls
        if call.method.startswith("send") and call.method != "sendChatAction"
    ]
    assert sent, "no reply"
    assert all(0 < telegram_length(message) <= MESSAGE_LIMIT for message in sent)
    assert texts.ERROR not in sent
    assert app.bot_data.usage.counters()["errors"] == 0


@SHORT
@given(text=hostile_text(), in_group=st.booleans())
async def test_any_text_gets_replies_within_telegrams_limit(fuzz_app, fake_bot_api, text, in_group):
    await check(fuzz_app, fake_bot_api, text, in_group)


@pytest.mark.slow
@LONG
@given(text=hostile_text(), in_group=st.booleans())
async def test_any_text_gets_replies_within_telegrams_limit_long_profile(
    fuzz_app, fake_bot_api, text, in_group
):
    await check(fuzz_app, fake_bot_api, text, in_group)
