"""Reading a question: which entities it names, which keywords it uses, what is left unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from knowledge.hangul import disassemble
from knowledge.lexicon import Lexicon
from knowledge.match import AMBIGUITY, EXACT, Candidate, EntityIndex, leaders
from knowledge.normalize import clean, compact

MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*월")
DATE_WORD = re.compile(r"\d{1,4}(?:년|월|일)?")
COUNT_UNIT = re.compile(r"몇\s*(개소|개|명|건|회|곳|번|석|실|팀)")
TOP_N = re.compile(r"(?:상위|하위|top|TOP|Top)\s*(\d{1,2})|(\d{1,2})\s*(?:개|곳|위|건)(?:만|까지)?")
# A keyword suffix only splits from a word when it is a filler or a word of two syllables or more:
# "교통국" must stay one unknown word, not "교통" + the bureau keyword "국".
SHORT_MEANINGFUL = 1
ANY_COUNTER = "*"  # "위원 수": some number with a counter, whichever
DETACHABLE = frozenset({"filler", "count", "count_people"})
# A run of neighbouring words is read as one name only when it fits this well.
RUN_SCORE = 85.0
# A word that fits a name this well is not split into a name part and a keyword.
WHOLE_WORD_SCORE = 82.0
# A run that reads as a name this closely is that name, even when one word already found it.
NEAR_EXACT = 92.0


@dataclass
class Mention:
    """One place in the question that names an entity, with the entities it may be."""

    text: str
    candidates: list[Candidate]

    @property
    def best(self) -> list[Candidate]:
        return leaders(self.candidates)


@dataclass
class Reading:
    """What a question says, before deciding what to answer."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    groups: set[str] = field(default_factory=set)
    unknown: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # every content word, named or not
    month: int | None = None
    top_n: int | None = None
    unit: str | None = None  # the counter asked for: "몇 건" → 건

    def has(self, *groups: str) -> bool:
        return any(g in self.groups for g in groups)


def read(text: str, lexicon: Lexicon, index: EntityIndex) -> Reading:
    """Split a question into entity mentions, keywords and unknown words."""
    cleaned = clean(text)
    reading = Reading(text=cleaned)
    month = MONTH.search(cleaned)
    reading.month = int(month.group(1)) if month else None
    unit = COUNT_UNIT.search(cleaned)
    reading.unit = unit.group(1) if unit else None
    top = TOP_N.search(cleaned)
    if top:
        reading.top_n = int(top.group(1) or top.group(2))

    tokens = _merge_single_letters([compact(token) for token in cleaned.split()], lexicon.leading)
    joined = "".join(tokens)
    spans = index.exact_spans(joined)
    covered = [False] * len(joined)
    for start, end, key in spans:
        for i in range(start, end):
            covered[i] = True
        how = "alias" if key.how == "alias" else "exact"
        reading.mentions.append(Mention(joined[start:end], [Candidate(key.entity, EXACT, how)]))

    # Words between the exact names, token by token, in order; None separates runs.
    words: list[str | None] = []
    offset = 0
    for token in tokens:
        piece = ""
        for i, char in enumerate(token):
            if covered[offset + i]:
                if piece:
                    words.append(piece)
                    piece = ""
                words.append(None)
            else:
                piece += char
        if piece:
            words.append(piece)
        offset += len(token)

    run: list[str] = []
    raw: list[str] = []  # the same words before keywords were split off them
    for word in [*words, None]:
        if word is None:
            _resolve_run(run, raw, reading, lexicon, index)
            run, raw = [], []
            continue
        content, keywords = _split_keywords(word, lexicon, index)
        reading.keywords.extend(keywords)
        if content:
            run.append(content)
            raw.append(word)
        if content is None and not all(lexicon.groups[k] == {"filler"} for k in keywords):
            # A keyword on its own ends the run ("혁신파크 예산 조성" is not one name); a filler
            # does not, nor does a keyword stuck to a word ("시빈참여예산 운영" may be one name).
            _resolve_run(run, raw, reading, lexicon, index)
            run, raw = [], []
    reading.groups = lexicon.groups_of(reading.keywords)
    _demote_weak_mentions(reading)
    counted = [lexicon.counters[k] for k in reading.keywords if k in lexicon.counters]
    if reading.unit is None and counted:
        reading.unit = counted[0]
    if reading.unit is None:
        reading.unit = _implied_unit(reading, lexicon)
    return reading


def _demote_weak_mentions(reading: Reading) -> None:
    """With one sure name, a loose second match is a word about it, not a second subject.

    "자치구 시민행복 증진사업 지원 규모" names the 시민행복 project; 자치구 only happens to be
    part of another line's name. Comparisons ("A vs B", "A랑 B") keep both.
    """
    if len(reading.mentions) < 2 or reading.has("compare", "conjunction"):
        return
    strongest = max(reading.mentions, key=lambda m: (m.best[0].score, len(m.text)))
    if strongest.best[0].score < 95:
        return
    for mention in list(reading.mentions):
        if mention is not strongest and mention.best[0].score < 90:
            reading.mentions.remove(mention)
            reading.unknown.append(mention.text)


def _implied_unit(reading: Reading, lexicon: Lexicon) -> str | None:
    """The counter a question implies without "몇": people for 인원, money for 금액 or 규모."""
    if reading.has("count_people", "personnel"):
        return "명"
    if reading.has("budget") or any(k in lexicon.money for k in reading.keywords):
        return "원"
    if any(w.endswith(lexicon.money) for w in reading.words):
        return "원"
    if reading.has("count"):
        return ANY_COUNTER
    return None


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
    if top.score < RUN_SCORE or not all(_inside(w, name) for w in words):
        return False  # "마을공동체종합지원센터 위탁기간": 기간 is asked about, not part of a name
    settled = set().union(*(_names(c) for c in each if c and len(_names(c)) == 1))
    if name in settled and top.score < NEAR_EXACT:
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


def _merge_single_letters(tokens: list[str], leading_letters: frozenset[str]) -> list[str]:
    """`시 민 숙 의 예 산 과` → `시민숙의예산과`; `집행 안 된` → `집행안된`; `어느 과` → `어느과`.

    A one-letter word is letter-spacing or a word that only means something with its neighbour.
    """
    merged: list[str] = []
    leading = ""
    for token in tokens:
        if not token:
            continue
        if token in leading_letters:
            # "몇 개소", "총 예산": these open the next word rather than close the last one.
            leading += token
        elif merged and len(token) == 1 and not leading:
            merged[-1] += token
        else:
            merged.append(leading + token)
            leading = ""
    if leading:
        merged.append(leading)
    return merged


def _split_keywords(
    word: str, lexicon: Lexicon, index: EntityIndex
) -> tuple[str | None, list[str]]:
    """`엠보팅은` → (`엠보팅`, [`은`]); `집행율` → (None, [`집행율`]); `교통국` → (`교통국`, []).

    A word that is itself most of a name stays whole: `참여예산` is not `참여` + `예산`.
    """
    whole = lexicon.cover(word)
    if whole is not None:
        return None, whole
    named = index.candidates(word)
    if named and named[0].score >= WHOLE_WORD_SCORE:
        return word, []
    for cut in range(1, len(word)):
        tail = lexicon.cover(word[cut:])
        if tail is not None and all(
            len(w) > SHORT_MEANINGFUL or lexicon.groups[w] & DETACHABLE for w in tail
        ):
            return word[:cut], tail
    return word, []


def _resolve_run(
    run: list[str], raw: list[str], reading: Reading, lexicon: Lexicon, index: EntityIndex
) -> None:
    """Read neighbouring unknown words as one name if they make one, else word by word."""
    if not run:
        return
    words, each = [], []
    for word in run:
        # "서울시민회의" ends in 의 but is a name: keep whichever form names something better.
        stripped = lexicon.strip_particle(word)
        found = index.candidates(word)
        if stripped != word:
            found_stripped = index.candidates(stripped)
            if not found or (found_stripped and found_stripped[0].score > found[0].score):
                word, found = stripped, found_stripped
        words.append(word)
        each.append(found)
    reading.words.extend(words)
    if len(run) > 1:
        joined, candidates = _best_joined(run, raw, index)
        if candidates and _joined_reads_better(words, each, candidates):
            reading.mentions.append(Mention(joined, candidates))
            return
    for word, candidates in zip(words, each, strict=True):
        named = {c.entity for m in reading.mentions for c in m.best}
        # A word that only points back at a name already given ("NPO입주협업공간 입주") says
        # what is asked about it, so it is kept as a word, not as a second mention.
        if candidates and not {c.entity for c in leaders(candidates)} <= named:
            reading.mentions.append(Mention(word, candidates))
        elif DATE_WORD.fullmatch(word) is None:
            reading.unknown.append(word)
