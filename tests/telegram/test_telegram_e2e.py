"""End to end: the bot polling or serving a webhook against the fake Bot API, logs included."""

import asyncio
import dataclasses
import io
import logging
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest
from conftest import rendered
from fakebot import GROUP_CHAT, PERSON, Fault

from bot import cli
from bot.app import build_application
from bot.logs import QUIET_LOGGERS, configure_logging
from bot.webhook import SECRET_HEADER, serve_webhook

QUESTION = "갈등관리협치과 집행률"
ROOT = Path(__file__).resolve().parents[2]


async def test_a_conversation_through_polling(running_bot, fake_bot_api, engine, ambiguous):
    member = {"id": 2002, "is_bot": False, "first_name": "지훈"}
    fake_bot_api.push(
        fake_bot_api.message_update(QUESTION),
        fake_bot_api.message_update(ambiguous, user=member),
        fake_bot_api.message_update("예산 얘기 중", chat=GROUP_CHAT, user=member),
        fake_bot_api.message_update(f"@report_test_bot {QUESTION}", chat=GROUP_CHAT, user=member),
        fake_bot_api.inline_update(QUESTION),
    )
    keyboard_call = (
        await fake_bot_api.wait_for("sendMessage", where=lambda c: c.params["chat_id"] == 2002)
    )[-1]
    button = keyboard_call.params["reply_markup"]["inline_keyboard"][0][0]
    tap = fake_bot_api.callback_update(button["callback_data"], message=keyboard_call.result)
    fake_bot_api.push(tap)
    await fake_bot_api.wait_for("answerCallbackQuery")
    await fake_bot_api.wait_for("answerInlineQuery")
    await fake_bot_api.wait_quiet()

    choice = engine.ask(ambiguous).choices[0]
    assert fake_bot_api.sent_texts(PERSON["id"]) == rendered(engine.ask(QUESTION))
    assert fake_bot_api.sent_texts(2002) == rendered(engine.ask(ambiguous)) + rendered(
        engine.ask(choice.query)
    )
    # The group heard only the message that mentioned the bot.
    assert fake_bot_api.sent_texts(GROUP_CHAT["id"]) == rendered(engine.ask(QUESTION))
    assert all(c.params["parse_mode"] == "HTML" for c in fake_bot_api.delivered("sendMessage"))
    [inline] = fake_bot_api.delivered("answerInlineQuery")
    assert (
        inline.params["results"][0]["input_message_content"]["message_text"]
        == (rendered(engine.ask(QUESTION))[0])
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_webhook_checks_the_secret_and_answers_health(fake_bot_api, bot_settings, engine):
    settings = dataclasses.replace(
        bot_settings,
        webhook_url="https://bot.example/telegram/hook",
        webhook_listen="127.0.0.1",
        port=free_port(),
    )
    app = build_application(settings, engine)
    stop, ready = asyncio.Event(), asyncio.Event()
    server = asyncio.create_task(serve_webhook(app, settings, stop, ready))
    await asyncio.wait_for(ready.wait(), 5)
    base = f"http://127.0.0.1:{settings.port}"
    update = fake_bot_api.message_update(QUESTION)
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base}/healthz") as health:
                assert (health.status, await health.json()) == (200, {"ok": True})
            for headers in ({}, {SECRET_HEADER: "wrong"}):
                async with session.post(f"{base}/telegram/hook", json=update, headers=headers) as r:
                    assert r.status == 403
            good = {SECRET_HEADER: settings.secret_token}
            async with session.post(f"{base}/telegram/hook", data="{oops", headers=good) as r:
                assert r.status == 400
            async with session.post(f"{base}/telegram/hook", json=update, headers=good) as r:
                assert r.status == 200
            await fake_bot_api.wait_for("sendMessage")
    finally:
        stop.set()
        await server
    [webhook] = fake_bot_api.delivered("setWebhook")
    assert webhook.params["url"] == settings.webhook_url
    assert webhook.params["secret_token"] == settings.secret_token
    assert fake_bot_api.delivered("setMyCommands")
    # Only the update with the right secret was answered, once.
    assert fake_bot_api.sent_texts() == rendered(engine.ask(QUESTION))


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    saved = (
        list(root.handlers),
        root.level,
        {n: logging.getLogger(n).level for n in QUIET_LOGGERS},
    )
    yield
    handlers, level, quiet = saved
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    for name, quiet_level in quiet.items():
        logging.getLogger(name).setLevel(quiet_level)


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
async def test_logs_never_show_the_token_nor_at_info_the_questions(
    restore_logging, fake_bot_api, bot_settings, engine, level
):
    stream = io.StringIO()
    configure_logging(level, bot_settings.secrets(), stream)
    # httpx would log every URL, token included, if it were not quietened.
    logging.getLogger("httpx").warning("GET %s/getMe", fake_bot_api.base_url + fake_bot_api.token)
    app = build_application(bot_settings, engine)
    question = "비밀질문 갈등관리협치과 집행률"
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        fake_bot_api.fail_next("sendMessage", Fault.server_error(), Fault.rejected(400, "Bad"))
        fake_bot_api.push(fake_bot_api.message_update(question))
        await fake_bot_api.wait_for("sendMessage")
        await fake_bot_api.wait_quiet()
        await app.updater.stop()
        await app.stop()
    logged = stream.getvalue()
    assert "update 1: Telegram refused a send" in logged  # the refused reply was logged
    assert fake_bot_api.token not in logged
    assert "[REDACTED]" in logged
    if level == "INFO":
        assert "비밀질문" not in logged


def test_run_without_a_token_opens_the_console(monkeypatch, capsys):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    stdin = io.TextIOWrapper(io.BytesIO(f"{QUESTION}\n".encode()), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", stdin)
    assert cli.main(["run"]) == 0
    out = capsys.readouterr().out
    assert cli.render_plain(cli.Engine.load().ask(QUESTION)) in out


async def test_python_m_bot_polls_when_a_token_is_set(fake_bot_api, engine):
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": fake_bot_api.token,
        "TELEGRAM_API_URL": fake_bot_api.base_url,
        "TELEGRAM_FILE_URL": fake_bot_api.file_url,
        "LOG_LEVEL": "DEBUG",
        "BOT_STATE_DB": ":memory:",
    }
    env.pop("WEBHOOK_URL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", env=env, cwd=ROOT, stderr=asyncio.subprocess.PIPE
    )
    try:
        fake_bot_api.push(fake_bot_api.message_update(QUESTION))
        await fake_bot_api.wait_for("sendMessage", timeout=15)
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(process.communicate(), 15)
    assert fake_bot_api.sent_texts() == rendered(engine.ask(QUESTION))
    assert fake_bot_api.delivered("deleteWebhook") and fake_bot_api.delivered("setMyCommands")
    assert b"starting in polling mode" in stderr
    assert fake_bot_api.token.encode() not in stderr
