"""Every budget line and 과 found again when its name is typed with one wrong letter.

The typos are made from the report's own names (a vowel, a final or an initial consonant of
one syllable changed, seeded so a failure can be reproduced), and the expected figure is read
from the report's table, so no answer is written down here.
"""

from __future__ import annotations

import random

import pytest

from knowledge import Engine
from knowledge.reading.hangul import SYLLABLE_FIRST

SEEDS = (0, 1, 2)


def one_letter_off(name: str, rng: random.Random) -> str:
    """`시민참여예산 운영` → `시민캄여예산 운영`: one syllable with one letter changed."""
    chars = list(name)
    syllables = [i for i, c in enumerate(chars) if "가" <= c <= "힣"]
    i = rng.choice(syllables[1:-1] if len(syllables) > 3 else syllables)
    initial, rest = divmod(ord(chars[i]) - SYLLABLE_FIRST, 21 * 28)
    medial, final = divmod(rest, 28)
    letter = rng.choice(("initial", "medial", "final"))
    if letter == "initial":
        initial = (initial + 1) % 19
    elif letter == "medial":
        medial = (medial + rng.choice((1, -1))) % 21
    else:
        final = (final + 1) % 28
    chars[i] = chr(SYLLABLE_FIRST + (initial * 21 + medial) * 28 + final)
    return "".join(chars)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def lines(engine: Engine) -> list[tuple]:
    return engine.connection.execute(
        "SELECT name, budget, spent, spent_rate_printed FROM budget_lines ORDER BY line_no"
    ).fetchall()


@pytest.mark.parametrize("seed", SEEDS)
def test_a_misspelt_line_name_still_finds_its_figures(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    missed = []
    for name, budget, spent, rate in lines(engine):
        for question, figure in (
            (f"{one_letter_off(name, rng)} 집행률", rate or "미집행"),
            (
                f"{one_letter_off(name, rng).replace(' ', '')} 지출액",
                f"{spent:,}" if spent else "미집행",
            ),
            (f"{one_letter_off(name, rng)} 예산", f"{budget:,}"),
        ):
            answer = engine.ask(question)
            if figure not in answer.text and name not in answer.button_labels():
                missed.append(f"{question!r} → {answer.text.splitlines()[0]}")
    assert missed == []


@pytest.mark.parametrize("seed", SEEDS)
def test_a_misspelt_division_still_finds_its_figures(engine: Engine, seed: int) -> None:
    rng = random.Random(seed)
    rows = engine.connection.execute(
        "SELECT division, budget, spent_rate_printed FROM spending "
        "WHERE section = 'Ⅰ' AND NOT is_total"
    ).fetchall()
    missed = []
    for division, budget, rate in rows:
        for question, figure in (
            (f"{one_letter_off(division, rng)} 예산", f"{budget:,}"),
            (f"{one_letter_off(division, rng)} 집행률", rate),
        ):
            answer = engine.ask(question)
            if figure not in answer.text:
                missed.append(f"{question!r} → {answer.text.splitlines()[0]}")
    assert missed == []
