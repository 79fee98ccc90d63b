"""The gate before every feature: allow-lists with one refusal, and the per-person limit."""

from dataclasses import replace

import pytest
from conftest import process, rendered, start_app, stop_app
from fakebot import GROUP_CHAT, PERSON

from handlers.texts import NOT_ALLOWED, TOO_MANY

STRANGER = {"id": 2002, "is_bot": False, "first_name": "낯선이"}
FRIEND = {"id": 3003, "is_bot": False, "first_name": "동료"}
QUESTION = "갈등관리협치과 집행률"


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def app_with(settings, engine, **changes):
    return await start_app(replace(settings, **changes), engine)


async def test_a_stranger_gets_one_polite_refusal_then_silence(fake_bot_api, bot_settings, engine):
    app = await app_with(bot_settings, engine, allowed_users=frozenset({PERSON["id"]}))
    for text in ["/start", QUESTION, "/sql SELECT 1", "/help"]:
        await process(app, fake_bot_api.message_update(text, user=STRANGER))
    await process(app, fake_bot_api.sticker_update(user=STRANGER))
    await process(app, fake_bot_api.inline_update(QUESTION, user=STRANGER))
    assert fake_bot_api.sent_texts(STRANGER["id"]) == [NOT_ALLOWED]
    assert fake_bot_api.requests("answerInlineQuery") == []
    # A listed person is answered as usual.
    await process(app, fake_bot_api.message_update(QUESTION))
    assert fake_bot_api.sent_texts(PERSON["id"]) == rendered(engine.ask(QUESTION))
    assert app.bot_data.usage.counters()["refused"] == 6
    await stop_app(app)


async def test_a_stranger_tapping_a_button_is_refused_in_the_button_answer(
    fake_bot_api, bot_settings, engine
):
    app = await app_with(bot_settings, engine, allowed_users=frozenset({PERSON["id"]}))
    for _ in range(2):
        await process(app, fake_bot_api.callback_update("q:10월 일정", user=STRANGER))
    first, second = fake_bot_api.delivered("answerCallbackQuery")
    assert first.params["text"] == NOT_ALLOWED and "text" not in second.params
    assert fake_bot_api.sent_texts() == []
    await stop_app(app)


async def test_a_listed_group_lets_everyone_in_it_ask_and_other_groups_stay_quiet(
    fake_bot_api, bot_settings, engine
):
    app = await app_with(bot_settings, engine, allowed_chats=frozenset({GROUP_CHAT["id"]}))
    mention = f"@report_test_bot {QUESTION}"
    await process(app, fake_bot_api.message_update(mention, chat=GROUP_CHAT, user=STRANGER))
    assert fake_bot_api.sent_texts(GROUP_CHAT["id"]) == rendered(engine.ask(QUESTION))
    other = {"id": -100999, "type": "supergroup", "title": "다른 방"}
    # Chatter not meant for the bot gets nothing, not even the refusal.
    await process(app, fake_bot_api.message_update("점심 뭐 먹지", chat=other, user=FRIEND))
    assert fake_bot_api.sent_texts(other["id"]) == []
    await process(app, fake_bot_api.message_update(mention, chat=other, user=FRIEND))
    assert fake_bot_api.sent_texts(other["id"]) == [NOT_ALLOWED]
    await stop_app(app)


async def test_over_the_limit_one_notice_then_silence_until_the_window_passes(
    fake_bot_api, bot_settings, engine
):
    app = await app_with(bot_settings, engine, user_rate=3)
    clock = Clock()
    app.bot_data.gate.limiter.clock = clock
    for _ in range(6):
        await process(app, fake_bot_api.message_update("10월 일정"))
    one_reply = rendered(engine.ask("10월 일정"))
    notice = TOO_MANY.format(limit=3)
    assert fake_bot_api.sent_texts(PERSON["id"]) == one_reply * 3 + [notice]
    # Someone else is not held back by it.
    await process(app, fake_bot_api.message_update("10월 일정", user=FRIEND))
    assert fake_bot_api.sent_texts(FRIEND["id"]) == one_reply
    clock.now += 60
    await process(app, fake_bot_api.message_update("10월 일정"))
    assert fake_bot_api.sent_texts(PERSON["id"]) == one_reply * 3 + [notice] + one_reply
    assert app.bot_data.usage.counters()["rate_limited"] == 3
    await stop_app(app)


@pytest.mark.parametrize("rate", [0, 20], ids=["limit-off", "default-limit"])
async def test_twenty_questions_in_a_minute_are_all_answered(
    fake_bot_api, bot_settings, engine, rate
):
    app = await app_with(bot_settings, engine, user_rate=rate)
    for _ in range(20):
        await process(app, fake_bot_api.message_update("10월 일정"))
    assert len(fake_bot_api.sent_texts(PERSON["id"])) == 20 * len(rendered(engine.ask("10월 일정")))
    await stop_app(app)
