"""The bureau: when it was formed, its 과, and the bodies it came from."""

from __future__ import annotations

from knowledge.answer import Answer, Choice
from knowledge.answers.base import Report, Row, finish
from knowledge.planning.compile import Plan
from knowledge.reading.question import Question


def _day(day) -> str:
    return f"{day.year}년 {day.month}월 {day.day}일"


def write_vision(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    """Ⅱ 정책비전 및 추진전략: the vision first, then the directions and the strategies with the
    projects under each; the part asked for ("추진전략", "추진방향") leads."""
    of = {kind: sorted((r for r in rows if r["kind"] == kind), key=lambda r: r["position"])
          for kind in ("비전", "추진방향", "추진전략", "추진사업")}  # fmt: skip
    if not rows:
        return finish([f"보고서({report.as_of.isoformat()})에서 정책비전을 읽지 못했습니다."],
                      "unanswered", plan)  # fmt: skip
    vision = [f"{report.catalog.bureau} 정책비전: {r['text']}" for r in of["비전"]]
    directions = (
        ["추진방향:"] + [f"• {r['text']}" for r in of["추진방향"]] if of["추진방향"] else []
    )
    strategies = []
    if of["추진전략"]:
        strategies.append(f"추진전략 {len(of['추진전략'])}개:")
        for strategy in of["추진전략"]:
            under = [r["text"] for r in of["추진사업"] if r["strategy"] == strategy["text"]]
            strategies.append(f"• {strategy['text']}" + (f" — {', '.join(under)}" if under else ""))
    parts = {"direction": [directions, vision, strategies],
             "strategy": [strategies, vision, directions]}.get(question.note,
                                                             [vision, directions, strategies])  # fmt: skip
    lines = [line for part in parts for line in part]
    if any(s.kind == "division" for s in question.subjects):
        lines.append(
            "※ 보고서의 정책비전·추진전략은 국 단위입니다(과별로 따로 적혀 있지 않습니다)."
        )
    lines.append(report.closing(*(r["source"] for r in (of["비전"] or rows)[:1])))
    return finish(lines, "vision", plan, rows[:1])


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
