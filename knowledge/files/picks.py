"""Pick a division out of a short command argument (/chart, /export), typos and spacing allowed."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rapidfuzz import fuzz, process


def compact(text: str) -> str:
    """Letters and digits only, NFKC-folded and lower-cased: spacing and punctuation vanish."""
    normalized = unicodedata.normalize("NFKC", text)
    return "".join(char for char in normalized if char.isalnum()).lower()


def find_division(text: str, divisions: Sequence[str]) -> str | None:
    """The division `text` names: whole name anywhere, a unique part, or a close spelling."""
    key = compact(text)
    if not key:
        return None
    for division in divisions:
        if compact(division) in key:
            return division
    partial = [division for division in divisions if len(key) >= 2 and key in compact(division)]
    if len(partial) == 1:
        return partial[0]
    match = process.extractOne(
        key, divisions, scorer=fuzz.ratio, processor=compact, score_cutoff=75
    )
    return match[0] if match else None
