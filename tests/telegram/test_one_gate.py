"""One gate for every way in (issue 11 §1): however /sql is typed or sent — fullwidth, with
the bot's name, in a group, inline, as a forged button, as an edit — it is judged as /sql,
and every kind of update counts against the same per-person limit."""

import time
from dataclasses import replace

import pytest
from conftest import process, start_app, stop_app
from fakebot import GROUP_CHAT, PERSON

from handlers import texts

SQL_ANSWER = "42"
NOT_LISTED = frozenset({1})
# Every way of typing /sql that Telegram or a phone keyboard produces.
SQL_SPELLINGS = [
    "/sql SELECT 6*7",
    "／sql SELECT 6*7",
    "／ｓｑｌ SELECT 6*7",
    "/SQL SELECT 6*7",
    "/sql@report_test_bot SELECT 6*7",
    "@report_test_bot /sql SELECT 6*7",
    "\u200b/sql SELECT 6*7",
]
SPELLING_IDS = ["plain", "fullwidth-slash", "fullwidth", "upper", "addressed", "mention", "zwsp"]


def texts_sent(api) -> list[str]:
    return [c.params.get("text", "") for c in api.delivered("sendMessage")]


def ran_sql(api) -> bool:
    """Whether any reply carries the query's result (the SQL feature or, worse, the engine)."""
    replies = texts_sent(api) + [
        str(r.get("input_message_content", {}))
        for c in api.delivered("answerInlineQuery")
        for r in c.params["results"]
    ]
    return any(f"결과: {SQL_ANSWER}" in text or f"\n{SQL_ANSWER}" in text for text in replies)


@pytest.fixture
async def sql_for_nobody(bot_settings, engine, fake_bot_api):
    app = await start_app(replace(bot_settings, sql_users=NOT_LISTED), engine)
    fake_bot_api.calls.clear()
    yield app
    await stop_app(app)


@pytest.mark.parametrize("text", SQL_SPELLINGS, ids=SPELLING_IDS)
async def test_every_spelling_of_sql_is_refused_to_someone_not_listed(
    sql_for_nobody, fake_bot_api, text
):
    await process(sql_for_nobody, fake_bot_api.message_update(text))
    assert texts_sent(fake_bot_api) == [texts.NO_SQL]
    assert not ran_sql(fake_bot_api)


@pytest.mark.parametrize("text", SQL_SPELLINGS, ids=SPELLING_IDS)
async def test_every_spelling_of_sql_runs_in_the_sql_feature_for_someone_allowed(
    telegram_app, fake_bot_api, text
):
    await process(telegram_app, fake_bot_api.message_update(text))
    [reply] = texts_sent(fake_bot_api)
    # The SQL feature's reply (bold summary line), not an engine answer about "sql".
    assert reply.startswith(f"<b>결과: {SQL_ANSWER} (")


async def test_sql_in_a_group_mention_is_gated_the_same(sql_for_nobody, fake_bot_api):
    text = "@report_test_bot ／ｓｑｌ SELECT 6*7"
    await process(sql_for_nobody, fake_bot_api.message_update(text, chat=GROUP_CHAT))
    assert texts_sent(fake_bot_api) == [texts.NO_SQL]


@pytest.mark.parametrize("query", ["/sql SELECT 6*7", "／ｓｑｌ SELECT 6*7"])
async def test_inline_sql_is_refused_to_someone_not_listed(sql_for_nobody, fake_bot_api, query):
    await process(sql_for_nobody, fake_bot_api.inline_update(query))
    [call] = fake_bot_api.delivered("answerInlineQuery")
    assert [r["title"] for r in call.params["results"]] == [texts.NO_SQL]
    assert not ran_sql(fake_bot_api)


@pytest.mark.parametrize("query", ["/sql SELECT 6*7", "／ｓｑｌ SELECT 6*7", "/schema"])
async def test_inline_sql_never_runs(telegram_app, fake_bot_api, query):
    # Inline mode is typed a letter at a time: no query runs from it, the chat is pointed to.
    await process(telegram_app, fake_bot_api.inline_update(query))
    [call] = fake_bot_api.delivered("answerInlineQuery")
    [result] = call.params["results"]
    assert result["title"] == texts.SQL_NOT_INLINE
    assert not ran_sql(fake_bot_api)


def bot_message() -> dict:
    return {
        "message_id": 70,
        "date": int(time.time()),
        "chat": {"id": PERSON["id"], "type": "private", "first_name": "민지"},
        "text": "어느 것을 찾으시나요?",
    }


@pytest.mark.parametrize(
    "data",
    ["q:/sql SELECT 6*7", "iq:/sql SELECT 6*7|AAAAAAAA", "k:/sql SELECT 6*7"],
    ids=["old-style", "bad-signature", "made-up-key"],
)
async def test_a_forged_button_names_nothing_and_runs_nothing(telegram_app, fake_bot_api, data):
    await process(telegram_app, fake_bot_api.callback_update(data, message=bot_message()))
    [ack] = fake_bot_api.delivered("answerCallbackQuery")
    assert ack.params["text"] == texts.STALE_BUTTON
    assert texts_sent(fake_bot_api) == []


async def test_a_button_is_judged_on_what_it_asks(sql_for_nobody, fake_bot_api):
    # Even a button we signed ourselves is judged on its question: /sql stays /sql.
    data = sql_for_nobody.bot_data.buttons.offer("q", "/sql SELECT 6*7")
    await process(sql_for_nobody, fake_bot_api.callback_update(data, message=bot_message()))
    [ack] = fake_bot_api.delivered("answerCallbackQuery")
    assert ack.params["text"] == texts.NO_SQL
    assert not ran_sql(fake_bot_api)


@pytest.mark.parametrize(
    "text", ["/chart 집행률", "/subscribe 금 18:00", "/sql SELECT 6*7", "10월 일정"]
)
async def test_edited_messages_are_ignored(telegram_app, fake_bot_api, text):
    for _ in range(5):
        await process(telegram_app, fake_bot_api.message_update(text, edited=True))
    assert fake_bot_api.calls == []
    assert telegram_app.bot_data.subscriptions.get(PERSON["id"]) is None


async def test_messages_taps_and_inline_queries_count_alike(bot_settings, engine, fake_bot_api):
    app = await start_app(replace(bot_settings, user_rate=3), engine)
    fake_bot_api.calls.clear()
    tap = app.bot_data.buttons.offer("q", "10월 일정")
    await process(app, fake_bot_api.message_update("10월 일정"))
    await process(app, fake_bot_api.inline_update("10월 일정"))
    await process(app, fake_bot_api.callback_update(tap, message=bot_message()))
    answered = len(fake_bot_api.delivered("sendMessage"))
    # The fourth, of any kind, is over the limit: one notice (here as the inline result
    # offered), then nothing done and nothing said.
    await process(app, fake_bot_api.inline_update("갈등관리협치과 집행률"))
    await process(app, fake_bot_api.message_update("/sql SELECT 6*7"))
    await process(app, fake_bot_api.callback_update(tap, message=bot_message()))
    _answered, notice = fake_bot_api.delivered("answerInlineQuery")
    assert [r["title"] for r in notice.params["results"]] == [texts.TOO_MANY.format(limit=3)]
    assert texts_sent(fake_bot_api)[answered:] == []
    assert app.bot_data.usage.counters()["rate_limited"] == 3
    await stop_app(app)
