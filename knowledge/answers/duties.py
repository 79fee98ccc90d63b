"""Who handles what: the 과 whose 주요업무 holds the asked words, or a 과's 주요업무."""

from __future__ import annotations

from knowledge.answer import Answer, Choice
from knowledge.answers.base import Report, Row, finish, followups
from knowledge.planning.compile import Plan
from knowledge.reading.prose import text_score
from knowledge.reading.question import Question

# The 주요업무 decide when they hold most of what was asked.
CLEAR_SHARE = 0.6
CLOSE_SCORE = 0.9


def write_duties(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    division = question.subjects[0].name
    lines = [f"{division} 주요업무 {len(rows)}개:"] + [f"• {r['duty']}" for r in rows]
    lines.append(report.closing(rows[0]["source"] if rows else None))
    return finish(lines, "duties", plan, rows, entity=division,
                  followups=followups(division, ("예산", "인원")))  # fmt: skip


def write_duty(question: Question, rows: list[Row], plan: Plan, report: Report) -> Answer:
    words = list(question.words)
    subjects = [s for s in question.subjects if s.division]
    owners = list(dict.fromkeys(s.division for s in subjects))
    scored = sorted(
        ((text_score(words, r["duty"]), r) for r in rows if text_score(words, r["duty"]) > 0),
        key=lambda s: -s[0],
    )
    asked_length = sum(len(w) for w in words if len(w) >= 2)
    asked = " ".join(words) or " ".join(s.name for s in subjects)
    clear = bool(scored) and scored[0][0] >= CLEAR_SHARE * asked_length
    if scored and (clear or not owners or scored[0][1]["division"] in owners):
        best = scored[0][0]
        top = [row for score, row in scored if score >= best * CLOSE_SCORE]
        divisions = list(dict.fromkeys(row["division"] for row in top))
        if len(divisions) == 1:
            division = divisions[0]
            lines = [f"‘{asked}’ 담당 부서는 {division}입니다."]
            claimed = question.note.removeprefix("claim:") if question.note else ""
            if question.note.startswith("claim:"):
                # "엠보팅 시민참여과 담당 맞지?": the 과 named, checked.
                lines[0] = ("예. " if claimed == division else "아니요. ") + lines[0]
            lines += [f"근거(주요업무): {row['duty']}" for row in top[:2]]
            lines.append(report.closing(top[0]["source"]))
            return finish(lines, "duty", plan, top[:1], entity=division,
                          followups=followups(division, ("주요업무", "예산")))  # fmt: skip
        choices = tuple(Choice(d, f"{d} 주요업무") for d in divisions)
        text = f"‘{asked}’와(과) 관련된 업무가 여러 과에 있습니다: {', '.join(divisions)}\n아래에서 골라 주세요."
        return Answer(text=text, intent="duty", choices=choices)
    if len(owners) == 1:
        division = owners[0]
        names = ", ".join(s.name for s in subjects[:3])
        head = f"‘{names}’ 담당 부서는 {division}입니다."
        if words and all(s.kind == "project" for s in subjects):
            # Found in a project's text, not in the 주요업무: the project says whose it is.
            head = f"{division}입니다. ‘{asked}’은(는) {names} 사업에 있습니다."
        lines = [head, report.closing("Ⅲ 주요 추진 현안업무 소관 부서")]
        return finish(lines, "duty", plan, (), entity=division)
    if len(owners) > 1:
        choices = tuple(Choice(s.name, f"{s.name} 담당 부서") for s in subjects[:8])
        text = "어느 것을 찾으시나요? 여러 항목이 해당됩니다.\n아래에서 골라 주세요."
        return Answer(text=text, intent="duty", choices=choices)
    what = f"‘{asked}’을(를) 맡은 부서" if asked.strip() else "물으신 일을 맡은 곳"
    return Answer(
        text=f"{what}는 시민협력국 업무보고({report.as_of.isoformat()})의 주요업무에서 찾을 수 없습니다.",
        intent="unanswered",
    )
