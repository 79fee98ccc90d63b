"""Finding the report's entities in what people type: exact, short, misspelt, spaced or as initials."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import LCSseq

from knowledge.reading.hangul import disassemble, get_choseong, is_choseong_only
from knowledge.reading.normalize import compact

EXACT = 100.0
# A candidate below this is noise; within AMBIGUITY of the best, it is a real alternative.
MIN_SCORE = 70.0
AMBIGUITY = 4.0
# A name's own city is left out when people say it ("혁신파크 조성사업").
CITY_WORDS = ("서울특별시", "서울시", "서울")
SPOKEN_MIN = 4
NOT_THE_CITY = frozenset("형시특의")
MOSTLY, SMALL_PART = 0.7, 0.5
MOSTLY_TYPED = 0.75
ENDS_NAME = 3.0
SHORT_ALIAS = 3
FUZZY_CUTOFF = 82.0
PARTIAL_CUTOFF = 90.0
# A name typed with two neighbouring letters swapped ("사협회력과"): as good as a typo gets.
SWAPPED_MIN = 4
SWAPPED_SCORE = 92.0
SUGGESTION_CUTOFF = 80.0


@dataclass(frozen=True)
class Entity:
    """Something the report has figures or text about."""

    kind: str  # division | line | project | revenue
    name: str
    ref: int | str  # line_no, project_no, or the name itself
    division: str | None = None


# A two-letter word names something only when it is half of a short name ("혁신" of 혁신파크),
# never two letters of a longer one ("보조" of 보조금반환).
TWO_LETTERS_COVER = 0.5


@dataclass(frozen=True)
class Candidate:
    entity: Entity
    score: float
    how: str  # exact | alias | initials | typo | contained | abbreviation | partial
    coverage: float = 0.0  # for "contained": how much of the name the word is


@dataclass(frozen=True)
class Key:
    text: str  # compact form
    entity: Entity
    how: str  # name | spoken (a name as said, without 서울시 or 및) | alias


class EntityIndex:
    """All names and aliases, in the forms they are compared in."""

    def __init__(self, keys: list[Key], prose: str = "") -> None:
        self.keys = sorted(keys, key=lambda k: len(k.text), reverse=True)
        self._letters = [disassemble(k.text) for k in self.keys]
        self._initials = [get_choseong(k.text) for k in self.keys]
        self._shortest_first = sorted(len(k.text) for k in self.keys)
        self._chars = [frozenset(k.text) for k in self.keys]
        self._names_text = " ".join(k.text for k in self.keys)
        # Keys by their letters in any order, for names typed with two letters swapped.
        self._anagrams: dict[str, list[Key]] = {}
        for key in self.keys:
            if len(key.text) >= SWAPPED_MIN:
                self._anagrams.setdefault("".join(sorted(key.text)), []).append(key)
        self._aliases: dict[str, list[Key]] = {}
        for key in self.keys:
            if key.how == "alias":
                self._aliases.setdefault(key.text, []).append(key)
        # Words recur across questions; the index does not change while the report is loaded.
        self.candidates = lru_cache(maxsize=8192)(self._candidates)
        # Everything the report writes, names and prose, to tell a real word from a typo.
        self.written = " ".join([*(k.text for k in self.keys), prose])
        # Every ending of every name (not of aliases), for `ends_a_name`.
        self._endings = frozenset(
            k.text[cut:] for k in self.keys if k.how != "alias" for cut in range(len(k.text))
        )

    @classmethod
    def build(
        cls, entities: list[Entity], aliases: list[tuple[str, Entity]], prose: str = ""
    ) -> EntityIndex:
        keys = [Key(compact(e.name), e, "name") for e in entities if e.kind != "unit"]
        named = {k.text for k in keys}
        keys += [
            Key(variant, e, "spoken")
            for e in entities
            if e.kind != "unit"
            for variant in _spoken(e.name)
            if variant not in named
        ]
        keys += [Key(alias, e, "alias") for alias, e in aliases]
        return cls([k for k in keys if len(k.text) >= 2], prose)

    def ends_a_name(self, word: str) -> bool:
        """Whether a name of the report ends with `word` (`숙의예산과`: 시민숙의예산과)."""
        return word in self._endings

    def writes(self, word: str) -> bool:
        """Whether the report writes `word` somewhere (then it is no typo of another word)."""
        return word in self.written

    def exact_spans(
        self, text: str, word_starts: frozenset[int] = frozenset({0})
    ) -> list[tuple[int, int, Key]]:
        """Every full name written out in `text`, longest first, never overlapping.

        Aliases are short ("혁신파크") and sit inside longer names ("서울혁신파크 조성"), so they
        are only taken when a word is the alias itself (see `candidates`).
        """
        taken: list[tuple[int, int, Key]] = []
        for key in self.keys:
            if key.how == "alias":
                continue
            start = text.find(key.text)
            while start >= 0:
                end = start + len(key.text)
                # A name said short starts a word: "서줄혁신파크운영" is no 혁신파크 운영.
                at_start = key.how != "spoken" or start in word_starts
                if at_start and all(end <= s or start >= e for s, e, _ in taken):
                    taken.append((start, end, key))
                start = text.find(key.text, start + 1)
        return sorted(taken, key=lambda t: t[0])

    def resembling(self, words: list[str], limit: int = 3) -> list[Entity]:
        """Names that look like words which matched nothing: suggestions, never answers."""
        found: dict[Entity, float] = {}
        for word in words:
            if len(word) < 3 or is_choseong_only(word):
                continue
            for _, score, i in process.extract(
                disassemble(word), self._letters, scorer=fuzz.partial_ratio,
                score_cutoff=SUGGESTION_CUTOFF, limit=limit,
            ):  # fmt: skip
                key = self.keys[i]
                if key.how == "alias" and len(key.text) <= SHORT_ALIAS:
                    continue  # "갈과" is near any word ending in 과: no suggestion
                found[key.entity] = max(found.get(key.entity, 0.0), score)
        return sorted(found, key=lambda e: -found[e])[:limit]

    def _partly(self, letters: str, count: int) -> list[tuple[str, float, int]]:
        """The best eight of the first `count` keys (the names longer than the word) that hold
        `letters` in part, as `process.extract` with the partial scorer gives them.

        That scorer is the dearest step of a lookup (about 1 µs a name), so it runs only on
        the names that can reach PARTIAL_CUTOFF: a part of a name scoring s against a word
        has a common subsequence with it of at least s/(200 - s) of the shorter one (9/11 at 90).
        """
        names = self._letters[:count]
        if not names:
            return []
        shorter = min(len(letters), *map(len, names))
        least = PARTIAL_CUTOFF / (200 - PARTIAL_CUTOFF) - 0.01
        kept = sorted(
            i for _, _, i in process.extract(
                letters, names, scorer=LCSseq.similarity,
                score_cutoff=int(least * shorter), limit=None,
            )
            if LCSseq.similarity(letters, names[i]) >= least * min(len(letters), len(names[i]))
        )  # fmt: skip
        found = process.extract(
            letters, [names[i] for i in kept], scorer=fuzz.partial_ratio,
            score_cutoff=PARTIAL_CUTOFF, limit=8,
        )  # fmt: skip
        return [(name, similarity, kept[i]) for name, similarity, i in found]

    def _candidates(self, word: str) -> list[Candidate]:
        """Entities `word` may stand for, best first: initials, misspelt names, partial names."""
        best: dict[Entity, Candidate] = {}

        def offer(entity: Entity, score: float, how: str, coverage: float = 0.0) -> None:
            if score >= MIN_SCORE and (entity not in best or best[entity].score < score):
                best[entity] = Candidate(entity, score, how, coverage)

        if is_choseong_only(word):
            for key, initials in zip(self.keys, self._initials, strict=True):
                if initials == word:
                    offer(key.entity, 95.0, "initials")
                elif len(word) >= 3 and initials.startswith(word):
                    offer(key.entity, 80.0 + 10 * len(word) / len(initials), "initials")
            return _ranked(best)

        for key in self._aliases.get(word, ()):
            offer(key.entity, EXACT, "alias")
        letters = disassemble(word)
        for _, score, i in process.extract(
            letters, self._letters, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=8
        ):
            # A short spoken form is matched as typed, never as a typo: shortened names are
            # near to many words ("…센터 위탁기간" is no misspelt "…센터 재위탁 추진").
            key = self.keys[i]
            # A misspelt name is about as long as the name ("숙의예산과" is no typo of
            # 시민숙의예산 운영, three letters longer).
            near_length = abs(len(key.text) - len(word)) <= max(2, len(key.text) // 4)
            # A short name with something after it is that name and more, not a typo of it.
            extended = key.how == "alias" and word.startswith(key.text)
            if key.how == "alias" and len(key.text) <= SHORT_ALIAS:
                continue  # "지홍과" is no misspelt 지공과: a short alias is typed as it is
            if key.how != "spoken" and near_length and not extended:
                offer(key.entity, score, "typo")
        # The keys are longest first: the ones longer than the word are a head of the list.
        count = len(self.keys) - bisect_left(self._shortest_first, len(word) + 1)
        for key in (
            self._anagrams.get("".join(sorted(word)), ()) if len(word) >= SWAPPED_MIN else ()
        ):
            if _swapped(word, key.text):
                offer(key.entity, SWAPPED_SCORE, "typo")  # "서울신혁파크", "사협회력과"
        longer = self.keys[:count]
        containing = [key for key in longer if word in key.text]
        contained_ids = {id(key) for key in containing}
        # A two-syllable word found in many names ("운영", "시민") says too little to pick any.
        if len(word) >= 3 or len({key.entity for key in containing}) <= 3:
            for key in containing:
                # Every name that holds the whole word fits about as well, unless the word is
                # most of one name and a small part of the others ("민주시민교육" is 민주시민교육
                # 추진 rather than 민주시민교육과 모더레이터양성 프로그램). Two letters lost in a
                # long name ("위원" in 서울민주주의위원회 운영) describe something, they do not
                # name it.
                coverage = len(word) / len(key.text)
                if len(word) <= 2 and (
                    coverage < TWO_LETTERS_COVER or not key.text.startswith(word)
                ):
                    continue  # (nor the end of a short name: "상금" is no 변상금)
                if (
                    word[-1] in "과국"
                    and key.entity.kind != "division"
                    and not key.text.endswith(word)
                ):
                    continue  # "교육과" asks for a 과, not for "민주시민교육과 모더레이터…"
                # A word that ends a name ends it as the name's kind does ("숙의예산과").
                ending = ENDS_NAME if key.text.endswith(word) and len(word) >= 3 else 0.0
                offer(key.entity, 76 + 2 * min(len(word), 7) + 2 * coverage + ending,
                      "contained", coverage)  # fmt: skip
        if len(word) >= 3:
            chars = frozenset(word)
            for i, (key, held) in enumerate(zip(longer, self._chars, strict=False)):
                if chars <= held and id(key) not in contained_ids and in_order(word, key.text):
                    # "NPO센터" for "서울시 NPO지원센터 운영": letters of the name, in order;
                    # most of them ("권역NPO센터조성운영") is the name with a word left out.
                    coverage = len(word) / len(key.text)
                    score = 76 + 4 * coverage
                    if coverage >= MOSTLY_TYPED:
                        score = max(score, fuzz.ratio(letters, self._letters[i]))
                    offer(key.entity, score, "abbreviation")
        if len(word) >= 4:
            for _, similarity, i in self._partly(letters, count):
                offer(self.keys[i].entity, similarity * 0.85, "partial")
        if len(word) >= 5 and any(key.text.startswith(word) for key in containing):
            # "동단위계획형" begins a name as typed: no misspelling of another (구단위계획형);
            # a name typed exactly ("갈등관리역량강화") stays that name.
            best = {e: c for e, c in best.items() if c.how != "typo" or c.score >= EXACT}
        if len(word) >= SWAPPED_MIN and not any(c.score >= SWAPPED_SCORE for c in best.values()):
            # "서울신혁파크": two neighbouring letters swapped inside a longer name — the word
            # as the names write it, read once more.
            for i in range(len(word) - 1):
                fixed = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                if fixed != word and fixed in self._names_text:
                    for candidate in self._candidates(fixed):
                        offer(
                            candidate.entity, candidate.score - 1, candidate.how, candidate.coverage
                        )
                    break
        return _ranked(best)


def _spoken(name: str) -> list[str]:
    """How people say a name short of its formal words: without the city it belongs to
    (`서울시 권역 NPO지원센터 …` → `권역NPO지원센터 …`) and without 및 (`시민 제안 발굴 및 실행`
    → `시민제안발굴실행`)."""
    forms = {name}
    for city in CITY_WORDS:
        rest = name[len(city) :]
        # A city word of its own ("서울시 권역…"), or 서울 before a name ("서울혁신파크"),
        # never part of a word ("서울형", "서울시민회의").
        apart = rest.startswith(" ") or (city == "서울" and rest[:1] not in NOT_THE_CITY)
        if name.startswith(city) and apart and len(rest.strip()) >= SPOKEN_MIN:
            forms.add(rest.lstrip())
    forms |= {" ".join(w for w in form.split() if w != "및") for form in forms}
    return [c for c in dict.fromkeys(compact(f) for f in forms) if len(c) >= SPOKEN_MIN]


def in_order(word: str, text: str) -> bool:
    """Whether every character of `word` appears in `text`, in the same order."""
    position = 0
    for char in word:
        position = text.find(char, position) + 1
        if position == 0:
            return False
    return True


def _swapped(word: str, text: str) -> bool:
    """Whether `word` is `text` with two neighbouring letters swapped."""
    differ = [i for i, (a, b) in enumerate(zip(word, text, strict=True)) if a != b]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and word[differ[0]] == text[differ[1]]
        and word[differ[1]] == text[differ[0]]
    )


def _ranked(best: dict[Entity, Candidate]) -> list[Candidate]:
    return sorted(best.values(), key=lambda c: (-c.score, c.entity.name))


def leaders(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that fit about as well as the best one."""
    if not candidates:
        return []
    top = candidates[0].score
    return [c for c in candidates if c.score >= top - AMBIGUITY]


def mostly(candidates: list[Candidate]) -> list[Candidate]:
    """Of names that all hold the word, the one the word is most of, when it is a small part
    of the others (`민주시민교육`: 민주시민교육 추진, not 민주시민교육과 모더레이터양성 프로그램)."""
    if not candidates or not all(c.how == "contained" for c in candidates):
        return candidates
    widest = max(c.coverage for c in candidates)
    if widest < MOSTLY:
        return candidates
    return [c for c in candidates if c.coverage > widest * SMALL_PART]
