"""Scanning questions: which entity a person means, however it is typed, and what is left over."""

import unicodedata

import pytest

from knowledge.reading.normalize import clean
from knowledge.reading.quantities import find_quantities
from knowledge.reading.scan import scan


def reading_of(engine, question):
    text = find_quantities(clean(question), engine.catalog.as_of.year).text
    return scan(text, engine.lexicon, engine.catalog.index)


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
        ("강아지 어때", ["강아지"]),
        ("엠보팅은 어느 과 소관?", ["엠보팅"]),
    ],
    ids=["교통국은 국 키워드로 쪼개지 않음", "강아지", "조사 은은 떼어냄"],
)
def test_words_that_name_nothing_are_kept_as_unknown(engine, question, unknown):
    reading = reading_of(engine, question)
    assert reading.mentions == []
    assert reading.unknown == unknown


@pytest.mark.parametrize(
    ("question", "groups"),
    [
        ("사회협력과 집행율 얼마야?", {"rate"}),
        ("지출 집행률 가장 낮은 사업", {"measure", "rate", "ranking_low"}),
        ("기부금품 모집 담당 부서", {"duty"}),
        ("11월 일정", {"schedule"}),
        ("사회협력과 인원", {"measure"}),
        ("주요 추진 현안업무 뭐 있어", {"projects"}),
        ("시민숙의예산과 남은 예산", {"measure"}),
    ],
    ids=["율과 어미", "순위", "담당", "일정", "인원", "띄어 쓴 한 낱말", "남은 예산"],
)
def test_keywords_say_what_is_asked(engine, question, groups):
    assert groups <= reading_of(engine, question).groups


@pytest.mark.parametrize(
    ("question", "unit"),
    [
        ("시민참여예산 제안사업 몇 건", "건"),
        ("NPO입주협업공간 좌석 몇 석", "석"),
        ("마을활력소 몇 개소야", "개소"),
        ("사회협력과 예산", None),
    ],
    ids=["몇 건", "몇 석", "몇 개소", "세는 말 없음"],
)
def test_the_counter_asked_for_is_read(engine, question, unit):
    assert reading_of(engine, question).unit == unit


@pytest.mark.parametrize(
    ("question", "stem"),
    [("시민참여예산 제안사업 몇 건 접수됐어", "접수"), ("갈등관리 교육 몇 명 받았어", None)],
    ids=["접수됐어 → 접수", "받았어 → 뜻 없음"],
)
def test_a_verb_ending_is_taken_off_its_stem(engine, question, stem):
    reading = reading_of(engine, question)
    assert not any(word.endswith(("됐어", "았어")) for word in reading.unknown)
    if stem:
        assert stem in reading.unknown
