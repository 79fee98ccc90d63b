"""The vocabulary of `data/claims.toml`: what ties a figure in a pasted text to what it is about."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from knowledge.reading.normalize import compact

CLAIMS_PATH = Path(__file__).resolve().parents[2] / "data" / "claims.toml"


@dataclass(frozen=True)
class ClaimWords:
    counters: tuple[str, ...]  # longest first, so 개소 wins over 개
    not_before: tuple[str, ...]
    nouns: tuple[str, ...]
    approximate: frozenset[str]
    outlook: tuple[str, ...]
    totals: frozenset[str]
    bureau: frozenset[str]
    duty: tuple[str, ...]
    months: tuple[str, ...]
    separators: tuple[str, ...]
    connectives: tuple[str, ...]
    among: frozenset[str]
    right_after: frozenset[str]
    respectively: frozenset[str]
    stages: tuple[str, ...]  # a count's stage in a bullet that writes several ("신청 ⇒ 선정")
    than: tuple[str, ...]
    direction: tuple[str, ...]
    division_words: frozenset[str]
    line_words: frozenset[str]
    endings: tuple[str, ...]  # longest first
    statement_end: re.Pattern  # where a written statement ends ("…구성했다.", "…85.9%다.")
    not_statements: tuple[str, ...]  # requests ending so ("바랍니다", "부탁드립니다")
    check_words: tuple[str, ...]  # asking whether figures are right ("맞음", "틀린데")
    check_requests: tuple[str, ...]  # asking for a quoted text to be checked ("대조", "검증")
    unchecked: tuple[str, ...]  # orders and comparisons a draft states that are not checked
    figure_with_unit: re.Pattern  # "1,847,287천원", "92.8%", "53명"

    def stem(self, word: str) -> str:
        """`규모다` → 규모, `선정됐다` → 선정: one ending taken off a compact word of three letters
        or more (a two-letter word is a stem already: 사업, 운영)."""
        if len(word) < 3:
            return word
        for ending in self.endings:
            if word.endswith(ending) and len(word) - len(ending) >= 2:
                return word[: -len(ending)]
        return word

    def joins_clauses(self, token: str) -> bool:
        """`접수해`, `중이고`, `61개소이며`: a word whose ending joins two clauses."""
        return len(token) >= 3 and token.endswith(self.connectives)


@cache
def load_claim_words(path: Path = CLAIMS_PATH) -> ClaimWords:
    with path.open("rb") as f:
        raw = tomllib.load(f)

    def words(section: str, key: str = "words") -> tuple[str, ...]:
        return tuple(compact(w) or w for w in raw[section][key])

    def longest_first(items: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted(items, key=len, reverse=True))

    return ClaimWords(
        counters=longest_first(words("counters")),
        not_before=words("counters", "not_before"),
        nouns=longest_first(words("counters", "nouns")),
        approximate=frozenset(words("approximate")),
        outlook=words("outlook"),
        totals=frozenset(words("totals")),
        bureau=frozenset(words("bureau")),
        duty=words("duty"),
        months=words("months"),
        separators=tuple(raw["clauses"]["separators"]),
        connectives=longest_first(words("clauses", "connectives")),
        among=frozenset(words("clauses", "among")),
        right_after=frozenset(words("clauses", "right_after")),
        respectively=frozenset(words("respectively")),
        stages=words("stages"),
        than=words("difference", "than"),
        direction=words("difference", "direction"),
        division_words=frozenset(words("structure", "divisions")),
        line_words=frozenset(words("structure", "lines")),
        endings=longest_first(words("endings")),
        statement_end=re.compile(
            rf"[가-힣\d%](?:{'|'.join(map(re.escape, raw['draft']['statement_ends']))})"
            r"(?=\s*(?:[.。!\n]|$))"
            rf"|[가-힣\d%)](?:{'|'.join(map(re.escape, raw['draft']['memo_ends']))})(?=\.)"
        ),
        not_statements=tuple(raw["draft"]["not_statements"]),
        check_words=tuple(compact(w) for w in raw["draft"]["check_words"]),
        check_requests=tuple(compact(w) for w in raw["draft"]["check_requests"]),
        unchecked=tuple(compact(w) for w in raw["draft"]["unchecked"]),
        figure_with_unit=re.compile(
            rf"\d[\d,.]*\s*(?:{'|'.join(map(re.escape, raw['draft']['units']))})"
        ),
    )
