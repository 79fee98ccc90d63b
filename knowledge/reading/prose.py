"""How much of what was asked a sentence of the report's prose says: the measure the answers
use to pick the bullet, the plan or the 주요업무 that holds the asked words."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from knowledge.reading.hangul import disassemble, is_syllable
from knowledge.reading.normalize import compact

# One Hanja the report writes for a word people type (現 for 지금): as telling as a word.
HANJA_WEIGHT = 3


@lru_cache(maxsize=4096)
def _forms(text: str) -> tuple[str, str]:
    """A report text in the forms words are compared in: compact, and as letters."""
    target = compact(text)
    return target, disassemble(target)


def text_score(words: list[str], text: str) -> float:
    """How much of the asked words a text contains: exact pieces count fully, near ones partly."""
    target, letters = _forms(text)
    score = 0.0
    for word in words:
        if len(word) < 2 and (not word or is_syllable(word)):
            continue  # one Hangul letter says nothing; one Hanja (現) does
        if word in target:
            score += len(word) if len(word) > 1 else HANJA_WEIGHT
        elif len(word) >= 3 and word[:-1] in target:
            # "신청자" → 신청, "참여자" → 참여: a noun with a suffix the text leaves off.
            score += len(word) - 1
        elif len(word) >= 4 and any(
            word[:cut] in target and word[cut:] in target for cut in range(2, len(word) - 1)
        ):
            # "전용면적": a compound the text writes apart ("(면 적) 전용 1,815.6㎡").
            score += len(word) * 0.9
        elif len(word) >= 3 and fuzz.partial_ratio(disassemble(word), letters) >= 88:
            score += len(word) * 0.7
    return score


# A year a bracket marks a thing with: "구로거점(’23)", "(’22년) 정식 운영", "광진(연내)".
YEAR_MARK = re.compile(
    r"\(\s*(?:[’']\s*(?P<y>\d{2})|(?P<Y>20\d{2}))\s*년?\s*\)|\((?P<now>연내|올해|금년)\)"
)
# What a year mark is said of runs to the next comma or arrow.
MARK_SPAN = re.compile(r"[^,→⇒]+")


def mark_year(mark: re.Match, this_year: int) -> int:
    """The year a mark says ("(연내)" is the text's own year)."""
    if mark.group("now"):
        return this_year
    return int(mark.group("Y") or 2000 + int(mark.group("y")))


def year_marked_at(text: str, at: int, this_year: int) -> int | None:
    """The year marked on what stands at `at`: the mark after it in its stretch of the text
    ("구로거점(’23)"), else the one before it ("(’22년) 정식 운영"); None when none is there."""
    span = next((s for s in MARK_SPAN.finditer(text) if s.start() <= at < s.end()), None)
    if span is None:
        return None
    marks = list(YEAR_MARK.finditer(text, span.start(), span.end()))
    after = [m for m in marks if m.start() >= at]
    before = [m for m in marks if m.start() < at]
    mark = after[0] if after else before[-1] if before else None
    return mark_year(mark, this_year) if mark is not None else None


def marked_spans(text: str, this_year: int) -> list[tuple[int, str]]:
    """Each stretch of a text a year mark is said of, with its year: "도봉·성북·광진(연내)"
    (the mark after the things), "(’22년) 정식 운영" (the mark before them)."""
    found = []
    for span in MARK_SPAN.finditer(text):
        marks = list(YEAR_MARK.finditer(text, span.start(), span.end()))
        if len(marks) == 1:
            found.append((mark_year(marks[0], this_year), span.group().strip()))
    return found
