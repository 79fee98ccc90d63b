"""The report's own errors on request (/검증): the findings of the ingest checks, optionally
narrowed to one 과, project or budget line."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from knowledge.answer import Answer
from knowledge.answers import audit
from knowledge.reading import question as q
from knowledge.reading.match import leaders
from knowledge.reading.normalize import clean, compact
from knowledge.reading.question import Question

if TYPE_CHECKING:
    from knowledge.stages import Stages

logger = logging.getLogger(__name__)

# A name typed after /검증 must fit one of the report's names this well.
NAMED = 85.0


def audit_report(engine: Stages, subject: str | None = None) -> Answer:
    """Every disagreement of the report with itself, most material first, grouped by kind;
    `subject` ("사회협력과", "혁신파크") narrows it. Never raises."""
    try:
        return _audit(engine, clean(subject or ""))
    except Exception:
        logger.exception("audit failed")
        return Answer("죄송합니다. 보고서 검증 결과를 만드는 중 문제가 생겼습니다.", "unanswered")


def _audit(engine: Stages, subject: str) -> Answer:
    subjects = ()
    if subject:
        found = [c for c in leaders(engine.catalog.index.candidates(compact(subject)))
                 if c.score >= NAMED]  # fmt: skip
        if not found:
            return Answer(
                f"‘{subject}’을(를) 시민협력국 업무보고에서 찾지 못했습니다. "
                "과, 주요사업 또는 세부사업 이름으로 다시 보내 주세요(예: /검증 사회협력과).",
                "unanswered",
            )
        subjects = tuple(dict.fromkeys(engine.reader.subjects.of(c.entity) for c in found))
    question = Question(q.AUDIT, subjects=subjects)
    plan = engine.planner.plan(question)
    rows = engine.executor.rows(plan)
    return audit.write(question, rows, plan, engine.report)
