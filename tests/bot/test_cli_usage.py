"""`python -m bot unanswered` in a real process, also while the bot holds the state file."""

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from services.usage import UsageLog

ROOT = Path(__file__).resolve().parents[2]


def unanswered(state_db: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BOT_STATE_DB": str(state_db), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "bot", "unanswered"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip


def test_lists_questions_with_counts_most_asked_first_while_the_file_is_held(tmp_path):
    state_db = tmp_path / "state.duckdb"
    usage = UsageLog(state_db)
    for text in ["점심 메뉴", "날씨 어때", "날씨   어때", "날씨 어때?"]:
        usage.record_unanswered(text)
    usage.flush(date(2021, 9, 6))
    # This process keeps the file open, as the running bot does: the CLI reads a copy.
    lines = unanswered(state_db).stdout.splitlines()
    usage.close(date(2021, 9, 6))
    assert lines == [
        "2  2021-09-06  날씨 어때",
        "1  2021-09-06  날씨 어때?",
        "1  2021-09-06  점심 메뉴",
    ]


def test_says_so_when_there_is_nothing(tmp_path):
    assert (
        unanswered(tmp_path / "none.duckdb").stdout.strip() == "답하지 못한 질문이 아직 없습니다."
    )
