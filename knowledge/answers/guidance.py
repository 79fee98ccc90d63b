"""Replies that hold no figure: help, what the report does not hold, words not found, asking back."""

from __future__ import annotations

from knowledge.answer import UNANSWERED, Answer, Choice
from knowledge.answers.base import Report
from knowledge.reading.normalize import compact
from knowledge.reading.question import Question, Subject

HOLDS = {
    "division": "예산·집행률, 인원(정원·현원·직종별), 주요업무, 세부사업, 향후계획",
    "line": "예산현액·원인행위액·지출액·집행률, 소관 과",
    "project": "사업개요, 추진현황, 예산집행 현황(연말 집행예상 포함), 향후계획",
    "project_row": "예산현액·원인행위액·지출액·집행률, 연말 집행예상",
    "bureau": "예산·집행률, 인원, 세입, 조직",
    "revenue": "’20·’21년 예산, 증감, 징수액·징수율",
}
LEADS = {
    "too_long": "질문이 너무 깁니다. 한두 문장으로 짧게 물어봐 주세요.",
    "empty": "질문을 입력해 주세요.",
    "no_letters": "글자로 된 질문을 입력해 주세요.",
}


def help_answer(report: Report, lead: str | None = None, intent: str = "help") -> Answer:
    lines = [
        lead or f"시민협력국 업무보고({report.as_of.isoformat()} 기준) 도우미입니다.",
        "예산·집행률, 인력, 세입, 주요사업 현황과 일정, 담당 부서를 물어보세요.",
        "예시:",
        *(f"• {q}" for q in report.examples),
        "표를 직접 조회하려면: /schema, /sql SELECT …",
    ]
    choices = tuple(Choice(q, q) for q in report.examples[:4])
    return Answer(text="\n".join(lines), intent=intent, followups=choices)


def write_help(question: Question, report: Report) -> Answer:
    return help_answer(report, LEADS.get(question.note))


def write_not_held(question: Question, report: Report) -> Answer:
    """The report does not hold it: say so plainly, then what it does hold, clearly labelled."""
    asked = ", ".join(f"‘{w}’" for w in question.not_held)
    lines = [
        f"{asked}에 대한 내용은 시민협력국 업무보고(기준일 {report.as_of.isoformat()})에 없습니다.",
    ]
    if any(w.endswith("년") for w in question.not_held):
        lines[0] = (
            f"보고서(기준일 {report.as_of.isoformat()})에는 {asked} 수치가 없습니다. "
            f"{report.as_of.year}년 예산·집행 현황(세입은 ’20년 예산도)만 담겨 있습니다."
        )
    if not question.subjects:
        return help_answer(report, lines[0], UNANSWERED)
    lines += _what_it_holds(question.subjects)
    followups = _subject_followups(question.subjects)
    return Answer(text="\n".join(lines), intent=UNANSWERED, followups=followups)


def _what_it_holds(subjects: tuple[Subject, ...]) -> list[str]:
    lines = []
    for subject in subjects[:2]:
        held = HOLDS.get(subject.kind)
        if held:
            lines.append(f"참고로 보고서에 있는 ‘{subject.name}’ 정보: {held}")
    return lines


def _subject_followups(subjects: tuple[Subject, ...]) -> tuple[Choice, ...]:
    if not subjects:
        return ()
    subject = subjects[0]
    topics = {"division": ("예산", "인원", "주요업무"), "line": ("예산", "집행률"),
              "project": ("추진현황", "향후계획")}.get(subject.kind, ())  # fmt: skip
    return tuple(Choice(t, f"{subject.name} {t}") for t in topics)


def write_not_found(question: Question, report: Report) -> Answer:
    """Words that name nothing in the report: say which, and offer names that look alike."""
    words = [w for w in question.words if w][:3]
    if not words:
        return help_answer(
            report, "질문을 정확히 이해하지 못했습니다. 이렇게 물어보세요.", UNANSWERED
        )
    shown = ", ".join(f"‘{w}’" for w in words)
    where = f"시민협력국 업무보고({report.as_of.isoformat()})"
    # Only words the report holds nowhere are said not to be in it; a word of its text but of
    # no name has no figures of its own ("코로나 관련 사업 예산"); a word of its names is only
    # too loose to pick one ("시민 예산").
    nowhere = [w for w in words if not _in_names(w, report) and not _in_text(w, report)]
    in_text_only = [w for w in words if w not in nowhere and not _in_names(w, report)]
    if nowhere:
        absent = ", ".join(f"‘{w}’" for w in nowhere)
        lead = f"{absent}에 대한 내용은 {where}에서 찾을 수 없습니다."
    elif in_text_only and question.measures:
        said = ", ".join(f"‘{w}’" for w in in_text_only)
        lead = f"{said}에 대한 세부사업·수치는 {where}에서 찾을 수 없습니다."
    else:
        lead = f"{shown}만으로는 보고서의 어느 항목을 물으신 건지 정할 수 없습니다."
    if question.subjects:
        lines = [lead, *_what_it_holds(question.subjects)]
        return Answer(text="\n".join(lines), intent=UNANSWERED,
                      followups=_subject_followups(question.subjects))  # fmt: skip
    near = report.catalog.index.resembling(words)
    if not near:
        return help_answer(report, lead, intent=UNANSWERED)
    rest = " ".join(question.measures and [report.measures[m].label for m in question.measures][:1])
    choices = tuple(Choice(e.name, f"{e.name} {rest}".strip()) for e in near)
    return Answer(text=f"{lead}\n혹시 아래 항목을 찾으셨나요?", intent=UNANSWERED, choices=choices)


def _in_text(word: str, report: Report) -> bool:
    """Whether the report's text holds the word as typed (compact)."""
    plain = compact(word)
    return any(plain in p.compact for p in report.catalog.passages)


def _in_names(word: str, report: Report) -> bool:
    """Whether a name in the report holds the word as typed (compact)."""
    plain = compact(word)
    return any(plain in compact(e.name) for e in report.catalog.entities)


def write_clarify(question: Question, report: Report) -> Answer:
    if not question.choices:
        # Nothing to choose from: asking back would show no buttons.
        return help_answer(report, "질문을 정확히 이해하지 못했습니다. 이렇게 물어보세요.",
                           intent=UNANSWERED)  # fmt: skip
    names = ", ".join(s.name for s in question.choices)
    choices = tuple(Choice(s.name, f"{s.name} {question.rest}".strip()) for s in question.choices)
    text = f"어느 것을 찾으시나요? 여러 항목이 해당됩니다: {names}\n아래에서 골라 주세요."
    if len(question.choices) == 1:
        # Only one thing fits, and not surely enough to answer without asking.
        text = f"‘{names}’을(를) 찾으시나요?\n맞으면 아래 버튼을 눌러 주세요."
    return Answer(text=text, intent="clarify", choices=choices)


def write_refusal(reason: str, question: Question, report: Report) -> Answer:
    lines = [reason, *_what_it_holds(question.subjects)]
    return Answer(text="\n".join(lines), intent=UNANSWERED,
                  followups=_subject_followups(question.subjects))  # fmt: skip
