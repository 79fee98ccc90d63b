"""When Telegram refuses a send (issue 11 §3), the person is told in a short Korean message
instead of waiting for nothing: a file too large (413), anything else it will not take (400)."""

import time

import pytest
from conftest import process
from fakebot import PERSON, Fault

from handlers import texts

LONG_RESULT = "/sql SELECT * FROM budget_lines a, budget_lines b"


def person_texts(api) -> list[str]:
    return api.sent_texts(PERSON["id"])


@pytest.mark.parametrize(
    ("fault", "told"),
    [
        (Fault.rejected(413, "Request Entity Too Large"), texts.SEND_TOO_LARGE),
        (Fault.rejected(400, "Bad Request: file is too big"), texts.SEND_REFUSED),
    ],
    ids=["413", "400"],
)
async def test_a_refused_csv_file_is_explained(telegram_app, fake_bot_api, fault, told):
    fake_bot_api.fail_next("sendDocument", fault)
    await process(telegram_app, fake_bot_api.message_update(LONG_RESULT))
    assert [c.outcome for c in fake_bot_api.requests("sendDocument")] != []
    assert fake_bot_api.delivered("sendDocument") == []
    assert person_texts(fake_bot_api) == [told]


async def test_a_refused_chart_is_explained(telegram_app, fake_bot_api):
    fake_bot_api.fail_next("sendPhoto", Fault.rejected(413, "Request Entity Too Large"))
    await process(telegram_app, fake_bot_api.message_update("/chart 집행률"))
    assert person_texts(fake_bot_api) == [texts.SEND_TOO_LARGE]


async def test_a_refused_answer_to_a_tapped_button_is_explained_in_the_chat(
    telegram_app, fake_bot_api
):
    message = {
        "message_id": 9,
        "date": int(time.time()),
        "chat": {"id": PERSON["id"], "type": "private", "first_name": "민지"},
        "text": "어느 것을 찾으시나요?",
    }
    tap = telegram_app.bot_data.buttons.offer("q", "10월 일정")
    fake_bot_api.fail_next("sendMessage", Fault.rejected(400, "Bad Request: can't parse entities"))
    await process(telegram_app, fake_bot_api.callback_update(tap, message=message))
    assert fake_bot_api.delivered("answerCallbackQuery")
    assert person_texts(fake_bot_api) == [texts.SEND_REFUSED]


async def test_the_refusal_is_logged_as_a_refusal_not_as_telegram_unreachable(
    telegram_app, fake_bot_api, caplog
):
    fake_bot_api.fail_next("sendDocument", Fault.rejected(413, "Request Entity Too Large"))
    await process(telegram_app, fake_bot_api.message_update(LONG_RESULT))
    messages = [record.getMessage() for record in caplog.records]
    assert any("Telegram refused a send" in m for m in messages)
    assert not any("unreachable" in m for m in messages)
