"""`python -m bot chart|export|ask --sql`: files written where asked, evidence printed."""

import csv
import io
import json
import struct
from pathlib import Path

import openpyxl
import pytest

from bot.cli import main
from knowledge.files.charts import SIZE_PIXELS


def test_chart_is_written_as_png(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    output = tmp_path / "rates.png"
    assert main(["chart", "집행률", "-o", str(output)]) == 0
    data = output.read_bytes()
    assert struct.unpack(">II", data[16:24]) == SIZE_PIXELS
    assert str(output) in capsys.readouterr().out


def test_unknown_chart_explains_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    output = tmp_path / "x.png"
    assert main(["chart", "날씨", "-o", str(output)]) == 2
    assert "그릴 수 있는 차트" in capsys.readouterr().err
    assert not output.exists()


@pytest.mark.parametrize(("suffix", "rows"), [("xlsx", 11), ("csv", 11)], ids=["xlsx", "csv"])
def test_export_of_a_division(tmp_path: Path, suffix: str, rows: int) -> None:
    output = tmp_path / f"lines.{suffix}"
    assert main(["export", "사회협력과", "-o", str(output)]) == 0
    if suffix == "csv":
        table = list(csv.reader(io.StringIO(output.read_bytes().decode("utf-8-sig"))))
    else:
        table = list(openpyxl.load_workbook(output).active.iter_rows(values_only=True))
    assert len(table) == rows
    assert {row[1] for row in table[1:]} == {"사회협력과"}


def test_ask_with_sql_prints_runnable_evidence(capsys: pytest.CaptureFixture) -> None:
    assert main(["ask", "--sql", "사회협력과 예산"]) == 0
    out = capsys.readouterr().out
    assert "근거 SQL" in out
    assert "'사회협력과'" in out
    assert "?" not in out.split("근거 SQL", 1)[1]


def test_ask_answers_sql_and_schema(capsys: pytest.CaptureFixture) -> None:
    assert main(["ask", "/sql SELECT count(*) FROM budget_lines WHERE spent IS NULL"]) == 0
    assert capsys.readouterr().out.startswith("결과: 4 ")
    assert main(["ask", "/schema"]) == 0
    assert "budget_lines" in capsys.readouterr().out


def test_jsonl_answers_sql_lines_in_order(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    lines = ["/sql SELECT 6*7", "/sql DROP TABLE budget_lines", "/schema budget_lines", ""]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["ask", "--jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["query"] for r in records] == lines
    assert records[0]["reply"].startswith("결과: 42") and records[0]["sql"] == "SELECT 6 * 7"
    assert records[1]["reply"].startswith("실행하지 않았습니다.")
    assert records[2]["reply"].startswith("budget_lines:")
