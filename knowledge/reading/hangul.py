"""Hangul building blocks: split syllables into jamo and read their initial consonants."""

from __future__ import annotations

from functools import lru_cache

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3
# Compatibility jamo, the letters people type on a keyboard.
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONGSEONG = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")
# Compound letters split further, so that one mistyped stroke costs one edit, not a whole letter.
COMPOUND = {
    "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ", "ㄽ": "ㄹㅅ",
    "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ",
}  # fmt: skip
RIEUL_FINAL = JONGSEONG.index("ㄹ")
CONSONANTS = frozenset("ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def is_hangul(char: str) -> bool:
    return is_syllable(char) or "ㄱ" <= char <= "ㅣ"


@lru_cache(maxsize=4096)
def disassemble(text: str) -> str:
    """`숙의` → `ㅅㅜㄱㅇㅡㅣ`: every syllable as its letters; anything else kept as it is."""
    letters = _LETTERS_OF
    return "".join([letters.get(char) or _letters_of(char) for char in text])


# Each syllable's letters, worked out the first time it is seen (11,172 syllables at most).
_LETTERS_OF: dict[str, str] = {}


def _letters_of(char: str) -> str:
    if not is_syllable(char):
        return COMPOUND.get(char, char)
    initial, rest = divmod(ord(char) - SYLLABLE_FIRST, 21 * 28)
    medial, final = divmod(rest, 28)
    parts = (CHOSEONG[initial], JUNGSEONG[medial], JONGSEONG[final])
    letters = _LETTERS_OF[char] = "".join(COMPOUND.get(letter, letter) for letter in parts)
    return letters


def get_choseong(text: str) -> str:
    """`갈등관리` → `ㄱㄷㄱㄹ`: the initial consonant of every syllable, others dropped."""
    return "".join(
        CHOSEONG[(ord(char) - SYLLABLE_FIRST) // (21 * 28)] for char in text if is_syllable(char)
    )


def is_choseong_only(text: str) -> bool:
    """True for `ㄱㄷㄱㄹ`: typed initials only, at least two of them."""
    return len(text) >= 2 and all(char in CONSONANTS for char in text)


def final_of(char: str) -> str:
    """The final consonant of one syllable (`했` → `ㅆ`), "" for none or a non-syllable."""
    if not is_syllable(char):
        return ""
    return JONGSEONG[(ord(char) - SYLLABLE_FIRST) % 28]


def has_final(word: str) -> bool:
    """Whether a word ends in a consonant, as said aloud: `과` no, `국` yes, `3` (삼) yes."""
    for char in reversed(word):
        if char == "%":
            return False  # 퍼센트
        if is_syllable(char):
            return (ord(char) - SYLLABLE_FIRST) % 28 != 0
        if char.isdigit():
            return char in "0136789"
        if char.isalpha():
            return char.lower() in "lmn"
    return False


def with_ro(word: str) -> str:
    """`word` with (으)로: 억원으로, 89.0%로, 1,081명으로; after ㄹ it is 로 (10월로)."""
    for char in reversed(word):
        if is_syllable(char):
            final = (ord(char) - SYLLABLE_FIRST) % 28
            return word + ("로" if final in (0, RIEUL_FINAL) else "으로")
        if char == "%" or char.isdigit() or char.isalpha():
            break
    return particle(word, "으로", "로")


def particle(word: str, after_consonant: str, after_vowel: str) -> str:
    """`word` with the particle its ending takes: particle("사회협력과", "이", "가") → 사회협력과가."""
    return word + (after_consonant if has_final(word) else after_vowel)
