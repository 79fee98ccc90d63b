"""An unusable state file (issue 11 §6): corrupt, from newer code, a folder in its place, or
in a place nobody can write. Questions do not need it and keep being answered; the
subscription commands say they are off; one logfmt error is logged; only a command that
has nothing to show without the file exits non-zero."""

import asyncio
import logging
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest
from conftest import process, rendered, start_app, stop_app
from fakebot import PERSON
from test_sigterm import stop_with_sigterm
from test_subscriptions_e2e import bot_process_env

from handlers import texts
from services.state import LATEST_VERSION, StateFile

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "시민참여과 잔액"
LOGFMT_ERROR = re.compile(r"^time=\S+ level=ERROR logger=bot\.app msg=\"state file unusable")


def corrupt(folder: Path) -> Path:
    path = folder / "state.duckdb"
    path.write_bytes(b"not a database " * 1000)
    return path


def newer(folder: Path) -> Path:
    path = folder / "state.duckdb"
    StateFile(path).close()
    with duckdb.connect(str(path)) as db:
        db.execute("INSERT INTO schema_version VALUES (?, NULL)", [LATEST_VERSION + 1])
    return path


def a_folder(folder: Path) -> Path:
    path = folder / "state.duckdb"
    path.mkdir()
    return path


def unwritable(folder: Path) -> Path:
    # A read-only folder stops everyone but root; a path under a file stops root too.
    (folder / "a-file").write_text("")
    return folder / "a-file" / "state.duckdb"


UNUSABLE = {
    "corrupt": corrupt,
    "newer-schema": newer,
    "a-folder": a_folder,
    "unwritable": unwritable,
}


@pytest.mark.parametrize("make", UNUSABLE.values(), ids=UNUSABLE.keys())
async def test_questions_are_answered_and_subscriptions_say_they_are_off(
    bot_settings, engine, fake_bot_api, tmp_path, caplog, make
):
    caplog.set_level(logging.ERROR)
    app = await start_app(replace(bot_settings, bot_state_db=str(make(tmp_path))), engine)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.name for r in errors] == ["bot.app"]
    await process(app, fake_bot_api.message_update(QUESTION))
    assert fake_bot_api.sent_texts(PERSON["id"]) == rendered(engine.ask(QUESTION))
    for command in ["/subscribe 금 18:00", "/subscription", "/unsubscribe", "/summary"]:
        await process(app, fake_bot_api.message_update(command))
        assert fake_bot_api.sent_texts(PERSON["id"])[-1] == html_escaped(texts.SUBSCRIPTIONS_OFF)
    await stop_app(app)


def html_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


async def test_a_real_bot_on_a_folder_answers_and_logs_one_error(fake_bot_api, tmp_path):
    env = bot_process_env(fake_bot_api, a_folder(tmp_path))
    process_ = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        fake_bot_api.push(fake_bot_api.message_update(QUESTION))
        await fake_bot_api.wait_for("sendMessage", timeout=60)
    finally:
        await stop_with_sigterm(process_)
    log = (await process_.stderr.read()).decode()
    assert process_.returncode == 0
    assert "시민참여과" in fake_bot_api.sent_texts(PERSON["id"])[0]
    errors = [line for line in log.splitlines() if "level=ERROR" in line]
    assert len(errors) == 1 and LOGFMT_ERROR.match(errors[0]), log
    assert "Traceback" not in log.replace('exc="Traceback', "")


def test_the_unanswered_list_without_a_usable_file_exits_non_zero_with_a_reason(tmp_path):
    env = {**os.environ, "BOT_STATE_DB": str(corrupt(tmp_path)), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "unanswered"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("상태 파일을 읽을 수 없습니다")
    assert "Traceback" not in done.stderr
