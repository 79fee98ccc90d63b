"""The reply to /check: one line per claim of the pasted text, in its order, each led by its mark."""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.answer import Answer
from knowledge.answers.base import Report, finish
from knowledge.claims.extract import DAY, FIGURE, MONTH, RANK
from knowledge.claims.verify import AGREES, DIFFERS, MARKS, UNKNOWN, Verdict
from knowledge.planning.compile import Plan

INTENT = "check"
# A line stays readable on a phone; the claim's own words are cut first.
QUOTED = 40
NOTHING = (
    "붙여 주신 글에서 보고서와 대조할 수 있는 수치나 사실을 찾지 못했습니다.",
    "금액·비율·인원·개수, 향후계획의 달, 담당 부서가 들어간 문장을 붙여 주세요.",
)
# How many differing claims the first line names.
DIFFERING_SHOWN = 2
# As long as a first line gets before the claims it names are cut down to one.
FIRST_LINE = 120
# How many numbers it could not check the first line names.
UNREAD_SHOWN = 4
PRECISION = "수치는 글에 적힌 자릿수까지 반올림해 대조했습니다(약·수준은 범위를 넓히지 않습니다)."


def write(
    verdicts: Sequence[Verdict],
    plan: Plan | None,
    report: Report,
    cut: bool,
    *,
    verdict: bool = False,
    unchecked: tuple[str, ...] = (),
    unread: tuple[str, ...] = (),
) -> Answer:
    """The claims' lines, a count of each mark before them and the report's date after them;
    with `verdict` (a draft asked about in the chat), 예/아니요 first."""
    notes = [f"글이 길어 앞 {cut:,}자만 대조했습니다."] if cut else []
    if not verdicts:
        return finish([*NOTHING, *notes, report.closing()], INTENT, None)
    counts = {mark: sum(v.mark == mark for v in verdicts) for mark in MARKS}
    header = (
        f"보고서와 대조한 주장 {len(verdicts)}건: 일치 {counts[AGREES]} · "
        f"불일치 {counts[DIFFERS]} · 확인 불가 {counts[UNKNOWN]}"
    )
    first = [verdict_line(verdicts, counts, unchecked, unread)] if verdict else []
    lines = [*first, header, *(line(v) for v in verdicts), *notes, PRECISION, report.closing()]
    answer = finish(lines, INTENT, plan)
    sources = tuple(dict.fromkeys(v.source for v in verdicts if v.source))
    return Answer(answer.text, INTENT, sources=sources[:6], sql=answer.sql, params=answer.params)


def verdict_line(
    verdicts: Sequence[Verdict],
    counts: dict[str, int],
    unchecked: tuple[str, ...] = (),
    unread: tuple[str, ...] = (),
) -> str:
    """ "아니요. 1건이 보고서와 다릅니다 — 지출 집행률 92.6% → 보고서 91.6%", "예. 대조한 3건
    모두 보고서와 같습니다.", or what could not be checked said plainly (never a 예)."""
    # a wrong figure is named before a wrong place in an order
    differing = sorted(
        (v for v in verdicts if v.mark == DIFFERS), key=lambda v: v.claim.kind == RANK
    )
    if differing:
        head = f"아니요. {len(differing)}건이 보고서와 다릅니다 — "
        # (a place in an order shows where the report puts it; who is there instead is below)
        said = [f"{_said(v)} → 보고서 {_quiet(v.report.split(';')[0])}"
                for v in differing[:DIFFERING_SHOWN]]  # fmt: skip
        while len(said) > 1 and len(head) + len(" · ".join(said)) > FIRST_LINE:
            said.pop()
        return head + " · ".join(said)
    if counts[UNKNOWN] == 0 and unread:
        # Figures it found agree, but not every number of the text was checked.
        shown = ", ".join(unread[:UNREAD_SHOWN])
        return (
            f"대조한 {len(verdicts)}건은 보고서와 같습니다. 글의 다른 숫자({shown})는 대조하지 "
            "못했습니다."
        )
    if counts[UNKNOWN] == 0 and unchecked:
        # "제일 큰 건 …(1,847,287천원)이고 두번째가 …": the figures are checked, the order
        # they are put in is not — never a plain 예.
        said = ", ".join(f"‘{w}’" for w in unchecked)
        return (
            f"수치 {len(verdicts)}건은 모두 보고서와 같습니다. 다만 {said} 같은 순위·비교는 "
            "대조하지 않았습니다."
        )
    if counts[UNKNOWN] == 0:
        return f"예. 대조한 {len(verdicts)}건 모두 보고서와 같습니다."
    if counts[AGREES] == 0:
        return "보고서로는 확인할 수 없는 내용입니다 — 아래는 대조한 결과입니다."
    return (
        f"확인한 {counts[AGREES]}건은 보고서와 같고, {counts[UNKNOWN]}건은 보고서에서 확인할 수 "
        "없습니다."
    )


def _said(verdict: Verdict) -> str:
    claim = verdict.claim
    said = claim.written if claim.kind in (FIGURE, MONTH, DAY) else ""
    return " ".join(_quiet(part) for part in (verdict.about, said) if part)


def line(verdict: Verdict) -> str:
    """`✗ 사회협력과 지출 집행률 57% — 보고서 55.7% · Ⅰ 줄 184`."""
    claim = verdict.claim
    said = claim.written if claim.kind in (FIGURE, MONTH, DAY) else ""
    head = " ".join(_quiet(part) for part in (verdict.about, said) if part)
    if verdict.mark == UNKNOWN:
        return f"{verdict.mark} {head} — {verdict.note}"
    text = f"{verdict.mark} {head} — 보고서 {verdict.report}"
    if verdict.source:
        text += f" · {verdict.source}"
    if verdict.note:
        text += f" {verdict.note}"
    return text


def _quiet(text: str) -> str:
    """Quoted words never carry a mark of their own, and stay short."""
    for mark in MARKS:
        text = text.replace(mark, "")
    text = " ".join(text.split())
    return text if len(text) <= QUOTED else text[: QUOTED - 1] + "…"
