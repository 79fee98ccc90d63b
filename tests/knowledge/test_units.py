"""Every figure the bot works out is given in its own unit: head counts in 명, counts of lines in
개, rates in % or %p — never in 천원 (a difference of head counts had been printed as
"11천원", a mean of line counts as "9천원")."""

import re

import pytest

# What is asked of two 과 or of all of them, for every measure below.
ASKED = (
    "사회협력과랑 지역공동체과 {word} 차이",
    "사회협력과랑 지역공동체과 {word} 합치면",
    "사회협력과 {word}이 지역공동체과보다 얼마나 많아",
    "과별 {word} 평균",
    "{word} 제일 많은 과",
    "사회협력과 {word}이 국 전체에서 몇 퍼센트야",
)
# The measure said, and the counter its figures must carry.
COUNTED = {"현원": "명", "정원": "명", "행정직": "명", "세부사업 수": "개"}


@pytest.mark.parametrize("template", ASKED)
@pytest.mark.parametrize("word", sorted(COUNTED))
def test_a_count_worked_out_is_never_given_in_thousand_won(engine, template, word):
    question = template.format(word=word)
    first = engine.ask(question).text.splitlines()[0]
    assert not re.search(r"\d천원", first), f"{question!r} → {first!r}"
    figures = re.findall(r"\d[\d,.]*\s*(천원|명|개|%p|%)", first)
    assert figures, f"{question!r} gave no figure: {first!r}"
    assert COUNTED[word] in figures or "%" in figures or "%p" in figures, (
        f"{question!r} → {first!r}"
    )


@pytest.mark.parametrize("template", ASKED[:3])
@pytest.mark.parametrize("word", ["지출 집행률", "원인행위 집행률"])
def test_a_rate_worked_out_is_in_points_or_percent(engine, template, word):
    question = template.format(word=word)
    first = engine.ask(question).text.splitlines()[0]
    assert not re.search(r"\d천원", first), f"{question!r} → {first!r}"
