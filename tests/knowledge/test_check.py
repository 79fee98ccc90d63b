"""/check on pasted paragraphs: one line per claim, in the text's order, each with its mark.

The cases are data written from the report by hand (benchmarks/questions/checks.toml): for each
claim the mark (✓ ✗ ?) and strings that must stand on that claim's line.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from knowledge import Engine
from knowledge.check import MAX_TEXT, check_text
from knowledge.claims.verify import MARKS, UNKNOWN

ROOT = Path(__file__).resolve().parents[2]
# Written by hand from the report: the corpus of the issue, then texts in other styles and traps.
CASES = [
    ROOT / "benchmarks" / "questions" / "checks.toml",
    *sorted((ROOT / "tests" / "knowledge" / "checks").glob("*.toml")),
]


def load_cases(paths: list[Path]) -> list:
    cases = []
    for path in paths:
        with path.open("rb") as f:
            for check in tomllib.load(f)["check"]:
                hard = check.get("hard", False)
                cases.append(pytest.param(check["text"], check["claims"], hard,
                                          id=f"{path.stem}: {check['text'][:40]}"))  # fmt: skip
    return cases


def claim_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line[:1] in MARKS]


@pytest.mark.parametrize(("text", "claims", "hard"), load_cases(CASES))
def test_pasted_text_is_checked_claim_by_claim(
    engine: Engine, text: str, claims: list, hard: bool
) -> None:
    lines = claim_lines(check_text(engine, text).text)
    assert len(lines) == len(claims), lines
    for line, (mark, *strings) in zip(lines, claims, strict=True):
        if hard and line.startswith(UNKNOWN):
            continue  # the bot cannot tell which figure is meant: never a wrong verdict
        assert line.startswith(mark), (line, mark)
        for string in strings:
            assert string in line, (line, string)


def test_the_issue_example_reads_as_three_marked_lines(engine: Engine) -> None:
    answer = check_text(
        engine,
        "사회협력과의 예산현액은 약 110억원이며 지출 집행률은 57%이다. 이노페스티벌은 10월에 열린다.",
    )
    assert claim_lines(answer.text) == [
        "✓ 사회협력과 예산현액 약 110억원 — 보고서 11,054,211천원(110.5억원) · Ⅰ 줄 182",
        "✗ 사회협력과 지출 집행률 57% — 보고서 55.7% · Ⅰ 줄 182",
        "✓ 이노페스티벌 10월 — 보고서 ’21. 10월 (이노페스티벌 개최 (네트워크 포럼, 혁…) · Ⅲ 줄 654",
    ]
    assert (
        answer.text.splitlines()[0] == "보고서와 대조한 주장 3건: 일치 2 · 불일치 1 · 확인 불가 0"
    )


def test_marks_appear_only_at_the_start_of_claim_lines(engine: Engine) -> None:
    text = "사회협력과 예산은 110억원? 문화본부 집행률은 75%인가요? 홍길동 과장 연락처는 010-1234-5678?"
    reply = check_text(engine, text).text
    for line in reply.splitlines():
        body = line[1:] if line[:1] in MARKS else line
        assert not any(mark in body for mark in MARKS), line


def test_figure_claims_keep_the_one_statement_behind_them(engine: Engine) -> None:
    answer = check_text(engine, "시민참여과 예산현액은 4,371,137천원, 사회협력과 정원은 30명이다.")
    assert answer.sql is not None and "FROM figures" in answer.sql
    rows = engine.connection.execute(answer.sql, list(answer.params)).fetchall()
    assert {row[1] for row in rows} == {"시민참여과", "사회협력과"}


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("의원님께 드릴 자료를 정리 중입니다.", "대조할 수 있는 수치나 사실을 찾지 못했습니다"),
        ("", "대조할 수 있는 수치나 사실을 찾지 못했습니다"),
    ],
    ids=["no claim", "empty"],
)
def test_a_text_without_claims_says_so(engine: Engine, text: str, reply: str) -> None:
    answer = check_text(engine, text)
    assert reply in answer.text
    assert not claim_lines(answer.text)


def test_a_long_paste_is_checked_up_to_the_limit_and_says_so(engine: Engine) -> None:
    sentence = "사회협력과 정원은 30명이다. "
    answer = check_text(engine, sentence * (MAX_TEXT // len(sentence) + 20))
    lines = claim_lines(answer.text)
    assert lines and all(line.startswith("✓ 사회협력과 정원 30명") for line in lines)
    assert len(lines) == MAX_TEXT // len(sentence) + 1
    assert f"앞 {MAX_TEXT:,}자만 대조했습니다" in answer.text
