"""How much of what was asked a sentence of the report's prose says: the measure the answers
use to pick the bullet, the plan or the 주요업무 that holds the asked words."""

from __future__ import annotations

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
