"""Checking a pasted text against the report (/check): claims found, verified, one line each.

`check_text` is the entry point; the stages are `knowledge.claims.extract` (claims),
`knowledge.claims.verify` (verdicts by SQL) and the writer `knowledge.answers.checks`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from knowledge.answer import Answer
from knowledge.answers import checks
from knowledge.claims.extract import Extractor
from knowledge.claims.verify import Verifier
from knowledge.claims.words import load_claim_words

if TYPE_CHECKING:
    from knowledge.stages import Stages

logger = logging.getLogger(__name__)

# As much as one Telegram message holds.
MAX_TEXT = 4096


def check_text(engine: Stages, text: str) -> Answer:
    """One line per claim of `text` (✓ the report agrees, ✗ it does not, ? it cannot say);
    never raises."""
    try:
        return _check(engine, text if isinstance(text, str) else str(text))
    except Exception:
        logger.exception("check failed on a pasted text")
        return Answer(
            "죄송합니다. 글을 대조하는 중 문제가 생겼습니다. 문장을 나누어 다시 보내 주세요.",
            "unanswered",
        )


def check_help() -> Answer:
    """What `/check` with nothing after it replies: how to send a text to check."""
    return Answer(
        "대조할 글을 /check 뒤에 붙여 보내 주세요. 이미 받은 글이면 그 메시지에 답장으로 "
        f"/check 만 보내도 됩니다. 글은 {MAX_TEXT:,}자까지 대조합니다.\n"
        "예) /check 사회협력과의 예산현액은 약 110억원이며 지출 집행률은 57%이다.",
        "help",
    )


def _check(engine: Stages, text: str) -> Answer:
    words = load_claim_words()
    report = engine.report
    extractor = Extractor(engine.lexicon, engine.catalog, report.measures,
                          engine.reader.subjects, words)  # fmt: skip
    verifier = Verifier(engine.executor.rows, engine.catalog, report.measures,
                        engine.reader.subjects, words, report.inconsistencies,
                        engine.lexicon.particles)  # fmt: skip
    claims = extractor.claims(text[:MAX_TEXT])
    verdicts, plan = verifier.verify(claims)
    return checks.write(verdicts, plan, report, MAX_TEXT if len(text) > MAX_TEXT else 0)
