"""Structured logs: one key=value line per event, the token never, question texts only at DEBUG."""

import io
import logging
import re

import pytest
from conftest import process

from bot.logs import QUIET_LOGGERS, configure_logging

LINE = re.compile(
    r'^time=\S+ level=(DEBUG|INFO|WARNING|ERROR|CRITICAL) logger=\S+ msg=("[^"\\]*(\\.[^"\\]*)*"|\S+)'
)
QUESTION = "비밀질문 갈등관리협치과 집행률"


@pytest.fixture
def restore_logging():
    root = logging.getLogger()
    saved = list(root.handlers), root.level, {n: logging.getLogger(n).level for n in QUIET_LOGGERS}
    yield
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in saved[0]:
        root.addHandler(handler)
    root.setLevel(saved[1])
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


async def run_with_logging(level, app, api, settings) -> str:
    stream = io.StringIO()
    configure_logging(level, settings.secrets(), stream)
    # A failure with a traceback, and a question with a line break and a control character.
    engine, app.bot_data.engine = app.bot_data.engine, Broken()
    await process(app, api.message_update("첫 질문"))
    app.bot_data.engine = engine
    await process(app, api.message_update(QUESTION + "\n둘째 줄\x00"))
    return stream.getvalue()


class Broken:
    """An engine that fails: the error handler logs a traceback (multi-line) as one event."""

    def ask(self, text: str, *rest):
        raise RuntimeError("broken engine\nsecond line")


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
async def test_every_line_is_one_structured_event_without_the_token(
    restore_logging, telegram_app, fake_bot_api, bot_settings, level
):
    logged = await run_with_logging(level, telegram_app, fake_bot_api, bot_settings)
    lines = logged.splitlines()
    assert lines and all(LINE.match(line) for line in lines), logged
    assert fake_bot_api.token not in logged
    assert "update" in logged and 'exc="Traceback' in logged  # the traceback stayed on its line
    if level == "DEBUG":
        # httpx logs every request URL, token included: it shows at DEBUG, redacted.
        assert any("logger=httpx" in line and "[REDACTED]" in line for line in lines)
        assert "비밀질문" in logged and "\\n둘째 줄\\u0000" in logged
    else:
        assert "logger=httpx" not in logged
        assert "비밀질문" not in logged and "첫 질문" not in logged
        assert "answered chat" in logged


def test_percent_encoded_and_webhook_secrets_are_blanked_too(restore_logging, bot_settings):
    stream = io.StringIO()
    configure_logging("DEBUG", bot_settings.secrets(), stream)
    token = bot_settings.telegram_bot_token
    logging.getLogger("x").debug(
        "url %s encoded %s secret %s", token, token.replace(":", "%3A"), bot_settings.secret_token
    )
    line = stream.getvalue()
    assert line.count("[REDACTED]") == 3 and "TEST-token" not in line
