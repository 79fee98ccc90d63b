"""Answer → Telegram HTML, message splitting and keyboards (pure functions)."""

import html
import re

import pytest

from handlers import keyboards, render
from knowledge import Answer, Choice
from services.buttons import Button, ButtonBook
from services.limits import MESSAGE_LIMIT, telegram_length


def plain(chunks: list[str]) -> str:
    """What a person reads: tags removed, entities decoded, parts joined by line breaks."""
    return html.unescape(re.sub(r"</?b>", "", "\n".join(chunks)))


@pytest.mark.parametrize(
    "text",
    [
        "갈등관리협치과 집행률은 92.6%입니다.\n예산현액 1,000천원",
        "<b>굵게</b> & <script>alert(1)</script>",
        "'; DROP TABLE lines; --",
        "이모지 😀👍 와 zero\u200bwidth",
        "한 줄",
        "첫 줄\n\n빈 줄 다음",
    ],
    ids=["figure", "html-tags", "sql", "emoji-zero-width", "one-line", "blank-line"],
)
def test_rendering_keeps_the_words_and_escapes_every_tag(text):
    chunks = render.render_html(Answer(text=text, intent="test"))
    assert plain(chunks) == text
    # Only the bold tag we add survives as markup.
    assert set(re.findall(r"</?\w+>", "".join(chunks))) <= {"<b>", "</b>"}
    assert chunks[0].startswith("<b>")


def test_long_answer_is_split_between_lines_within_the_limit():
    lines = [f"{n}. 서울혁신파크 운영 <사업> 집행률 {n % 100}.5%" for n in range(400)]
    text = "\n".join(lines)
    chunks = render.render_html(Answer(text=text, intent="list"))
    assert len(chunks) > 1
    assert all(telegram_length(chunk) <= MESSAGE_LIMIT for chunk in chunks)
    # No line is cut: every part holds whole lines.
    assert all(line in lines for chunk in chunks for line in plain([chunk]).split("\n"))
    assert plain(chunks) == text


@pytest.mark.parametrize(
    "text",
    ["가" * 9000, "&" * 5000, "😀" * 3000],
    ids=["hangul-line", "escaped-line", "emoji-utf16"],
)
def test_a_single_overlong_line_is_cut_within_the_limit(text):
    chunks = render.render_html(Answer(text=text, intent="test"))
    assert all(telegram_length(chunk) <= MESSAGE_LIMIT for chunk in chunks)
    assert plain(chunks).replace("\n", "") == text


def test_keyboard_puts_candidates_one_per_row_and_packs_followups():
    answer = Answer(
        text="어느 사업인가요?",
        intent="clarify",
        choices=(
            Choice("서울혁신파크 운영", "서울혁신파크 운영 예산"),
            Choice("혁신파크 조성", "혁신파크 조성 예산"),
        ),
        followups=(
            Choice("추진현황", "a 추진현황"),
            Choice("향후계획", "a 향후계획"),
            Choice("예산", "a 예산"),
        ),
    )
    book = ButtonBook(b"secret")
    rows = keyboards.keyboard(answer, book).inline_keyboard
    assert [[b.text for b in row] for row in rows] == [
        ["서울혁신파크 운영"],
        ["혁신파크 조성"],
        ["추진현황", "향후계획", "예산"],
    ]
    assert book.read(rows[0][0].callback_data) == Button("q", "서울혁신파크 운영 예산")


def test_no_buttons_means_no_keyboard():
    assert keyboards.keyboard(Answer(text="답", intent="figure"), ButtonBook()) is None
