"""The hand-curated vocabulary in `data/`: what words around the report's names ask for."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from knowledge.normalize import compact


@dataclass(frozen=True)
class Alias:
    """A short or colloquial name people use for one of the report's entities."""

    alias: str
    kind: str
    name: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Keyword → the groups it belongs to (a word can be a metric and an intent at once)."""

    groups: dict[str, frozenset[str]]
    particles: tuple[str, ...]
    aliases: tuple[Alias, ...]
    longest: int
    counters: dict[str, str]
    examples: tuple[str, ...]
    personnel_columns: dict[str, str]
    leading: frozenset[str]
    money: tuple[str, ...]

    @classmethod
    def load(cls, data_dir: Path) -> Lexicon:
        with (data_dir / "lexicon.toml").open("rb") as f:
            raw = tomllib.load(f)
        groups: dict[str, set[str]] = {}
        for section in ("metrics", "intents"):
            for group, words in raw[section].items():
                for word in words:
                    groups.setdefault(compact(word), set()).add(group)
        for word in raw["fillers"]["words"]:
            groups.setdefault(compact(word), set()).add("filler")
        counters = {compact(noun): counter for noun, counter in raw["counters"].items()}
        for noun in counters:
            groups.setdefault(noun, set()).add("count")
        particles = tuple(sorted(raw["particles"]["suffixes"], key=len, reverse=True))
        with (data_dir / "aliases.toml").open("rb") as f:
            aliases = tuple(
                Alias(compact(a["alias"]), a["kind"], a["name"]) for a in tomllib.load(f)["alias"]
            )
        frozen = {word: frozenset(g) for word, g in groups.items() if word}
        return cls(
            frozen,
            particles,
            aliases,
            max(map(len, frozen)),
            counters,
            tuple(raw["help"]["examples"]),
            dict(raw["personnel_columns"]),
            frozenset(raw["words"]["leading"]),
            tuple(compact(w) for w in raw["words"]["money"]),
        )

    def cover(self, piece: str) -> list[str] | None:
        """Split `piece` wholly into known words (longest first), or None when something is left."""
        return _cover(self, piece)

    def groups_of(self, words: list[str]) -> set[str]:
        found: set[str] = set()
        for word in words:
            found |= self.groups.get(word, frozenset())
        return found

    def strip_particle(self, word: str) -> str:
        for particle in self.particles:
            if word.endswith(particle) and len(word) - len(particle) >= 2:
                return word[: -len(particle)]
        return word


@lru_cache(maxsize=8192)
def _cover(lexicon: Lexicon, piece: str) -> list[str] | None:
    # Dynamic programming from the end: best[i] is a split of piece[i:] into the fewest words.
    n = len(piece)
    best: list[list[str] | None] = [None] * (n + 1)
    best[n] = []
    for start in range(n - 1, -1, -1):
        for end in range(min(n, start + lexicon.longest), start, -1):
            rest = best[end]
            word = piece[start:end]
            if rest is not None and word in lexicon.groups:
                candidate = [word, *rest]
                if best[start] is None or len(candidate) < len(best[start]):
                    best[start] = candidate
    return best[0]
