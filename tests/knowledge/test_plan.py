"""The plan stage alone: typed questions → one parameterised statement, or a refusal saying why."""

from __future__ import annotations

import pytest

from knowledge.planning.compile import Plan, Refusal
from knowledge.reading import question as q
from knowledge.reading.question import Condition, Group, Question, Ranking, Subject

DIVISION = Subject("division", "사회협력과", "사회협력과")
OTHER_DIVISION = Subject("division", "시민참여과", "시민참여과")
LINE = Subject("line", "공유서울 확산", "사회협력과", 7, 29)
REVENUE = Subject("revenue", "변상금")


def rows(engine, plan: Plan) -> list[dict]:
    return engine.executor.rows(plan)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (Question(q.FIGURES, subjects=(DIVISION,), measures=("budget",)), {"budget": 11_054_211}),
        (Question(q.FIGURES, subjects=(LINE,), measures=("spent",)), {"spent": 644_859}),
        (Question(q.FIGURES, subjects=(REVENUE,), measures=("collection_rate",)),
         {"collection_rate_printed": "47.6%"}),
        (Question(q.SUM, subjects=(DIVISION, OTHER_DIVISION), measures=("budget",)),
         {"total_budget": 15_425_348}),
        (Question(q.DIFFERENCE, subjects=(OTHER_DIVISION, DIVISION), measures=("budget",)),
         {"difference": -6_683_074}),
        (Question(q.SHARE, subjects=(DIVISION, Subject("bureau", "시민협력국")),
                  measures=("budget",)), {}),
        (Question(q.CHECK, subjects=(DIVISION,), measures=("quota", "current"),
                  check=Condition("quota", ">", None, "current")), {"holds": True}),
    ],
    ids=["과 예산", "세부사업 지출", "세입 징수율", "두 과 합계", "두 과 차이", "국 대비 비중", "정원>현원"],
)  # fmt: skip
def test_a_question_about_named_things_gets_its_figures(engine, question, expected):
    plan = engine.planner.plan(question)
    assert isinstance(plan, Plan)
    first = rows(engine, plan)[0]
    assert {key: first[key] for key in expected} == expected


def test_names_and_figures_are_parameters_never_sql(engine):
    strange = Subject("division", "x'); DROP TABLE figures; --", "x")
    plan = engine.planner.plan(Question(q.FIGURES, subjects=(strange,), measures=("budget",)))
    assert "DROP" not in plan.sql and strange.name in plan.params
    assert rows(engine, plan) == []
    threshold = Condition("budget", ">", 1e9, written="'; --")
    plan = engine.planner.plan(Question(q.LIST, group=Group("line", conditions=(threshold,))))
    assert "--" not in plan.sql and 1e9 in plan.params


def test_questions_that_differ_only_in_names_share_one_statement(engine):
    one = engine.planner.plan(Question(q.FIGURES, subjects=(DIVISION,), measures=("budget",)))
    other = engine.planner.plan(
        Question(q.FIGURES, subjects=(OTHER_DIVISION,), measures=("spent",))
    )
    assert one.sql == other.sql and one.params != other.params
    cheap = Condition("budget", "<", 100_000.0)
    dear = Condition("budget", ">=", 100_000.0)
    low = engine.planner.plan(Question(q.COUNT, group=Group("line", conditions=(cheap,))))
    high = engine.planner.plan(
        Question(q.COUNT, group=Group("line", "사회협력과", conditions=(dear,)))
    )
    assert len(rows(engine, low)) == 9
    assert all(r["division"] == "사회협력과" for r in rows(engine, high))


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        (Question(q.FIGURES, subjects=(LINE,), measures=("quota",)), "인력은 과와 국 단위로만"),
        (Question(q.FIGURES, subjects=(DIVISION,), measures=("outlook_amount",)), "연말 집행예상은"),
        (Question(q.SUM, subjects=(DIVISION,), measures=("budget", "spent_rate"), note="measures"),
         "더할 수 없습니다"),
        (Question(q.LIST, group=Group("line", conditions=(Condition("quota", ">", 3.0),))),
         "세부사업에는 정원"),
        (Question(q.DIFFERENCE, subjects=(DIVISION,), measures=("budget", "current")),
         "단위가 달라"),
    ],
    ids=["세부사업 정원", "과 연말예상", "비율 더하기", "세부사업 정원 조건", "단위 다른 차이"],
)  # fmt: skip
def test_a_combination_that_cannot_be_compiled_is_refused_with_the_reason(engine, question, reason):
    refusal = engine.planner.plan(question)
    assert isinstance(refusal, Refusal)
    assert reason in refusal.reason


def test_a_ranking_gives_the_place_asked_in_ranked_order(engine):
    third = engine.planner.plan(
        Question(q.RANK, group=Group("line"), measures=("budget",),
                 ranking=Ranking(descending=True, position=3))
    )  # fmt: skip
    assert [r["name"] for r in rows(engine, third)] == ["자치구 마을생태계 조성"]
    top = engine.planner.plan(
        Question(q.RANK, group=Group("division"), measures=("current",),
                 ranking=Ranking(descending=False, count=2))
    )  # fmt: skip
    assert [r["current"] for r in rows(engine, top)] == [15, 17]
