"""/stats and /reload: admins only, counts without texts, a new engine swapped in safely."""

import asyncio
import shutil
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import process
from fakebot import PERSON

from bot.app import build_application
from bot.schedule import Weekly
from handlers.admin import ADMIN_ONLY, DATA_FOLDER
from handlers.replies import ENGINE, ENGINE_EXECUTOR
from handlers.subscriptions import STORE
from handlers.usage import USAGE

DATA = Path(__file__).resolve().parents[2] / "data"
REPORT = "report_2021-08-13.txt"
ADMIN = {"id": 9009, "is_bot": False, "first_name": "관리자"}
QUESTION = "시민참여과 예산현액"


@pytest.fixture
async def admin_app(fake_bot_api, bot_settings, engine, tmp_path):
    """The bot with one admin, reloading from a copy of data/ the test may change."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    app = build_application(replace(bot_settings, admins=frozenset({ADMIN["id"]})), engine)
    app.bot_data[DATA_FOLDER] = folder
    async with app:
        yield app


def report_copy(app) -> Path:
    return app.bot_data[DATA_FOLDER] / REPORT


async def admin_says(app, api, text: str) -> str:
    await process(app, api.message_update(text, user=ADMIN))
    return api.sent_texts(ADMIN["id"])[-1]


@pytest.mark.parametrize("command", ["/stats", "/reload"])
async def test_others_are_told_it_is_for_admins(admin_app, fake_bot_api, engine, command):
    await process(admin_app, fake_bot_api.message_update(command))
    assert fake_bot_api.sent_texts() == [ADMIN_ONLY]
    assert admin_app.bot_data[ENGINE] is engine


async def test_stats_counts_without_any_question_text(admin_app, fake_bot_api):
    secret = "우리 팀장님 전화번호 알려줘"
    for text in ["갈등관리협치과 집행률", "10월 일정", secret, secret, "날씨 어때"]:
        await process(admin_app, fake_bot_api.message_update(text))
    admin_app.bot_data[STORE].subscribe(PERSON["id"], "private", Weekly(0, 9, 0), datetime.now(UTC))
    stats = await admin_says(admin_app, fake_bot_api, "/stats")
    assert "답한 질문: 2건" in stats
    assert "답하지 못한 질문: 3건 (서로 다른 질문 0개)" in stats
    assert "구독 중인 대화방: 1곳" in stats and "오류: 0건" in stats
    assert "전화번호" not in stats and "날씨" not in stats
    await asyncio.to_thread(admin_app.bot_data[USAGE].flush)
    stats = await admin_says(admin_app, fake_bot_api, "/stats")
    assert "(서로 다른 질문 2개)" in stats


async def test_reload_swaps_in_the_new_report_without_disturbing_an_answer_in_flight(
    admin_app, fake_bot_api, engine
):
    report = report_copy(admin_app)
    # 862천원 more on one line, carried into its 과 subtotal and the totals of Ⅰ and Ⅳ: a
    # report whose lines do not add up is refused (tests/telegram/test_reload_hardening.py).
    text = report.read_text().replace("실행 829,200", "실행 830,062")
    report.write_text(text.replace("4,371,137", "4,371,999").replace("78,850,849", "78,851,711"))
    # Hold the engine's thread so the question below is in flight during the reload.
    release = threading.Event()
    admin_app.bot_data[ENGINE_EXECUTOR].submit(release.wait)
    in_flight = asyncio.create_task(process(admin_app, fake_bot_api.message_update(QUESTION)))
    await asyncio.sleep(0.05)
    reply = await admin_says(admin_app, fake_bot_api, "/reload")
    assert reply.startswith("자료를 다시 읽었습니다. 세부사업 ")
    assert admin_app.bot_data[ENGINE] is not engine
    release.set()
    await in_flight
    assert "4,371,137천원" in fake_bot_api.sent_texts(PERSON["id"])[0]
    await process(admin_app, fake_bot_api.message_update(QUESTION))
    assert "4,371,999천원" in fake_bot_api.sent_texts(PERSON["id"])[-1]


async def test_a_broken_report_is_refused_and_the_old_one_keeps_serving(
    admin_app, fake_bot_api, engine
):
    report = report_copy(admin_app)
    broken = "시민참여과 4,371,137 3,562,312 abc 81.5% 65.4%"
    report.write_text(
        report.read_text().replace("시민참여과 4,371,137 3,562,312 2,856,832 81.5% 65.4%", broken)
    )
    reply = await admin_says(admin_app, fake_bot_api, "/reload")
    assert reply.startswith("새 자료를 읽지 못해 기존 자료로 계속 답합니다.")
    assert "줄 876" in reply and str(report.parent) not in reply
    assert admin_app.bot_data[ENGINE] is engine
    await process(admin_app, fake_bot_api.message_update(QUESTION))
    assert "4,371,137천원" in fake_bot_api.sent_texts(PERSON["id"])[-1]


async def test_a_missing_report_is_refused_too(admin_app, fake_bot_api, engine):
    report_copy(admin_app).unlink()
    reply = await admin_says(admin_app, fake_bot_api, "/reload")
    assert reply.startswith("새 자료를 읽지 못해") and admin_app.bot_data[ENGINE] is engine
