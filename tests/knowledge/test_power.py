"""/sql and /schema as answers, tables and CSV, and the runnable SQL behind an answer."""

import csv
import datetime as dt
import io
import re

import duckdb
import pytest

from knowledge.answer import Answer
from knowledge.sql import guard as sql_guard
from knowledge.sql.commands import answer_command, answer_evidence, evidence_sql, split_command
from knowledge.sql.sandbox import Sandbox
from knowledge.sql.schema_doc import descriptions
from knowledge.sql.tables import display_width, render_table, to_csv

HANGUL = re.compile("[가-힣]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/sql SELECT 1", ("sql", "SELECT 1")),
        ("/SQL@civic_bot SELECT 1", ("sql", "SELECT 1")),
        ("/sql\nSELECT 1\nFROM divisions", ("sql", "SELECT 1\nFROM divisions")),
        ("／ｓｑｌ SELECT 1", ("sql", "SELECT 1")),
        ("/schema", ("schema", "")),
        ("/schema budget_lines", ("schema", "budget_lines")),
        ("사회협력과 예산", None),
        ("/sqlx SELECT 1", None),
        ("", None),
    ],
    ids=[
        "plain",
        "bot-suffix",
        "newlines",
        "fullwidth",
        "schema",
        "schema-table",
        "question",
        "other-command",
        "empty",
    ],
)
def test_split_command(text: str, expected: tuple | None) -> None:
    assert split_command(text) == expected


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        ("/sql SELECT 6*7", "결과: 42"),
        ("/sql SELECT count(*) FROM budget_lines WHERE division = '사회협력과'", "결과: 10"),
        ("/sql SELECT name FROM budget_lines WHERE spent IS NULL", "결과 4행입니다"),
        ("/sql SELECT * FROM budget_lines a, budget_lines b", "결과가 50행을 넘어"),
        ("/sql DELETE FROM budget_lines", "실행하지 않았습니다. 읽기 전용입니다"),
        ("/sql", "사용법: /sql SELECT"),
        ("/schema", "조회할 수 있는 표 17개입니다"),
        ("/schema budget_lines", "budget_lines: Ⅳ 세부사업별 예산집행 현황"),
        ("/schema 없는표", "'없는표' 표는 없습니다."),
    ],
    ids=["scalar", "count", "rows", "cut", "refused", "usage", "schema", "table", "unknown"],
)
def test_command_answer_first_line(sandbox: Sandbox, text: str, first_line: str) -> None:
    answer = answer_command(sandbox, text)
    assert answer.text.splitlines()[0].startswith(first_line)


def test_schema_describes_every_table_and_column_in_korean(sandbox: Sandbox) -> None:
    for relation in sandbox.relations:
        doc = descriptions()[relation.name]
        assert HANGUL.search(doc["description"]), relation.name
        detail = answer_command(sandbox, f"/schema {relation.name}").text
        for name, _ in relation.columns:
            assert HANGUL.search(doc["columns"][name]), f"{relation.name}.{name}"
            assert doc["columns"][name] in detail


def test_table_aligns_hangul_and_numbers() -> None:
    table = render_table(("과", "예산"), [("사회협력과", 11054211), ("과", None)])
    lines = table.splitlines()
    assert len({display_width(line.split(" | ")[0]) for line in lines if "|" in line}) == 1
    assert lines[2].endswith("11,054,211")
    assert lines[3].endswith("NULL")


def test_csv_has_bom_and_defuses_formulas() -> None:
    data = to_csv(("이름", "값"), [('=HYPERLINK("x")', -5), ("사회협력과", None)])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["이름", "값"], ['\'=HYPERLINK("x")', "-5"], ["사회협력과", ""]]


# (template, params) as the engine writes them: placeholders bound in textual order.
EVIDENCE = [
    ("SELECT name, budget FROM budget_lines WHERE division = ? ORDER BY line_no", ("사회협력과",)),
    (
        "SELECT name FROM budget_lines WHERE spent IS NULL AND (? IS NULL OR division = ?) "
        "ORDER BY budget DESC",
        (None, None),
    ),
    (
        "SELECT project_no, item FROM plans WHERE start_month <= CAST(? AS DATE) AND "
        "(coalesce(end_month, start_month) >= CAST(? AS DATE) OR open_ended) ORDER BY 1, 2",
        (dt.date(2021, 10, 1), dt.date(2021, 10, 1)),
    ),
    (
        "SELECT count(*) FROM budget_lines WHERE name = ? OR line_no > ?",
        ("a'); DROP TABLE x; --", 40),
    ),
    ("SELECT item, collected FROM revenue WHERE level = ? ORDER BY position LIMIT ?", (3, 2)),
    ("SELECT '?' AS mark, ? AS value /* ? */", ("값",)),
]


@pytest.mark.parametrize(
    ("sql", "params"),
    EVIDENCE,
    ids=["division", "nulls", "dates", "quote", "limit", "question-mark-in-string"],
)
def test_evidence_sql_runs_through_sql_with_the_same_rows(
    sql: str, params: tuple, sandbox: Sandbox, report_connection: duckdb.DuckDBPyConnection
) -> None:
    expected = report_connection.cursor().execute(sql, list(params)).fetchall()
    shown = evidence_sql(sql, params)
    assert sql_guard.check(shown, sandbox.schema).allowed
    assert list(sandbox.run(shown).rows) == expected


def test_evidence_text_for_answers() -> None:
    figure = Answer(text="x", intent="figure", sql="SELECT ? AS v", params=("사회협력과",))
    assert answer_evidence(figure).endswith("SELECT\n  '사회협력과' AS v")
    assert answer_evidence(Answer(text="도움말", intent="help")) == "이 답에는 근거 SQL이 없습니다."


def test_evidence_refuses_a_parameter_count_mismatch() -> None:
    with pytest.raises(ValueError):
        evidence_sql("SELECT ? + ?", (1,))


EVIDENCE_QUESTIONS = (
    "갈등관리협치과 집행률",
    "커뮤니티 공간 운영지원이랑 자치구 마을생태계 조성 예산 합치면",
    "시민참여과와 시민숙의예산과 예산 차이",
    "갈등관리협치과 예산이 국 전체에서 차지하는 비중",
    "지출 집행률 80% 이상인 세부사업 몇 개야",
    "예산 세 번째로 큰 세부사업",
    "지역공동체과 지출 집행률 90% 넘어?",
    "사회협력과 정원이 현원보다 많은 거 맞죠?",
    "갈등관리협치과 10월 일정",
    "서울혁신파크 운영 연말 집행예상",
    "미집행 사업 예산 합계",
    "작년보다 줄어든 세입 항목",
)


@pytest.mark.parametrize("question", EVIDENCE_QUESTIONS)
def test_the_sql_behind_an_answer_runs_through_sql_with_the_same_rows(
    engine, sandbox: Sandbox, question: str
) -> None:
    """The "근거 SQL" of an answer passes the /sql guard and gives the rows the answer used."""
    answer = engine.ask(question)
    assert answer.sql is not None
    shown = evidence_sql(answer.sql, answer.params)
    verdict = sql_guard.check(shown, sandbox.schema)
    assert verdict.allowed, verdict.reason
    result = sandbox.run(shown)
    expected = engine.connection.execute(answer.sql, list(answer.params)).fetchall()
    assert [tuple(row) for row in result.rows] == [tuple(row) for row in expected]


@pytest.mark.parametrize(
    ("text", "first_line"),
    [
        ("/sql SELECT nope FROM budget_lines", "실행하지 않았습니다. 'nope' 열을 찾을 수 없습니다"),
        ("/sql SELECT CAST('가' AS INTEGER)", "실행 중 오류가 났습니다: Conversion Error"),
        ("/sql SELECT count(*) FROM range(10000000000) a, range(1000) b", "2초 안에 끝나지 않아"),
    ],
    ids=["unknown-column", "bad-cast", "time-limit"],
)
def test_failures_while_running_say_what_happened(
    sandbox: Sandbox, text: str, first_line: str
) -> None:
    assert answer_command(sandbox, text).text.startswith(first_line)
