"""Telegram faults, end to end through polling: what is resent, what never is, nothing lost.

Guarantees under test (see bot/transport.py):
- 429: AIORateLimiter waits retry_after and resends; Telegram refused the first copy.
- 5xx: resent with backoff; the server reported it did not carry the request out.
- No connection: resent; the request never left.
- A response slower than the client timeout: the send is NOT resent, since Telegram may already
  have delivered it; methods that are harmless to repeat (answerCallbackQuery, …) are resent.
- getUpdates failures lose no update and repeat none: updates are confirmed only by the next offset.
"""

import asyncio
import socket

import httpx
import pytest
from conftest import rendered
from fakebot import PERSON, TOKEN, FakeBotApi, Fault
from telegram import Bot
from telegram.error import NetworkError, TimedOut

from bot.transport import RetryingRequest, may_resend

QUESTION = "갈등관리협치과 집행률"


async def test_429_waits_retry_after_then_delivers_once(running_bot, fake_bot_api, engine):
    fake_bot_api.fail_next("sendMessage", Fault.rate_limited(retry_after=1))
    fake_bot_api.push(fake_bot_api.message_update(QUESTION))
    await fake_bot_api.wait_for("sendMessage")
    await fake_bot_api.wait_quiet()
    refused, delivered = fake_bot_api.requests("sendMessage")
    assert (refused.outcome, delivered.outcome) == ("rate_limited", "ok")
    assert delivered.at - refused.at >= 1.0
    assert fake_bot_api.sent_texts() == rendered(engine.ask(QUESTION))


async def test_5xx_is_resent_and_delivered_once(running_bot, fake_bot_api, engine):
    fake_bot_api.fail_next("sendMessage", Fault.server_error(500), Fault.server_error(502))
    fake_bot_api.push(fake_bot_api.message_update(QUESTION))
    await fake_bot_api.wait_for("sendMessage")
    await fake_bot_api.wait_quiet()
    outcomes = [c.outcome for c in fake_bot_api.requests("sendMessage")]
    assert outcomes == ["server_error", "server_error", "ok"]
    assert fake_bot_api.sent_texts() == rendered(engine.ask(QUESTION))


async def test_slow_send_is_not_resent_and_the_bot_keeps_serving(running_bot, fake_bot_api, engine):
    # Slower than the 0.5 s client timeout: the message arrives, its confirmation does not.
    fake_bot_api.fail_next("sendMessage", Fault.slow(1.0))
    fake_bot_api.push(fake_bot_api.message_update(QUESTION))
    await fake_bot_api.wait_for("sendMessage")
    other = {"id": 3003, "is_bot": False, "first_name": "서연"}
    fake_bot_api.push(fake_bot_api.message_update("10월 일정", user=other))
    await fake_bot_api.wait_for("sendMessage", where=lambda c: c.params["chat_id"] == 3003)
    await asyncio.sleep(1.0)
    await fake_bot_api.wait_quiet()
    assert fake_bot_api.sent_texts(PERSON["id"]) == rendered(engine.ask(QUESTION))
    assert len(fake_bot_api.requests("sendMessage")) == len(rendered(engine.ask(QUESTION))) + len(
        rendered(engine.ask("10월 일정"))
    )


async def test_slow_callback_answer_is_repeated_and_the_answer_sent_once(
    running_bot, fake_bot_api, engine
):
    fake_bot_api.fail_next("answerCallbackQuery", Fault.slow(1.0))
    fake_bot_api.push(fake_bot_api.message_update(QUESTION))
    [reply] = await fake_bot_api.wait_for("sendMessage")
    offered = running_bot.bot_data.buttons.offer("q", "10월 일정")
    fake_bot_api.push(fake_bot_api.callback_update(offered, message=reply.result))
    await fake_bot_api.wait_for("sendMessage", count=2)
    await fake_bot_api.wait_quiet()
    assert [c.outcome for c in fake_bot_api.requests("answerCallbackQuery")] == ["slow", "ok"]
    assert fake_bot_api.sent_texts()[1:] == rendered(engine.ask("10월 일정"))


@pytest.mark.parametrize(
    "fault", [Fault.server_error(500), Fault.slow(2.0)], ids=["getupdates-500", "getupdates-lost"]
)
async def test_get_updates_faults_lose_and_repeat_nothing(running_bot, fake_bot_api, engine, fault):
    await fake_bot_api.wait_for("getUpdates")
    fake_bot_api.fail_next("getUpdates", fault)
    fake_bot_api.push(fake_bot_api.message_update(QUESTION))
    await fake_bot_api.wait_for("sendMessage", timeout=8)
    await fake_bot_api.wait_quiet(quiet=0.6)
    assert fake_bot_api.sent_texts() == rendered(engine.ask(QUESTION))


async def test_replies_keep_the_order_of_questions_despite_a_resend(
    running_bot, fake_bot_api, engine
):
    questions = ["갈등관리협치과 집행률", "10월 일정", "시민협력국 부서 목록"]
    fake_bot_api.fail_next("sendMessage", Fault.server_error(500))
    fake_bot_api.push(*(fake_bot_api.message_update(q) for q in questions))
    expected = [text for q in questions for text in rendered(engine.ask(q))]
    await fake_bot_api.wait_for("sendMessage", count=len(expected))
    assert fake_bot_api.sent_texts() == expected


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_requests_wait_for_a_server_that_comes_up_late():
    port = free_port()
    api = FakeBotApi(port=port)
    request = RetryingRequest(max_retries=5, backoff=0.1, connect_timeout=0.5, read_timeout=0.5)
    bot = Bot(TOKEN, base_url=f"http://127.0.0.1:{port}/bot", request=request)

    async def start_later() -> None:
        await asyncio.sleep(0.3)
        await api.start()

    starter = asyncio.create_task(start_later())
    try:
        async with bot:
            await bot.send_message(PERSON["id"], "안녕하세요")
        await starter
        assert api.sent_texts() == ["안녕하세요"]
    finally:
        await api.stop()


def failure(error: NetworkError, cause: Exception) -> NetworkError:
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("endpoint", "error", "resend"),
    [
        ("sendMessage", failure(TimedOut(), httpx.ReadTimeout("read")), False),
        ("sendMessage", failure(NetworkError("x"), httpx.RemoteProtocolError("gone")), False),
        ("sendDocument", failure(TimedOut(), httpx.WriteTimeout("write")), False),
        ("sendMessage", failure(TimedOut(), httpx.ConnectTimeout("connect")), True),
        ("sendMessage", failure(NetworkError("x"), httpx.ConnectError("refused")), True),
        ("sendMessage", failure(TimedOut(), httpx.PoolTimeout("pool")), True),
        ("sendChatAction", failure(TimedOut(), httpx.ReadTimeout("read")), True),
        ("answerCallbackQuery", failure(TimedOut(), httpx.ReadTimeout("read")), True),
        ("getMe", failure(TimedOut(), httpx.ReadTimeout("read")), True),
        ("getUpdates", failure(TimedOut(), httpx.ReadTimeout("read")), False),
    ],
    ids=[
        "send-response-lost",
        "send-connection-dropped",
        "upload-half-written",
        "send-never-connected",
        "send-refused-connection",
        "send-no-free-connection",
        "typing-response-lost",
        "callback-answer-lost",
        "getme-lost",
        "getupdates-left-to-ptb",
    ],
)
def test_what_may_be_resent(endpoint, error, resend):
    assert may_resend(endpoint, error) is resend
