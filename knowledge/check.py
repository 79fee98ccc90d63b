"""Checking a pasted text against the report (/check): claims found, verified, one line each.

`check_text` is the entry point; the stages are `knowledge.claims.extract` (claims),
`knowledge.claims.verify` (verdicts by SQL) and the writer `knowledge.answers.checks`.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING

from knowledge.answer import Answer
from knowledge.answers import checks
from knowledge.claims.extract import DOTTED_SPAN, RANK, Claim, Extractor
from knowledge.claims.verify import AGREES, DIFFERS, Verdict, Verifier
from knowledge.claims.words import load_claim_words
from knowledge.planning.compile import Plan
from knowledge.reading.normalize import DISTRICTS, compact, district

if TYPE_CHECKING:
    from knowledge.stages import Stages

logger = logging.getLogger(__name__)

# As much as one Telegram message holds.
MAX_TEXT = 4096
# "마포구에 있으며", "용산구 소재": a 구 a project is said to be in.
PLACED_IN = re.compile(r"([가-힣]{1,3}구)\s*(?:에\s*(?:있|위치|소재)|소재|에서\s*운영)")
PLACE = "place"  # a claim of where a project is
# A draft states at least this many figures.
MIN_FIGURES = 2
DIGITS = re.compile(r"\d[\d,.]*")
# The year a figure is said of ("’21년", "2021년"), before 년.
YEAR_SAID = re.compile(r"\d{2}|20\d{2}")
# A year that names what follows it ("2021 시민참여예산"): four digits, a space, a word.
YEAR_NAMING = re.compile(r"20\d{2}\s[가-힣A-Za-z]")
# A text quoted whole: 「…」, 『…』, “…”, "…".
QUOTED = re.compile(r"[「『“\"]([^」』”\"]{12,})[」』”\"]")


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


def check_draft(engine: Stages, text: str, force: bool = False) -> Answer | None:
    """A draft pasted into the chat and asked about ("…했다. 맞아?"): its claims checked, the
    verdict first (예 when every claim agrees, 아니요 when one differs); None when the text is
    no draft or holds nothing the report can check, so that it is read as a question."""
    quoted = quoted_draft(text)
    if quoted is not None:
        # "아래 초안 문구를 대조해 주시기 바랍니다. 「…정정하였음」": the quoted text is the draft,
        # however it ends, and the request around it asks for the verdict.
        text, force = quoted, True
    elif not is_draft(text):
        return None
    try:
        verdicts, plan = _verdicts(engine, text[:MAX_TEXT])
    except Exception:
        logger.exception("check failed on a draft in the chat")
        return None
    if not verdicts:
        return None
    verdicts = verdicts + _places(engine, text, verdicts)
    unread = _unclaimed(text, verdicts)
    if (
        not force
        and not any(v.mark == DIFFERS for v in verdicts)
        and (any(v.mark != AGREES for v in verdicts) or unread)
    ):
        # Nothing found wrong, but not all of it checked (a date, a figure it could not place):
        # never a 예 — the question is read as one instead.
        return None
    words = load_claim_words()
    # (an order a claim checked, "5개 과 중 가장 낮습니다", is no order left unchecked)
    for ranked in (v.claim.written for v in verdicts if v.claim.kind == RANK):
        text = text.replace(ranked, " ")
    said = [w for w in words.unchecked if w in compact(text)]
    unchecked = tuple(w for w in said if not any(w != o and w in o for o in said))
    return checks.write(verdicts, plan, engine.report, 0, verdict=True, unchecked=unchecked,
                        unread=unread)  # fmt: skip


def _places(engine: Stages, text: str, verdicts: list) -> list[Verdict]:
    """ "NPO입주·협업공간은 마포구에 있으며 …": a Seoul 구 the text places a project in, when the
    project's own text names one other 구 and not that one — a claim that differs (the figures
    beside it may all agree; the place was never a 예)."""
    projects = sorted({p for v in verdicts for p in v.claim.projects})
    if len(projects) != 1:
        return []
    (project,) = projects
    reader = engine.reader
    held = [d for d in DISTRICTS if reader.holds(d, project, ())]
    found = []
    for match in PLACED_IN.finditer(text):
        said = district(match.group(1))
        if said is None or said in held or len(held) != 1:
            continue
        claim = Claim(PLACE, match.start(), match.group(1), projects=(project,))
        title = engine.catalog.project(project).name
        found.append(Verdict(DIFFERS, claim, f"{title} {match.group(1)}", f"{held[0]}구"))
    return found


def _unclaimed(text: str, verdicts: list) -> tuple[str, ...]:
    """The numbers of the text in no claim checked (a date, a day, a count)."""
    written = " ".join(v.claim.written for v in verdicts)
    claimed = {n.strip(".,") for n in DIGITS.findall(written)}
    # (the year a figure is said of, "’21년 예산현액", is no figure of its own)
    numbers = (m.group().strip(".,") for m in DIGITS.finditer(text)
               if not (YEAR_SAID.fullmatch(m.group()) and text.startswith("년", m.end()))
               and not YEAR_NAMING.fullmatch(text[m.start() : m.end() + 2]))  # fmt: skip
    return tuple(dict.fromkeys(n for n in numbers if n not in claimed))


def quoted_draft(text: str) -> str | None:
    """The draft a request quotes ("초안 문구 검증 요청드립니다. 「…114회 실시함」"): a quoted
    text with figures in it, and words around it that ask for it to be checked."""
    words = load_claim_words()
    for match in QUOTED.finditer(text):
        inside = match.group(1)
        around = compact(text[: match.start()] + " " + text[match.end() :])
        # (figures with their units, or dates and counts of days: "60일 연장('21.8.22.→11.20.)")
        if (
            len(words.figure_with_unit.findall(inside)) < MIN_FIGURES
            and len(DIGITS.findall(inside)) <= MIN_FIGURES
        ):
            continue
        if any(w in around for w in (*words.check_words, *words.check_requests)):
            return inside
    return None


def is_draft(text: str) -> bool:
    """Written statements, not a question: a sentence that ends as a statement does (…했다.,
    …입니다.), never a request's closing (…바랍니다.), and figures in it."""
    words = load_claim_words()
    if len(DIGITS.findall(text)) < MIN_FIGURES:
        return False
    # "…1,847,287천원이고 두번째가 …(829,200천원) 맞음?", "…205,265천원. 틀린 데 있어?": figures
    # with their units, and a word asking whether they are right.
    units = len(words.figure_with_unit.findall(text))
    typed = compact(text)
    if units >= MIN_FIGURES and any(w in typed for w in words.check_words):
        return True
    if DOTTED_SPAN.search(text) and any(w in typed for w in words.check_words):
        return True  # "전자투표 8.9~8.28 맞죠?": a span of days written with dots, checked
    for match in words.statement_end.finditer(text):
        word = text[: match.end()].split()[-1]
        if not word.endswith(words.not_statements):
            return True
    return False


def _verdicts(engine: Stages, text: str) -> tuple[list, Plan | None]:
    """The claims of `text`, each judged against the report, and the statement behind them."""
    words = load_claim_words()
    report = engine.report
    extractor = Extractor(engine.lexicon, engine.catalog, report.measures,
                          engine.reader.subjects, words)  # fmt: skip
    verifier = Verifier(engine.executor.rows, engine.catalog, report.measures,
                        engine.reader.subjects, words, report.inconsistencies,
                        engine.lexicon.particles)  # fmt: skip
    return verifier.verify(extractor.claims(text))


def _check(engine: Stages, text: str) -> Answer:
    verdicts, plan = _verdicts(engine, text[:MAX_TEXT])
    verdicts = verdicts + _places(engine, text[:MAX_TEXT], verdicts)
    return checks.write(verdicts, plan, engine.report, MAX_TEXT if len(text) > MAX_TEXT else 0)
