"""Export: CSV with a BOM and XLSX that open in Excel, Korean intact, one row per budget line."""

import csv
import io

import openpyxl
import pytest

from knowledge.files.export import HEADERS, UnknownDivision, export_lines
from knowledge.sql.sandbox import Sandbox

SCOPES = [
    ("", "시민협력국", "SELECT count(*) FROM budget_lines"),
    ("사회협력과", "사회협력과", "SELECT count(*) FROM budget_lines WHERE division = '사회협력과'"),
    (
        "갈등관리 협치과",
        "갈등관리협치과",
        "SELECT count(*) FROM budget_lines WHERE division = '갈등관리협치과'",
    ),
]


@pytest.mark.parametrize(
    ("argument", "scope", "count_sql"), SCOPES, ids=["all", "division", "spaced"]
)
def test_csv_has_bom_korean_and_every_line(
    sandbox: Sandbox, argument: str, scope: str, count_sql: str
) -> None:
    exported = export_lines(sandbox, argument, "csv")
    assert exported.data.startswith(b"\xef\xbb\xbf")
    assert exported.filename == f"{scope}_세부사업_2021-08-13.csv"
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADERS
    assert len(rows) - 1 == sandbox.query(count_sql).rows[0][0] == exported.row_count
    if not argument:
        assert rows[1][:6] == [
            "1",
            "시민참여과",
            "서울민주주의위원회 운영",
            "751274",
            "584103",
            "373128",
        ]
        assert rows[1][6:8] == ["77.7%", "49.7%"]


@pytest.mark.parametrize(
    ("argument", "scope", "count_sql"), SCOPES, ids=["all", "division", "spaced"]
)
def test_xlsx_opens_with_numbers_as_numbers(
    sandbox: Sandbox, argument: str, scope: str, count_sql: str
) -> None:
    exported = export_lines(sandbox, argument, "xlsx")
    assert exported.filename == f"{scope}_세부사업_2021-08-13.xlsx"
    sheet = openpyxl.load_workbook(io.BytesIO(exported.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert len(rows) - 1 == sandbox.query(count_sql).rows[0][0]
    expected = sandbox.query(
        "SELECT line_no, name, budget, spent FROM budget_lines WHERE ? = '' OR division = ? "
        "ORDER BY line_no",
        (argument and scope, scope),
    ).rows
    assert [(r[0], r[2], r[3], r[5]) for r in rows[1:]] == [
        (no, name, budget, "-" if spent is None else spent) for no, name, budget, spent in expected
    ]
    assert sheet["D2"].number_format == "#,##0" and sheet["H2"].number_format == "0.0%"


def test_nothing_executed_stays_a_dash(sandbox: Sandbox) -> None:
    exported = export_lines(sandbox, "사회협력과", "csv")
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    unexecuted = next(row for row in rows if row[2] == "동북권 청년혁신파크 조성사업")
    assert unexecuted[3:8] == ["824000", "-", "-", "-", "-"]


@pytest.mark.parametrize("argument", ["날씨", "asdf", "😀"], ids=["weather", "latin", "emoji"])
def test_unknown_division_lists_the_divisions(sandbox: Sandbox, argument: str) -> None:
    with pytest.raises(UnknownDivision, match="내보낼 수 있는 과: 시민참여과"):
        export_lines(sandbox, argument, "csv")
