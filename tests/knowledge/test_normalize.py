"""Text as people type it → the forms the engine compares."""

import unicodedata

import pytest

from knowledge.reading.normalize import clean, compact


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        (unicodedata.normalize("NFD", "갈등관리협치과"), "갈등관리협치과"),
        ("갈등\u200b관리\u200d협치과", "갈등관리협치과"),
        ("ＮＰＯ　지원센터", "NPO 지원센터"),
        ("<b>안녕</b>", "안녕"),
        ("  예산\t\n알려줘 ", "예산 알려줘"),
        ("\u202e예산\u202c", "예산"),
        ("지출\x00액", "지출 액"),
    ],
    ids=[
        "NFD 한글은 NFC로",
        "폭 없는 공백 제거",
        "전각 영문과 공백",
        "HTML 태그 제거",
        "공백 정리",
        "RTL 표시 제거",
        "제어 문자는 공백",
    ],
)
def test_clean(typed, cleaned):
    assert clean(typed) == cleaned


@pytest.mark.parametrize(
    ("typed", "compacted"),
    [
        ("시 민 숙 의 예 산 과", "시민숙의예산과"),
        ("집행률", "집행율"),
        ("NPO입주·협업공간 운영", "npo입주협업공간운영"),
        ("지역사회혁신계획(구단위계획형) 지원", "지역사회혁신계획구단위계획형지원"),
        ("100%", "100%"),
    ],
    ids=["글자 사이 공백 제거", "률은 율로", "가운뎃점과 대소문자", "괄호 제거", "퍼센트는 남김"],
)
def test_compact(typed, compacted):
    assert compact(typed) == compacted
