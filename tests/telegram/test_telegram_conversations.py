"""Conversations through the real bot and the fake Bot API: follow-ups in a private chat, two
people in one group, a reply to an older answer, expiry, /reset and a button tap; /check on a
paragraph (typed after the command, or as a reply to the draft) and /검증."""

from __future__ import annotations

import html
import re

import pytest
from conftest import process, rendered, start_app, stop_app
from fakebot import GROUP_CHAT

from knowledge.conversation import Conversations

BOT = "@report_test_bot"
MINJI = {"id": 3001, "is_bot": False, "first_name": "민지"}
JIHUN = {"id": 3002, "is_bot": False, "first_name": "지훈"}


@pytest.fixture
async def app(bot_settings, engine, fake_bot_api):
    app = await start_app(bot_settings, engine)
    fake_bot_api.calls.clear()
    try:
        yield app
    finally:
        await stop_app(app)


async def say(app, api, text: str, **where) -> dict:
    """Send `text` and return the bot's last message in reply (the sent Message as a dict)."""
    before = len(api.delivered("sendMessage"))
    await process(app, api.message_update(text, **where))
    sent = api.delivered("sendMessage")[before:]
    assert sent, f"no reply to {text!r}"
    return sent[-1].result


def plain(message: dict) -> str:
    """The message as a person reads it: bold and other markup gone."""
    return html.unescape(re.sub(r"</?[a-z]+>", "", message["text"]))


async def test_a_follow_up_in_a_private_chat_keeps_the_subject(app, fake_bot_api):
    await say(app, fake_bot_api, "갈등관리협치과 집행률")
    reply = plain(await say(app, fake_bot_api, "그럼 지출액은?"))
    assert reply.startswith("갈등관리협치과 지출액: 28,004,156천원")
    reply = plain(await say(app, fake_bot_api, "사회협력과는?"))
    assert reply.startswith("사회협력과 지출액: 6,158,751천원")


async def test_two_people_in_one_group_have_their_own_conversations(app, fake_bot_api):
    group = {"chat": GROUP_CHAT}
    await say(app, fake_bot_api, f"{BOT} 갈등관리협치과 예산", user=MINJI, **group)
    await say(app, fake_bot_api, f"{BOT} 사회협력과 예산", user=JIHUN, **group)
    minji = plain(await say(app, fake_bot_api, f"{BOT} 그럼 지출액은?", user=MINJI, **group))
    jihun = plain(await say(app, fake_bot_api, f"{BOT} 그럼 지출액은?", user=JIHUN, **group))
    assert minji.startswith("갈등관리협치과 지출액: 28,004,156천원")
    assert jihun.startswith("사회협력과 지출액: 6,158,751천원")


async def test_a_reply_to_an_older_answer_goes_on_from_that_answer(app, fake_bot_api):
    older = await say(app, fake_bot_api, "갈등관리협치과 예산")
    await say(app, fake_bot_api, "사회협력과 예산")
    reply = plain(await say(app, fake_bot_api, "지출액은?", reply_to=older))
    assert reply.startswith("갈등관리협치과 지출액: 28,004,156천원")
    # The conversation goes on from there: the next message follows the reply.
    reply = plain(await say(app, fake_bot_api, "집행률은?"))
    assert reply.startswith("갈등관리협치과")


async def test_a_conversation_expires_after_thirty_quiet_minutes(app, fake_bot_api, engine):
    now = [0.0]
    app.bot_data.conversations = Conversations(clock=lambda: now[0])
    await say(app, fake_bot_api, "갈등관리협치과 예산")
    now[0] += 29 * 60
    assert plain(await say(app, fake_bot_api, "지출액은?")).startswith("갈등관리협치과 지출액")
    now[0] += 31 * 60
    after = await say(app, fake_bot_api, "지출액은?")
    assert after["text"] == rendered(engine.ask("지출액은?"))[-1]
    assert "갈등관리협치과" not in after["text"]


async def test_reset_forgets_the_conversation(app, fake_bot_api, engine):
    await say(app, fake_bot_api, "갈등관리협치과 예산")
    assert plain(await say(app, fake_bot_api, "/reset")).startswith("대화를 새로 시작합니다")
    after = await say(app, fake_bot_api, "지출액은?")
    assert "갈등관리협치과" not in after["text"]
    assert after["text"] == rendered(engine.ask("지출액은?"))[-1]


async def test_a_tapped_button_sets_the_conversation(app, fake_bot_api, engine, ambiguous):
    offered = await say(app, fake_bot_api, ambiguous)
    button = offered["reply_markup"]["inline_keyboard"][0][0]
    picked = engine.ask(ambiguous).choices[0]
    await process(app, fake_bot_api.callback_update(button["callback_data"], message=offered))
    assert fake_bot_api.sent_texts()[-1] == rendered(engine.ask(picked.query))[-1]
    reply = plain(await say(app, fake_bot_api, "지출액은?"))
    assert reply.startswith(f"{picked.label} 지출액")


PARAGRAPH = (
    "사회협력과의 예산현액은 약 110억원이며 지출 집행률은 57%이다. "
    "2023년 사회협력과 예산은 120억원으로 늘어난다."
)


def assert_checked(reply: str) -> None:
    lines = reply.splitlines()
    assert lines[0] == "보고서와 대조한 주장 3건: 일치 1 · 불일치 1 · 확인 불가 1"
    assert lines[1].startswith("✓ 사회협력과 예산현액 약 110억원 — 보고서 11,054,211천원")
    assert lines[2].startswith("✗ 사회협력과 지출 집행률 57% — 보고서 55.7%")
    assert lines[3].startswith("? 사회협력과 120억원")


async def test_check_marks_right_wrong_and_unknown_claims(app, fake_bot_api):
    assert_checked(plain(await say(app, fake_bot_api, f"/check {PARAGRAPH}")))


async def test_check_as_a_reply_to_a_draft_in_a_group(app, fake_bot_api):
    draft = fake_bot_api.message_update(PARAGRAPH, chat=GROUP_CHAT, user=JIHUN)
    await process(app, draft)
    assert not fake_bot_api.sent_texts(GROUP_CHAT["id"])  # chatter is not answered
    reply = await say(
        app, fake_bot_api, "/check", chat=GROUP_CHAT, user=MINJI, reply_to=draft["message"]
    )
    assert_checked(plain(reply))


async def test_check_with_nothing_to_check_says_how(app, fake_bot_api):
    reply = plain(await say(app, fake_bot_api, "/check"))
    assert reply.startswith("대조할 글을 /check 뒤에 붙여 보내 주세요.")


async def test_audit_lists_the_reports_own_errors(app, fake_bot_api, engine):
    reply = await say(app, fake_bot_api, "/검증")
    expected = rendered(engine.ask("/검증"))
    assert reply["text"] == expected[-1]
    first = plain({"text": fake_bot_api.sent_texts()[-len(expected)]})
    assert first.startswith("보고서 안에서 서로 맞지 않는 곳 11곳")
    narrowed = plain(await say(app, fake_bot_api, "/audit 사회협력과"))
    assert narrowed.startswith("사회협력과 관련 보고서 안에서 서로 맞지 않는 곳")
