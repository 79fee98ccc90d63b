"""Claims in a pasted text: each figure, planned month, duty or fact the report cannot hold,
tied by the words around it to what it is about. Reading only; nothing here looks at figures.

A text is read sentence by sentence and each sentence clause by clause (a comma or a joining
ending such as 접수해, 운영 중이고 ends a clause). A figure is about the nearest name before it in
its sentence and means the nearest measure words before it that fit its unit (else the nearest
after it in its clause); its own words are those of its clause between it and its neighbours.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from knowledge.claims.figures import (
    MONEY_UNIT,
    PEOPLE_UNIT,
    RATE_UNIT,
    Anchor,
    Written,
    find_anchors,
)
from knowledge.claims.words import ClaimWords
from knowledge.measures import Measures
from knowledge.reading.catalog import Catalog
from knowledge.reading.lexicon import FILLER, MEASURE, RATE, Lexicon
from knowledge.reading.normalize import clean, compact
from knowledge.reading.quantities import GAP
from knowledge.reading.question import Subject
from knowledge.reading.scan import scan
from knowledge.reading.subjects import Subjects
from knowledge.report.dates import dated_spans

FIGURE = "figure"
MONTH = "month"
DUTY = "duty"
UNHELD = "unheld"
RANK = "rank"
DAY = "day"
# A day or a span of days a draft writes out: "8월 9일부터 8월 27일까지", "9월 1일", "8월 27~28일".
DAYS_WRITTEN = re.compile(
    r"(?:(?P<y>(?:20)?\d{2})년\s*)?(?P<m1>1[0-2]|[1-9])월\s*(?P<d1>[12]\d|3[01]|[1-9])일?"
    r"(?:\s*(?:부터|~|∼|-|–)\s*(?:(?P<y2>(?:20)?\d{2})년\s*)?"
    r"(?:(?P<m2>1[0-2]|[1-9])월\s*)?(?P<d2>[12]\d|3[01]|[1-9])일)?"
    r"(?=\s|$|[^\d])"
)
# "5개 과 중 가장 낮습니다", "예산 젤 큰 건 …", "두번째가 …": a place in an order the text
# states; the set may be said before it ("시민참여과 사업 중에").
RANKED = re.compile(
    r"(?:(?<!\S)(?P<set>[가-힣A-Za-z0-9]+(?:\s[가-힣A-Za-z0-9]+){0,2})\s*(?:중|가운데)(?:에서|에)?\s+(?:\S+\s+){0,2}?)?"
    r"(?:(?P<top>가장|제일|젤)|(?P<nth>[2-9]|두|세|네|다섯)\s*(?:번째|위)(?:로)?)"
    r"\s*(?P<way>높|낮|크|큰|큼|커|작|많|적)?"
)
ORDINALS = {"두": 2, "세": 3, "네": 4, "다섯": 5}
HIGH_WAYS = frozenset("높크큰큼커많")
# After the order, a word that stands for the thing ranked ("큰 건 민주시민교육 추진(…)",
# "두번째가 …"): the figure it is about comes after; otherwise the one before ("41.0%로 … 가장
# 낮습니다").
RANKED_NEXT = re.compile(r"^(?:\S?\s*(?:건|게|거|것|곳)|가\s|는\s|은\s|로\s|인\s)")
# A name found this well is what its sentence is about; below it, a word merely resembles one.
SURE_SCORE = 85.0
# The bureau's revenue is the revenue table's 합계 row.
REVENUE_TOTAL = Subject("revenue", "합계")
SENTENCE_END = re.compile(r"(?<=[가-힣A-Za-z)\]」』”\"'][.!?。])\s+")
# A note in brackets right after a figure ("6개(신규3, 재지정3) 기업·단체 지정") is skipped.
BRACKETED = re.compile(r"\s*\([^()]*\)")
# A bracket a date may stand in ("(’21.8.9.~8.28.)").
BRACKETED_DATE = re.compile(r"\([^()]{2,30}\)")
# A span written as the report writes dates, out of brackets: "’21. 11. 21.부터 ’23. 12. 31.까지".
WRITTEN_SPAN = re.compile(
    r"[’']\s*\d{2}\.\s*\d{1,2}\.\s*\d{1,2}\.?\s*(?:부터|~|∼)\s*"
    r"(?:[’']\s*\d{2}\.\s*)?\d{1,2}\.\s*\d{1,2}\.?"
)
# A span of days written with dots and no year: "8.9~8.27", "9. 1.~9. 30." (not decimals: both
# ends are a month and a day, joined by ~ or 부터).
DOTTED_SPAN = re.compile(
    r"(?<![\d.’'])(?P<m1>1[0-2]|0?[1-9])\.\s?(?P<d1>[12]\d|3[01]|0?[1-9])\.?\s*(?:부터|~|∼|～)\s*"
    r"(?:(?P<m2>1[0-2]|0?[1-9])\.\s?)?(?P<d2>[12]\d|3[01]|0?[1-9])\.?(?![\d%])"
)
WORD = re.compile(r"[^\s,.;:!?()\[\]{}「」『』“”\"'/~⇒→—<>|]+")
LAST = float("inf")


@dataclass(frozen=True)
class Claim:
    """One thing a text states that the report may confirm: its kind, place and what it is about."""

    kind: str  # figure | month | duty | unheld
    position: int  # where it starts in the text: claims are answered in this order
    written: str  # as the text writes it, quoted in the reply
    figure: Written | None = None
    months: tuple[int, int] | None = None
    subjects: tuple[Subject, ...] = ()  # what it is about: one, or the things a name fits
    projects: tuple[int, ...] = ()  # the Ⅲ projects its sentence names
    measures: tuple[str, ...] = ()  # the measures its words name, fitted to its unit
    generic: bool = False  # only general words (예산, 규모) name the measure
    year: int | None = None  # the year it is said of
    outlook: bool = False  # said of the year's end (연말, 전망)
    scheduled: bool = False  # a month in a clause about planned work (열린다, 개최)
    change: bool = False  # a change between years (늘었다)
    decrease: bool = False  # the change is a fall (줄었다, 감소)
    counted: str = ""  # the word right after a count ("5개 과": 과)
    gap: bool = False  # "A보다 26억원 많다": a difference between two things
    label: tuple[str, ...] = ()  # its own words, from its clause
    total: bool = False  # "총 114회": the total of parts
    topic: tuple[str, ...] = ()  # the words of its sentence
    division: str | None = None  # for a duty: the 과 the text names
    named: str = ""  # what the reply calls its subject when the text names nothing checkable
    rank: tuple[int, bool] | None = None  # a place in an order: (1 = first, highest first)
    basis: Claim | None = None  # for a place in an order, the figure claim it ranks
    days: tuple[date, date] | None = None  # a day or span of days said (first, last)


@dataclass
class _Element:
    """A name, known word or unknown word of a sentence, at its place among the anchors."""

    key: tuple[int, int, float]  # (clause, piece between anchors, order within it)
    kind: str  # mention | keyword | unknown
    word: str
    subjects: tuple[Subject, ...] = ()
    score: float = 0.0


@dataclass
class _Phrase:
    """Neighbouring measure words read together ("지출 집행률")."""

    words: list[str] = field(default_factory=list)
    first: tuple[int, int, float] = (0, 0, 0.0)
    last: tuple[int, int, float] = (0, 0, 0.0)


class Extractor:
    """Finds claims with the reader's pieces: its figure patterns, its scanner and its names."""

    def __init__(
        self,
        lexicon: Lexicon,
        catalog: Catalog,
        measures: Measures,
        subjects: Subjects,
        words: ClaimWords,
    ) -> None:
        self.lexicon = lexicon
        self.catalog = catalog
        self.measures = measures
        self.subjects = subjects
        self.words = words
        self.report_year = catalog.as_of.year
        self._changes: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.projects_of_division: dict[str, tuple[int, ...]] = {}
        for entity in catalog.entities:
            if entity.kind == "project" and entity.division:
                self.projects_of_division.setdefault(entity.division, ())
                self.projects_of_division[entity.division] += (int(entity.ref),)

    def claims(self, text: str) -> list[Claim]:
        """Every claim of a text, in its order. A line that names something and states no
        figure ("□ 시민협력국 현황") is a heading: the lines under it are about what it names
        when they name nothing themselves."""
        found: list[Claim] = []
        offset = 0
        heading: tuple[Subject, ...] = ()
        for line in text.splitlines(keepends=True):
            cleaned = clean(line)
            start = 0
            sentences = []
            for piece in SENTENCE_END.split(cleaned):
                if piece.strip():
                    sentences.append(_Sentence(self, piece, offset + start, heading))
                start += len(piece) + 1
            for sentence in sentences:
                found += sentence.claims()
            named = [s.named_subjects() for s in sentences if s.named_subjects()]
            if named and not any(s.anchors for s in sentences):
                heading = named[-1]
            offset += len(line)
        return sorted(found, key=lambda c: c.position)

    # --- words ---------------------------------------------------------------------------------

    def content_words(self, text: str) -> list[str]:
        """The words of a stretch of text worth comparing: compact, endings off, no fillers."""
        kept = []
        for token in WORD.findall(text):
            word = self.words.stem(compact(token))
            if len(word) < 2 or word.isdigit() or word in self.words.endings:
                continue
            if self.lexicon.groups.get(word) == frozenset({FILLER}):
                continue
            kept.append(word)
        return kept

    def has_total(self, text: str) -> bool:
        return any(compact(token) in self.words.totals for token in WORD.findall(text))

    def holds_any(self, text: str, words: tuple[str, ...]) -> bool:
        written = compact(text)
        return any(word in written for word in words)

    def measure_word(self, word: str) -> str | None:
        """The known measure or rate word a scanned word is, with an ending taken off if need be."""
        for form in (word, self.words.stem(word), self.lexicon.strip_particle(word)):
            if form in self.words.approximate:
                return None  # "300억원 규모": a rounded figure, not a 예산 규모
            groups = self.lexicon.groups.get(form, frozenset())
            if MEASURE in groups or RATE in groups:
                return form
        return None

    def phrase_measures(self, words: list[str]) -> tuple[tuple[str, ...], bool]:
        """The measures a phrase names, and whether only general words name them."""
        lexicon = self.lexicon

        def generic(word: str) -> bool:
            return word in lexicon.generic or lexicon.strip_particle(word) in lexicon.generic

        rated = any(RATE in lexicon.groups[w] for w in words)
        specific = [m for w in words if not generic(w) for m in lexicon.measures.get(w, ())]
        general = [m for w in words if generic(w) for m in lexicon.measures.get(w, ())]
        named = specific or general
        if rated:
            rates = [m for m in named if self.measures[m].is_rate]
            rates += [lexicon.rate_of[m] for m in named if m in lexicon.rate_of]
            named = rates or ["committed_rate", "spent_rate"]
        return tuple(dict.fromkeys(named)), not specific

    def fit(self, measures: tuple[str, ...], unit: str) -> tuple[str, ...]:
        """The measures in a figure's unit: a rate word for a rate, an amount for an amount."""
        fitted = []
        for name in measures:
            if self.measures[name].unit == unit:
                fitted.append(name)
            elif unit == RATE_UNIT and name in self.lexicon.rate_of:
                fitted.append(self.lexicon.rate_of[name])
        return tuple(dict.fromkeys(fitted))

    def change_words(self, kinds: tuple[str, ...]) -> tuple[str, ...]:
        """Words of the lexicon's increase and decrease groups ("늘었", "감소"), found once."""
        if kinds not in self._changes:
            self._changes[kinds] = tuple(
                w for w, g in self.lexicon.groups.items() if set(kinds) & g and len(w) >= 2
            )
        return self._changes[kinds]

    def projects_of(self, subjects: tuple[Subject, ...]) -> tuple[int, ...]:
        found: list[int] = []
        for subject in subjects:
            if subject.kind == "division":
                found += self.projects_of_division.get(subject.name, ())
            elif subject.project_no is not None:
                found.append(subject.project_no)
        return tuple(dict.fromkeys(found))


class _Sentence:
    """One sentence: its anchors, its clauses, the names and words scanned in each clause."""

    def __init__(
        self, extractor: Extractor, text: str, offset: int, heading: tuple[Subject, ...] = ()
    ) -> None:
        self.x = extractor
        self.text = text
        self.offset = offset
        self.heading = heading
        self.anchors = find_anchors(text, extractor.words, extractor.report_year)
        self.clauses = self._clauses()
        self.elements: list[_Element] = []
        self.anchor_keys: dict[int, tuple[int, int, float]] = {}
        self.written = [compact(self.text[a:b]) for a, b in self.clauses]
        for number, (start, end) in enumerate(self.clauses):
            self._scan_clause(number, start, end)
        self.elements.sort(key=lambda e: e.key)
        self.phrases = self._phrases()
        self.bases = self._rate_bases()
        self.paired = self._respectively()

    # --- reading the sentence ------------------------------------------------------------------

    def _clauses(self) -> list[tuple[int, int]]:
        """Clause boundaries: separators (not a comma inside a number) and joining endings."""
        cuts = set()
        for separator in self.x.words.separators:
            for match in re.finditer(re.escape(separator), self.text):
                inside_number = (
                    separator == ","
                    and match.start() > 0
                    and self.text[match.start() - 1].isdigit()
                    and self.text[match.end() : match.end() + 1].isdigit()
                )
                if not inside_number:
                    cuts.add(match.end())
        ends = {a.end for a in self.anchors}
        previous_end = -1
        for match in re.finditer(r"\S+", self.text):
            token = compact(match.group())
            after_figure = any(previous_end <= end <= match.start() for end in ends)
            if (
                self.x.words.joins_clauses(token)
                or token in self.x.words.among
                or (token in self.x.words.right_after and after_figure)
            ):
                cuts.add(match.end())
            previous_end = match.end()
        cuts = {c for c in cuts if not any(a.start < c < a.end for a in self.anchors)}
        bounds = [0, *sorted(cuts), len(self.text)]
        return [(a, b) for a, b in itertools.pairwise(bounds) if self.text[a:b].strip()]

    def _scan_clause(self, number: int, start: int, end: int) -> None:
        inside = [a for a in self.anchors if start <= a.start < end]
        pieces, last = [], start
        for gap, anchor in enumerate(inside):
            pieces.append(self.text[last : anchor.start])
            last = anchor.end
            self.anchor_keys[anchor.start] = (number, gap, LAST)
        pieces.append(self.text[last:end])
        found = scan(GAP.join(pieces), self.x.lexicon, self.x.catalog.index)
        for mention in found.mentions:
            best = mention.best
            resolved = self.x.subjects.resolve(mention, ())
            self.elements.append(
                _Element((number, mention.segment, mention.order), "mention", mention.text,
                         resolved.subjects, best[0].score if best else 0.0)
            )  # fmt: skip
        for place in found.places:
            self.elements.append(
                _Element((number, place.segment, place.order), "keyword", place.word)
            )
        for unknown in found.unknown_places:
            self.elements.append(
                _Element((number, unknown.segment, unknown.order), "unknown", unknown.word)
            )

    def _phrases(self) -> list[_Phrase]:
        """Measure words that stand together; a particle or any other word ends a phrase."""
        phrases: list[_Phrase] = []
        current = _Phrase()

        def close() -> None:
            nonlocal current
            if current.words:
                phrases.append(current)
            current = _Phrase()

        for element in self.elements:
            word = self.x.measure_word(element.word) if element.kind != "mention" else None
            if word is not None and word not in self.written[element.key[0]]:
                # A measure word the scanner took for a typo of another ("전액" for 잔액) is a
                # guess; a pasted text means the words it writes.
                word = None
            if word is not None:
                if current.words and current.last[:2] != element.key[:2]:
                    close()
                if not current.words:
                    current.first = element.key
                current.words.append(word)
                current.last = element.key
                continue
            groups = self.x.lexicon.groups.get(element.word, frozenset())
            quiet = element.kind == "keyword" and groups == {FILLER}
            if quiet and element.word not in self.x.lexicon.particles:
                continue
            close()
        close()
        return phrases

    def key(self, anchor: Anchor) -> tuple[int, int, float]:
        return self.anchor_keys[anchor.start]

    def clause_of(self, anchor: Anchor) -> tuple[int, int]:
        return self.clauses[self.key(anchor)[0]]

    def window(self, anchor: Anchor) -> tuple[str, str]:
        """The text of its clause before it (back to the last anchor) and after it (to the next)."""
        start, end = self.clause_of(anchor)
        before = [a.end for a in self.anchors if start <= a.end <= anchor.start]
        after = [a.start for a in self.anchors if anchor.end <= a.start < end]
        return (
            self.text[max(before, default=start) : anchor.start],
            self.text[anchor.end : min(after, default=end)],
        )

    def _shared_after(self, anchor: Anchor) -> str:
        """`30개 단체 53명이 선정·입주했습니다`: two figures side by side share the words after
        the second."""
        _, end = self.clause_of(anchor)
        following = [a for a in self.anchors if anchor.end <= a.start < end]
        if not following or self.text[anchor.end : following[0].start].strip():
            return ""
        return self.window(following[0])[1]

    def _past_bracket(self, anchor: Anchor, end: int) -> str:
        """`23개(신규 19, 재입주 13)가 선정되었습니다`: the words a figure's bracket is followed by
        (to the next figure of its clause) say what it counts; the bracket only splits it up."""
        bracket = BRACKETED.match(self.text, anchor.end)
        if bracket is None:
            return ""
        # (a comma inside the bracket ends a clause: the words after it are in the next one)
        end = next((e for s, e in self.clauses if s <= bracket.end() < e), end)
        after = [a.start for a in self.anchors if bracket.end() <= a.start < end]
        return self.text[bracket.end() : min(after, default=end)]

    # --- what an anchor is about ---------------------------------------------------------------

    def subjects_before(self, anchor: Anchor) -> tuple[tuple[Subject, ...], str]:
        """The nearest thing named before an anchor in its sentence: a sure name, the bureau
        word, or the revenue word (the bureau's own revenue is the revenue table's 합계)."""
        if anchor.start in self.paired:
            subjects, named = self.paired[anchor.start]
            return subjects, self.typed(named) if named else ""
        key = self.key(anchor)
        revenue = False
        for element in reversed([e for e in self.elements if e.key < key]):
            groups = self.x.lexicon.groups.get(element.word, frozenset())
            if element.kind == "keyword" and "revenue" in groups:
                revenue = True
                if not any(e.kind == "mention" and e.score >= SURE_SCORE and e.key < element.key
                           and any(s.kind in ("bureau", "revenue") for s in e.subjects)
                           for e in self.elements):  # fmt: skip
                    return (REVENUE_TOTAL,), "세입"
                continue
            if element.kind == "mention" and element.score >= SURE_SCORE and element.subjects:
                if revenue and any(s.kind == "bureau" for s in element.subjects):
                    return (REVENUE_TOTAL,), "세입"
                return element.subjects, self.typed(self._bare(element))
            if element.word in self.x.words.bureau:
                bureau = Subject("bureau", self.x.catalog.bureau)
                return ((REVENUE_TOTAL,) if revenue else (bureau,)), self.x.catalog.bureau
        if revenue:
            return (REVENUE_TOTAL,), "세입"
        if self.heading:
            return self.heading, _display(self.heading)
        return (), ""

    def named_subjects(self) -> tuple[Subject, ...]:
        """What the sentence names for sure, the last one (a heading's subject)."""
        sure = [e for e in self.elements if e.kind == "mention" and e.score >= SURE_SCORE]
        return sure[-1].subjects if sure else ()

    def _respectively(self) -> dict[int, tuple[tuple[Subject, ...], str]]:
        """`A과와 B과의 정원은 각각 23명, 15명`: the names before 각각 and the figures after it,
        paired in order when there are as many of each."""
        marks = [e for e in self.elements if e.kind != "mention"
                 and self.x.lexicon.strip_particle(e.word) in self.x.words.respectively]  # fmt: skip
        if not marks:
            return self._listed_before_figures()
        mark = marks[0].key
        names = self._listed([e for e in self.elements if e.key < mark])
        figures = [a for a in self.anchors if a.figure is not None and self.key(a) > mark]
        if len(names) < 2 or len(names) != len(figures):
            # "A과와 문화본부의 예산은 각각 …": whose each figure is cannot be told.
            return {a.start: ((), "") for a in figures}
        return {a.start: (n.subjects, n.word) for a, n in zip(figures, names, strict=True)}

    def _listed(self, elements: list[_Element]) -> list[_Element]:
        """The distinct things named for sure, leaving out a 과 or the bureau named only as the
        owner of another name ("갈등관리협치과 NPO입주협업공간 운영")."""
        names: list[_Element] = []
        for element in elements:
            if (element.kind == "mention" and element.score >= SURE_SCORE and element.subjects
                    and element.subjects not in [n.subjects for n in names]):  # fmt: skip
                names.append(element)
        owners = {s.division for n in names for s in n.subjects if s.kind != "division"}
        return [n for n in names if not any(
            s.kind == "bureau" or (s.kind == "division" and s.name in owners) for s in n.subjects
        ) or len(names) == 1]  # fmt: skip

    def _joined(self, names: list[_Element]) -> bool:
        """Whether names stand side by side, with nothing but 와/및/a comma between them
        ("세외수입 중 임시적세외수입" names a part of a whole, not two things)."""
        for first, second in itertools.pairwise(names):
            for element in self.elements:
                if not first.key < element.key < second.key:
                    continue
                groups = self.x.lexicon.groups.get(element.word, frozenset())
                if element.kind != "keyword" or not groups <= {FILLER, "conjunction"}:
                    return False
        return True

    def _listed_before_figures(self) -> dict[int, tuple[tuple[Subject, ...], str]]:
        """`시민참여과와 사회협력과의 정원은 23명, 30명`: names listed together before the
        figures are paired with them in order; with a different number of figures (a sum, a
        gap) whose each figure is cannot be told."""
        figures = [a for a in self.anchors if a.figure is not None]
        if not figures:
            return {}
        first = self.key(figures[0])
        names = self._listed([e for e in self.elements if e.key < first])
        if len(names) < 2 or not self._joined(names):
            return {}
        later = [e for e in self.elements if e.kind == "mention" and e.score >= SURE_SCORE
                 and e.key > first]  # fmt: skip
        end = later[0].key if later else (len(self.clauses), 0, LAST)
        following = [a for a in figures if self.key(a) < end]
        if len(following) == len(names):
            return {a.start: (n.subjects, n.word) for a, n in zip(following, names, strict=True)}
        return {a.start: ((), "") for a in following}

    def measures_for(self, anchor: Anchor, unit: str) -> tuple[tuple[str, ...], bool]:
        """The nearest measure words before the anchor in its clause that fit its unit, else
        the nearest after it in its clause ("8,050,000천원 중 8,140,000천원을 지출하여": the
        part's own verb), else the nearest in the clauses before."""
        key = self.key(anchor)
        before = [p for p in self.phrases
                  if p.last < key and not self.bases.get(id(p), key) < key]  # fmt: skip
        own = [p for p in before if p.last[0] == key[0]]
        earlier = [p for p in before if p.last[0] != key[0]]
        after = [p for p in self.phrases if p.first > key and p.first[0] == key[0]]
        for phrase in [*reversed(own), *after, *reversed(earlier)]:
            named, generic = self.x.phrase_measures(phrase.words)
            fitted = self.x.fit(named, unit)
            if fitted:
                return fitted, generic
        return (), False

    def _bare(self, element: _Element) -> str:
        """A found name without a particle the scanner left on it (`NPO입주협업공간에`): the
        particle goes when the name without it, not with it, stands in what it names."""
        stripped = self.x.lexicon.strip_particle(element.word)
        names = [compact(s.name) for s in element.subjects]
        if any(stripped in n for n in names) and not any(element.word in n for n in names):
            return stripped
        return element.word

    def typed(self, name: str) -> str:
        """A name found in its compact form, as the sentence writes it (`NPO입주·협업공간`)."""
        for match in re.finditer(r"\S+", self.text):
            written = ""
            for end in range(match.start(), len(self.text)):
                written = compact(self.text[match.start() : end + 1])
                if written == name:
                    return self.text[match.start() : end + 1]
                if not name.startswith(written):
                    break
        return name

    def sure_names(self) -> list[str]:
        """The names found for sure in the sentence: they say what it is about, and are no
        words of one figure rather than another."""
        return [e.word for e in self.elements if e.kind == "mention" and e.score >= SURE_SCORE]

    def _rate_bases(self) -> dict[int, tuple[int, int, float]]:
        """`예산의 65%인 28억원`: a measure word right before a rate is what the rate is of; it
        names no figure after that rate. Each such phrase, with the place of its rate."""
        bases: dict[int, tuple[int, int, float]] = {}
        places = sorted(
            (self.anchor_keys[a.start], a) for a in self.anchors if a.start in self.anchor_keys
        )
        for phrase in self.phrases:
            following = next(((k, a) for k, a in places if k > phrase.last), None)
            if following is None or following[1].figure is None:
                continue
            place, anchor = following
            if anchor.figure.unit != RATE_UNIT:
                continue
            between = [e for e in self.elements if phrase.last < e.key < place]
            if all(self.x.lexicon.groups.get(e.word) == frozenset({FILLER}) for e in between):
                bases[id(phrase)] = place
        return bases

    def year_of(self, anchor: Anchor) -> int | None:
        years = [a.year for a in self.anchors if a.year is not None and a.end <= anchor.start]
        return years[-1] if years else None

    # --- claims ----------------------------------------------------------------------------------

    def claims(self) -> list[Claim]:
        bare = self.text
        for anchor in self.anchors:
            bare = bare[: anchor.start] + " " * (anchor.end - anchor.start) + bare[anchor.end :]
        names = self.sure_names()
        # The names say which project; the other words say which of its bullets.
        topic = tuple(dict.fromkeys(w for w in self.x.content_words(bare)
                                    if not _names_it(w, names)))  # fmt: skip
        found: list[Claim] = []
        for anchor in self.anchors:
            if anchor.figure is not None:
                found.append(self._figure(anchor, topic))
            elif anchor.months is not None:
                claim = self._month(anchor, topic)
                if claim is not None:
                    found.append(claim)
        found += self._ranks([c for c in found if c.kind == FIGURE])
        found += self._days()
        found += self._duties()
        found += self._unheld()
        return found

    def _ranks(self, figures: list[Claim]) -> list[Claim]:
        """Places in an order the sentence states, each about the figure it ranks: the 과 said
        before the order bounds the set ("시민참여과 사업 중에 … 젤 큰 건"); an ordinal without
        its own direction ("두번째가") goes the way of the order before it."""
        found = []
        high = True
        scope: str | None = None
        for match in RANKED.finditer(self.text):
            way = match.group("way")
            if match.group("top") and way is None:
                continue  # "가장 중요한": an order this report has no figure for
            if way is not None:
                high = way in HIGH_WAYS
            nth = match.group("nth")
            place = 1 if match.group("top") else int(ORDINALS.get(nth, nth or 1))
            at = self.offset + match.start("top" if match.group("top") else "nth")
            ranked = [c for c in figures if c.measures and c.subjects
                      and c.figure is not None and c.figure.unit in (MONEY_UNIT, RATE_UNIT, PEOPLE_UNIT)]  # fmt: skip
            after = RANKED_NEXT.match(self.text[match.end() :]) is not None
            basis = (
                next((c for c in ranked if c.position > at), None) if after
                else next((c for c in reversed(ranked) if c.position < at), None)
            )  # fmt: skip
            if basis is None:
                continue
            if match.group("set") or way is not None:
                scope = self._office_in(match.group("set") or "")
            found.append(Claim(
                RANK, at, self.text[match.start() : match.end()].strip(), subjects=basis.subjects,
                measures=basis.measures, figure=basis.figure, division=scope,
                rank=(place, high), basis=basis,
            ))  # fmt: skip
        return found

    def _days(self) -> list[Claim]:
        """Days a sentence dates something to ("전자투표는 8월 9일부터 8월 27일까지",
        "시민총회(9.1.)"): each with the words of its clause, which say what is dated."""
        found = []
        year = self.x.report_year
        spans: list[tuple[int, int, date, date]] = []
        for match in DAYS_WRITTEN.finditer(self.text):
            said_day = self.text[match.start("d1") :].lstrip("0123456789").startswith("일")
            if not (said_day or match.group("d2")):
                continue  # "8월 9" with no 일: not a day
            first = _day_of(
                _full_year(match.group("y"), year), int(match.group("m1")), int(match.group("d1"))
            )
            last = first
            if match.group("d2"):
                month = int(match.group("m2") or match.group("m1"))
                later = _full_year(match.group("y2"), first.year if first else year)
                last = _day_of(later, month, int(match.group("d2")))
            if re.match(r"\s*(?:기준|현재|자\s)", self.text[match.end() :]) or (
                first is not None and first == last and first == self.x.catalog.as_of
            ):
                continue  # "8월 13일 기준": the report's own date, nothing dated by it
            if first and last and first <= last:
                spans.append((match.start(), match.end(), first, last))
        for bracket in BRACKETED_DATE.finditer(self.text):
            for first, last, to_day in dated_spans(bracket.group(0), year):
                if to_day:
                    spans.append((bracket.start(), bracket.end(), first, last))
        for dotted in DOTTED_SPAN.finditer(self.text):
            if any(a <= dotted.start() < b for a, b, _, _ in spans):
                continue
            first = _day_of(year, int(dotted.group("m1")), int(dotted.group("d1")))
            month = int(dotted.group("m2") or dotted.group("m1"))
            last = _day_of(year, month, int(dotted.group("d2")))
            if first and last and first <= last:
                spans.append((dotted.start(), dotted.end(), first, last))
        for written in WRITTEN_SPAN.finditer(self.text):
            if any(a <= written.start() < b for a, b, _, _ in spans):
                continue
            said = written.group().replace("부터", "~")
            for first, last, to_day in dated_spans(f"({said})", year):
                if to_day:
                    spans.append((written.start(), written.end(), first, last))
        for start, end, first, last in spans:
            number = next((i for i, (a, b) in enumerate(self.clauses) if a <= start < b), 0)
            a, b = self.clauses[number]
            around = self.text[a:start] + " " + self.text[end:b]
            sure = [e for e in self.elements if e.kind == "mention" and e.score >= SURE_SCORE]
            # (a figure beside the date, "15개 분야", is a claim of its own, no word of what is dated)
            words = [w for w in self.x.content_words(around)
                     if not _names_it(w, [e.word for e in sure]) and not w[:1].isdigit()]  # fmt: skip
            if not words and number > 0:
                # "…90일 연장해서 12월 20일까지로 했고": what is dated was said just before.
                before = self.text[slice(*self.clauses[number - 1])]
                words = [w for w in self.x.content_words(before)
                         if not _names_it(w, [e.word for e in sure])]  # fmt: skip
            subjects = tuple(s for e in sure for s in e.subjects)
            if not words and not subjects:
                continue
            found.append(Claim(
                DAY, self.offset + start, self.text[start:end].strip(), label=tuple(words),
                subjects=subjects, projects=self.x.projects_of(subjects), days=(first, last),
            ))  # fmt: skip
        return found

    def _office_in(self, words: str) -> str | None:
        """The 과 a set said before an order names ("시민참여과 사업"), if one."""
        for entity in self.x.catalog.entities:
            if entity.kind == "division" and compact(entity.name) in compact(words):
                return entity.name
        return None

    def _figure(self, anchor: Anchor, topic: tuple[str, ...]) -> Claim:
        figure = anchor.figure
        assert figure is not None
        subjects, named = self.subjects_before(anchor)
        unit = figure.unit if figure.unit in (MONEY_UNIT, RATE_UNIT, PEOPLE_UNIT) else ""
        measures, generic = self.measures_for(anchor, unit) if unit else ((), False)
        before, after = self.window(anchor)
        start, end = self.clause_of(anchor)
        clause = self.text[start:end]
        names = self.sure_names()
        label = [w for w in self.x.content_words(before) + self.x.content_words(
                 self._past_bracket(anchor, end) or after.strip() or self._shared_after(anchor))
                 if not _names_it(w, names)]  # fmt: skip
        return Claim(
            FIGURE,
            self.offset + anchor.start,
            figure.text,
            figure=figure,
            subjects=subjects,
            projects=self.x.projects_of(subjects),
            measures=measures,
            generic=generic,
            year=self.year_of(anchor),
            outlook=self.x.holds_any(clause, self.x.words.outlook),
            # ("…에서 330,628천원으로 줄었다": the figure it came to, not the change)
            change=self.x.holds_any(after, self._change_words("increased", "decreased"))
            and not _comes_to(after),
            decrease=self.x.holds_any(after, self._change_words("decreased")),
            counted=self._counted(anchor),
            gap=self._gap(anchor),
            label=tuple(label),
            total=self.x.has_total(before),
            topic=topic,
            named=named,
        )

    def _change_words(self, *kinds: str) -> tuple[str, ...]:
        return self.x.change_words(kinds)

    def _gap(self, anchor: Anchor) -> bool:
        """`시민숙의예산과보다 26억원 많다`: 보다 before the figure in its clause, 많다 after it."""
        start, _ = self.clause_of(anchor)
        _, after = self.window(anchor)
        before = compact(self.text[start : anchor.start])
        return any(w in before for w in self.x.words.than) and any(
            compact(token).startswith(self.x.words.direction) for token in after.split()
        )

    def _counted(self, anchor: Anchor) -> str:
        """The word right after a count, when a space stands between them ("5개 과")."""
        following = re.match(r"\s+(\S+)", self.text[anchor.end :])
        if following is None:
            return ""
        return self.x.lexicon.strip_particle(compact(following.group(1)))

    def _month(self, anchor: Anchor, topic: tuple[str, ...]) -> Claim | None:
        """A month said of planned work: the words before it in its clause name the work."""
        start, end = self.clause_of(anchor)
        # Its words reach back past a year ("이노페스티벌은 2022년 10월") to the last figure or month.
        last = max((a.end for a in self.anchors if a.year is None
                    and start <= a.end <= anchor.start), default=start)  # fmt: skip
        before = self.text[last : anchor.start]
        for year in (a for a in self.anchors if a.year is not None and last <= a.start):
            before = before.replace(self.text[year.start : year.end], " ")
        key = self.key(anchor)
        sure = [e for e in self.elements if e.kind == "mention" and e.score >= SURE_SCORE]
        names = [e for e in sure if e.key < key]
        own = [e.word for e in sure if e.key[0] == key[0]]
        words = [w for w in self.x.content_words(before) if not _names_it(w, own)]
        scheduled = self.x.holds_any(self.text[start:end], self.x.words.months)
        if not words and not names:
            return None
        subjects = names[-1].subjects if names else ()
        # "2022년 10월": a year written right before the month is the month's own year.
        year = next((a.year for a in self.anchors if a.year is not None
                     and not self.text[a.end : anchor.start].strip()), None)  # fmt: skip
        return Claim(
            MONTH,
            self.offset + anchor.start,
            self.text[anchor.start : anchor.end],
            months=anchor.months,
            year=year,
            subjects=subjects,
            projects=self.x.projects_of(subjects),
            label=tuple(words),
            topic=topic,
            scheduled=scheduled,
        )

    def _duties(self) -> list[Claim]:
        """`기부금품 모집 등록 및 관리는 사회협력과 소관이다`: the words before each 과 named in a
        sentence that says who handles what are the work the text gives it."""
        if not self.x.holds_any(self.text, self.x.words.duty):
            return []
        tokens = list(re.finditer(r"\S+", self.text))
        divisions = [e for e in self.elements if e.kind == "mention" and e.score >= SURE_SCORE
                     and len(e.subjects) == 1 and e.subjects[0].kind == "division"]  # fmt: skip
        found: list[Claim] = []
        used = 0
        for element in divisions:
            at = next((i for i in range(used, len(tokens))
                       if element.word in compact(tokens[i].group())), None)  # fmt: skip
            if at is None:
                continue
            begin = tokens[used].start() if at > used else tokens[at].start()
            stretch = self.text[begin : tokens[at].start()]
            used = at + 1
            if any(a.figure is not None and begin <= a.start < tokens[at].start()
                   for a in self.anchors):  # fmt: skip
                continue  # a figure stands in it: the 과 is what the figure is about
            words = [w for w in self.x.content_words(stretch)
                     if not any(w.startswith(d) for d in self.x.words.duty)]  # fmt: skip
            if not words:
                continue
            division = element.subjects[0].name
            said = stretch.split()
            said[-1] = self.x.lexicon.strip_particle(said[-1])
            # Lines and projects named in it: their own 과 decides when the 주요업무 do not.
            low = self.key_of_token(begin)
            named = tuple(s for e in self.elements if e.kind == "mention"
                          and e.score >= SURE_SCORE and low <= e.key < element.key
                          for s in e.subjects if s.kind not in ("division", "bureau"))  # fmt: skip
            found.append(
                Claim(DUTY, self.offset + begin, " ".join(said), label=tuple(words),
                      division=division, subjects=named)
            )  # fmt: skip
        return found

    def key_of_token(self, position: int) -> tuple[int, int, float]:
        """The place among the elements where a character of the sentence stands (its clause,
        the piece between anchors), before any element of it."""
        number = next(i for i, (a, b) in enumerate(self.clauses) if a <= position < b or
                      i == len(self.clauses) - 1)  # fmt: skip
        start = self.clauses[number][0]
        piece = sum(1 for a in self.anchors if start <= a.start and a.end <= position)
        return (number, piece, -LAST)

    def _unheld(self) -> list[Claim]:
        """A clause with a word for what the report does not hold (a person's name, a phone
        number) and no figure: it cannot be checked, and the reply says so."""
        found = []
        for number, (start, end) in enumerate(self.clauses):
            if any(start <= a.start < end for a in self.anchors):
                continue
            asked = [e.word for e in self.elements if e.key[0] == number and e.kind == "keyword"
                     and "not_held" in self.x.lexicon.groups.get(e.word, frozenset())]  # fmt: skip
            if asked:
                clause = self.text[start:end].strip().rstrip(",，;/").strip()
                found.append(Claim(UNHELD, self.offset + start, clause, named=asked[0]))
        return found


def _full_year(said: str | None, otherwise: int) -> int:
    """A year as written ("2021", "21"), in full; the year around it when none was."""
    if not said:
        return otherwise
    return int(said) if len(said) == 4 else 2000 + int(said)


def _day_of(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _names_it(word: str, names: list[str]) -> bool:
    """Whether a word is (most of) a name found in the sentence rather than a word beside it:
    "마을활력소" of 마을활력소 is, "입주" of NPO입주협업공간 is not ("입주했다")."""
    return any(
        word == name or name in word or (word in name and 2 * len(word) >= len(name))
        for name in names
    )


def _display(subjects: tuple[Subject, ...]) -> str:
    return "세입" if subjects == (REVENUE_TOTAL,) else subjects[0].name


def _comes_to(after: str) -> bool:
    """Whether the words after a figure make it what something came to ("…으로 줄었다")."""
    return after.lstrip().startswith(("으로", "로 ", "로,"))
