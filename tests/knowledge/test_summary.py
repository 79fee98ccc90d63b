"""The weekly summary built from the ingested report, and what it says when the data changes."""

from datetime import date
from pathlib import Path

import duckdb
import pytest

from knowledge.report.ingest import load_report
from knowledge.summary import WeeklySummary, build_summary, fingerprint
from services.limits import MESSAGE_LIMIT, fit_message, telegram_length

REPORT = Path(__file__).resolve().parents[2] / "data" / "report_2021-08-13.txt"
SCHEMA = Path(__file__).resolve().parents[2] / "knowledge" / "report" / "schema.sql"


@pytest.fixture
def report():
    connection = duckdb.connect(":memory:")
    load_report(connection, REPORT)
    yield connection
    connection.close()


def section(text: str, heading: str) -> str:
    """The block of the summary that starts with `heading`."""
    block = text[text.index(heading) :]
    return block.split("\n\n", 1)[0]


def test_bureau_block_has_budget_and_both_rates(report):
    text, _ = build_summary(report, date(2021, 9, 6))
    bureau = section(text, "■ 국 전체")
    assert "예산현액 78,850,849천원 (약 788.5억원)" in bureau
    assert "원인행위 67,988,971천원 · 집행률 86.2%" in bureau
    assert "지출 65,410,160천원 · 집행률 83.0%" in bureau
    # The report prints two different 지출 totals (Ⅰ vs Ⅳ); the summary says so.
    assert "65,419,160" in bureau and "서로 다릅니다" in bureau


@pytest.mark.parametrize(
    ("division", "expected"),
    [
        ("시민참여과", "4,371,137천원 · 81.5% / 65.4%"),
        ("시민숙의예산과", "1,758,816천원 · 70.2% / 41.0%"),
        ("지역공동체과", "31,080,077천원 · 90.4% / 89.0%"),
        ("사회협력과", "11,054,211천원 · 61.3% / 55.7%"),
        ("갈등관리협치과", "30,586,608천원 · 92.6% / 91.6%"),
    ],
)
def test_every_division_with_both_rates(report, division, expected):
    text, _ = build_summary(report, date(2021, 9, 6))
    assert f"· {division} {expected}" in section(text, "■ 과별")


def test_unexecuted_lines_largest_budget_first(report):
    block = section(build_summary(report, date(2021, 9, 6))[0], "■ 미집행 사업")
    names = [line.split(" (")[0].lstrip("· ") for line in block.splitlines()[1:]]
    assert names == [
        "동북권 청년혁신파크 조성사업",
        "현장 중심의 맞춤형 갈등조정",
        "저층주거지 관리 사업",
        "갈등관리 실태평가",
    ]
    assert block.startswith("■ 미집행 사업 4건")


def test_lowest_executed_lines_in_rising_order(report):
    block = section(build_summary(report, date(2021, 9, 6))[0], "■ 지출 집행률 낮은 사업")
    rates = [float(line.split("지출 ")[1].split("%")[0]) for line in block.splitlines()[1:]]
    assert rates == sorted(rates) and rates[0] == 4.4 and len(rates) == 5
    assert "갈등대안마련을위한참여적의사결정운영" in block.splitlines()[1]


PLAN_MONTHS = [
    # today, heading months, an item that must be there, an item that must not
    ("september", date(2021, 9, 6), "9월·10월", "이노페스티벌 개최", "4개년 기본계획 수립"),
    ("november", date(2021, 11, 30), "11월·12월", "4개년 기본계획 수립", "이노페스티벌 개최"),
    ("august looks ahead", date(2021, 8, 20), "8월·9월", "적격자심의위원회", "이노페스티벌 개최"),
    ("december into january", date(2021, 12, 1), "12월·1월", "도시전환랩", "적격자심의위원회"),
]


@pytest.mark.parametrize(
    ("today", "months", "present", "absent"),
    [case[1:] for case in PLAN_MONTHS],
    ids=[case[0] for case in PLAN_MONTHS],
)
def test_plans_of_this_and_next_month(report, today, months, present, absent):
    block = section(build_summary(report, today)[0], "■ 향후계획")
    assert block.startswith(f"■ 향후계획 ({months})")
    assert present in block
    assert absent not in block


def test_open_ended_plans_do_not_outlive_their_year(report):
    block = section(build_summary(report, date(2026, 11, 25))[0], "■ 향후계획")
    assert "일정이 없습니다" in block
    assert "마을활력소" not in block


def test_as_of_date_and_today_in_the_header(report):
    text, snapshot = build_summary(report, date(2021, 9, 6))
    assert text.splitlines()[0].endswith("2021-09-06(월)")
    assert "자료 기준일 2021-08-13" in text.splitlines()[1]
    assert snapshot["as_of"] == "2021-08-13"


def test_fitted_to_one_telegram_message_even_with_many_plans(report):
    report.execute(
        """INSERT INTO plans SELECT 1, 100 + i, repeat('긴 계획 항목 🙂 ', 8), '’21. 9월',
                  DATE '2021-09-01', DATE '2021-09-01', false, NULL, 'test'
           FROM range(300) t(i)"""
    )
    text = fit_message(build_summary(report, date(2021, 9, 6))[0])
    assert telegram_length(text) <= MESSAGE_LIMIT
    assert telegram_length(text) > MESSAGE_LIMIT - 200
    assert text.endswith("…")


def test_same_data_reports_no_changes(report):
    _, first = build_summary(report, date(2021, 9, 6))
    text, second = build_summary(report, date(2021, 9, 13), previous=first)
    assert "달라진 점" not in text
    assert first["fingerprint"] == second["fingerprint"]


def newer_report(connection: duckdb.DuckDBPyConnection) -> None:
    """Replace the data as a later report would: more spent, a new as-of date."""
    connection.execute("UPDATE report SET as_of = DATE '2021-09-10'")
    connection.execute(
        """UPDATE spending SET spent = spent + 500000, spent_rate_printed = '76.9%'
           WHERE division = '시민참여과'"""
    )
    connection.execute(
        """UPDATE budget_lines SET committed = 60000, spent = 50000,
                  committed_rate_printed = '60.0%', spent_rate_printed = '50.0%'
           WHERE name = '저층주거지 관리 사업'"""
    )
    connection.execute(
        """UPDATE budget_lines SET spent = spent - 1000 WHERE name = '예산학교 운영'"""
    )


def test_a_newer_report_says_what_moved_up_and_down(report):
    _, before = build_summary(report, date(2021, 9, 6))
    newer_report(report)
    text, after = build_summary(report, date(2021, 9, 13), previous=before)
    changes = section(text, "■ 달라진 점")
    assert "기준일 2021-08-13 → 2021-09-10" in changes
    assert "· 시민참여과: 지출 ▲500,000천원, 집행률 65.4% → 76.9%" in changes
    assert "· 저층주거지 관리 사업: 원인행위 ▲60,000천원, 집행률 미집행 → 60.0%" in changes
    assert "· 예산학교 운영: 지출 ▼1,000천원" in changes
    assert before["fingerprint"] != after["fingerprint"]
    # The unexecuted list follows the new data too.
    assert "저층주거지 관리 사업" not in section(text, "■ 미집행 사업")
    # Next week, against the snapshot just delivered, nothing is new any more.
    again, _ = build_summary(report, date(2021, 9, 20), previous=after)
    assert "달라진 점" not in again


def test_added_and_removed_lines_are_named(report):
    _, before = build_summary(report, date(2021, 9, 6))
    report.execute("DELETE FROM budget_lines WHERE name = '갈등관리 실태평가'")
    report.execute(
        """INSERT INTO budget_lines (line_no, division, name, budget)
           VALUES (99, '사회협력과', '새 시범사업', 1000)"""
    )
    changes = section(build_summary(report, date(2021, 9, 13), previous=before)[0], "■ 달라진 점")
    assert "· 새 사업 1개: 새 시범사업" in changes
    assert "· 빠진 사업 1개: 갈등관리 실태평가" in changes


def test_fingerprint_is_stable_across_loads():
    first, second = duckdb.connect(), duckdb.connect()
    load_report(first, REPORT)
    load_report(second, REPORT)
    assert fingerprint(first) == fingerprint(second)


def test_empty_tables_still_give_a_polite_summary():
    connection = duckdb.connect()
    connection.execute(SCHEMA.read_text(encoding="utf-8"))
    text = WeeklySummary.build(connection, date(2021, 9, 6)).text_for(None)
    assert "세출 자료가 없습니다" in text
    assert "일정이 없습니다" in text
