"""`왜?`, `근거는?`, `출처는?`: where the last answer's figures stand and the SQL behind them."""

from __future__ import annotations

from knowledge.answer import Answer
from knowledge.answers.base import Report
from knowledge.conversation import Evidence
from knowledge.sql.commands import evidence_sql


def why(evidence: Evidence | None, report: Report) -> Answer:
    if evidence is None:
        return Answer(
            text="먼저 질문을 해 주세요. 답한 뒤에 ‘근거는?’이라고 물으면 출처와 SQL을 보여 드립니다.",
            intent="help",
        )
    about = f"‘{evidence.entity}’ " if evidence.entity else ""
    lines = [f"직전 답의 {about}근거입니다."]
    if evidence.sources:
        lines.append("출처: " + " · ".join(evidence.sources))
    if evidence.sql is not None:
        lines.append("근거 SQL (/sql 뒤에 붙여 그대로 실행할 수 있습니다):")
        lines.append(evidence_sql(evidence.sql, evidence.params))
    lines.append(report.closing())
    return Answer(text="\n".join(lines), intent="why", sql=evidence.sql, params=evidence.params,
                  sources=evidence.sources, entity=evidence.entity)  # fmt: skip
