"""A report that breaks the structure it guarantees is refused with what failed and its line;
only files named report_YYYY-MM-DD.txt are reports."""

from pathlib import Path

import duckdb
import pytest

from knowledge import Engine
from knowledge.report.ingest import load_report, newest_report

DATA = Path(__file__).resolve().parents[2] / "data"
REPORT = DATA / "report_2021-08-13.txt"


def report_lines() -> list[str]:
    return REPORT.read_text(encoding="utf-8").split("\n")


def without(first: int, last: int) -> str:
    """The report without its lines `first`…`last` (numbered from 1, as in messages)."""
    lines = report_lines()
    return "\n".join(lines[: first - 1] + lines[last:])


def replaced(old: str, new: str) -> str:
    text = REPORT.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new)


def folder_with(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for source in DATA.iterdir():
        if source.is_file() and not source.name.startswith("report_"):
            (folder / source.name).write_bytes(source.read_bytes())
    (folder / REPORT.name).write_text(text, encoding="utf-8")
    return folder


CUT_SHORT_BY_TEN_LINES = "\n".join(report_lines()[:-10])

BROKEN = [
    (
        "cut-short-by-ten-lines",
        CUT_SHORT_BY_TEN_LINES,
        "줄 949: Ⅳ장 갈등관리협치과 소계의 예산현액(30,586,608천원)이 그 아래 세부사업 10개의 "
        "합(30,117,808천원)과 다릅니다",
    ),
    ("a-line-lost", without(880, 880), "줄 876: Ⅳ장 시민참여과 소계의 예산현액"),
    (
        "a-line-off-beyond-rounding",
        replaced("시민 제안 발굴 및 실행 829,200", "시민 제안 발굴 및 실행 829,300"),
        "줄 876: Ⅳ장 시민참여과 소계의 예산현액(4,371,137천원)이 그 아래 세부사업 7개의 "
        "합(4,371,237천원)과 다릅니다",
    ),
    (
        "a-division-missing-from-IV",
        without(949, 980),
        "줄 184: Ⅰ장의 갈등관리협치과가 Ⅳ장 세부사업별 예산집행 현황에 없습니다",
    ),
    (
        "the-total-misprinted-in-both-sections",
        replaced(
            "합 계 78,850,849 67,988,971 65,410,160", "합 계 78,850,000 67,988,971 65,410,160"
        ).replace(
            "합 계 78,850,849 67,988,971 65,419,160", "합 계 78,850,000 67,988,971 65,419,160"
        ),
        "줄 874: Ⅳ장 합계의 예산현액(78,850,000천원)",
    ),
    (
        "a-project-table-without-its-rows",
        without(326, 329),
        "줄 320: 사업 1의 예산집행 현황 표에 행이 없습니다",
    ),
]


@pytest.mark.parametrize(("text", "reason"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN])
def test_a_report_missing_what_it_guarantees_is_refused_at_start(
    tmp_path: Path, text: str, reason: str
) -> None:
    with pytest.raises(ValueError) as refusal:
        Engine.load(folder_with(tmp_path, text))
    assert reason in str(refusal.value)
    assert str(refusal.value).startswith("보고서")


def test_a_total_misprinted_in_one_section_is_a_disagreement_not_a_refusal(tmp_path: Path) -> None:
    """The 2021-08-13 report's Ⅳ total prints 지출 9,000천원 over its lines; Ⅰ prints the sum."""
    text = replaced(
        "합 계 78,850,849 67,988,971 65,419,160", "합 계 78,850,000 67,988,971 65,419,160"
    )
    engine = Engine.load(folder_with(tmp_path, text))
    stated = engine.connection.execute(
        "SELECT stated FROM inconsistencies WHERE check_name = 'Ⅰ·Ⅳ 세출 대조' AND field = 'budget'"
    ).fetchall()
    assert stated == [("78,850,849천원",)]


@pytest.mark.parametrize(
    ("names", "newest"),
    [
        (["report_2021-08-13.txt", "report_old.txt"], "report_2021-08-13.txt"),
        (["report_2021-08-13.txt", "report_2021-09-01.txt"], "report_2021-09-01.txt"),
        (["report_2021-08-13.txt", "report_2021-13-01.txt"], "report_2021-08-13.txt"),
        (["report_2021-08-13.txt", "report_2021-9-1.txt"], "report_2021-08-13.txt"),
        (["report_2021-08-13.txt", "report_2021-09-01.txt.bak"], "report_2021-08-13.txt"),
        (["report_2021-08-13.txt", "report_2021-09-01 (1).txt"], "report_2021-08-13.txt"),
        (["report_2021-08-13.txt", "Report_2021-09-01.txt"], "report_2021-08-13.txt"),
    ],
    ids=["old", "later-date", "no-such-month", "unpadded", "backup", "copy", "capital"],
)
def test_only_dated_report_files_are_reports(tmp_path: Path, names: list[str], newest: str) -> None:
    for name in names:
        (tmp_path / name).write_text("아무 내용", encoding="utf-8")
    assert newest_report(tmp_path).name == newest


def test_a_folder_named_like_a_report_is_not_one(tmp_path: Path) -> None:
    (tmp_path / "report_2021-09-01.txt").mkdir()
    (tmp_path / "report_2021-08-13.txt").write_text("아무 내용", encoding="utf-8")
    assert newest_report(tmp_path).name == "report_2021-08-13.txt"


def test_no_dated_report_is_said_plainly(tmp_path: Path) -> None:
    (tmp_path / "report_old.txt").write_text("아무 내용", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"report_YYYY-MM-DD\.txt"):
        newest_report(tmp_path)


def test_the_newest_report_loads_beside_an_old_copy(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, REPORT.read_text(encoding="utf-8"))
    (folder / "report_old.txt").write_text("낡은 사본\n", encoding="utf-8")
    connection = duckdb.connect(":memory:")
    load_report(connection, newest_report(folder))
    assert connection.execute("SELECT count(*) FROM budget_lines").fetchone() == (43,)


def test_the_engine_reads_the_newest_dated_report_beside_an_old_copy(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, REPORT.read_text(encoding="utf-8"))
    (folder / "report_old.txt").write_text("낡은 사본\n", encoding="utf-8")
    engine = Engine.load(folder)
    source = engine.connection.execute("SELECT source_file FROM report").fetchone()
    assert source == ("report_2021-08-13.txt",)
