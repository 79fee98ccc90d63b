"""Reading questions: which entity a person means, however it is typed, and what is left over."""

import unicodedata

import pytest

from knowledge.understand import read


def reading_of(engine, question):
    return read(question, engine.lexicon, engine.catalog.index)


def best_names(reading):
    return [[c.entity.name for c in mention.best] for mention in reading.mentions]


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("갈등관리협치과 집행률", "갈등관리협치과"),
        ("시민숙이예산과 집행률", "시민숙의예산과"),
        ("갈등관리혐치과", "갈등관리협치과"),
        ("사회협렵과 지출", "사회협력과"),
        ("ㄱㄷㄱㄹㅎㅊㄱ 예산", "갈등관리협치과"),
        ("ㅅㅎㅎㄹㄱ", "사회협력과"),
        ("시 민 숙 의 예 산 과", "시민숙의예산과"),
        ("지역 공동체과 지출액", "지역공동체과"),
        ("서울혁신파크운영예산", "서울혁신파크 운영"),
        ("서울혁신파크 조성 연말", "서울혁신파크 조성사업"),
        ("NPO 지원센터 운영 예산 알려줘", "서울시 NPO지원센터 운영"),
        ("ＮＰＯ입주협업공간 예산", "NPO입주협업공간 운영"),
        ("모더레이터 지출액", "민주시민교육과 모더레이터양성 프로그램"),
        ("예산학교 지출액", "예산학교 운영"),
        ("혁신파크 향후계획", "서울혁신파크 운영·관리"),
        ("서울시민회의 위원 몇 명?", "서울시민회의 구성·운영"),
        ("공유재산임대료 징수액", "공유재산임대료"),
        (unicodedata.normalize("NFD", "사회협력과 예산"), "사회협력과"),
        ("사회\u200b협력과 예산", "사회협력과"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_the_meant_entity_leads(engine, question, name):
    names = best_names(reading_of(engine, question))
    assert names and name in names[0]


def test_a_short_name_shared_by_two_lines_leaves_both_in_play(engine):
    names = best_names(reading_of(engine, "지원센터 예산"))
    assert len(names[0]) >= 2


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("교통국 예산 알려줘", ["교통국"]),
        ("날씨 어때", ["날씨"]),
        ("엠보팅은 어느 과 소관?", ["엠보팅"]),
    ],
    ids=["교통국은 국 키워드로 쪼개지 않음", "날씨", "조사 은은 떼어냄"],
)
def test_words_that_name_nothing_are_kept_as_unknown(engine, question, unknown):
    reading = reading_of(engine, question)
    assert reading.mentions == []
    assert reading.unknown == unknown


@pytest.mark.parametrize(
    ("question", "groups"),
    [
        ("사회협력과 집행율 얼마야?", {"rate"}),
        ("지출 집행률 가장 낮은 사업", {"spent", "rate", "ranking_low"}),
        ("기부금품 모집 담당 부서", {"duty"}),
        ("11월 일정", {"schedule"}),
        ("사회협력과 인원", {"personnel"}),
    ],
    ids=["율과 어미", "순위", "담당", "일정", "인원"],
)
def test_keywords_say_what_is_asked(engine, question, groups):
    assert groups <= reading_of(engine, question).groups


@pytest.mark.parametrize(
    ("question", "month", "unit"),
    [
        ("10월 일정", 10, None),
        ("9월에 뭐 있어", 9, None),
        ("시민참여예산 제안사업 몇 건", None, "건"),
    ],
    ids=["10월", "9월", "몇 건"],
)
def test_months_and_counters_are_read(engine, question, month, unit):
    reading = reading_of(engine, question)
    assert (reading.month, reading.unit) == (month, unit)
