"""Relative months in questions count from BOT_TODAY when it is set (the same day the weekly
summaries take), else from today in Seoul."""

from __future__ import annotations

import pytest

from bot.cli import main


def test_this_month_counts_from_bot_today(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("BOT_TODAY", "2021-10-05")
    assert main(["ask", "이번 달 일정"]) == 0
    reply = capsys.readouterr().out
    assert reply.startswith("2021년 10월 향후계획")
    assert "이노페스티벌" in reply


def test_next_month_moves_with_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("BOT_TODAY", "2021-10-05")
    assert main(["ask", "다음 달 일정"]) == 0
    assert capsys.readouterr().out.startswith("2021년 11월 향후계획")


def test_a_bad_bot_today_is_not_a_failure_of_a_question(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("BOT_TODAY", "not a day")
    assert main(["ask", "갈등관리협치과 집행률"]) == 0
    assert "92.6%" in capsys.readouterr().out
