"""Hangul building blocks, as Korean input → expected output."""

import pytest

from knowledge.reading.hangul import disassemble, get_choseong, is_choseong_only


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("숙의", "ㅅㅜㄱㅇㅡㅣ"),
        ("숙이", "ㅅㅜㄱㅇㅣ"),
        ("협치", "ㅎㅕㅂㅊㅣ"),
        ("과", "ㄱㅗㅏ"),
        ("값", "ㄱㅏㅂㅅ"),
        ("NPO 1", "NPO 1"),
    ],
    ids=[
        "숙의는 ㅢ를 ㅡㅣ로",
        "숙이",
        "협치",
        "과는 ㅘ를 ㅗㅏ로",
        "겹받침 ㅄ",
        "영문과 숫자는 그대로",
    ],
)
def test_disassemble_splits_syllables_into_letters(text, letters):
    assert disassemble(text) == letters


def test_a_one_letter_typo_is_one_letter_apart():
    right, typo = disassemble("시민숙의예산과"), disassemble("시민숙이예산과")
    assert len(right) - len(typo) == 1
    assert right.replace("ㅡㅣ", "ㅣ", 1) == typo


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("갈등관리협치과", "ㄱㄷㄱㄹㅎㅊㄱ"),
        ("시민 참여과", "ㅅㅁㅊㅇㄱ"),
        ("NPO지원센터", "ㅈㅇㅅㅌ"),
    ],
    ids=["갈등관리협치과→ㄱㄷㄱㄹㅎㅊㄱ", "띄어쓰기는 무시", "영문은 빠짐"],
)
def test_get_choseong_reads_initial_consonants(text, initials):
    assert get_choseong(text) == initials


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ㄱㄷㄱㄹ", True), ("ㅋㅋ", True), ("ㄱ", False), ("갈등", False), ("ㄱㅏ", False)],
    ids=["초성 넷", "ㅋㅋ도 초성", "한 글자는 아님", "완성형은 아님", "모음 섞이면 아님"],
)
def test_is_choseong_only(text, expected):
    assert is_choseong_only(text) is expected
