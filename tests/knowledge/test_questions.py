"""The engine judged on hundreds of questions typed the way officials type them.

The cases are data (`questions/*.toml`, same shape as ../shared/eval/dev.toml); see `load_cases`.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from knowledge import Answer, Engine

QUESTIONS_DIR = Path(__file__).resolve().parent / "questions"
REPORT = Path(__file__).resolve().parents[2] / "data" / "report_2021-08-13.txt"

KINDS = {"answer", "clarify", "refuse"}
CASE_KEYS = {
    "q", "kind", "expect", "forbid", "tags", "transform", "allow_clarify", "max_chars", "starts",
}  # fmt: skip
TRANSFORMS: dict[str | None, Callable[[str], str]] = {
    None: lambda text: text,
    "nfd": lambda text: unicodedata.normalize("NFD", text),
}

# Answers with these tags state figures, so they must carry the 기준일 and a source section.
FIGURE_TAGS = {
    "budget", "committed", "spent", "rate", "balance", "eok", "outlook", "status",
    "personnel", "revenue", "ranking", "compare", "inconsistency",
}  # fmt: skip
# A single figure (or a pair such as the two 집행률) fits on a phone screen.
SINGLE_FIGURE_TAGS = {
    "budget", "committed", "spent", "rate", "balance", "eok", "outlook", "status",
    "personnel", "revenue",
}  # fmt: skip
SEVERAL_FIGURES_TAGS = {
    "compare", "ranking", "list", "inconsistency", "breakdown", "schedule",
    # Questions that combine things: the answer is first, the figures it used follow.
    "compose", "two-part", "yesno", "scope", "filter", "count", "share", "gap", "sum",
    "difference", "remaining", "month", "fact", "formal",
}  # fmt: skip
MONEY_TAGS = {"budget", "committed", "spent", "balance"}
# Where a figure can only have come from; the first matching tag decides.
SECTION_BY_TAG = (
    ("outlook", "Ⅲ"),
    ("status", "Ⅲ"),
    ("personnel", "Ⅰ"),
    ("revenue", "Ⅰ"),
    ("program", "Ⅳ"),
)
SECTION_PATTERNS = {
    "Ⅰ": re.compile(r"Ⅰ|(?<![A-Za-z])I(?![A-Za-z])"),
    "Ⅲ": re.compile(r"Ⅲ|(?<![A-Za-z])III(?![A-Za-z])"),
    "Ⅳ": re.compile(r"Ⅳ|(?<![A-Za-z])IV(?![A-Za-z])"),
}
AS_OF = re.compile(r"2021-08-13|8\.\s?13|8월\s?13일")
HANGUL = re.compile(r"[가-힣]")
FIRST_LINE_MAX = 120
SINGLE_FIGURE_MAX_LINES = 8
# Figures as the report prints them: amounts with separators, rates with %.
PRINTED_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?%")
# Expectations computed from the report (잔액, 억원) are not printed in it.
DERIVED_TAGS = {
    "balance", "eok", "compose", "sum", "difference", "share", "gap", "remaining", "two-part",
    "yesno", "scope", "converted", "average", "ratio", "per_head",
}  # fmt: skip
MINIMUM_CASES = 300
MINIMUM_PER_TAG = {
    "division": 40, "program": 100, "bureau": 10, "project": 50, "schedule": 25,
    "month": 5, "personnel": 30, "revenue": 30, "duty": 40, "organisation": 5,
    "ranking": 20, "compare": 10, "list": 10, "clarify": 10, "refuse": 15,
    "typo": 10, "spacing": 20, "chosung": 5, "nfd": 10, "zwsp": 4, "fullwidth": 4,
    "english": 5, "colloquial": 30, "zero": 8, "inconsistency": 4,
}  # fmt: skip


@dataclass(frozen=True)
class Case:
    """One question and what its reply must (and must not) contain."""

    written: str
    kind: str
    expect: tuple[tuple[str, ...], ...]
    forbid: tuple[tuple[str, ...], ...]
    tags: frozenset[str]
    transform: str | None
    allow_clarify: bool
    source: str
    raw: dict

    @property
    def question(self) -> str:
        return TRANSFORMS[self.transform](self.written)

    @property
    def is_figure_answer(self) -> bool:
        # A question about what the report does not hold is answered with no figure.
        return self.kind == "answer" and bool(self.tags & FIGURE_TAGS) and "scope" not in self.tags

    @property
    def is_single_figure(self) -> bool:
        return (
            self.kind == "answer"
            and bool(self.tags & SINGLE_FIGURE_TAGS)
            and not self.tags & SEVERAL_FIGURES_TAGS
        )

    @property
    def sections(self) -> tuple[str, ...]:
        for tag, section in SECTION_BY_TAG:
            if tag in self.tags:
                return (section,)
        return tuple(SECTION_PATTERNS)

    @property
    def id(self) -> str:
        shown = self.written + (f" [{self.transform}]" if self.transform else "")
        if self.kind == "refuse":
            return f"{shown}→안내"
        wanted = ",".join("|".join(item) for item in self.expect)
        wanted = wanted if len(wanted) <= 40 else wanted[:39] + "…"
        return f"{shown}→{'되묻기 ' if self.kind == 'clarify' else ''}{wanted}"


def as_alternatives(item: str | list[str]) -> tuple[str, ...]:
    return tuple(item) if isinstance(item, list) else (item,)


def load_cases(directory: Path = QUESTIONS_DIR) -> list[Case]:
    """Every case of every file, in file order; a TOML item is a string or a list of alternatives."""
    cases = []
    for path in sorted(directory.glob("*.toml")):
        for raw in tomllib.loads(path.read_text(encoding="utf-8")).get("case", []):
            cases.append(
                Case(
                    written=raw["q"],
                    kind=raw.get("kind", "answer"),
                    expect=tuple(as_alternatives(item) for item in raw.get("expect", [])),
                    forbid=tuple(as_alternatives(item) for item in raw.get("forbid", [])),
                    tags=frozenset(raw.get("tags", [])),
                    transform=raw.get("transform"),
                    allow_clarify=raw.get("allow_clarify", False),
                    source=path.name,
                    raw=raw,
                )
            )
    return cases


CASES = load_cases()
FIGURE_CASES = [case for case in CASES if case.is_figure_answer]
SINGLE_FIGURE_CASES = [case for case in CASES if case.is_single_figure]
CLARIFY_CASES = [case for case in CASES if case.kind == "clarify"]


def squash(text: str) -> str:
    """NFC and single spaces, as run_eval.py judges, so that layout does not decide a case."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def appears(item: tuple[str, ...], text: str) -> bool:
    return any(squash(option) in text for option in item)


def shown_text(answer: Answer) -> str:
    """What a person sees: the reply and the button labels."""
    return squash(answer.text + " " + " ".join(answer.button_labels()))


def offered_text(answer: Answer) -> str:
    """The candidates offered when asking back: labels and the questions behind them."""
    return squash(" ".join(f"{choice.label} {choice.query}" for choice in answer.choices))


def explain(case: Case, answer: Answer) -> str:
    return (
        f"\n  question: {case.question!r} ({case.source})"
        f"\n  expect:   {[list(item) for item in case.expect]}"
        f"\n  forbid:   {[list(item) for item in case.forbid]}"
        f"\n  reply:    {answer.text!r}"
        f"\n  buttons:  {answer.button_labels()}"
    )


@pytest.fixture(scope="module")
def ask() -> Callable[[str], Answer]:
    """The real engine, loaded once for this module; each question is asked once."""
    return cache(Engine.load().ask)


def settled(ask: Callable[[str], Answer], case: Case, answer: Answer) -> Answer:
    """The answer a person ends with. Where the case allows asking back and the engine does,
    that is the answer to the candidate they would tap: the one giving the expected figure
    (else the first), so the figure tests judge it rather than pass on the question."""
    if not (answer.choices and case.allow_clarify):
        return answer
    picked = [ask(choice.query) for choice in answer.choices]
    wanted = case.expect[0] if case.expect else ()
    return next((a for a in picked if appears(wanted, squash(a.text))), picked[0])


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_reply_contains_what_the_report_says(ask, case: Case) -> None:
    answer = ask(case.question)
    shown = shown_text(answer)
    assert squash(answer.text), f"empty reply{explain(case, answer)}"
    wrong = [list(item) for item in case.forbid if appears(item, shown)]
    assert not wrong, f"forbidden {wrong} in the reply{explain(case, answer)}"

    if case.kind == "refuse":
        assert HANGUL.search(answer.text), f"reply is not Korean{explain(case, answer)}"
        assert "Traceback" not in answer.text, f"stack trace in chat{explain(case, answer)}"
        assert "천원" not in shown and "%" not in shown, f"a figure{explain(case, answer)}"
        return

    if case.kind == "clarify":
        assert answer.choices, f"answered instead of asking back{explain(case, answer)}"
        offered = offered_text(answer)
        missing = [list(item) for item in case.expect if not appears(item, offered)]
        assert not missing, f"candidates {missing} not offered{explain(case, answer)}"
        return

    if answer.choices:
        assert case.allow_clarify, f"asked back instead of answering{explain(case, answer)}"
        shown = shown + " " + offered_text(answer)
    missing = [list(item) for item in case.expect if not appears(item, shown)]
    assert not missing, f"missing {missing}{explain(case, answer)}"
    if starts := case.raw.get("starts"):
        first = squash(answer.text.strip().splitlines()[0])
        openings = [option for item in starts for option in as_alternatives(item)]
        assert first.startswith(tuple(openings)), (
            f"first line not {openings}{explain(case, answer)}"
        )


@pytest.mark.parametrize("case", FIGURE_CASES, ids=lambda case: case.id)
def test_figure_reply_cites_date_section_and_unit(ask, case: Case) -> None:
    answer = settled(ask, case, ask(case.question))
    assert AS_OF.search(answer.text), f"no 기준일 (2021-08-13){explain(case, answer)}"
    cited = [s for s in case.sections if SECTION_PATTERNS[s].search(answer.text)]
    assert cited, f"no source section among {case.sections}{explain(case, answer)}"
    if case.tags & MONEY_TAGS and "zero" not in case.tags:
        assert "천원" in answer.text or "억" in answer.text, f"no unit{explain(case, answer)}"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_first_line_fits_a_phone(ask, case: Case) -> None:
    answer = ask(case.question)
    first_line = answer.text.strip().split("\n")[0]
    assert len(first_line) <= FIRST_LINE_MAX, (
        f"first line is {len(first_line)} characters{explain(case, answer)}"
    )


@pytest.mark.parametrize("case", SINGLE_FIGURE_CASES, ids=lambda case: case.id)
def test_single_figure_is_answered_in_a_few_lines(ask, case: Case) -> None:
    answer = settled(ask, case, ask(case.question))
    lines = [line for line in answer.text.strip().split("\n") if line.strip()]
    assert len(lines) <= SINGLE_FIGURE_MAX_LINES, (
        f"{len(lines)} lines for one figure{explain(case, answer)}"
    )


@pytest.mark.parametrize("case", SINGLE_FIGURE_CASES, ids=lambda case: case.id)
def test_first_line_gives_the_figure(ask, case: Case) -> None:
    answer = settled(ask, case, ask(case.question))
    first_line = squash(answer.text.strip().split("\n")[0])
    assert appears(case.expect[0], first_line), (
        f"the first line does not give {list(case.expect[0])}{explain(case, answer)}"
    )


@pytest.mark.parametrize("case", CLARIFY_CASES, ids=lambda case: case.id)
def test_each_offered_choice_gets_an_answer(ask, case: Case) -> None:
    answer = ask(case.question)
    assert len(answer.choices) >= 2, f"fewer than two candidates{explain(case, answer)}"
    for choice in answer.choices:
        picked = ask(choice.query)
        assert squash(picked.text), f"empty reply to the button {choice.label!r}"
        assert not picked.choices, (
            f"tapping {choice.label!r} asks back again{explain(case, picked)}"
        )


def test_corpus_is_well_formed() -> None:
    problems = []
    for case in CASES:
        where = f"{case.source}: {case.written!r}"
        if unknown := set(case.raw) - CASE_KEYS:
            problems.append(f"{where} unknown keys {sorted(unknown)}")
        if case.kind not in KINDS:
            problems.append(f"{where} kind {case.kind!r}")
        if case.transform not in TRANSFORMS:
            problems.append(f"{where} transform {case.transform!r}")
        if case.kind != "refuse" and not case.expect:
            problems.append(f"{where} expects nothing")
        if not case.tags:
            problems.append(f"{where} has no tags")
        if any(not option.strip() for item in case.expect + case.forbid for option in item):
            problems.append(f"{where} has an empty expectation")
    repeated = [q for q, n in Counter((c.written, c.transform) for c in CASES).items() if n > 1]
    assert not problems and not repeated, "\n".join(problems + [f"repeated {q}" for q in repeated])


def test_corpus_covers_every_kind_of_question() -> None:
    counts = Counter(tag for case in CASES for tag in case.tags)
    thin = {tag: counts[tag] for tag, least in MINIMUM_PER_TAG.items() if counts[tag] < least}
    assert len(CASES) >= MINIMUM_CASES
    assert not thin, f"too few cases for {thin}"


def test_expected_figures_are_printed_in_the_report() -> None:
    """A typo in an expectation would send the engine's author after a figure that does not exist."""
    report = squash(REPORT.read_text(encoding="utf-8"))
    absent = []
    for case in CASES:
        if case.tags & DERIVED_TAGS:
            continue
        for item in case.expect + case.forbid:
            for option in item:
                absent += [
                    (case.written, figure)
                    for figure in PRINTED_FIGURE.findall(option)
                    if figure not in report
                ]
    assert not absent, f"figures not in the report: {absent}"
