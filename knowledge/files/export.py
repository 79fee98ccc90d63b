"""The budget lines (all, or one division's) as CSV with a BOM or as XLSX, named with the 기준일."""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from knowledge.files.picks import find_division
from knowledge.sql.sandbox import Sandbox
from knowledge.sql.tables import to_csv

FORMATS = ("csv", "xlsx")
HEADERS = (
    "번호", "과", "세부사업", "예산현액(천원)", "원인행위액(천원)", "지출액(천원)",
    "원인행위 집행률", "지출 집행률", "출처",
)  # fmt: skip
# The report prints '-' where nothing was executed; the files keep that mark.
NOT_EXECUTED = "-"
_LINES_SQL = (
    "SELECT line_no, division, name, budget, committed, spent, committed_rate, "
    "committed_rate_printed, spent_rate, spent_rate_printed, source FROM budget_lines "
    "WHERE ? IS NULL OR division = ? ORDER BY line_no"
)
_WIDTHS = (6, 16, 40, 16, 16, 16, 14, 12, 36)


class UnknownDivision(ValueError):
    """The argument names no division; the message is the Korean help."""


@dataclass(frozen=True)
class ExportFile:
    """A document to send or save: its bytes and a file name carrying the 기준일."""

    data: bytes
    filename: str
    row_count: int


def export_lines(
    sandbox: Sandbox, division_text: str = "", file_format: str = "xlsx"
) -> ExportFile:
    """The lines of the report, or of the division named in `division_text`, as one file."""
    if file_format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    division = None
    if division_text.strip():
        divisions = [row[0] for row in sandbox.query("SELECT division FROM divisions").rows]
        division = find_division(division_text, divisions)
        if division is None:
            raise UnknownDivision(
                f"'{division_text.strip()[:30]}' 과를 찾지 못했습니다. "
                f"내보낼 수 있는 과: {', '.join(divisions)}"
            )
    rows = sandbox.query(_LINES_SQL, (division, division)).rows
    as_of = sandbox.query("SELECT as_of, bureau FROM report").rows
    date_text = as_of[0][0].isoformat() if as_of else "기준일미상"
    scope = division or (as_of[0][1] if as_of else "전체")
    filename = f"{scope}_세부사업_{date_text}.{file_format}"
    if file_format == "csv":
        data = to_csv(HEADERS, [_printed_row(row) for row in rows])
    else:
        data = _xlsx(rows, f"세부사업 {date_text}")
    return ExportFile(data=data, filename=filename, row_count=len(rows))


def _printed_row(row: tuple) -> tuple:
    """CSV cells as the report prints them: rates like '92.6%', '-' for nothing executed."""
    (
        line_no,
        division,
        name,
        budget,
        committed,
        spent,
        _,
        committed_printed,
        _,
        spent_printed,
        source,
    ) = row
    return (
        line_no, division, name, _or_mark(budget), _or_mark(committed), _or_mark(spent),
        committed_printed or NOT_EXECUTED, spent_printed or NOT_EXECUTED, source,
    )  # fmt: skip


def _or_mark(value: object) -> object:
    return NOT_EXECUTED if value is None else value


def _xlsx(rows: list[tuple], sheet_title: str) -> bytes:
    """A sheet with numbers as numbers (amounts #,##0, rates as %), header frozen, filter on."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        (
            line_no,
            division,
            name,
            budget,
            committed,
            spent,
            committed_rate,
            _,
            spent_rate,
            _,
            source,
        ) = row
        sheet.append(
            [
                line_no, division, name, _or_mark(budget), _or_mark(committed), _or_mark(spent),
                _fraction(committed_rate), _fraction(spent_rate), source,
            ]
        )  # fmt: skip
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells[3:6]:
            cell.number_format = "#,##0"
        for cell in row_cells[6:8]:
            cell.number_format = "0.0%"
    for index, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fraction(rate: float | None) -> object:
    # Excel shows 0.926 with a % format as 92.6%; the report's 92.6 is a percentage.
    return NOT_EXECUTED if rate is None else round(rate / 100, 6)
