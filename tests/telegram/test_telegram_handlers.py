"""Each feature driven through the real Application with real updates; the HTTP side is recorded
by the fake Bot API server, so assertions are on what Telegram would receive."""

import asyncio
import time
import unicodedata

import pytest
from conftest import process, rendered, start_app, stop_app
from fakebot import BOT_USER, GROUP_CHAT, PERSON, Fault

import handlers
from handlers import keyboards, replies, texts
from services.buttons import ButtonBook
from services.limits import MESSAGE_LIMIT, telegram_length

BAD_INPUTS = {
    "5000-chars": "가" * 5000,
    "emoji": "😀😀 예산 👍",
    "sql": "'; DROP TABLE lines; --",
    "nfd-hangul": unicodedata.normalize("NFD", "갈등관리협치과 집행률"),
    "zero-width": "갈등\u200b관리\u200b협치과 집행률",
    "html": "<b>예산</b> & <i>",
    "spaces": "   ",
    "control": "예산\x00\x07",
}


def markup_rows(call) -> list[list[dict]]:
    return call.params.get("reply_markup", {}).get("inline_keyboard", [])


async def test_start_welcomes_with_example_questions_as_buttons(telegram_app, fake_bot_api):
    await process(telegram_app, fake_bot_api.message_update("/start"))
    [call] = fake_bot_api.delivered("sendMessage")
    assert call.params["text"] == texts.WELCOME
    assert call.params["parse_mode"] == "HTML"
    buttons = [button for row in markup_rows(call) for button in row]
    assert 3 <= len(buttons) <= 4
    book = telegram_app.bot_data.buttons
    assert [book.read(b["callback_data"]).payload for b in buttons] == list(texts.START_EXAMPLES)


@pytest.mark.parametrize("command", ["/help", "/start help"], ids=["help", "start-deep-link"])
async def test_help_lists_kinds_with_examples_and_the_inline_username(
    telegram_app, fake_bot_api, command
):
    await process(telegram_app, fake_bot_api.message_update(command))
    [call] = fake_bot_api.delivered("sendMessage")
    assert call.params["text"] == texts.HELP.format(username=BOT_USER["username"])
    assert "@report_test_bot" in call.params["text"]


async def test_command_menu_is_registered_in_korean(bot_settings, engine, fake_bot_api):
    app = await start_app(bot_settings, engine)
    await stop_app(app)
    [call] = fake_bot_api.delivered("setMyCommands")
    commands = {c["command"]: c["description"] for c in call.params["commands"]}
    assert commands == {c.command: c.description for c in handlers.bot_commands()}
    assert {"start", "help"} <= set(commands)
    assert all(any("가" <= ch <= "힣" for ch in d) for d in commands.values())


@pytest.mark.parametrize(
    "question", ["갈등관리협치과 집행률", "혁신파크 예산", "10월 일정", "시민협력국 부서 목록"]
)
async def test_a_question_gets_the_engines_answer_as_html(
    telegram_app, fake_bot_api, engine, question
):
    await process(telegram_app, fake_bot_api.message_update(question))
    answer = engine.ask(question)
    calls = fake_bot_api.delivered("sendMessage")
    assert [c.params["text"] for c in calls] == rendered(answer)
    assert all(
        c.params["parse_mode"] == "HTML" and c.params["chat_id"] == PERSON["id"] for c in calls
    )
    # In a private chat the reply does not quote the question.
    assert "reply_parameters" not in calls[0].params
    expected = keyboards.keyboard(answer, telegram_app.bot_data.buttons)
    assert markup_rows(calls[-1]) == (expected.to_dict()["inline_keyboard"] if expected else [])


@pytest.mark.parametrize("text", list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
async def test_bad_input_gets_a_polite_reply_never_an_error(
    telegram_app, fake_bot_api, engine, text
):
    await process(telegram_app, fake_bot_api.message_update(text))
    sent = fake_bot_api.sent_texts()
    assert sent == rendered(engine.ask(text.strip()))
    assert all(0 < telegram_length(t) <= MESSAGE_LIMIT for t in sent)
    assert texts.ERROR not in sent
    assert not any("Traceback" in t for t in sent)


async def test_ambiguous_question_offers_the_candidates_as_buttons(
    telegram_app, fake_bot_api, engine, ambiguous
):
    await process(telegram_app, fake_bot_api.message_update(ambiguous))
    answer = engine.ask(ambiguous)
    call = fake_bot_api.delivered("sendMessage")[-1]
    buttons = [button for row in markup_rows(call) for button in row]
    assert [b["text"] for b in buttons[: len(answer.choices)]] == answer.button_labels()
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


async def test_tapping_a_candidate_answers_for_it_after_acknowledging(
    telegram_app, fake_bot_api, engine, ambiguous
):
    await process(telegram_app, fake_bot_api.message_update(ambiguous))
    keyboard_message = fake_bot_api.delivered("sendMessage")[-1]
    choice = engine.ask(ambiguous).choices[-1]
    button = next(
        b for row in markup_rows(keyboard_message) for b in row if b["text"] == choice.label
    )
    tap = fake_bot_api.callback_update(button["callback_data"], message=keyboard_message.result)
    await process(telegram_app, tap)
    after_tap = [c for c in fake_bot_api.calls if c.at >= keyboard_message.at][1:]
    assert after_tap[0].method == "answerCallbackQuery"
    assert [c.params["text"] for c in after_tap if c.method == "sendMessage"] == rendered(
        engine.ask(choice.query)
    )


async def test_start_example_button_asks_its_question(telegram_app, fake_bot_api, engine):
    example = texts.START_EXAMPLES[0]
    book = telegram_app.bot_data.buttons
    data = keyboards.question_keyboard([example], book).inline_keyboard[0][0].callback_data
    await process(telegram_app, fake_bot_api.callback_update(data))
    assert fake_bot_api.delivered("answerCallbackQuery")
    assert fake_bot_api.sent_texts() == []  # no message under the tap: nowhere to answer


async def test_button_keyed_before_a_restart_is_answered_by_its_label(
    telegram_app, fake_bot_api, engine
):
    # A long question travels as a key the new process never saw; the label still works.
    label = "갈등관리협치과 집행률"
    long_query = "갈등관리협치과 " + "예산 " * 30
    before_the_restart = ButtonBook.for_token(fake_bot_api.token)
    data = before_the_restart.offer("q", long_query)
    message = {
        "message_id": 7,
        "date": int(time.time()),
        "chat": {"id": PERSON["id"], "type": "private", "first_name": "민지"},
        "from": BOT_USER,
        "text": "어느 것을 찾으시나요?",
        "reply_markup": {"inline_keyboard": [[{"text": label, "callback_data": data}]]},
    }
    await process(telegram_app, fake_bot_api.callback_update(data, message=message))
    assert fake_bot_api.sent_texts() == rendered(engine.ask(label))


@pytest.mark.parametrize(
    "data", ["k:AAAAAAAAAAAA", "zz:someone-else"], ids=["expired-key", "unknown-prefix"]
)
async def test_stale_or_unknown_button_gets_a_polite_notice(telegram_app, fake_bot_api, data):
    message = {
        "message_id": 8,
        "date": int(time.time()),
        "chat": {"id": PERSON["id"], "type": "private", "first_name": "민지"},
        "from": BOT_USER,
        "text": "오래된 메시지",
    }
    await process(telegram_app, fake_bot_api.callback_update(data, message=message))
    [ack] = fake_bot_api.delivered("answerCallbackQuery")
    assert ack.params["text"] == texts.STALE_BUTTON
    assert fake_bot_api.sent_texts() == []


def group_message(api, text, **kwargs):
    member = {"id": 2002, "is_bot": False, "first_name": "지훈"}
    return api.message_update(text, chat=GROUP_CHAT, user=member, **kwargs)


async def test_group_chatter_is_ignored(telegram_app, fake_bot_api):
    await process(telegram_app, group_message(fake_bot_api, "갈등관리협치과 집행률 얼마였죠?"))
    await process(telegram_app, group_message(fake_bot_api, "/help@other_bot"))
    await process(telegram_app, group_message(fake_bot_api, "@someone 예산 봤어요?"))
    assert fake_bot_api.calls == []


@pytest.mark.parametrize(
    "text",
    ["@report_test_bot 갈등관리협치과 집행률", "갈등관리협치과 집행률 @Report_Test_Bot"],
    ids=["mention-first", "mention-last-other-case"],
)
async def test_group_mention_is_answered_as_a_reply(telegram_app, fake_bot_api, engine, text):
    update = group_message(fake_bot_api, text)
    await process(telegram_app, update)
    calls = fake_bot_api.delivered("sendMessage")
    assert [c.params["text"] for c in calls] == rendered(engine.ask("갈등관리협치과 집행률"))
    assert calls[0].params["chat_id"] == GROUP_CHAT["id"]
    assert calls[0].params["reply_parameters"]["message_id"] == update["message"]["message_id"]


async def test_group_reply_to_the_bot_and_its_commands_are_answered(
    telegram_app, fake_bot_api, engine
):
    bot_message = {
        "message_id": 50,
        "date": int(time.time()),
        "chat": GROUP_CHAT,
        "from": BOT_USER,
        "text": "이전 답",
    }
    await process(telegram_app, group_message(fake_bot_api, "10월 일정", reply_to=bot_message))
    assert fake_bot_api.sent_texts() == rendered(engine.ask("10월 일정"))
    await process(telegram_app, group_message(fake_bot_api, "/help@report_test_bot"))
    assert fake_bot_api.sent_texts()[-1] == texts.HELP.format(username="report_test_bot")


async def test_bare_mention_gets_the_engines_help(telegram_app, fake_bot_api, engine):
    await process(telegram_app, group_message(fake_bot_api, "@report_test_bot"))
    assert fake_bot_api.sent_texts() == rendered(engine.ask(""))


@pytest.mark.parametrize(
    ("update_kind", "expected"),
    [("sticker", texts.TEXT_ONLY), ("command", texts.UNKNOWN_COMMAND), ("edited", None)],
    ids=["sticker-asks-for-text", "unknown-command-points-to-help", "edit-is-not-answered-twice"],
)
async def test_what_no_feature_takes(telegram_app, fake_bot_api, update_kind, expected):
    update = {
        "sticker": lambda: fake_bot_api.sticker_update(),
        "command": lambda: fake_bot_api.message_update("/nonsense"),
        "edited": lambda: fake_bot_api.message_update("10월 일정", edited=True),
    }[update_kind]()
    await process(telegram_app, update)
    assert fake_bot_api.sent_texts() == ([expected] if expected else [])


async def test_inline_query_offers_the_answer_as_an_article(telegram_app, fake_bot_api, engine):
    question = "갈등관리협치과 집행률"
    await process(telegram_app, fake_bot_api.inline_update(question))
    [call] = fake_bot_api.delivered("answerInlineQuery")
    answer = engine.ask(question)
    expected = [engine.ask(c.query) for c in answer.choices] if answer.choices else [answer]
    results = call.params["results"]
    assert [r["type"] for r in results] == ["article"] * len(expected)
    contents = [r["input_message_content"] for r in results]
    assert [c["message_text"] for c in contents] == [rendered(a)[0] for a in expected]
    assert all(c["parse_mode"] == "HTML" for c in contents)
    assert all(len(r["id"].encode()) <= 64 for r in results)


async def test_inline_query_with_candidates_offers_one_article_each(
    telegram_app, fake_bot_api, engine, ambiguous
):
    await process(telegram_app, fake_bot_api.inline_update(ambiguous))
    [call] = fake_bot_api.delivered("answerInlineQuery")
    choices = engine.ask(ambiguous).choices
    assert [r["title"] for r in call.params["results"]] == [c.label[:64] for c in choices][:10]


async def test_empty_inline_query_points_to_help(telegram_app, fake_bot_api):
    await process(telegram_app, fake_bot_api.inline_update(""))
    [call] = fake_bot_api.delivered("answerInlineQuery")
    assert call.params["results"] == []
    assert call.params["button"]["start_parameter"] == "help"


async def test_refused_reply_gets_an_apology_and_the_bot_keeps_serving(
    telegram_app, fake_bot_api, engine
):
    fake_bot_api.fail_next("sendMessage", Fault.rejected(400, "Bad Request: can't parse entities"))
    await process(telegram_app, fake_bot_api.message_update("갈등관리협치과 집행률"))
    assert fake_bot_api.sent_texts() == [texts.SEND_REFUSED]
    await process(telegram_app, fake_bot_api.message_update("10월 일정"))
    assert fake_bot_api.sent_texts()[1:] == rendered(engine.ask("10월 일정"))


class SlowEngine:
    """The real engine behind a delay: the real one is too fast to show the typing action."""

    def __init__(self, engine, delay: float) -> None:
        self.engine = engine
        self.delay = delay

    def ask(self, text, today=None, conversation=None):
        time.sleep(self.delay)
        return self.engine.ask(text, today, conversation)


@pytest.mark.parametrize(
    ("delay", "typing"), [(0.0, False), (replies.TYPING_AFTER + 0.3, True)], ids=["fast", "slow"]
)
async def test_typing_shows_only_while_slow_work_runs(
    telegram_app, fake_bot_api, engine, delay, typing
):
    telegram_app.bot_data.engine = SlowEngine(engine, delay)
    await process(telegram_app, fake_bot_api.message_update("갈등관리협치과 집행률"))
    methods = [c.method for c in fake_bot_api.calls]
    assert methods[-1] == "sendMessage"
    assert (methods[0] == "sendChatAction") is typing
    if typing:
        assert fake_bot_api.delivered("sendChatAction")[0].params["action"] == "typing"
    # No typing action arrives after the reply.
    await asyncio.sleep(0.1)
    assert fake_bot_api.calls[-1].method == "sendMessage"
