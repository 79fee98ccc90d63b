"""/sql, /schema, /chart, /export and the "근거 SQL" button, through the real Application and the
fake Bot API server: assertions are on what Telegram would receive."""

import asyncio
import csv
import html
import io
import re
import struct
import time

import openpyxl
import pytest
from conftest import process, start_app, stop_app
from fakebot import PERSON

from handlers import keyboards, texts
from knowledge.files.charts import SIZE_PIXELS
from services.config import Settings

PRE = re.compile(r"<pre>(.*)</pre>", re.S)
OTHER_PERSON = {"id": 2002, "is_bot": False, "first_name": "준호", "language_code": "ko"}


def pre_block(text: str) -> str:
    return html.unescape(PRE.search(text).group(1))


def buttons(call) -> list[dict]:
    rows = call.params.get("reply_markup", {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT 6*7 AS answer", "42"),
        (
            "SELECT division, sum(budget) AS budget FROM budget_lines\n"
            "GROUP BY division ORDER BY budget DESC LIMIT 1",
            "지역공동체과 | 31,080,077",
        ),
        (
            "SELECT name FROM budget_lines WHERE name = '시민 제안 발굴 및 실행'",
            "시민 제안 발굴 및 실행",
        ),
    ],
    ids=["scalar", "group-by-on-two-lines", "spaces-inside-string"],
)
async def test_sql_replies_with_an_aligned_table(telegram_app, fake_bot_api, query, expected):
    await process(telegram_app, fake_bot_api.message_update(f"/sql {query}"))
    [call] = fake_bot_api.delivered("sendMessage")
    assert call.params["parse_mode"] == "HTML"
    assert expected in pre_block(call.params["text"])


@pytest.mark.parametrize(
    "query",
    [
        "DROP TABLE budget_lines",
        "SELECT * FROM read_text('/proc/self/environ')",
        "SELECT * FROM '/etc/passwd'",
        "<b>SELECT</b> 1",
    ],
    ids=["ddl", "reader", "path", "html"],
)
async def test_refused_sql_gets_a_polite_korean_reason(telegram_app, fake_bot_api, query):
    await process(telegram_app, fake_bot_api.message_update(f"/sql {query}"))
    [call] = fake_bot_api.delivered("sendMessage")
    text = call.params["text"]
    assert text.startswith("<b>실행하지 않았습니다.")
    assert "Traceback" not in text and fake_bot_api.token not in text


async def test_long_result_comes_as_a_csv_file(telegram_app, fake_bot_api):
    query = "/sql SELECT * FROM budget_lines a, budget_lines b"
    await process(telegram_app, fake_bot_api.message_update(query))
    [call] = fake_bot_api.delivered("sendDocument")
    document = call.files["document"]
    assert document.filename.endswith(".csv")
    assert document.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(document.data.decode("utf-8-sig"))))
    assert len(rows) == 1 + 50
    assert "50행" in call.params["caption"]


@pytest.mark.parametrize(
    ("allowed", "runs"),
    [(frozenset(), True), (frozenset({PERSON["id"]}), True), (frozenset({1}), False)],
    ids=["everyone", "listed", "not-listed"],
)
async def test_bot_sql_users_decides_who_may_query(
    bot_settings, engine, fake_bot_api, allowed, runs
):
    settings = Settings(**{**bot_settings.__dict__, "sql_users": allowed})
    app = await start_app(settings, engine)
    await process(app, fake_bot_api.message_update("/sql SELECT 6*7"))
    await stop_app(app)
    [call] = fake_bot_api.delivered("sendMessage")
    assert ("42" in call.params["text"]) is runs
    assert (call.params["text"] == texts.NO_SQL) is not runs


def test_bot_sql_users_is_read_from_the_environment():
    settings = Settings.from_env({"BOT_SQL_USERS": "1001, 1002"})
    assert settings.sql_users == frozenset({1001, 1002})
    assert Settings.from_env({}).sql_users == frozenset()


@pytest.mark.parametrize(
    ("command", "first_line"),
    [("/schema", "조회할 수 있는 표"), ("/schema budget_lines", "budget_lines: ")],
    ids=["tables", "one-table"],
)
async def test_schema_lists_tables_in_korean(telegram_app, fake_bot_api, command, first_line):
    await process(telegram_app, fake_bot_api.message_update(command))
    [call] = fake_bot_api.delivered("sendMessage")
    assert call.params["text"].startswith(f"<b>{first_line}")


@pytest.mark.parametrize(
    "command", ["/chart 집행률", "/chart 사회협력과"], ids=["rates", "division"]
)
async def test_chart_is_sent_as_a_photo(telegram_app, fake_bot_api, command):
    await process(telegram_app, fake_bot_api.message_update(command))
    [call] = fake_bot_api.delivered("sendPhoto")
    data = call.files["photo"].data
    assert struct.unpack(">II", data[16:24]) == SIZE_PIXELS
    assert "2021-08-13" in call.params["caption"]


async def test_unknown_chart_explains_what_can_be_drawn(telegram_app, fake_bot_api):
    await process(telegram_app, fake_bot_api.message_update("/chart 날씨"))
    [call] = fake_bot_api.delivered("sendMessage")
    assert "그릴 수 있는 차트" in call.params["text"]
    assert not fake_bot_api.delivered("sendPhoto")


async def test_export_sends_csv_and_xlsx_of_a_division(telegram_app, fake_bot_api):
    await process(telegram_app, fake_bot_api.message_update("/export 사회협력과"))
    csv_call, xlsx_call = fake_bot_api.delivered("sendDocument")
    csv_file, xlsx_file = csv_call.files["document"], xlsx_call.files["document"]
    assert csv_file.filename == "사회협력과_세부사업_2021-08-13.csv"
    assert xlsx_file.filename == "사회협력과_세부사업_2021-08-13.xlsx"
    assert csv_file.data.startswith(b"\xef\xbb\xbf")
    csv_rows = list(csv.reader(io.StringIO(csv_file.data.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_file.data)).active
    xlsx_rows = list(sheet.iter_rows(values_only=True))
    assert len(csv_rows) == len(xlsx_rows) == 1 + 10
    assert [row[2] for row in csv_rows] == [row[2] for row in xlsx_rows]


async def test_evidence_button_shows_sql_that_reproduces_the_figure(telegram_app, fake_bot_api):
    await process(telegram_app, fake_bot_api.message_update("갈등관리협치과 지출액"))
    answer_call = fake_bot_api.delivered("sendMessage")[-1]
    assert "28,004,156" in answer_call.params["text"]
    [button] = [b for b in buttons(answer_call) if b["text"] == keyboards.EVIDENCE_LABEL]
    assert len(button["callback_data"].encode()) <= 64

    tap = fake_bot_api.callback_update(button["callback_data"], message=answer_call.result)
    await process(telegram_app, tap)
    assert fake_bot_api.delivered("answerCallbackQuery")
    shown = pre_block(fake_bot_api.delivered("sendMessage")[-1].params["text"])
    assert "?" not in shown and "'갈등관리협치과'" in shown

    await process(telegram_app, fake_bot_api.message_update(f"/sql {shown}"))
    assert "28,004,156" in pre_block(fake_bot_api.delivered("sendMessage")[-1].params["text"])


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ('["nosuchkey","x"]', texts.STALE_EVIDENCE),
        ("not json", texts.STALE_EVIDENCE),
        ('["SELECT ?", 1, 2]', texts.STALE_EVIDENCE),
        (None, texts.STALE_BUTTON),
    ],
    ids=["unknown-sql", "damaged", "wrong-parameters", "forged"],
)
async def test_stale_or_forged_evidence_button_is_answered_politely(
    telegram_app, fake_bot_api, payload, expected
):
    message = {
        "message_id": 7,
        "date": int(time.time()),
        "chat": {"id": PERSON["id"], "type": "private"},
    }
    # A payload we signed but cannot rebuild, or data we never offered.
    book = telegram_app.bot_data.buttons
    data = book.offer("e", payload) if payload else 'e:["' + "a" * 40 + '"]'
    await process(telegram_app, fake_bot_api.callback_update(data, message=message))
    [call] = fake_bot_api.delivered("answerCallbackQuery")
    assert call.params.get("text") == expected
    assert not fake_bot_api.delivered("sendMessage")


async def test_runaway_query_does_not_hold_up_other_people(running_bot, fake_bot_api):
    runaway = fake_bot_api.message_update(
        "/sql SELECT count(*) FROM range(10000000000) a, range(1000) b"
    )
    question = fake_bot_api.message_update("/sql SELECT 6*7", user=OTHER_PERSON)
    fake_bot_api.push(runaway)
    await asyncio.sleep(0.3)
    started = time.monotonic()
    fake_bot_api.push(question)
    await fake_bot_api.wait_for(
        "sendMessage", where=lambda call: call.params["chat_id"] == OTHER_PERSON["id"]
    )
    other_seconds = time.monotonic() - started
    await fake_bot_api.wait_for(
        "sendMessage", where=lambda call: call.params["chat_id"] == PERSON["id"], timeout=10
    )
    refusal = next(
        c for c in fake_bot_api.delivered("sendMessage") if c.params["chat_id"] == PERSON["id"]
    )
    assert "중단했습니다" in refusal.params["text"]
    assert other_seconds < 1.5
