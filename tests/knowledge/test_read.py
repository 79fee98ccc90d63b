"""The read stage alone: Korean text → the typed question it asks (no query runs while reading)."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.reading import question as q

TODAY = date(2026, 12, 2)


def read(engine, text: str):
    return engine.reader.read(text, TODAY)


def names(subjects) -> list[str]:
    return [s.name for s in subjects]


@pytest.mark.parametrize(
    ("text", "asks", "subjects", "measures"),
    [
        ("갈등관리협치과 집행률", q.FIGURES, ["갈등관리협치과"], ("committed_rate", "spent_rate")),
        ("갈등관리협치과 지출 집행률", q.FIGURES, ["갈등관리협치과"], ("spent_rate",)),
        ("사회협력과 원인행위 집행율 얼마야?", q.FIGURES, ["사회협력과"], ("committed_rate",)),
        ("갈등관리협치과 인원 몇 명이고 예산은 얼마야", q.FIGURES, ["갈등관리협치과"],
         ("quota", "current", "budget")),
        ("시민숙의예산과 남은 예산", q.FIGURES, ["시민숙의예산과"], ("remaining",)),
        ("2021년 8월 13일 기준 시민숙의예산과의 원인행위액은 얼마입니까?", q.FIGURES,
         ["시민숙의예산과"], ("committed",)),
        ("사회협력과 소관 「공유서울 확산」 사업의 원인행위액을 알려주시기 바랍니다.", q.FIGURES,
         ["공유서울 확산"], ("committed",)),
        ("서울혁신파크 운영 연말 집행예상", q.FIGURES, ["서울혁신파크 운영"],
         ("outlook_amount",)),
        ("2020년 세입 예산", q.FIGURES, ["합계"], ("budget_2020",)),
        ("커뮤니티 공간 운영지원이랑 자치구 마을생태계 조성 예산 합치면", q.SUM,
         ["커뮤니티 공간 운영지원", "자치구 마을생태계 조성"], ("budget",)),
        ("혁신파크 운영이랑 조성 지출 합치면", q.SUM,
         ["서울혁신파크 운영", "서울혁신파크 조성사업"], ("spent",)),
        ("시민참여과와 시민숙의예산과 예산 차이", q.DIFFERENCE, ["시민참여과", "시민숙의예산과"],
         ("budget",)),
        ("시민참여과 원인행위 집행률이랑 지출 집행률 몇 %p 차이야", q.DIFFERENCE, ["시민참여과"],
         ("committed_rate", "spent_rate")),
        ("갈등관리협치과 예산이 국 전체에서 차지하는 비중", q.SHARE, ["갈등관리협치과", "시민협력국"],
         ("budget",)),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)  # fmt: skip
def test_figures_of_named_things(engine, text, asks, subjects, measures):
    question = read(engine, text)
    assert question.asks == asks
    assert names(question.subjects) == subjects
    assert question.measures == measures


@pytest.mark.parametrize(
    ("text", "asks", "kind", "division", "conditions"),
    [
        ("지출 집행률 80% 이상인 세부사업 몇 개야", q.COUNT, "line", None, [("spent_rate", ">=", 80)]),
        ("원인행위 집행률 80% 안 되는 과", q.LIST, "division", None, [("committed_rate", "<", 80)]),
        ("예산 1억 미만 세부사업 몇 개", q.COUNT, "line", None, [("budget", "<", 100_000)]),
        ("예산 1억 5천만원 넘는 사회협력과 사업", q.LIST, "line", "사회협력과",
         [("budget", ">", 150_000)]),
        ("징수율 100% 넘은 세입 항목", q.LIST, "revenue", None, [("collection_rate", ">", 100)]),
        ("정원 20명 이상인 과", q.LIST, "division", None, [("quota", ">=", 20)]),
        ("미집행 사업 예산 합계", q.SUM, "line", None, [("spent", "is_null", None)]),
        ("작년보다 줄어든 세입 항목", q.LIST, "revenue", None, [("change_amount", "<", 0)]),
        ("사회협력과 세부사업 목록", q.LIST, "line", "사회협력과", []),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)  # fmt: skip
def test_sets_with_conditions(engine, text, asks, kind, division, conditions):
    question = read(engine, text)
    assert question.asks == asks
    assert question.group.kind == kind
    assert question.group.division == division
    assert [(c.measure, c.comparison, c.value) for c in question.group.conditions] == conditions


@pytest.mark.parametrize(
    ("text", "asks", "named", "lines"),
    [
        ("마을 사업 중 예산 제일 큰 거", q.RANK, "마을", 4),
        ("이름에 센터 들어간 세부사업 몇 개", q.COUNT, "센터", 4),
        ("갈등관리 관련 세부사업 목록", q.LIST, "갈등관리", 4),
        ("혁신파크 사업 중 집행률 제일 낮은 거", q.RANK, "혁신파크", 2),
        ("NPO 관련 사업 예산 평균", q.AVERAGE, "NPO", 3),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)  # fmt: skip
def test_lines_picked_by_a_word_of_their_names(engine, text, asks, named, lines):
    question = read(engine, text)
    assert question.asks == asks
    assert (question.group.kind, question.group.named) == ("line", named)
    assert len(question.group.lines) == lines


def test_a_measure_against_another_is_a_condition(engine):
    question = read(engine, "정원보다 현원 적은 과")
    condition = question.group.conditions[0]
    assert (condition.measure, condition.comparison, condition.other) == ("current", "<", "quota")


@pytest.mark.parametrize(
    ("text", "kind", "measure", "descending", "position", "count"),
    [
        ("예산 세 번째로 큰 세부사업", "line", "budget", True, 3, None),
        ("지출 집행률 가장 낮은 사업", "line", "spent_rate", False, None, None),
        ("시민참여과에서 예산 두번째로 큰 사업", "line", "budget", True, 2, None),
        ("예산 제일 작은 세부사업 2개", "line", "budget", False, None, 2),
        ("행정직 제일 많은 과", "division", "administrative", True, None, None),
        ("지출 집행률로 과 줄 세우면 꼴찌는", "division", "spent_rate", False, None, None),
        ("증감률 가장 크게 감소한 세입 항목", "revenue", "change_rate", False, None, None),
        ("지출 집행률 80% 이상인 사업 중에 예산 제일 작은 거", "line", "budget", False, None, None),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)  # fmt: skip
def test_rankings(engine, text, kind, measure, descending, position, count):
    question = read(engine, text)
    assert question.asks == q.RANK
    assert question.group.kind == kind
    assert question.measures[0] == measure
    ranking = question.ranking
    assert (ranking.descending, ranking.position, ranking.count) == (descending, position, count)


@pytest.mark.parametrize(
    ("text", "measure", "comparison", "value", "other"),
    [
        ("지역공동체과 지출 집행률 90% 넘어?", "spent_rate", ">", 90, None),
        ("갈등관리협치과 예산 300억 넘지?", "budget", ">", 30_000_000, None),
        ("갈등관리협치과 예산 300억 안 넘지?", "budget", "<", 30_000_000, None),
        ("사회협력과 정원이 현원보다 많은 거 맞죠?", "quota", ">", None, "current"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)  # fmt: skip
def test_yes_no_checks(engine, text, measure, comparison, value, other):
    question = read(engine, text)
    assert question.asks == q.CHECK
    check = question.check
    assert (check.measure, check.comparison, check.value, check.other) == (
        measure, comparison, value, other,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("2023년 사회협력과 예산", "2023년"),
        ("지역공동체과 과장 이름이 뭐야", "과장"),
        ("갈등관리협치과 7월 지출액", "월별 수치"),
        ("코로나 확진자 몇 명이야", "확진자"),
    ],
    ids=lambda value: value,
)
def test_what_the_report_does_not_hold_is_named(engine, text, held):
    question = read(engine, text)
    assert question.asks == q.NOT_HELD
    assert any(held in item for item in question.not_held)


def test_words_nothing_explains_are_never_dropped(engine):
    question = read(engine, "사회협력과 업무추진비 알려줘")
    assert question.asks in (q.NOT_HELD, q.NOT_FOUND)
    assert not question.measures or question.asks == q.NOT_FOUND


@pytest.mark.parametrize(
    ("text", "asks", "months"),
    [
        ("갈등관리협치과 10월 일정", q.PLANS, ((2021, 10), (2021, 10))),
        ("9~10월 일정", q.PLANS, ((2021, 9), (2021, 10))),
        ("하반기 계획", q.PLANS, ((2021, 7), (2021, 12))),
        ("이노페스티벌이랑 서울갈등포럼 둘 다 10월 맞지?", q.CHECK, ((2021, 10), (2021, 10))),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_months(engine, text, asks, months):
    question = read(engine, text)
    assert question.asks == asks
    span = ((question.months.first.year, question.months.first.month),
            (question.months.last.year, question.months.last.month))  # fmt: skip
    assert span == months


def test_this_month_falls_back_to_the_report_when_it_plans_nothing_then(engine):
    question = read(engine, "이번 달 일정")
    assert question.asks == q.PLANS
    assert (question.months.first.year, question.months.first.month) == (2021, 8)
    assert "기준일" in question.note


def test_this_month_is_today_when_the_report_plans_then(engine):
    question = engine.reader.read("이번 달 일정", date(2021, 10, 5))
    assert (question.months.first.year, question.months.first.month) == (2021, 10)


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("기부금품 담당 부서", q.DUTY),
        ("엠보팅은 어느 과 소관?", q.DUTY),
        ("사회협력과 주요업무", q.DUTIES),
        ("혁신파크 선별진료소 누가 운영해", q.TEXT),
        ("NPO입주협업공간 면적", q.TEXT),
        ("서울시민회의 위원 몇 명?", q.TEXT),
        ("시민협력국 언제 생겼어", q.ORGANIZATION),
        ("혁신파크 예산", q.CLARIFY),
        ("보고서에서 숫자 안 맞는 곳", q.AUDIT),
    ],
    ids=lambda value: value,
)
def test_what_kind_of_answer_is_asked(engine, text, asks):
    assert read(engine, text).asks == asks
