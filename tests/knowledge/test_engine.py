"""What kind of answer a question gets: figures, a question back, or a polite not-found."""

import pytest

from knowledge.answer import UNANSWERED


@pytest.mark.parametrize(
    "question",
    ["공유센터 예산"],
    ids=["공유센터는 없지만 공유서울 확산이 비슷함"],
)
def test_a_near_miss_is_asked_back_with_buttons_and_no_figure(engine, question):
    answer = engine.ask(question)
    assert answer.intent == UNANSWERED
    assert answer.choices
    assert "천원" not in answer.text


@pytest.mark.parametrize(
    "question",
    ["교통국 예산 알려줘", "날씨 어때", "asdf", "ㅋㅋㅋ"],
    ids=["교통국", "날씨", "asdf", "ㅋㅋㅋ"],
)
def test_out_of_scope_gets_help_without_figures(engine, question):
    answer = engine.ask(question)
    assert answer.intent == UNANSWERED
    assert "천원" not in answer.text and "%" not in answer.text
    assert "예시" in answer.text


def test_a_figure_answer_keeps_the_query_that_produced_it(engine):
    answer = engine.ask("갈등관리협치과 예산")
    cursor = engine.connection.execute(answer.sql, list(answer.params))
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert rows, "the kept SQL must reproduce the rows the answer quotes"
    assert f"{rows[0]['budget']:,}" in answer.text


def test_a_tapped_choice_answers_instead_of_asking_again(engine):
    question = engine.ask("혁신파크 예산")
    assert len(question.choices) >= 2
    for choice in question.choices:
        answer = engine.ask(choice.query)
        assert not answer.choices
        assert "천원" in answer.text
