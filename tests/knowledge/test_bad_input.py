"""Bad input never breaks the engine or `python -m bot ask --jsonl`: a polite Korean reply, always."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge import Answer, Engine

PROJECT_ROOT = Path(__file__).resolve().parents[2]
HANGUL = re.compile(r"[가-힣]")
POLITE = re.compile(r"니다|세요|십시오")
CRASH_MARKS = ("Traceback", "Exception", "Error:", 'File "')
REPLY_MAX_CHARS = 1_000
FAKE_TOKEN = "123456789:TEST-token-that-must-never-be-printed"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# Meaningless input: a short help, never a figure.
MEANINGLESS = [
    ("빈 문자열", ""),
    ("공백만", "   \t  "),
    ("줄바꿈만", "\n\n\r\n"),
    ("5,000자 한글", "가" * 5_000),
    ("5,000자 영문", "a" * 5_000),
    ("5,000자 섞임", "ㅋ가a1!🙂" * 1_000),
    ("이모지", "🙂🙂🙂"),
    ("이모지 결합", "👩‍👩‍👧‍👦🏳️‍🌈"),
    ("제어 문자", "\x00\x01\x02\x07\x08\x1b[31m\x7f"),
    ("SQL 주석", "'; DROP TABLE budget_lines; --"),
    ("SQL 항상 참", "' OR '1'='1"),
    ("SQL UNION", "1 UNION SELECT * FROM sqlite_master"),
    ("SQL 여러 문장", "x; DELETE FROM divisions; SELECT 1"),
    ("SQL 파일 읽기", "SELECT * FROM read_csv('/etc/passwd')"),
    ("HTML 굵게", "<b>안녕</b>"),
    ("HTML 스크립트", "<script>alert(1)</script>"),
    ("NFD 인사", nfd("안녕하세요 반갑습니다")),
    ("폭 없는 공백만", "\u200b\u200c\u200d\u2060\ufeff"),
    ("폭 없는 공백 섞인 인사", "안\u200b녕\u200b하\u200b세\u200b요"),
    ("RTL 표식", "\u200f\u202eabc\u202c\u200e"),
    ("자모 모음만", "ㅏㅑㅓㅕㅗㅛㅜㅠ"),
    ("자모 자음만", "ㄱㄴㄷㄹㅁㅂㅅㅇ"),
    ("분해된 자모", "\u1100\u1161\u11a8"),
    ("문장부호만", "?!.,;:~@#$^&*()[]{}"),
    ("퍼센트 기호", "%%% %s %d {0}"),
    ("숫자만", "1234567890"),
    ("외로운 서로게이트", "\ud800\udfff"),
    ("비문자", "\uffff\ufffe"),
    ("중국어 인사", "你好"),
    ("아랍 문자", "مرحبا"),
]

# Noise around a real question: the question still gets its figure.
NOISY_QUESTIONS = [
    ("널 문자 사이", "시민참여과\x00 예산", "4,371,137"),
    ("탭과 줄바꿈", "\t사회협력과\n예산\r\n", "11,054,211"),
    ("RTL 표식 앞", "\u200f갈등관리협치과 예산", "30,586,608"),
    ("BOM 앞", "\ufeff지역공동체과 예산", "31,080,077"),
    ("HTML 태그 안", "<b>시민숙의예산과 예산</b>", "1,758,816"),
    ("이모지 사이", "🙂 시민참여과 예산 🙂", "4,371,137"),
    ("폭 없는 공백 사이", "사\u200b회\u200b협\u200b력\u200b과 예산", "11,054,211"),
    ("NFD와 폭 없는 공백", nfd("갈등관리\u200b협치과 예산"), "30,586,608"),
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    """A fresh engine for this module: the injection strings must not reach a shared one."""
    return Engine.load()


def assert_korean_reply(answer: Answer) -> None:
    assert isinstance(answer, Answer)
    assert answer.text.strip(), "empty reply"
    assert HANGUL.search(answer.text), f"reply is not Korean: {answer.text!r}"
    assert not any(mark in answer.text for mark in CRASH_MARKS), f"trace: {answer.text!r}"


@pytest.mark.parametrize(("name", "text"), MEANINGLESS, ids=[name for name, _ in MEANINGLESS])
def test_meaningless_input_gets_a_polite_reply_without_figures(engine, name, text) -> None:
    answer = engine.ask(text)
    assert_korean_reply(answer)
    assert POLITE.search(answer.text), f"reply is not polite: {answer.text!r}"
    assert len(answer.text) <= REPLY_MAX_CHARS, f"{len(answer.text)} characters of reply"
    shown = answer.text + " " + " ".join(answer.button_labels())
    assert "천원" not in shown, f"a figure for {name}: {answer.text!r}"
    assert answer.sql is None, f"a query ran for {name}: {answer.sql}"


@pytest.mark.parametrize(
    ("name", "text", "figure"), NOISY_QUESTIONS, ids=[name for name, *_ in NOISY_QUESTIONS]
)
def test_noise_around_a_question_does_not_hide_it(engine, name, text, figure) -> None:
    answer = engine.ask(text)
    assert_korean_reply(answer)
    assert figure in answer.text, f"{name}: expected {figure} in {answer.text!r}"


def test_injection_strings_leave_the_tables_intact(engine) -> None:
    for _, text in MEANINGLESS:
        engine.ask(text)
    counts = engine.connection.execute(
        "SELECT (SELECT count(*) FROM budget_lines), (SELECT count(*) FROM divisions)"
    ).fetchone()
    assert counts == (43, 5)
    assert "30,586,608" in engine.ask("갈등관리협치과 예산").text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_any_text_gets_a_polite_reply(engine, text) -> None:
    assert_korean_reply(engine.ask(text))


# --- the batch command line: one JSON object per input line, whatever the line holds

BATCH = [
    "갈등관리협치과 집행률",
    "",
    "   ",
    "가" * 5_000,
    "앞\r뒤",
    "제어\x00\x01\x07\x1b문자",
    "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",  # str.splitlines() would break the line here
    "🙂🙂🙂",
    "'; DROP TABLE budget_lines; --",
    "<b>안녕</b>",
    nfd("시민참여과 예산"),
    "시민\u200b참여과 예산",
    "\u200f\u202e",
    "ㅋㅋㅋ",
    "사회협력과 예산",
]
# Lines the command must echo unchanged as "query" (no control or line-breaking characters).
PLAIN = [i for i, line in enumerate(BATCH) if line.isprintable() and "\u200b" not in line]


def run_bot(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": FAKE_TOKEN}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        cwd=PROJECT_ROOT,
        env=env,
        timeout=120,
        check=False,
    )


def records_of(proc: subprocess.CompletedProcess) -> list[dict]:
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2_000:]
    out = proc.stdout.decode("utf-8")
    assert out.endswith("\n"), "the last object is not terminated by a newline"
    return [json.loads(line) for line in out[:-1].split("\n")]


@pytest.fixture(scope="module")
def batch() -> subprocess.CompletedProcess:
    stdin = "".join(line + "\n" for line in BATCH).encode("utf-8")
    return run_bot(["ask", "--jsonl"], stdin)


def test_batch_writes_one_object_per_line(batch) -> None:
    records = records_of(batch)
    assert len(records) == len(BATCH)
    for record in records:
        assert isinstance(record["query"], str)
        assert isinstance(record["reply"], str) and HANGUL.search(record["reply"])
        assert isinstance(record["buttons"], list)
        assert all(isinstance(label, str) for label in record["buttons"])


def test_batch_keeps_the_input_order(batch) -> None:
    records = records_of(batch)
    assert [records[i]["query"] for i in PLAIN] == [BATCH[i] for i in PLAIN]
    assert "92.6%" in records[0]["reply"] and "91.6%" in records[0]["reply"]
    assert "4,371,137" in records[BATCH.index(nfd("시민참여과 예산"))]["reply"]
    assert "11,054,211" in records[-1]["reply"]


def test_batch_never_shows_a_trace_or_the_token(batch) -> None:
    assert FAKE_TOKEN.encode() not in batch.stdout + batch.stderr
    for record in records_of(batch):
        assert not any(mark in record["reply"] for mark in CRASH_MARKS), record["reply"]


@pytest.mark.parametrize(
    ("name", "stdin", "count"),
    [
        ("잘못된 UTF-8", b"\xff\xfe\xfa\n\xed\xa0\x80\n\xe6\x97\n", 3),
        ("CRLF 줄끝", "시민참여과 예산\r\n사회협력과 예산\r\n".encode(), 2),
        ("마지막 줄바꿈 없음", "시민참여과 예산\n사회협력과 예산".encode(), 2),
        ("빈 줄만", b"\n\n\n\n", 4),
    ],
    ids=["잘못된 UTF-8", "CRLF 줄끝", "마지막 줄바꿈 없음", "빈 줄만"],
)
def test_batch_survives_awkward_streams(name, stdin, count) -> None:
    records = records_of(run_bot(["ask", "--jsonl"], stdin))
    assert len(records) == count, name
    assert all(HANGUL.search(record["reply"]) for record in records)


@pytest.mark.parametrize(
    ("args", "wanted"),
    [(["ask", "갈등관리협치과", "집행률"], "92.6%"), (["ask", ""], None), (["ask"], None)],
    ids=["질문", "빈 질문", "질문 없음"],
)
def test_single_question_prints_a_reply(args, wanted) -> None:
    proc = run_bot(args)
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2_000:]
    assert HANGUL.search(out)
    assert wanted is None or wanted in out
