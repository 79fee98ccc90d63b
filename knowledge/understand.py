"""Reading a question: which entities it names, which keywords it uses, what is left unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.lexicon import Lexicon
from knowledge.match import EXACT, Candidate, EntityIndex, leaders
from knowledge.normalize import clean, compact

MONTH = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*월")
COUNT_UNIT = re.compile(r"몇\s*(개소|개|명|건|회|곳|번|석|실|팀)")
TOP_N = re.compile(r"(?:상위|하위|top|TOP|Top)\s*(\d{1,2})|(\d{1,2})\s*(?:개|곳|위|건)(?:만|까지)?")
# A keyword suffix only splits from a word when it is a filler or a word of two syllables or more:
# "교통국" must stay one unknown word, not "교통" + the bureau keyword "국".
SHORT_MEANINGFUL = 1
# A run of neighbouring words is read as one name only when it fits this well.
RUN_SCORE = 85.0


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

    tokens = [compact(token) for token in cleaned.split()]
    tokens = [t for t in tokens if t]
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
    for word in [*words, None]:
        if word is None:
            _resolve_run(run, reading, lexicon, index)
            run = []
            continue
        content, keywords = _split_keywords(word, lexicon, index)
        reading.keywords.extend(keywords)
        if content:
            run.append(content)
        if keywords and content is None:
            _resolve_run(run, reading, lexicon, index)
            run = []
        elif keywords:
            # Keywords after a content word end the run: "서울시민회의 위원 몇 명" keeps 위원 apart.
            _resolve_run(run, reading, lexicon, index)
            run = []
    reading.groups = lexicon.groups_of(reading.keywords)
    return reading


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
    if named and named[0].score >= RUN_SCORE:
        return word, []
    for cut in range(1, len(word)):
        tail = lexicon.cover(word[cut:])
        if tail is not None and all(
            len(w) > SHORT_MEANINGFUL or "filler" in lexicon.groups[w] for w in tail
        ):
            return word[:cut], tail
    return word, []


def _resolve_run(run: list[str], reading: Reading, lexicon: Lexicon, index: EntityIndex) -> None:
    """Read neighbouring unknown words as one name if they make one, else word by word."""
    if not run:
        return
    words = [lexicon.strip_particle(word) for word in run]
    each = [index.candidates(word) for word in words]
    if len(run) > 1:
        joined = "".join(run)
        candidates = index.candidates(joined)
        best_single = max((c[0].score for c in each if c), default=0.0)
        # "NPO 지원센터 운영" is one name; "NPO입주협업공간 입주" is a name and a word about it.
        if (
            candidates
            and candidates[0].score >= RUN_SCORE
            and (candidates[0].how == "contained" or candidates[0].score >= best_single + 2)
        ):
            reading.mentions.append(Mention(joined, candidates))
            return
    for word, candidates in zip(words, each, strict=True):
        if candidates:
            reading.mentions.append(Mention(word, candidates))
        else:
            reading.unknown.append(word)
