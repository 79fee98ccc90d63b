"""Where the report disagrees with itself: every finding of the ingest checks, on request."""

from __future__ import annotations

from knowledge.answer import Answer
from knowledge.answers.base import Report, Row, finish
from knowledge.planning.compile import Plan
from knowledge.reading.question import Question


def write(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    names = {s.name for s in question.subjects}
    picked = [r for r in rows if not names or r["subject"] in names]
    if not picked:
        lines = [f"{', '.join(names)}에 대해 보고서 안에서 서로 맞지 않는 수치는 찾지 못했습니다."]
        return finish([*lines, report.closing()], "audit", plan)
    lines = [f"보고서 안에서 서로 맞지 않는 곳 {len(picked)}건:"]
    for row in picked:
        lines.append(f"• {row['subject']}: {row['note']}")
        lines.append(
            f"  {row['stated']} ({row['stated_source']}) / {row['other']} ({row['other_source']})"
        )
    lines.append(report.closing())
    return finish(lines, "audit", plan)
