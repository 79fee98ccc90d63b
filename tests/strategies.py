"""Hypothesis strategies for hostile text: any plane, controls, RTL marks, long words, blanks.

Shared by the property tests and `benchmarks/fuzz.py` (the long profile).
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

TELEGRAM_LIMIT = 4096
# The engine refuses questions longer than this after cleaning; the edge is interesting.
AROUND_ENGINE_LIMIT = 260

CONTROLS = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]]
INVISIBLES = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e",
    "\u200e", "\u200f", "\u061c",  # direction marks
    *(chr(c) for c in range(0x202A, 0x202F)),  # embeddings and overrides
    *(chr(c) for c in range(0x2066, 0x206A)),  # isolates
    "\u2028", "\u2029", "\u0085",
]  # fmt: skip
SPACES = [" ", "\t", "\n", "\r", "\u00a0", "\u3000", "\u2003", "\u2009", "\u202f", "\u3164"]
PUNCTUATION = list(string.punctuation) + list("·…※○●◎◇□■△▲▽▼→←“”‘’「」『』【】〈〉《》、。！？～")
JAMO = [chr(c) for c in (*range(0x3131, 0x318F), *range(0x1100, 0x1200))]
SYLLABLES = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)
# Pieces people really type, so random text also reaches the engine's deeper paths.
WORDS = [
    "갈등관리협치과", "시민참여과", "혁신파크", "예산", "집행률", "지출액", "현원", "10월 일정",
    "세입", "vs", "랑", "가장 낮은", "/sql SELECT 1", "/schema", "/start", "@report_test_bot",
    "<b>", "&amp;", "'; DROP TABLE x; --", "NPO", "ＮＰＯ", "ㄱㄷㄱㄹㅎㅊㄱ", "알려줘", "?", "😀",
]  # fmt: skip


def _text(alphabet, min_size: int = 0, max_size: int = TELEGRAM_LIMIT) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


def hostile_text() -> st.SearchStrategy[str]:
    """Any message text a person could send, up to Telegram's 4,096 characters."""
    return st.one_of(
        _text(st.characters(exclude_categories=("Cs",))),
        _text(st.characters(exclude_categories=("Cs",)), max_size=AROUND_ENGINE_LIMIT),
        # Astral planes: emoji, CJK extensions, tags, private use.
        _text(st.characters(min_codepoint=0x10000, exclude_categories=("Cs",)), max_size=300),
        _text(st.sampled_from(CONTROLS + INVISIBLES + SPACES), max_size=300),
        _text(st.sampled_from(SPACES), min_size=1),
        _text(st.sampled_from(PUNCTUATION), min_size=1),
        _text(st.sampled_from(JAMO), min_size=1),
        # One very long word.
        _text(SYLLABLES, min_size=200, max_size=TELEGRAM_LIMIT),
        st.lists(
            st.one_of(st.sampled_from(WORDS), st.sampled_from(INVISIBLES + SPACES)), max_size=40
        ).map("".join),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
        # Near Telegram's limit: a short piece repeated to 3,000-4,096 characters.
        st.builds(
            _repeated,
            _text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=20),
            st.integers(3000, TELEGRAM_LIMIT),
        ),
    ).map(lambda text: text[:TELEGRAM_LIMIT])


def _repeated(piece: str, length: int) -> str:
    return (piece * (length // len(piece) + 1))[:length]
