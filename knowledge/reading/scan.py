"""Scanning a question's words: which entities it names, which keywords it uses, what is left unknown."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from knowledge.reading.hangul import disassemble
from knowledge.reading.lexicon import FILLER, MEASURE, Lexicon
from knowledge.reading.match import (
    AMBIGUITY,
    EXACT,
    Candidate,
    EntityIndex,
    Key,
    in_order,
    leaders,
)
from knowledge.reading.normalize import WORD_BREAK, compact, district
from knowledge.reading.quantities import GAP

DATE_WORD = re.compile(r"\d{1,4}(?:년|월|일)?")
COUNT_UNIT = re.compile(r"몇\s*(개소|개|명|건|회|곳|군데|번|석|실|팀|단체|기관|개사|가지|일|평)")
# A keyword suffix only splits from a word when it is a filler or a word of two syllables or more:
# "교통국" must stay one unknown word, not "교통" + the bureau keyword "국".
SHORT_MEANINGFUL = 1
ANY_COUNTER = "*"
# A word at least this long that reads as nothing may be a name with words typed onto it; the
# name must be read well (and be this long) to split it off.
GLUED_LENGTH = 6
GLUED_NAME_SCORE = 95.0
MIN_NAME_START = 3
# Counters that are also plain nouns: "여는 곳이 어느 과" names a place.
# Counters that are also nouns for "the place" or "the thing" ("여는 곳", "홍보하는 건 어느 과"):
# beside a question of which, where or which 과, no count.
PLACE_NOUNS = frozenset({"곳", "건"})
# 건 right after a verb's ending, with nothing counted: "끝나는 건", "만들어진 건가요".
# ("운영 중인 건?" after a count asks how many of them: 건 there counts.)
THING_SAID = re.compile(r"[가-힣](?:는|은|던|된|진|한|인)\s+건(?=가|데|지|\s*아니)")
MIN_NAME_END = 4  # a word this long that ends a name is kept whole
OFFICE_ENDINGS = frozenset(
    "과국실팀"
)  # what a 과 or 국 the report lacks ends with  # "위원 수": some number with a counter, whichever
DETACHABLE = frozenset({FILLER, "count_people", "cost"})
CONJUNCTION = "conjunction"
LISTING = re.compile(r"\s*[,、/+]\s*")
# A particle is only split off a word that leaves at least this many letters.
MIN_STEM = 2
# At most this many typed words are read together as one known word.
JOINED_WORDS = 4
# This many one-letter words in a row are a word typed letter by letter.
LETTER_SPACED = 3
# A run of neighbouring words is read as one name only when it fits this well.
RUN_SCORE = 85.0
# A word that fits a name this well is not split into a name part and a keyword.
WHOLE_WORD_SCORE = 82.0
# A word that covers this much of a name already names it; the words beside it are about it.
MOSTLY = 0.6
# A run that reads as a name this closely is that name, even when one word already found it.
NEAR_EXACT = 92.0


@dataclass
class Mention:
    """One place in the question that names an entity, with the entities it may be."""

    text: str
    candidates: list[Candidate]
    segment: int = 0  # which piece between figures it stands in (see quantities.GAP)
    order: int = 0  # its place among the question's words
    words: tuple[str, ...] = ()  # the typed words it was read from ("혁신파크", "운영")

    @property
    def best(self) -> list[Candidate]:
        return leaders(self.candidates)


@dataclass(frozen=True)
class Keyword:
    """A known word where it stands in the question."""

    word: str
    segment: int
    order: int
    attached: bool = False  # split off a longer typed word ("집행률과" → 과)


@dataclass(frozen=True)
class Unknown:
    """A word that names nothing and is no known word: it must be used or reported."""

    word: str
    segment: int
    order: int


@dataclass
class Scan:
    """The words of a question: names, keywords and unknown words, in order."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    places: list[Keyword] = field(default_factory=list)
    groups: set[str] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)
    unknown_places: list[Unknown] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # every content word, named or not
    unit: str | None = None  # the counter asked for: "몇 건" → 건
    _order: int = 0

    def has(self, *groups: str) -> bool:
        return not self.groups.isdisjoint(groups)

    def next_order(self) -> int:
        self._order += 1
        return self._order


def scan(text: str, lexicon: Lexicon, index: EntityIndex) -> Scan:
    """Split a question into entity mentions, keywords and unknown words, piece by piece.

    Pieces are separated by GAP where quantities took a figure or a date out; names never run
    across a gap.
    """
    found = Scan(text=text)
    unit = COUNT_UNIT.search(text)
    found.unit = unit.group(1) if unit else None
    if found.unit is None and "며칠" in text:
        found.unit = "일"  # "며칠로 늘렸어": 40일간
    for segment, piece in enumerate(text.split(GAP.strip())):
        _scan_piece(piece, segment, found, lexicon, index)
    found.groups = lexicon.groups_of(found.keywords)
    _demote_weak_mentions(found, lexicon)
    _city_as_word(found, lexicon)
    counted = [lexicon.counters[k] for k in found.keywords if k in lexicon.counters]
    if found.unit is None and counted:
        found.unit = counted[0]
    if found.unit is None:
        found.unit = _implied_unit(found, lexicon)
    return found


def _scan_piece(
    piece: str, segment: int, found: Scan, lexicon: Lexicon, index: EntityIndex
) -> None:
    # A comma or slash between words lists things ("혁신파크 운영, 조성"): names end there.
    if LISTING.search(piece):
        for part in LISTING.split(piece):
            _scan_piece(part, segment, found, lexicon, index)
        return
    words = [c for c in (compact(token) for token in WORD_BREAK.split(piece)) if c]
    tokens = _letter_spaced(words, lexicon, index)
    tokens = [part for token in tokens for part in _unglued(token, lexicon, index)]
    tokens = _merge_single_letters(_join_keywords(tokens, lexicon), lexicon, index)
    joined = "".join(tokens)
    starts = list(itertools.accumulate((len(t) for t in tokens[:-1]), initial=0))
    spans = [_with_word_before(span, joined, starts, index)
             for span in index.exact_spans(joined, frozenset(starts))]  # fmt: skip
    covered = [False] * len(joined)
    exact: dict[int, Mention] = {}
    for start, end, key in spans:
        for i in range(start, end):
            covered[i] = True
        how = "alias" if key.how == "alias" else "exact"
        exact[start] = Mention(
            joined[start:end], [Candidate(key.entity, EXACT, how)], segment, 0, (joined[start:end],)
        )

    # Words between the exact names, token by token, in order; a Mention separates runs.
    words: list[str | Mention] = []
    offset = 0
    for token in tokens:
        part = ""
        for i, char in enumerate(token):
            if covered[offset + i]:
                if part:
                    words.append(part)
                    part = ""
                if offset + i in exact:
                    words.append(exact[offset + i])
            else:
                part += char
        if part:
            words.append(part)
        offset += len(token)

    run: list[str] = []
    raw: list[str] = []  # the same words before keywords were split off them
    orders: list[int] = []  # each run word's place, taken when it is read
    for word in [*words, None]:
        if word is None or isinstance(word, Mention):
            _resolve_run(run, raw, orders, found, lexicon, index, segment)
            run, raw, orders = [], [], []
            if word is not None:
                word.order = found.next_order()
                found.mentions.append(word)
            continue
        if _other_office(word, lexicon):
            content, keywords = word, []  # "도시계획국": another office, not 도 + 시 + 계획 + 국
        else:
            content, keywords = _split_keywords(word, lexicon, index)
        if content is None and keywords and run and _continues_name(raw, word, index):
            # "동단위계획형 직원사업": a mistyped part of the name, not 직원 + 사업.
            content, keywords = word, []
        for position, keyword in enumerate(keywords):
            # A keyword after something in the same typed word is stuck to it ("집행률과").
            attached = position > 0 or bool(content)
            found.keywords.append(keyword)
            found.places.append(Keyword(keyword, segment, found.next_order(), attached))
        if content:
            run.append(content)
            raw.append(word)
            orders.append(found.next_order())
            if any(CONJUNCTION in lexicon.groups[k] for k in keywords):
                # "혁신파크 운영이랑 조성": a name ends where 이랑 is stuck to it.
                _resolve_run(run, raw, orders, found, lexicon, index, segment)
                run, raw, orders = [], [], []
                continue
        elif run and keywords and all(CONJUNCTION in lexicon.groups[k] for k in keywords):
            # "시민 제안 발굴 및 실행": a 및 between words may be inside a name.
            raw.append(word)
            continue
        if content is None and not all(lexicon.groups[k] == {FILLER} for k in keywords):
            # A keyword on its own ends the run ("혁신파크 예산 조성" is not one name); a filler
            # does not, nor does a keyword stuck to a word ("시빈참여예산 운영" may be one name).
            _resolve_run(run, raw, orders, found, lexicon, index, segment)
            run, raw, orders = [], [], []


# The name of an office of the city ("도시계획국", "문화본부"): never read as words of this one.
OFFICE = re.compile(r"(?P<stem>[가-힣]{2,})(?:국|본부)")


def _other_office(word: str, lexicon: Lexicon) -> bool:
    match = OFFICE.fullmatch(word)
    if not match or word in lexicon.groups or match["stem"] in lexicon.lists["our_office"]:
        return False
    return "본부" not in match["stem"] and not match["stem"].endswith("실")  # "실·본부·국": kinds


def _demote_weak_mentions(reading: Scan, lexicon: Lexicon) -> None:
    """With one sure name, a loose second match is a word about it, not a second subject.

    "자치구 시민행복 증진사업 지원 규모" names the 시민행복 project; 자치구 only happens to be
    part of another line's name. Comparisons ("A vs B", "A랑 B") keep both.
    """
    if len(reading.mentions) < 2 or reading.has(
        "compare", "conjunction", "times", "than", "difference", "sum", "share"
    ):
        return  # "A 예산은 B 예산의 몇 배": two things set against each other
    strongest = max(reading.mentions, key=lambda m: (m.best[0].score, len(m.text)))
    if strongest.best[0].score < 95:
        return
    if compact(strongest.text) in lexicon.lists["fees"]:
        return  # "NPO 협업공간 … 임대료 받아?": a charge named of a place, not the revenue item
    for mention in list(reading.mentions):
        if mention is not strongest and mention.best[0].score < 90:
            reading.mentions.remove(mention)
            reading.unknown.append(mention.text)
            reading.unknown_places.append(Unknown(mention.text, mention.segment, mention.order))


def _city_as_word(reading: Scan, lexicon: Lexicon) -> None:
    """ "서울시 땅 빌려주고 받는 수입": the city itself, said alone, names none of the report's
    things that start with it; it is a word of what is said (a description's, or a name's)."""
    city = lexicon.lists["city_words"]
    for mention in list(reading.mentions):
        if compact(mention.text) in city:
            reading.mentions.remove(mention)
            reading.unknown.append(mention.text)
            reading.unknown_places.append(Unknown(mention.text, mention.segment, mention.order))


def _implied_unit(reading: Scan, lexicon: Lexicon) -> str | None:
    """The counter a question implies without "몇": people for 인원, money for 금액 or 규모."""
    if reading.has("count_people"):
        return "명"
    if any(k in lexicon.money for k in reading.keywords):
        return "원"
    if any(w.endswith(lexicon.money) for w in reading.words):
        return "원"
    if asks_count(reading, lexicon):
        return ANY_COUNTER
    return None


def asks_count(reading: Scan, lexicon: Lexicon) -> bool:
    """A counter word asks how many, unless it is only "곳" beside a question of which or
    where ("여는 곳이 어느 과야": the place, not a count)."""
    counters = [k for k in reading.keywords if "count" in lexicon.groups.get(k, ())]
    if THING_SAID.search(reading.text) and "몇" not in reading.text:
        # "올해 끝나는 건 아니지?", "만들어진 건가요": 건 after a verb is the thing said (것은).
        counters = [k for k in counters if k != "건"]
    if not counters:
        return False
    which = reading.has("which", "asks_division") or any(
        k in lexicon.lists["where"] for k in reading.keywords
    )
    return not (which and all(k in PLACE_NOUNS for k in counters))


def _best_joined(run: list[str], raw: list[str], index: EntityIndex) -> tuple[str, list]:
    """The run as one word, with or without the keywords that were split off ("시빈참여예산 운영")."""
    best: tuple[str, list] = ("".join(run), index.candidates("".join(run)))
    with_keywords = "".join(raw)
    if with_keywords != best[0]:
        found = index.candidates(with_keywords)
        if found and (not best[1] or found[0].score > best[1][0].score):
            best = (with_keywords, found)
    return best


def _joined_reads_better(
    words: list[str], each: list[list[Candidate]], joined: list[Candidate]
) -> bool:
    """Whether neighbouring words are one name rather than a name and words about it.

    "NPO 지원센터 운영" is one name (the words sit in it as typed). "권역 NPO센터" picks one of
    the names "NPO센터" leaves open. "서월시민 행복증진" (a typo) is one name that the words
    alone read only loosely. "NPO입주협업공간 입주" is a name and a word about it: joining
    finds the same name the first word already gave, so the second word stays a word.
    """
    top = joined[0]
    if top.how == "contained" and top.score >= RUN_SCORE:
        return True
    best_single = max((c[0].score for c in each if c), default=0.0)
    singles_open = any(each) and all(len(_names(c)) > 1 for c in each if c)
    if singles_open and len(_names(joined)) == 1 and top.score >= best_single - AMBIGUITY:
        return True
    name = compact(top.entity.name)
    pieces = [w for w in words if len(w) > 1]
    if (
        len(_names(joined)) == 1
        and all(each)
        and top.how == "abbreviation"
        and all(in_order(w, name) for w in pieces)
        and sum(map(len, pieces)) * 2 >= len(name)
    ):
        return True  # "NPO 입주공간": each word a piece of one name, in its order, half of it
    if top.score < RUN_SCORE or not all(_inside(w, name) for w in words if len(w) > 1):
        return False  # "마을공동체종합지원센터 위탁기간": 기간 is asked about, not part of a name
    settled = set().union(*(_names(c) for c in each if c and len(_names(c)) == 1))
    covering = max((len(w) / len(name) for w, c in zip(words, each, strict=True)
                    if c and _names(c) == {name}), default=0.0)  # fmt: skip
    if name in settled and top.score < NEAR_EXACT and covering >= MOSTLY:
        return False
    # The words alone explain the run this well (a word that names nothing explains none of it).
    length = sum(len(w) for w in words)
    alone = (
        sum(len(w) * (c[0].score if c else 0.0) for w, c in zip(words, each, strict=True)) / length
    )
    return top.score >= alone


def _inside(word: str, name: str) -> bool:
    """Whether a typed word stands in a name as it is, or with a typo."""
    if word in name:
        return True
    threshold = 85 if len(word) >= 3 else 75
    return fuzz.partial_ratio(disassemble(word), disassemble(name)) >= threshold


def _names(candidates: list[Candidate]) -> set[str]:
    """The distinct names among the leading candidates (a project and its line may share one)."""
    return {compact(c.entity.name) for c in leaders(candidates)}


def _unglued(token: str, lexicon: Lexicon, index: EntityIndex) -> list[str]:
    """`서울시민회의위원수` → `서울시민회의`, `위원수`: a long word typed without spaces that
    nothing reads whole is split after the longest name it starts with."""
    if len(token) < GLUED_LENGTH or token in lexicon.groups or index.candidates(token):
        return [token]
    if lexicon.cover(token) is not None:
        return [token]
    cuts = [cut for cut in range(len(token) - 1, MIN_NAME_START - 1, -1)
            if (found := index.candidates(token[:cut])) and found[0].score >= GLUED_NAME_SCORE]  # fmt: skip
    # Where the rest reads as known words ("민주시민교육추진" + "지출액좀"), else the longest name.
    read = [cut for cut in cuts if lexicon.cover(token[cut:]) is not None]
    cut = (read or cuts or [None])[0]
    return [token] if cut is None else [token[:cut], token[cut:]]


def _join_keywords(tokens: list[str], lexicon: Lexicon) -> list[str]:
    """`주요 추진 현안업무` → `주요추진현안업무`, `남은 예산` → `남은예산`: words typed apart
    that the vocabulary knows as one. Measure words are joined first (`얼마 더 쓸`: 더쓸)."""
    for wanted in (lambda groups: MEASURE in groups, lambda groups: groups != {FILLER}):
        joined: list[str] = []
        start = 0
        while start < len(tokens):
            for end in range(min(len(tokens), start + JOINED_WORDS), start + 1, -1):
                together = _joined(tokens[start:end], lexicon)
                if together is not None and wanted(lexicon.groups[together]):
                    joined.append(together)
                    start = end
                    break
            else:
                joined.append(tokens[start])
                start += 1
        tokens = joined
    return tokens


# Words for what a project's text writes otherwise, typed apart (data/lexicon.toml).
PROSE_FACET = "prose_facet"
MIN_STEM = 2


def _joined(tokens: list[str], lexicon: Lexicon) -> str | None:
    return _joined_words(tuple(tokens), lexicon)


@lru_cache(maxsize=8192)
def _joined_words(tokens: tuple[str, ...], lexicon: Lexicon) -> str | None:
    """The known word some typed words make together, as typed or with the particles between
    them and the ending after them left off (`실적은 있는데` → 실적있는)."""
    plain = "".join(tokens)
    if plain in lexicon.groups:
        return plain
    inner = [lexicon.strip_particle(token) for token in tokens[:-1]]
    last = tokens[-1]
    # The last word's particle is left off even from one letter ("안 쓴 돈은": 돈).
    short = next(
        (last[: -len(p)] for p in lexicon.particles if last.endswith(p) and len(last) > len(p)),
        None,
    )
    # (a known word cut to one letter is no part of another: "얼마 나갔어" is not 얼마나 + 갔어)
    stem = lexicon.predicate_stem(last)
    if stem and len(stem) < MIN_STEM and lexicon.groups.get(last, frozenset()) - {FILLER}:
        stem = None
    for tail in (last, stem, lexicon.strip_particle(last)):
        if tail:
            together = "".join([*inner, tail])
            if together in lexicon.groups:
                return together
    if short:
        together = "".join([*inner, short])
        if lexicon.groups.get(together, frozenset()) & {MEASURE, PROSE_FACET}:
            # only a measure ("안쓴돈") or a thing the text writes otherwise ("위탁 받은 데가"):
            # "어떤 과가" stays 어떤 + 과
            return together
    return None


def _letter_spaced(tokens: list[str], lexicon: Lexicon, index: EntityIndex) -> list[str]:
    """`시 민 숙 의 예 산 과` → `시민숙의예산과`: three one-letter words or more in a row that
    together name something are one word typed letter by letter."""
    merged: list[str] = []
    start = 0
    while start < len(tokens):
        end = start
        while end < len(tokens) and len(tokens[end]) == 1:
            end += 1
        together = "".join(tokens[start:end])
        if end - start >= LETTER_SPACED and _names_something(together, lexicon, index):
            merged.append(together)
            start = end
        else:
            merged.append(tokens[start])
            start += 1
    return merged


def _merge_single_letters(tokens: list[str], lexicon: Lexicon, index: EntityIndex) -> list[str]:
    """`어느 과` → `어느과`; `과 줄 세우면` stays apart; `몇 개소` → `몇개소`.

    A one-letter word joins its neighbour only when together they are a known word or name it
    better; otherwise it is a word itself.
    """
    merged: list[str] = []
    leading = ""
    index_of = 0
    while index_of < len(tokens):
        token = tokens[index_of]
        index_of += 1
        if not token:
            continue
        if token in lexicon.leading:
            # "몇 개소", "총 예산": these open the next word rather than close the last one.
            leading += token
            continue
        if len(token) == 1 and not leading:
            run = [token]
            while index_of < len(tokens) and len(tokens[index_of]) == 1:
                run.append(tokens[index_of])
                index_of += 1
            for letter in run:
                if merged and _joins(merged[-1], letter, lexicon, index):
                    merged[-1] += letter
                else:
                    merged.append(letter)
            continue
        merged.append(leading + token)
        leading = ""
    if leading:
        merged.append(leading)
    return merged


def _names_something(word: str, lexicon: Lexicon, index: EntityIndex) -> bool:
    found = index.candidates(word)
    return word in lexicon.groups or bool(found and found[0].score >= RUN_SCORE)


def _joins(word: str, letter: str, lexicon: Lexicon, index: EntityIndex) -> bool:
    together = word + letter
    if together in lexicon.groups or lexicon.cover(together) == [together]:
        return True
    if letter in lexicon.groups:
        return False
    alone = index.candidates(word)
    joined = index.candidates(together)
    return bool(joined) and (not alone or joined[0].score > alone[0].score)


def _split_keywords(
    word: str, lexicon: Lexicon, index: EntityIndex
) -> tuple[str | None, list[str]]:
    """`엠보팅은` → (`엠보팅`, [`은`]); `집행율` → (None, [`집행율`]); `교통국` → (`교통국`, []).

    A word that is itself most of a name stays whole: `참여예산` is not `참여` + `예산`.
    A Seoul 구's name stays whole too: `중랑` is no 중 + 랑.
    """
    if (
        district(word) is not None
        and lexicon.cover(word) is not None
        and word not in lexicon.groups
    ):
        return word, []
    asked = next((w for w in _question_words(lexicon) if word.startswith(w)), None)
    if asked is not None and len(word) - len(asked) >= 2 and lexicon.cover(word) is None:
        # "누가관리함", "어디소관": a question word typed onto the word it asks about (a word
        # the report writes, or known words), not onto an ending ("언제까지죠").
        content, keywords = _split_keywords(word[len(asked) :], lexicon, index)
        if content is None or (len(content) >= 2 and index.writes(content)):
            return content, [asked, *keywords]
    bare = _bare(word, lexicon)
    if len(bare) >= 2 and bare not in lexicon.groups and index.writes(bare):
        # "대면으로만": a word the report writes, which the vocabulary reads only as letters
        # of its own (대 + 면), with its particles after it.
        apart, after = lexicon.cover(bare), lexicon.cover(word[len(bare) :]) or []
        if (
            apart is not None
            and all(len(w) == 1 for w in apart)
            # "과의", "고를", "도시": a particle in it reads the letters as words of their own
            and apart[0] not in lexicon.particles
            and apart[-1] not in lexicon.particles
            and apart[0] not in OFFICE_ENDINGS
            and "".join(after) == word[len(bare) :]
        ):
            return bare, after
    whole = lexicon.cover(word)
    stripped = lexicon.strip_particle(word)
    if whole is not None and stripped != word and _writes_across(stripped, whole, lexicon, index):
        # "면적은": a word the report writes, with its particle — never 면 + 적은 (less).
        return stripped, [word[len(stripped) :]]
    if whole is not None:
        return None, whole
    if lexicon.is_closing(word):
        return None, []
    named = index.candidates(word)
    if named and named[0].score >= WHOLE_WORD_SCORE:
        return word, []
    if len(word) >= MIN_NAME_END and index.ends_a_name(word):
        return word, []  # "숙의예산과" ends 시민숙의예산과: its 과 is no particle
    if stripped != word and (not named or named[0].score < WHOLE_WORD_SCORE):
        # "서울시민회의는": a name with its particle, never 서울시민회 + 의 + 는.
        bare = index.candidates(stripped)
        particle = word[len(stripped) :]
        if bare and bare[0].score >= WHOLE_WORD_SCORE and particle in lexicon.groups:
            return stripped, [particle]
    if (not named or named[0].score < NEAR_EXACT) and not index.writes(stripped):
        # "지출엑은", "예싼은": a mistyped known word, before a particle is split off it; a
        # word the report itself writes ("입주", "지원") is never taken for a typo.
        typo = lexicon.mistyped(stripped)
        if typo is not None:
            return None, [typo]
    stem = lexicon.predicate_stem(word)
    if stem is not None and not named:
        # "접수됐어": the stem says what happened; a stem of one letter ("받았어") says nothing.
        return _split_keywords(stem, lexicon, index) if len(stem) >= 2 else (None, [])
    for cut in range(1, len(word)):
        tail = lexicon.cover(word[cut:])
        if tail is not None and all(
            len(w) > SHORT_MEANINGFUL or lexicon.groups[w] & DETACHABLE for w in tail
        ):
            if cut < MIN_STEM and all(len(w) == 1 for w in tail):
                continue  # "숙의" is a word, not 숙 + the particle 의
            if (
                len(tail[0]) == 1 and lexicon.ends_in_particle_noun(word[: cut + 1])
                and not lexicon.ends_in_particle_noun(word[:cut])
            ):  # fmt: skip
                continue  # "화상회의(는)" is a meeting, not 화상회 + 의 ("회의의": 회의 + 의)
            if (
                len(tail[0]) == 1 and (len(tail) > 1 or len(word) - cut == 1)
                and (tail[0] not in lexicon.particles or len(tail) == 1)
                and cut >= MIN_STEM and _cuts_a_word(word[:cut], tail[0], index)
            ):  # fmt: skip
                # "온라인으로만", "온라인" are 온라인 (and its particles), not 온라 + 인 + …
                continue
            if tail == [word[-1]] and word[-1] in OFFICE_ENDINGS and not named:
                return word, []  # "복지과", "교통국": an office the report lacks, not 복지 + 과
            return word[:cut], tail
        if cut >= 2 and lexicon.is_closing(word[cut:]):
            return _split_keywords(word[:cut], lexicon, index)
    typo = None if index.writes(stripped) else lexicon.mistyped(stripped)
    if typo is not None:
        return None, [typo]
    return word, []


@lru_cache(maxsize=4)
def _question_words(lexicon: Lexicon) -> tuple[str, ...]:
    """Question words of two letters or more (누가, 어디, 언제, 얼마), longest first."""
    words = [w for w, groups in lexicon.groups.items() if "which" in groups and len(w) >= 2]
    return tuple(sorted(words, key=len, reverse=True))


# The longest word before 과 still read as the name of a 과 when the report writes the word.
OFFICE_STEM = 2


def _cuts_a_word(head: str, letter: str, index: EntityIndex) -> bool:
    """Whether the report writes `head` only ever followed by `letter` (온라 → 온라인): a cut
    there splits a word of the report."""
    count = index.written.count(head)
    return count > 0 and index.written.count(head + letter) == count


def _bare(word: str, lexicon: Lexicon) -> str:
    """A word without the particles after it, however many (`대면으로만` → 대면)."""
    stripped = lexicon.strip_particle(word)
    while stripped != word:
        word, stripped = stripped, lexicon.strip_particle(stripped)
    return word


def _writes_across(stripped: str, cover: list[str], lexicon: Lexicon, index: EntityIndex) -> bool:
    """Whether the known words of a cover cut through a word the report writes, which no known
    word reads whole (`면적` in 면 + 적은)."""
    return (
        len(stripped) >= 2
        and len(cover[0]) < len(stripped)
        and index.writes(stripped)
        and lexicon.cover(stripped) is None
    )


def _with_word_before(
    span: tuple[int, int, Key], joined: str, starts: list[int], index: EntityIndex
) -> tuple[int, int, Key]:
    """A name said short, after a word that makes it the full name mistyped ("서울식 NPO지원센터
    운영"): the span takes that word in."""
    start, end, key = span
    if key.how != "spoken" or start == 0 or start not in starts:
        return span
    before = starts[starts.index(start) - 1]
    found = index.candidates(joined[before:end])
    if found and found[0].entity == key.entity and found[0].how == "typo":
        return before, end, key
    return span


def _continues_name(raw: list[str], word: str, index: EntityIndex) -> bool:
    before = index.candidates("".join(raw))
    after = index.candidates("".join(raw) + word)
    return (
        bool(after)
        and after[0].score >= NEAR_EXACT
        and (not before or after[0].score > before[0].score)
    )


def _resolve_run(
    run: list[str],
    raw: list[str],
    orders: list[int],
    reading: Scan,
    lexicon: Lexicon,
    index: EntityIndex,
    segment: int,
) -> None:
    """Read neighbouring unknown words as one name if they make one, else word by word."""
    if not run:
        return
    words, each = [], []
    for word in run:
        # "서울시민회의" ends in 의 but is a name: keep whichever form names something better.
        stripped = lexicon.strip_particle(word)
        found = index.candidates(word)
        office = word[-1] in OFFICE_ENDINGS and len(word) >= MIN_STEM + 1
        if stripped != word and not (len(word) >= MIN_NAME_END and index.ends_a_name(word)):
            found_stripped = index.candidates(stripped)
            # (a word the report writes, with 과 after it, is that word and its particle:
            # "위탁기간과 위탁금액")
            # ("교육과 예산": a short word and 과 may be a 과 the report lacks, said so)
            keep = (
                office
                and not found_stripped
                and (len(stripped) <= OFFICE_STEM or stripped not in index.written)
            )
            if not keep and (not found or (found_stripped
                                          and found_stripped[0].score > found[0].score)):  # fmt: skip
                word, found = stripped, found_stripped
        words.append(word)
        each.append(found)
    reading.words.extend(words)
    if len(run) > 1:
        joined, candidates = _best_joined(run, raw, index)
        if candidates and _joined_reads_better(words, each, candidates):
            reading.mentions.append(Mention(joined, candidates, segment, orders[0], tuple(words)))
            return
    before: set = set()  # the one name the word just before settled on
    for word, candidates, order in zip(words, each, orders, strict=True):
        named = {c.entity for m in reading.mentions for c in m.best}
        # A word that only points back at a name already given ("NPO입주협업공간 입주") says
        # what is asked about it, so it is kept as a word, not as a second mention; so is one
        # that fits the name the word before settled on about as well as any ("주민자치회
        # 활동지원": the rest of that name, not another line that also says 활동 지원).
        leading = {c.entity for c in leaders(candidates)}
        continues = any(c.entity in before and c.score >= candidates[0].score - AMBIGUITY
                        for c in candidates)  # fmt: skip
        before = set()
        # "사회협력하는 사업": a 과's name made a verb describes what is done, not the 과.
        doing = word.endswith("하") and bool(leading) and all(e.kind == "division" for e in leading)
        if candidates and not leading <= named and not continues and not doing:
            if len(leading) == 1:
                before = leading
            reading.mentions.append(Mention(word, candidates, segment, order, (word,)))
        elif DATE_WORD.fullmatch(word) is None:
            reading.unknown.append(word)
            reading.unknown_places.append(Unknown(word, segment, order))
