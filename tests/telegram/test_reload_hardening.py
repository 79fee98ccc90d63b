"""/reload through the real bot: a report cut short is refused with its line while the old data
keeps serving, and the old /sql sandbox is closed (its worker processes end)."""

import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import process

from bot.app import build_application
from handlers.admin import DATA_FOLDER
from handlers.replies import ENGINE
from knowledge import Engine

DATA = Path(__file__).resolve().parents[2] / "data"
ADMIN = {"id": 9010, "is_bot": False, "first_name": "관리자"}
REPORT = "report_2021-08-13.txt"


def live_workers() -> set[int]:
    """/sql worker processes started by this process that are still running."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == os.getpid() and stat[0] != "Z" and b"knowledge.sql.worker" in command:
            found.add(int(entry.name))
    return found


@pytest.fixture
async def reloading_app(fake_bot_api, bot_settings, tmp_path):
    """The bot on an engine of its own (reloads close it), reading a copy of data/."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    settings = replace(bot_settings, admins=frozenset({ADMIN["id"]}))
    app = build_application(settings, Engine.load(folder))
    app.bot_data[DATA_FOLDER] = folder
    async with app:
        yield app


async def test_six_reloads_leave_only_the_newest_workers(reloading_app, fake_bot_api):
    before = live_workers()
    for _ in range(6):
        await process(reloading_app, fake_bot_api.message_update("/sql SELECT 6*7"))
        assert fake_bot_api.sent_texts()[-1].startswith("<b>결과: 42")
        await process(reloading_app, fake_bot_api.message_update("/reload", user=ADMIN))
        assert fake_bot_api.sent_texts(ADMIN["id"])[-1].startswith("자료를 다시 읽었습니다.")
    await process(reloading_app, fake_bot_api.message_update("/sql SELECT 6*7"))
    assert fake_bot_api.sent_texts()[-1].startswith("<b>결과: 42")
    started = live_workers() - before
    assert len(started) == 2, f"{len(started)} worker processes left running"
    await process(reloading_app, fake_bot_api.message_update("/reload", user=ADMIN))
    assert not live_workers() - before


async def test_a_report_cut_short_by_ten_lines_is_refused_and_the_old_one_serves(
    reloading_app, fake_bot_api
):
    engine = reloading_app.bot_data[ENGINE]
    report = reloading_app.bot_data[DATA_FOLDER] / REPORT
    report.write_text("\n".join(report.read_text(encoding="utf-8").split("\n")[:-10]))
    await process(reloading_app, fake_bot_api.message_update("/reload", user=ADMIN))
    reply = fake_bot_api.sent_texts(ADMIN["id"])[-1]
    assert reply.startswith("새 자료를 읽지 못해 기존 자료로 계속 답합니다.")
    assert "줄 949: Ⅳ장 갈등관리협치과 소계의 예산현액" in reply
    assert reloading_app.bot_data[ENGINE] is engine
    await process(
        reloading_app, fake_bot_api.message_update("/sql SELECT count(*) FROM budget_lines")
    )
    assert fake_bot_api.sent_texts()[-1].startswith("<b>결과: 43")
