"""The report text read into tables: counts, rows checked against the report, sources, bad layouts."""

import datetime as dt
import re
from pathlib import Path

import duckdb
import pytest

from knowledge.report.ingest import load_report

REPORT = Path(__file__).resolve().parents[2] / "data" / "report_2021-08-13.txt"
REPORT_LINES = REPORT.read_text(encoding="utf-8").split("\n")
SOURCE_RE = re.compile(r"^[ⅠⅡⅢⅣ]\. \S.* \(줄 (\d+)\)$")


@pytest.fixture(scope="module")
def db() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(":memory:")
    load_report(connection, REPORT)
    return connection


def rows(db: duckdb.DuckDBPyConnection, sql: str, *params) -> list[tuple]:
    return db.execute(sql, list(params)).fetchall()


def load_text(tmp_path: Path, text: str) -> duckdb.DuckDBPyConnection:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    connection = duckdb.connect(":memory:")
    load_report(connection, path)
    return connection


def replaced(old: str, new: str) -> str:
    text = REPORT.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("table", "count"),
    [
        ("report", 1),
        ("organization", 3),
        ("divisions", 5),
        ("personnel", 6),
        ("duties", 32),
        ("revenue", 13),
        ("spending", 12),
        ("budget_lines", 43),
        ("projects", 9),
        ("project_budgets", 13),
        ("plans", 20),
        ("dated_items", 26),
        ("vision", 20),
    ],
    ids=lambda value: str(value),
)
def test_table_has_every_row_of_the_report(db, table, count):
    assert rows(db, f"SELECT count(*) FROM {table}")[0][0] == count


def test_report_row_names_bureau_date_and_unit(db):
    assert rows(db, "SELECT title, bureau, as_of, unit FROM report") == [
        ("시민협력국 주요업무 보고", "시민협력국", dt.date(2021, 8, 13), "천원")
    ]


def test_organization_current_bureau_and_predecessors(db):
    assert rows(db, "SELECT unit, structure, role, reorganized_on FROM organization") == [
        ("서울민주주의위원회", "1위원회 4담당관 16팀", "predecessor", None),
        ("서울혁신기획관", "1기획관 3담당관 10팀", "predecessor", None),
        ("시민협력국", "1국 5과 22팀", "current", dt.date(2021, 7, 25)),
    ]


def test_divisions_in_report_order_without_letter_spacing(db):
    assert rows(db, "SELECT division FROM divisions ORDER BY position") == [
        ("시민참여과",),
        ("시민숙의예산과",),
        ("지역공동체과",),
        ("사회협력과",),
        ("갈등관리협치과",),
    ]


@pytest.mark.parametrize(
    ("division", "expected"),
    [
        ("시민협력국", (True, 106, 104, -2, 104, 91, 6, 2, 4, 1, 18)),
        ("시민참여과", (False, 23, 23, 0, 23, 23, 0, 0, 0, 0, 1)),
        ("시민숙의예산과", (False, 15, 15, 0, 15, 14, 0, 0, 1, 0, 4)),
        ("지역공동체과", (False, 17, 17, 0, 17, 15, 1, 1, 0, 0, 0)),
        ("사회협력과", (False, 30, 28, -2, 28, 21, 3, 0, 3, 1, 0)),
        ("갈등관리협치과", (False, 21, 21, 0, 21, 18, 2, 1, 0, 0, 13)),
    ],
)
def test_personnel_row_with_triangle_as_minus_and_dash_as_zero(db, division, expected):
    columns = (
        "is_total, quota, current, shortage, subtotal, administrative, technical, "
        "open_position, fixed_term, management, part_time_fixed_term"
    )
    found = rows(db, f"SELECT {columns} FROM personnel WHERE division = ?", division)
    assert found == [expected]


@pytest.mark.parametrize(
    ("division", "position", "duty"),
    [
        ("시민참여과", 1, "시민참여 제도적 기반 조성 및 숙의·공론 과정 종합기획"),
        ("시민숙의예산과", 2, "숙의예산민관협의회 구성 및 운영(18개 실국)"),
        ("지역공동체과", 7, "마을활력소 조성 및 운영계획 수립"),
        ("사회협력과", 4, "기부금품 모집 등록 및 관리에 관한 사항"),
        ("갈등관리협치과", 8, "갈등 진단 및 대응, 갈등관리 교육"),
    ],
)
def test_duty_belongs_to_its_division(db, division, position, duty):
    found = rows(
        db, "SELECT duty FROM duties WHERE division = ? AND position = ?", division, position
    )
    assert found == [(duty,)]


@pytest.mark.parametrize(
    ("item", "parent", "level"),
    [
        ("합계", None, 0),
        ("세외수입", "합계", 1),
        ("경상적세외수입", "세외수입", 2),
        ("공유재산임대료", "경상적세외수입", 3),
        ("기타사용료", "경상적세외수입", 3),
        ("기타이자수입", "경상적세외수입", 3),
        ("임시적세외수입", "세외수입", 2),
        ("시도비보조금반환수입", "임시적세외수입", 3),
        ("자체보조금반환수입", "임시적세외수입", 3),
        ("그외수입", "임시적세외수입", 3),
        ("지난연도수입", "임시적세외수입", 3),
        ("지방행정제재·부과금", "세외수입", 2),
        ("변상금", "지방행정제재·부과금", 3),
    ],
)
def test_revenue_hierarchy_recovered_where_the_pdf_lost_indentation(db, item, parent, level):
    assert rows(db, "SELECT parent, level FROM revenue WHERE item = ?", item) == [(parent, level)]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("　　공유재산임대료 388,882 330,628", "　　공유재산임대료 388,882 330,629"),
        ("변 상 금 161,606 10,372", "변 상 금 161,606 10,373"),
        ("　임시적세외수입　 4,051,806", "임시적세외수입 4,051,806"),
    ],
    ids=["leaf-figure-off-by-one", "only-child-figure-off-by-one", "indentation-lost"],
)
def test_revenue_hierarchy_survives_a_typo_or_lost_indentation(db, tmp_path, old, new):
    expected = rows(db, "SELECT item, parent, level FROM revenue ORDER BY position")
    changed = load_text(tmp_path, replaced(old, new))
    assert rows(changed, "SELECT item, parent, level FROM revenue ORDER BY position") == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("합계", (5780042, 5834259, 54217, 0.9, "0.9%", 5414334, 92.8, "92.8%")),
        ("공유재산임대료", (388882, 330628, -58254, -15.0, "△15.0%", 250265, 75.7, "75.7%")),
        ("기타이자수입", (75447, 286731, 211284, 280.0, "280.0%", 191514, 66.8, "66.8%")),
        ("자체보조금반환수입", (None, None, None, None, None, 116615, None, None)),
        ("그외수입", (636221, 722916, 86695, 13.6, "13.6%", 860004, 119.0, "119.0%")),
        ("변상금", (161606, 10372, -151234, -93.6, "△93.6%", 4932, 47.6, "47.6%")),
    ],
)
def test_revenue_figures(db, item, expected):
    columns = (
        "budget_2020, budget_2021, change_amount, change_rate, change_rate_printed, "
        "collected, collection_rate, collection_rate_printed"
    )
    assert rows(db, f"SELECT {columns} FROM revenue WHERE item = ?", item) == [expected]


@pytest.mark.parametrize(
    ("section", "division", "expected"),
    [
        ("Ⅰ", "시민협력국", (True, 78850849, 67988971, 65410160, "86.2%", "83.0%")),
        ("Ⅳ", "시민협력국", (True, 78850849, 67988971, 65419160, "86.2%", "83.0%")),
        ("Ⅰ", "시민참여과", (False, 4371137, 3562312, 2856832, "81.5%", "65.4%")),
        ("Ⅰ", "지역공동체과", (False, 31080077, 28085988, 27669365, "90.4%", "89.0%")),
        ("Ⅳ", "사회협력과", (False, 11054211, 6773215, 6158751, "61.3%", "55.7%")),
        ("Ⅳ", "갈등관리협치과", (False, 30586608, 28332356, 28004156, "92.6%", "91.6%")),
    ],
)
def test_spending_rows_of_both_sections_as_printed(db, section, division, expected):
    columns = "is_total, budget, committed, spent, committed_rate_printed, spent_rate_printed"
    found = rows(
        db,
        f"SELECT {columns} FROM spending WHERE section = ? AND division = ?",
        section,
        division,
    )
    assert found == [expected]


@pytest.mark.parametrize(
    ("line_no", "expected"),
    [
        (1, ("시민참여과", "서울민주주의위원회 운영", 751274, 584103, 373128, "77.7%", "49.7%")),
        (
            7,
            (
                "시민참여과",
                "민주시민교육과 모더레이터양성 프로그램",
                78897,
                54128,
                54128,
                "68.6%",
                "68.6%",
            ),
        ),
        (8, ("시민숙의예산과", "시민숙의예산 운영", 1052846, 840436, 481556, "79.8%", "45.7%")),
        (11, ("시민숙의예산과", "시민예산절약성과금제 운영", 9000, 4663, 4663, "51.8%", "51.8%")),
        (
            12,
            ("지역공동체과", "커뮤니티 공간 운영지원", 9280066, 8131761, 7736978, "87.6%", "83.4%"),
        ),
        (
            15,
            (
                "지역공동체과",
                "찾아가는 동 주민센터 지원(마을분야)",
                9000,
                8838,
                8838,
                "98.2%",
                "98.2%",
            ),
        ),
        (
            18,
            (
                "지역공동체과",
                "서울형 주민자치 활동지원 사업",
                5368796,
                5368796,
                5368796,
                "100%",
                "100%",
            ),
        ),
        (19, ("지역공동체과", "저층주거지 관리 사업", 100000, None, None, None, None)),
        (20, ("사회협력과", "서울혁신파크 운영", 7066795, 4808265, 4808265, "68.0%", "68.0%")),
        (22, ("사회협력과", "동북권 청년혁신파크 조성사업", 824000, None, None, None, None)),
        (
            24,
            ("사회협력과", "지역문제 해결 시민 실험실 지원", 7903, 7903, 7903, "100.0%", "100.0%"),
        ),
        (29, ("사회협력과", "공유서울 확산", 1004500, 791325, 644859, "78.8%", "64.2%")),
        (
            30,
            (
                "갈등관리협치과",
                "민관협치 체계구축 및 활성화 지원",
                357600,
                125136,
                86336,
                "35.0%",
                "24.1%",
            ),
        ),
        (
            35,
            (
                "갈등관리협치과",
                "협치역량평가를반영한시정성과평가제도운영",
                7250,
                3242,
                3242,
                "44.7%",
                "44.7%",
            ),
        ),
        (
            43,
            (
                "갈등관리협치과",
                "갈등대안마련을위한참여적의사결정운영",
                222300,
                195135,
                9835,
                "87.8%",
                "4.4%",
            ),
        ),
    ],
    ids=lambda value: str(value) if isinstance(value, int) else value[1],
)
def test_budget_line_as_printed(db, line_no, expected):
    columns = "division, name, budget, committed, spent, committed_rate_printed, spent_rate_printed"
    assert rows(db, f"SELECT {columns} FROM budget_lines WHERE line_no = ?", line_no) == [expected]


def test_budget_line_rates_are_numbers_and_dash_is_null(db):
    found = rows(
        db, "SELECT committed_rate, spent_rate FROM budget_lines WHERE line_no IN (18, 19, 43)"
    )
    assert found == [(100.0, 100.0), (None, None), (87.8, 4.4)]


@pytest.mark.parametrize("table", ["budget_lines", "spending", "revenue", "personnel"])
def test_source_cites_a_report_line_holding_the_row(db, table):
    """Every cited line exists and holds the row's first figure, as printed."""
    column = {
        "budget_lines": "budget",
        "spending": "budget",
        "revenue": "collected",
        "personnel": "quota",
    }[table]
    for value, source in rows(db, f"SELECT {column}, source FROM {table}"):
        match = SOURCE_RE.match(source)
        assert match, source
        assert f"{value:,}" in REPORT_LINES[int(match.group(1)) - 1], source


@pytest.mark.parametrize(
    "table",
    ["organization", "duties", "projects", "project_items", "project_budgets", "plans", "facts"],
)
def test_every_row_keeps_a_readable_source(db, table):
    for (source,) in rows(db, f"SELECT source FROM {table}"):
        assert SOURCE_RE.match(source), source


@pytest.mark.parametrize(
    ("number", "title", "division"),
    [
        (1, "서울시민회의 구성·운영", "시민참여과"),
        (3, "시민참여예산 추진", "시민숙의예산과"),
        (4, "서울시마을공동체종합지원센터 재위탁 추진", "지역공동체과"),
        (7, "사회협력을 통한 전환·공유도시 추진", "사회협력과"),
        (9, "시정운영 갈등관리 역량강화 및 거버넌스 활성화", "갈등관리협치과"),
    ],
)
def test_project_title_and_division_from_the_list(db, number, title, division):
    found = rows(db, "SELECT title, division FROM projects WHERE project_no = ?", number)
    assert found == [(title, division)]


def test_project_purpose_joins_the_lines_under_the_title(db):
    (purpose,) = rows(db, "SELECT purpose FROM projects WHERE project_no = 1")[0]
    assert purpose == (
        "더 많은 시민이 폭넓게 참여하여 사회적 현안에 대해 숙의·공론하고, "
        "정책을 제안하는 온오프라인 상시 공론패널「서울시민회의」구성·운영"
    )


@pytest.mark.parametrize(
    ("project", "part", "text_start", "depth", "parent_start"),
    [
        (1, "개요", "구성 : 서울시 정책에 관심 있는 서울시민 1,081명", 1, None),
        (1, "개요", "(역할) 온오프라인 토론에", 2, "구성 :"),
        (1, "개요", "운영 ; 다양한 주제별", 1, None),
        (5, "현황", "(대면) 골목정원", 2, "코로나 상황 감안"),
        (1, "현황", "최종 선정된 우수 정책제안", 3, "시민투표를 거쳐"),
        (2, "현황", "※ 실태조사 : 서울시민 7,000명", 3, "서울행복지표 기반"),
        (3, "현황", "예산 발굴·심사·사업화에 참여할 다양한 시민 구성", 0, None),
        (3, "현황", "시민참여 숙의·공론화 추진기구 구성", 1, "예산 발굴·심사"),
        (4, "개요", "위탁사무명 : 마을공동체종합지원센터 운영", 1, None),
        (7, "현황", "지속가능한 제로웨이스트 커뮤니티 구축", 2, "시민주도 실험 지원"),
        (8, "개요", "(공간구성) 업무공간 77석", 2, "시설현황"),
        (9, "계획", "갈등관리 우수사례 발표대회", 1, None),
    ],
)
def test_project_item_depth_and_parent(db, project, part, text_start, depth, parent_start):
    items = rows(
        db,
        "SELECT position, depth, text, parent_position FROM project_items "
        "WHERE project_no = ? AND part = ? ORDER BY position",
        project,
        part,
    )
    by_position = {position: text for position, _, text, _ in items}
    matching = [item for item in items if item[2].startswith(text_start)]
    assert len(matching) == 1
    _, found_depth, _, parent = matching[0]
    assert found_depth == depth
    if parent_start is None:
        assert parent is None
    else:
        assert by_position[parent].startswith(parent_start)


def test_wrapped_bullet_is_joined_to_the_bullet_it_continues(db):
    texts = [text for (text,) in rows(db, "SELECT text FROM project_items WHERE project_no = 7")]
    assert (
        "지속가능한 제로웨이스트 커뮤니티 구축, 지역 폐자원 재활용 및 교육 프로그램, "
        "도시먹거리 로컬 커뮤니티 주방, 장난감 수리·재활용"
    ) in texts
    assert not any(text.startswith("도시먹거리") for text in texts)


def test_budget_table_header_and_label_lines_are_not_items(db):
    texts = [text for (text,) in rows(db, "SELECT text FROM project_items")]
    assert not any(text.startswith(("사업명", "원인행위", "예산집행 현황")) for text in texts)
    assert not any(re.search(r"\d{1,3}(,\d{3})+ \d{1,3}(,\d{3})+", text) for text in texts)


@pytest.mark.parametrize(
    ("project", "name", "line_no", "expected"),
    [
        (
            1,
            "서울민주주의위원회 운영 (서울시민회의 구성 및 운영)",
            1,
            (475200, 451603, 240628, "95.0%", "50.6%", 462150, 97.3, "97.3%"),
        ),
        (
            3,
            "시민참여예산 운영",
            9,
            (526970, 244500, 144490, "46.4%", "27.4%", 526000, 99.8, "99.8%"),
        ),
        (
            5,
            "커뮤니티공간 운영지원",
            12,
            (9280066, 8131761, 7736978, "87.6%", "83.4%", 9280066, 100.0, "100%"),
        ),
        (
            6,
            "서울혁신파크 조성",
            21,
            (643497, 550061, 214662, "85.5%", "33.4%", 598918, 93.1, "93.1%"),
        ),
        (
            7,
            "동단위 전환계획 수립 지원",
            None,
            (100000, 53467, 53467, "53.5%", "53.5%", 85000, 85.0, "85.0%"),
        ),
        (
            8,
            "NPO입주협업공간 운영",
            36,
            (237252, 95933, 86833, "40.4%", "36.6%", 237000, 99.9, "99.9%"),
        ),
        (
            9,
            "갈등관리 거버넌스 강화",
            41,
            (177641, 117856, 22856, "66.3%", "12.9%", 132641, 74.6, "74.6%"),
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_project_budget_row_wrapped_names_and_matching_line(db, project, name, line_no, expected):
    columns = (
        "line_no, budget, committed, spent, committed_rate_printed, spent_rate_printed, "
        "outlook_amount, outlook_rate, outlook_rate_printed"
    )
    found = rows(
        db,
        f"SELECT {columns} FROM project_budgets WHERE project_no = ? AND name = ?",
        project,
        name,
    )
    assert found == [(line_no, *expected)]


@pytest.mark.parametrize(
    ("project", "position", "period", "start", "end", "open_ended"),
    [
        (1, 1, "’21. 9월~11월", dt.date(2021, 9, 1), dt.date(2021, 11, 1), False),
        (2, 1, "’21. 9월 ~", dt.date(2021, 9, 1), None, True),
        (2, 2, "’21. 11월", dt.date(2021, 11, 1), dt.date(2021, 11, 1), False),
        (3, 2, "’21. 9~10월", dt.date(2021, 9, 1), dt.date(2021, 10, 1), False),
        (4, 1, "’21. 9월 중", dt.date(2021, 9, 1), dt.date(2021, 9, 1), False),
        (6, 2, "’21. 10월", dt.date(2021, 10, 1), dt.date(2021, 10, 1), False),
        (9, 1, "’21. 9~12월", dt.date(2021, 9, 1), dt.date(2021, 12, 1), False),
    ],
)
def test_plan_period_parsed_to_months(db, project, position, period, start, end, open_ended):
    found = rows(
        db,
        "SELECT period, start_month, end_month, open_ended FROM plans "
        "WHERE project_no = ? AND position = ?",
        project,
        position,
    )
    assert found == [(period, start, end, open_ended)]


def test_plan_item_and_details(db):
    found = rows(db, "SELECT item, details FROM plans WHERE project_no = 7 AND position = 3")
    assert found == [
        (
            "공유기업·단체 및 자치구 공유촉진 사업 추진(계속)",
            "(하반기) 공유기업‧단체 (재)지정공모(9월) / "
            "공유기업·단체컨설팅및가치평가 실시(9~12월), 성과보고(12월)",
        )
    ]


@pytest.mark.parametrize(
    ("text_start", "first", "last", "to_day"),
    [
        # year and months; a day without its year is in the report's year
        ("각계각층의 다양한", dt.date(2021, 3, 1), dt.date(2021, 5, 31), False),
        ("상반기 숙의·공론 결과", dt.date(2021, 9, 1), dt.date(2021, 9, 1), True),
        ("2021 시민참여예산 시민 전자투표", dt.date(2021, 8, 9), dt.date(2021, 8, 28), True),
        ("원활한 재위탁 추진을", dt.date(2021, 7, 1), dt.date(2021, 7, 31), False),
        ("現 수탁기관인", dt.date(2021, 8, 22), dt.date(2021, 11, 20), True),
        ("입주단체 모집(5월)", dt.date(2021, 5, 1), dt.date(2021, 5, 31), False),
        ("실·본부·국 대상 갈등관리", dt.date(2021, 3, 1), dt.date(2021, 9, 30), False),
        # "~계속": until the year's end
        ("코로나19 확산에따른", dt.date(2021, 8, 2), dt.date(2021, 12, 31), True),
        # a period an outline labels, across two years
        ("위탁기간 : ’21", dt.date(2021, 11, 21), dt.date(2022, 12, 31), True),
    ],
)
def test_status_bullet_dates_read_as_day_spans(db, text_start, first, last, to_day):
    found = rows(
        db,
        "SELECT first_day, last_day, to_day FROM dated_items d JOIN project_items i "
        "USING (project_no, part, position) WHERE i.text LIKE ? || '%'",
        text_start,
    )
    assert found == [(first, last, to_day)]


def test_a_bullet_dating_two_works_gives_two_spans_and_counts_are_no_dates(db):
    found = rows(
        db,
        "SELECT first_day, last_day FROM dated_items d JOIN project_items i "
        "USING (project_no, part, position) WHERE i.text LIKE '혁신파크경사지정비공사%' "
        "ORDER BY first_day",
    )
    assert found == [
        (dt.date(2021, 5, 12), dt.date(2021, 6, 10)),
        (dt.date(2021, 6, 24), dt.date(2021, 7, 22)),
    ]
    # "(3회, 2,460명 참여)", "(1,081명)": brackets that hold counts are not dates
    undated = rows(
        db,
        "SELECT count(*) FROM dated_items d JOIN project_items i "
        "USING (project_no, part, position) WHERE i.text LIKE '%2,460명%' OR i.text LIKE '%1,081명%'",
    )
    assert undated == [(0,)]


@pytest.mark.parametrize(
    ("project", "printed", "value", "unit"),
    [
        (1, "1,081명", 1081, "명"),
        (1, "3,201명", 3201, "명"),
        (1, "2,460명", 2460, "명"),
        (1, "497개", 497, "개"),
        (3, "1,997건", 1997, "건"),
        (3, "19,616억원", 19616, "억원"),
        (3, "114회", 114, "회"),
        (3, "9,496개", 9496, "개"),
        (3, "358.4억원", 358.4, "억원"),
        (5, "61개소", 61, "개소"),
        (7, "340백만원", 340, "백만원"),
        (8, "28개 단체", 28, "개 단체"),
        (8, "53명", 53, "명"),
        (8, "1,815.6㎡", 1815.6, "㎡"),
        (8, "24석", 24, "석"),
    ],
)
def test_fact_found_in_project_text(db, project, printed, value, unit):
    found = rows(
        db,
        "SELECT DISTINCT value, unit FROM facts WHERE project_no = ? AND printed = ?",
        project,
        printed,
    )
    assert found == [(value, unit)]


def test_fact_context_prepends_the_parent_bullet(db):
    contexts = rows(db, "SELECT context FROM facts WHERE printed = '3,201명'")
    assert contexts == [
        (
            "각계각층의 다양한 시민이 참여할 수 있도록 공모를 통해 위원 구성(’21.3.~5.) > "
            "온오프라인 공모(3,201명 신청) ⇒ 성별·연령·지역 고려 무작위 추첨(1,081명)",
        )
    ]


@pytest.mark.parametrize("printed", ["301회", "21년", "18년", "22년", "616억원"])
def test_dates_ordinals_and_number_fragments_are_not_facts(db, printed):
    assert rows(db, "SELECT count(*) FROM facts WHERE printed = ?", printed) == [(0,)]


def test_a_later_report_with_other_names_and_figures_ingests_with_the_same_code(tmp_path):
    text = REPORT.read_text(encoding="utf-8")
    text = text.replace("사 회 협 력 과", "사 회 혁 신 과").replace("사회협력과", "사회혁신과")
    # A line's new figure carried into its 과 subtotal and the total, in Ⅰ and Ⅳ alike.
    text = text.replace("시민 제안 발굴 및 실행 829,200", "시민 제안 발굴 및 실행 929,200")
    text = text.replace("4,371,137", "4,471,137").replace("78,850,849", "78,950,849")
    db = load_text(tmp_path, text)
    assert ("사회혁신과",) in rows(db, "SELECT division FROM divisions")
    assert rows(db, "SELECT division FROM projects WHERE project_no = 6") == [("사회혁신과",)]
    assert rows(db, "SELECT budget FROM budget_lines WHERE line_no = 2") == [(929200,)]


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("Ⅳ. 2021 세부사업별 예산집행 현황", "4. 2021 세부사업별 예산집행 현황", None),
        ("저층주거지 관리 사업 100,000 - - - -", "저층주거지 관리 사업 100,000 - - -", 918),
        ("사 회 협 력 과 30 28 △2 28 21 3 - 3 1", "사 회 협 력 과 30 28 △2 28 21 3 - 3", 37),
        ("(사회협력과)\n\n8", "(사회협력국)\n\n8", 278),
        ("혁신어워즈 등) : ’21. 10월", "혁신어워즈 등) : ’21. 13월", 654),
        (
            "475,200 451,603 240,628 95.0% 50.6% 462,150 97.3%",
            "475,200 451,603 240,628 95.0% 50.6% 462,150",
            326,
        ),
        ("○ 세입 총괄", "○ 세입", None),
    ],
    ids=[
        "no-section-IV",
        "IV-row-missing-a-figure",
        "personnel-row-missing-a-figure",
        "unknown-division-in-project-list",
        "month-13",
        "III-table-row-missing-a-figure",
        "no-revenue-table",
    ],
)
def test_broken_layout_is_refused_with_its_line(tmp_path, old, new, line):
    with pytest.raises(ValueError, match="보고서 형식") as error:
        load_text(tmp_path, replaced(old, new))
    if line is not None:
        assert f"줄 {line}" in str(error.value)


def test_vision_chart_reads_strategies_with_their_projects(db):
    """Ⅱ: the vision over its label, the three 추진방향, and four 추진전략 of three 추진사업 each,
    read off the chart's blocks (letter-spacing and emphasis dots taken out)."""
    assert rows(db, "SELECT text FROM vision WHERE kind = '비전'") == [
        ("시민과 함께 뛰는 참여도시 서울",)
    ]
    strategies = rows(db, "SELECT text FROM vision WHERE kind = '추진전략' ORDER BY position")
    assert [s for (s,) in strategies] == [
        "시민참여 기반구축",
        "공동체회복과 시민행복증진",
        "사회전환 선제적 대비",
        "민관협력 공익증진",
    ]
    under = rows(
        db, "SELECT text FROM vision WHERE strategy = '민관협력 공익증진' ORDER BY position"
    )
    assert [t for (t,) in under] == ["민간자원 연계강화", "NPO활동지원", "사회갈등 진단"]
