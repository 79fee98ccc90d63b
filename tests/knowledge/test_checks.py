"""The report's own arithmetic: the disagreements it really has, and new ones when a figure changes."""

from pathlib import Path

import duckdb
import pytest

from knowledge.report.ingest import load_report

REPORT = Path(__file__).resolve().parents[2] / "data" / "report_2021-08-13.txt"

# Every disagreement the 2021-08-13 report has, as (check, subject, field, stated, other).
KNOWN = {
    ("세출 과별 합계", "시민협력국", "spent", "65,419,160천원", "65,410,160천원"),
    ("Ⅰ·Ⅳ 세출 대조", "시민협력국", "spent", "65,410,160천원", "65,419,160천원"),
    ("세부사업 합계", "시민숙의예산과", "committed", "1,235,100천원", "1,235,099천원"),
    ("세부사업 합계", "시민숙의예산과", "spent", "721,056천원", "721,055천원"),
    ("세부사업 합계", "사회협력과", "committed", "6,773,215천원", "6,773,216천원"),
    ("Ⅲ장 사업 집행률", "서울시민 행복증진", "outlook_rate", "80.5%", "75.4%"),
    ("Ⅲ·Ⅳ 사업 대조", "서울민주주의위원회 운영", "budget", "475,200천원", "751,274천원"),
    ("Ⅲ·Ⅳ 사업 대조", "서울민주주의위원회 운영", "committed", "451,603천원", "584,103천원"),
    ("Ⅲ·Ⅳ 사업 대조", "서울민주주의위원회 운영", "spent", "240,628천원", "373,128천원"),
    ("Ⅲ·Ⅳ 사업 대조", "지속가능한 도시전환랩 운영", "budget", "400,000천원", "484,000천원"),
    ("Ⅲ·Ⅳ 사업 대조", "지속가능한 도시전환랩 운영", "committed", "199,994천원", "209,345천원"),
    ("Ⅲ·Ⅳ 사업 대조", "지속가능한 도시전환랩 운영", "spent", "199,994천원", "209,345천원"),
    ("Ⅲ·Ⅳ 사업 대조", "동단위 전환계획 수립 지원", "line_no", "100,000천원", "-"),
    ("이름 표기", "서울민주주의위원회 운영", "name",
     "서울민주주의위원회 운영 (서울시민회의 구성 및 운영)", "서울민주주의위원회 운영"),
    ("이름 표기", "서울혁신파크 조성사업", "name", "서울혁신파크 조성", "서울혁신파크 조성사업"),
    ("본문 수치 대조", "지역 커뮤니티 공간 조성·운영지원", "조성 중", "20개소", "8개소"),
}  # fmt: skip


def load_text(tmp_path: Path, text: str) -> duckdb.DuckDBPyConnection:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    connection = duckdb.connect(":memory:")
    load_report(connection, path)
    return connection


def findings(connection: duckdb.DuckDBPyConnection) -> set[tuple]:
    return set(
        connection.execute(
            "SELECT check_name, subject, field, stated, other FROM inconsistencies"
        ).fetchall()
    )


@pytest.fixture(scope="module")
def db() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(":memory:")
    load_report(connection, REPORT)
    return connection


def test_the_report_disagrees_with_itself_exactly_where_it_does(db):
    assert findings(db) == KNOWN


@pytest.mark.parametrize(
    ("field", "stated_source", "other_source"),
    [
        ("spent", "Ⅰ. 일반현황 (줄 174)", "Ⅳ. 2021 세부사업별 예산집행 현황 (줄 874)"),
    ],
)
def test_bureau_spending_total_cites_both_sections(db, field, stated_source, other_source):
    found = db.execute(
        "SELECT stated_source, other_source, note FROM inconsistencies "
        "WHERE check_name = 'Ⅰ·Ⅳ 세출 대조' AND field = ?",
        [field],
    ).fetchall()
    assert [(stated, other) for stated, other, _ in found] == [(stated_source, other_source)]
    assert "다르게" in found[0][2]


def test_one_thousand_won_drifts_are_marked_as_possible_rounding(db):
    notes = db.execute(
        "SELECT note FROM inconsistencies WHERE check_name = '세부사업 합계'"
    ).fetchall()
    assert notes and all("반올림" in note for (note,) in notes)
    (bureau_note,) = db.execute(
        "SELECT note FROM inconsistencies WHERE check_name = '세출 과별 합계'"
    ).fetchone()
    assert "반올림" not in bureau_note


def test_every_finding_has_sources_and_a_korean_note(db):
    for stated_source, other_source, note in db.execute(
        "SELECT stated_source, other_source, note FROM inconsistencies"
    ).fetchall():
        assert stated_source and other_source
        assert note.endswith("니다.")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            # Within rounding: beyond it, the report is refused (test_ingest).
            "시민 제안 발굴 및 실행 829,200",
            "시민 제안 발굴 및 실행 829,203",
            ("세부사업 합계", "시민참여과", "budget", "4,371,137천원", "4,371,140천원"),
        ),
        (
            "민주시민교육 추진 1,847,287 1,735,878 1,735,878 94.0%",
            "민주시민교육 추진 1,847,287 1,735,878 1,735,878 96.0%",
            ("세부사업 집행률", "민주시민교육 추진", "committed_rate", "96.0%", "94.0%"),
        ),
        (
            "시민숙의예산과 1,758,816 1,235,100 721,056 70.2% 41.0%\n\n지 역",
            "시민숙의예산과 1,758,816 1,235,100 721,066 70.2% 41.0%\n\n지 역",
            ("Ⅰ·Ⅳ 세출 대조", "시민숙의예산과", "spent", "721,066천원", "721,056천원"),
        ),
        (
            "기타이자수입 75,447 286,731",
            "기타이자수입 75,447 286,732",
            ("세입 합계", "경상적세외수입", "budget_2021", "1,603,577천원", "1,603,578천원"),
        ),
        (
            "그 외 수 입 636,221 722,916 86,695",
            "그 외 수 입 636,221 722,916 86,696",
            ("세입 증감액", "그외수입", "change_amount", "86,696천원", "86,695천원"),
        ),
        (
            "지역공동체과 17 17 - 17 15 1 1 - -",
            "지역공동체과 17 17 - 17 14 1 1 - -",
            ("인력 직종 합계", "지역공동체과", "subtotal", "17명", "16명"),
        ),
        (
            "시 민 참 여 과 23 23 - 23",
            "시 민 참 여 과 23 22 - 23",
            ("인력 과부족", "시민참여과", "shortage", "0명", "△1명"),
        ),
        (
            "18명 별도",
            "19명 별도",
            ("시간선택제임기제 주석", "시민협력국", "part_time_fixed_term", "19명", "18명"),
        ),
        (
            "공유서울 확산 1,004,500 791,325 644,859 78.8% 64.2% 921,103",
            "공유서울 확산 1,004,500 791,325 644,859 78.8% 64.2% 931,103",
            ("Ⅲ장 사업 집행률", "공유서울 확산", "outlook_rate", "91.7%", "92.7%"),
        ),
    ],
    ids=[
        "IV-line-budget",
        "IV-line-rate",
        "I-division-spent",
        "revenue-child",
        "revenue-change",
        "personnel-kinds",
        "personnel-shortage",
        "part-time-note",
        "III-outlook-only",
    ],
)
def test_a_changed_figure_is_caught(tmp_path, old, new, expected):
    text = REPORT.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    found = findings(load_text(tmp_path, text.replace(old, new)))
    assert expected in found - KNOWN


def test_rates_within_rounding_or_truncation_are_not_flagged(tmp_path):
    # 4,669 ÷ 9,000 = 51.88%: rounding gives 51.9%, the printed 51.8% is a truncation. The six
    # 천원 more are carried into the 과 subtotal and the totals, as a real report would.
    text = REPORT.read_text(encoding="utf-8")
    truncated = (
        text.replace(
            "시민예산절약성과금제 운영 9,000 4,663 4,663 51.8% 51.8%",
            "시민예산절약성과금제 운영 9,000 4,669 4,669 51.8% 51.8%",
        )
        .replace("1,235,100 721,056", "1,235,106 721,062")
        .replace("67,988,971 65,410,160", "67,988,977 65,410,166")
        .replace("67,988,971 65,419,160", "67,988,977 65,419,166")
    )
    found = findings(load_text(tmp_path, truncated)) - KNOWN
    assert not any(finding[0] == "세부사업 집행률" for finding in found)


@pytest.mark.parametrize(
    ("old", "new", "gone"),
    [
        (
            "서울혁신파크 조성 643,497",
            "서울혁신파크 조성사업 643,497",
            (
                "이름 표기",
                "서울혁신파크 조성사업",
                "name",
                "서울혁신파크 조성",
                "서울혁신파크 조성사업",
            ),
        ),
        (
            "마을활력소 8개소 조성 중(공사 중 4, 설계 중 4)",
            "마을활력소 20개소 조성 중(공사 중 10, 설계 중 10)",
            ("본문 수치 대조", "지역 커뮤니티 공간 조성·운영지원", "조성 중", "20개소", "8개소"),
        ),
    ],
    ids=["same-name-in-III-and-IV", "one-count-of-a-state"],
)
def test_a_mended_report_loses_the_finding(tmp_path, old, new, gone):
    text = REPORT.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    assert gone not in findings(load_text(tmp_path, text.replace(old, new)))


def test_spacing_alone_does_not_make_a_name_another_name(db):
    # Ⅲ prints "커뮤니티공간 운영지원", Ⅳ "커뮤니티 공간 운영지원": one name, no finding.
    assert not any(f[1] == "커뮤니티 공간 운영지원" for f in findings(db))


def test_a_new_state_count_that_disagrees_is_caught(tmp_path):
    text = REPORT.read_text(encoding="utf-8")
    old = "조성현황 : 총 61개소 (운영 41개소, 조성 중 20개소)"
    new = "조성현황 : 총 61개소 (운영 중 41개소, 조성 중 20개소)\n\n○ 운영 중 40개소"
    assert text.count(old) == 1
    found = findings(load_text(tmp_path, text.replace(old, new))) - KNOWN
    assert (
        "본문 수치 대조",
        "지역 커뮤니티 공간 조성·운영지원",
        "운영 중",
        "41개소",
        "40개소",
    ) in found
