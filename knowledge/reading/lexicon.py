"""The hand-curated vocabulary in `data/`: what the words around the report's names ask for."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from knowledge.reading.hangul import disassemble, final_of, get_choseong
from knowledge.reading.normalize import compact

MEASURE = "measure"
RATE = "rate"
FILLER = "filler"
# A typed word this close to a known word (on letters) is that word mistyped.
TYPO_SCORE = 87.0
TYPO_MIN_LENGTH = 3
SHORT_TYPO_LENGTH = 2
SHORT_TYPO_SCORE = 80.0
# Never the reading of a typo: fillers, and words that make the bot say "not in the report"
# ("과정" is not a mistyped 과장).
UNTYPED = frozenset({FILLER, "not_held"})
# Nor, of two letters, a word that opens the report's list of inconsistencies ("옮기" is a verb,
# not 오기 mistyped), or one that turns a question round ("아낀" is no mistyped 아닌).
SHORT_UNTYPED = UNTYPED | {"inconsistency", "other_than"}
# What makes a verb of a noun (신청하다, 구성되다): left on a stem once its ending is gone.
VERBAL_SUFFIXES = frozenset("하되")
# 했/됐 typed on a phone without the double consonant, before an ending.
TYPED_PAST = frozenset({"햇", "됫"})
PAST_ENDINGS = frozenset({"", "어", "나", "지", "고", "다", "니", "냐", "음", "어요", "나요", "지요",
                          "습니까", "는지", "는데", "을까", "던", "던데"})  # fmt: skip


@dataclass(frozen=True)
class Alias:
    """A short or colloquial name people use for one of the report's entities."""

    alias: str
    kind: str
    name: str


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Keyword → the groups it belongs to (a word can name a measure and an intent at once)."""

    groups: dict[str, frozenset[str]]
    measures: dict[str, tuple[str, ...]]  # word → the measures it names
    rate_of: dict[str, str]  # measure → its rate ("spent" → "spent_rate")
    generic: frozenset[str]  # words that yield to a more specific measure word beside them
    particles: tuple[str, ...]
    stems: tuple[str, ...]
    aliases: tuple[Alias, ...]
    longest: int
    counters: dict[str, str]
    examples: tuple[str, ...]
    leading: frozenset[str]
    money: tuple[str, ...]
    endings: tuple[str, ...] = ()
    prose: dict[str, str] = field(default_factory=dict)  # typed word → how the report writes it
    facets: frozenset[str] = frozenset()  # of those, the facets of a thing (위치, 면적), not things
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the [words] lists
    # The first letters of a typed word → the word a report name holds ("돌려받는" → 반환).
    renamed: dict[str, str] = field(default_factory=dict)
    # Phrases rewritten before a question is read: (pattern, replacement), in order.
    rewrites: tuple[tuple[re.Pattern, str], ...] = ()
    # (kind, report name) → the everyday words people describe it with, compact, one string
    # (data/glosses.toml).
    glosses: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Lexicon:
        with (data_dir / "lexicon.toml").open("rb") as f:
            raw = tomllib.load(f)
        groups: dict[str, set[str]] = {}
        measures: dict[str, tuple[str, ...]] = {}
        for word, named in raw["measures"].items():
            measures[compact(word)] = tuple(named)
            groups.setdefault(compact(word), set()).add(MEASURE)
        for word in raw["rates"]["words"]:
            groups.setdefault(compact(word) or word, set()).add(RATE)
        for group, words in raw["intents"].items():
            for word in words:
                groups.setdefault(compact(word) or word, set()).add(group)
        for word in raw["fillers"]["words"]:
            groups.setdefault(compact(word), set()).add(FILLER)
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
            measures,
            dict(raw["rates"]["of"]),
            frozenset(compact(w) for w in raw["rates"]["generic"]),
            particles,
            tuple(compact(s) for s in raw["fillers"]["stems"]),
            aliases,
            max(map(len, frozen)),
            counters,
            tuple(raw["help"]["examples"]),
            frozenset(raw["words"]["leading"]),
            tuple(compact(w) for w in raw["words"]["money"]),
            tuple(sorted(raw["endings"]["verbal"], key=len, reverse=True)),
            {compact(k): v for k, v in (raw["prose"] | raw["synonyms"]).items()},
            frozenset(raw["prose"].values()),
            {name: tuple(words) for name, words in raw["words"].items()},
            dict(raw["renamed"]),
            tuple((re.compile(r["pattern"]), r["into"]) for r in raw.get("rewrite", ())),
            _glosses(data_dir / "glosses.toml"),
        )

    def cover(self, piece: str) -> list[str] | None:
        """Split `piece` wholly into known words (longest first), or None when something is left."""
        return _cover(self, piece)

    def groups_of(self, words: list[str]) -> set[str]:
        found: set[str] = set()
        for word in words:
            found |= self.groups.get(word, frozenset())
        return found

    def ends_in_particle_noun(self, word: str) -> bool:
        """Whether `word` ends in a noun whose last letter is also a particle (회의, 협의)."""
        if word.endswith("의") and word[:-1].endswith(tuple(self.lists["gatherings"])):
            return False  # "총회의": 총회 + 의
        return word.endswith(tuple(self.lists["particle_nouns"]))

    def strip_particle(self, word: str) -> str:
        return _stripped(self, word)

    def _strip_particle(self, word: str) -> str:
        for particle in _endings_of(word, self._particle_lengths):
            if len(word) - len(particle) >= 2:
                if self.ends_in_particle_noun(word):
                    return word  # "화상회의" is a meeting, not 화상회 + 의
                return word[: -len(particle)]
        return word

    def compact_list(self, name: str) -> tuple[str, ...]:
        """A [words] list in compact form (kept: the lists do not change once loaded)."""
        kept = self._compact_lists.get(name)
        if kept is None:
            kept = self._compact_lists[name] = tuple(compact(w) for w in self.lists[name])
        return kept

    @cached_property
    def _compact_lists(self) -> dict[str, tuple[str, ...]]:
        return {}

    @cached_property
    def _particle_lengths(self) -> tuple[tuple[int, frozenset[str]], ...]:
        return _by_length(self.particles)

    @cached_property
    def _ending_lengths(self) -> tuple[tuple[int, frozenset[str]], ...]:
        return _by_length(self.endings)

    def predicate_stem(self, word: str) -> str | None:
        """`접수됐어` → `접수`, `신청하였습니까` → `신청`; `받았어` → ``: a predicate's stem,
        or None when it is not one."""
        return _stem(self, word)

    def _predicate_stem(self, word: str) -> str | None:
        for ending in _endings_of(word, self._ending_lengths):
            if len(word) > len(ending):
                stem = word[: -len(ending)]
                if len(ending) == 1 and len(stem) < 2:
                    continue  # "역할" is a noun, not 역 + 할
                if len(stem) >= 3 and stem[-1] in VERBAL_SUFFIXES:
                    stem = stem[:-1]  # 신청하 → 신청, 구성되 → 구성
                return stem
        # A past tense of any verb (`뽑혔어`, `끝났나`, `걷혔고`): its syllable with ㅆ, then
        # an ending; the verb's own stem is kept when it is a word of two letters or more.
        for cut in range(len(word) - 1, -1, -1):
            typed = word[cut] in TYPED_PAST and word[cut + 1 :]  # "신청햇어": ㅆ typed as ㅅ
            if (final_of(word[cut]) == "ㅆ" or typed) and word[cut + 1 :] in PAST_ENDINGS:
                stem = word[:cut]
                return stem[:-1] if len(stem) >= 3 and stem[-1] in VERBAL_SUFFIXES else stem
        return None

    def is_closing(self, word: str) -> bool:
        """`알려주셈`, `확인하여주시기`: a request or closing whatever its ending."""
        return word.startswith(self.stems)

    def mistyped(self, word: str) -> str | None:
        """The known word `word` is a typo of (`집행뉼` → `집행율`, `합게` → `합계`), or None."""
        if len(word) >= TYPO_MIN_LENGTH:
            return _mistyped(self, word)
        if len(word) == SHORT_TYPO_LENGTH:
            return _mistyped_short(self, word)
        return None


def _glosses(path: Path) -> dict[tuple[str, str], str]:
    """Each item's everyday words, compact and joined by spaces (a typed word's start is
    looked for in them as in a name)."""
    with path.open("rb") as f:
        raw = tomllib.load(f)
    return {
        (kind, name): " ".join(compact(w) for w in entry["words"])
        for kind, items in raw.items()
        for name, entry in items.items()
    }


def _by_length(suffixes: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    """Suffixes grouped by length, longest first (one set lookup per length of a word)."""
    lengths = sorted({len(s) for s in suffixes}, reverse=True)
    return tuple((n, frozenset(s for s in suffixes if len(s) == n)) for n in lengths)


def _endings_of(word: str, lengths: tuple[tuple[int, frozenset[str]], ...]) -> Iterator[str]:
    """The suffixes of `word` found in a `_by_length` table, longest first."""
    for length, suffixes in lengths:
        if length <= len(word) and word[len(word) - length :] in suffixes:
            yield word[len(word) - length :]


# Words recur across questions and the lexicon does not change once loaded: each word's
# particle and stem are worked out once.
@lru_cache(maxsize=16384)
def _stripped(lexicon: Lexicon, word: str) -> str:
    return lexicon._strip_particle(word)


@lru_cache(maxsize=16384)
def _stem(lexicon: Lexicon, word: str) -> str | None:
    return lexicon._predicate_stem(word)


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


@lru_cache(maxsize=8192)
def _mistyped(lexicon: Lexicon, word: str) -> str | None:
    letters = disassemble(word)
    near, words = _letters_near(lexicon, len(letters))
    found = process.extractOne(letters, near, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
    if found is None or words[found[2]].endswith(word):
        # "집행할" is not a slip of "더집행할": a word whole at the end of a longer one is
        # that word without its first part, which changes what it says.
        return None
    return words[found[2]]


@lru_cache(maxsize=8192)
def _mistyped_short(lexicon: Lexicon, word: str) -> str | None:
    """A two-letter word is only taken for a known one sharing its first letter, one stroke off."""
    letters = disassemble(word)
    for known, known_letters in _short_words(lexicon).get(get_choseong(word[0]), ()):
        if fuzz.ratio(letters, known_letters) >= SHORT_TYPO_SCORE:
            return known
    return None


@lru_cache(maxsize=4)
def _short_words(lexicon: Lexicon) -> dict[str, list[tuple[str, str]]]:
    """Known two-letter words and their jamo, by their first initial, in the lexicon's order."""
    found: dict[str, list[tuple[str, str]]] = {}
    for known, groups in lexicon.groups.items():
        if len(known) == SHORT_TYPO_LENGTH and not groups & SHORT_UNTYPED:
            found.setdefault(get_choseong(known[0]), []).append((known, disassemble(known)))
    return found


@lru_cache(maxsize=4)
def _letters(lexicon: Lexicon) -> tuple[list[str], list[str]]:
    """Known words of three letters or more, and their jamo: the form typos are measured on."""
    words = [
        word
        for word, groups in lexicon.groups.items()
        if len(word) >= TYPO_MIN_LENGTH and not groups & UNTYPED
    ]
    return [disassemble(word) for word in words], words


@lru_cache(maxsize=256)
def _letters_near(lexicon: Lexicon, length: int) -> tuple[list[str], list[str]]:
    """The known words whose jamo are near enough in number to `length` to score TYPO_SCORE:
    the ratio of two strings is at most 200·shorter/(both lengths) (same order as `_letters`,
    so the best match and its ties are the ones all the words would give)."""
    letters, words = _letters(lexicon)
    reach = TYPO_SCORE / (200 - TYPO_SCORE)  # shorter/longer at the least
    near = [i for i, known in enumerate(letters)
            if min(len(known), length) >= reach * max(len(known), length) - 1e-9]  # fmt: skip
    return [letters[i] for i in near], [words[i] for i in near]
