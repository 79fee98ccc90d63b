"""The bureau: when it was formed, its 과, and the bodies it came from."""

from __future__ import annotations

from knowledge.answer import Answer, Choice
from knowledge.answers.base import Report, Row, finish
from knowledge.planning.compile import Plan
from knowledge.reading.question import Question


def _day(day) -> str:
    return f"{day.year}년 {day.month}월 {day.day}일"


def write(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    current = next(r for r in rows if r["role"] == "current")
    before = [r for r in rows if r["role"] != "current"]
    divisions = [e.name for e in report.catalog.entities if e.kind == "division"]
    lines = [
        f"{current['unit']}: {current['structure']} ({_day(current['reorganized_on'])} 조직 신설)",
        f"과 {len(divisions)}개: {', '.join(divisions)}",
    ]
    if question.note == "history":
        # (the bodies it came from only when asked: their 팀 counts would read as rival figures)
        lines.append("재편 전: " + ", ".join(f"{r['unit']}({r['structure']})" for r in before))
    else:
        lines.append(
            "※ 재편 전 조직(서울민주주의위원회·서울혁신기획관)은 ‘이전 조직’으로 물어보세요."
        )
    lines.append(report.closing(current["source"]))
    return finish(lines, "organization", plan, [current],
                  followups=tuple(Choice(d, f"{d} 예산") for d in divisions))  # fmt: skip
