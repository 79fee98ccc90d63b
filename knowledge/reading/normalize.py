"""Text as people type it, made comparable: Unicode forms, invisible characters, widths, spacing."""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that survive copy-paste: zero-width, joiners, BOM, bidi marks and isolates.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
MARKUP = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
# Everything that is not a letter (Hangul, Latin, the Hanja the report uses: 現, 市), a digit
# or % is dropped from the compact form.
NOT_WORD = re.compile(r"[^0-9a-z%\uac00-\ud7a3\u3131-\u318e\u4e00-\u9fff]+")
MAX_LENGTH = 200
# A corporation's name with the mark of its kind ("(사)마을", "㈜이퓨앤파트너스", "(재)…").
ORGANISATION = re.compile(r"(?:\((?:사|재|주|사단법인|재단법인)\)|㈜|㈔)\s?[가-힣A-Za-z0-9]+")
# Endings typed after such a name ("(사)마을이라고"): the longer first; a one-letter particle
# only where two letters or more of the name are left ("(사)마을과", never "(사)마" + 을).
ORGANISATION_ENDINGS = ("이라고", "입니까", "인가요", "이에요", "이랑", "이야", "이지", "인지",
                        "예요", "라고", "으로")  # fmt: skip
ORGANISATION_PARTICLES = "이가은는을를과와로랑"


def organisations(text: str) -> list[str]:
    """The corporations a text names with the mark of their kind, endings left off."""
    found = []
    for match in ORGANISATION.finditer(text):
        name = match.group(0).replace(" ", "")
        mark = re.match(r"\([^)]*\)|㈜|㈔", name).group(0)
        body = name[len(mark) :]
        for ending in ORGANISATION_ENDINGS:
            if body.endswith(ending) and len(body) - len(ending) >= 2:
                body = body[: -len(ending)]
                break
        else:
            if body[-1] in ORGANISATION_PARTICLES and len(body) >= 3:
                body = body[:-1]
        found.append(mark + body)
    return found


# What parts typed words: spaces, and brackets of any kind ("진행자(모더레이터)" is two words).
WORD_BREAK = re.compile(r"[\s()\[\]{}「」『』<>〈〉《》]+")


def clean(text: str) -> str:
    """NFC, no invisible or control characters, ASCII for fullwidth forms, single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = INVISIBLE.sub("", text)
    text = CONTROL.sub(" ", text)
    text = text.translate(FULLWIDTH)
    text = MARKUP.sub(" ", text)
    return " ".join(text.split())


def compact(text: str) -> str:
    """The form names are matched on: lower case, no spaces or punctuation, 률 read as 율."""
    return NOT_WORD.sub("", text.lower()).replace("률", "율")


def _fullwidth_table() -> dict[int, str]:
    table = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table[0x3000] = " "
    # Letters a PDF or an IME puts in place of plain ones.
    table.update({ord("･"): "·", ord("・"): "·", ord("‧"): "·", ord("․"): "·"})
    return table


FULLWIDTH = _fullwidth_table()


# What a place is typed with that the report leaves off ("은평구", "상도동": 은평, 상도).
PLACE_SUFFIXES = frozenset("구동")


# Seoul's 25 자치구, as the report writes them in lists (성동, 관악, …): a 구 asked that a list
# of them leaves out is not among them.
DISTRICTS = frozenset(
    [
        "종로",
        "중구",
        "용산",
        "성동",
        "광진",
        "동대문",
        "중랑",
        "성북",
        "강북",
        "도봉",
        "노원",
        "은평",
        "서대문",
        "마포",
        "양천",
        "강서",
        "구로",
        "금천",
        "영등포",
        "동작",
        "관악",
        "서초",
        "강남",
        "송파",
        "강동",
    ]
)


def district(word: str) -> str | None:
    """`마포구` → `마포`: a Seoul 자치구 typed with 구 (or 구청, or bare), else None."""
    word = word[:-1] if word.endswith("구청") and len(word) >= 4 else word
    name = word[:-1] if word.endswith("구") and word != "중구" else word
    return name if name in DISTRICTS else None


def bare_place(word: str) -> str | None:
    """`은평구` → `은평`: a place typed with its kind, without it; None for any other word."""
    return word[:-1] if len(word) >= 3 and word[-1] in PLACE_SUFFIXES else None
