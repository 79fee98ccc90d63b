"""Query results as aligned monospace text (Hangul counted double width) or as CSV bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

MAX_CELL_WIDTH = 28
NULL_TEXT = "NULL"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Unicode's control characters (category Cc): they would break the alignment and a chat message.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Columns a monospace font gives `text`: wide (Hangul, CJK) characters take two."""
    return sum(_char_width(char) for char in text)


def cell_text(value: object) -> str:
    """A value as a person reads it: integers with separators, dates ISO, NULL spelled out."""
    if value is None:
        return NULL_TEXT
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float | Decimal):
        return format(value, ",")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return CONTROL_CHARACTERS.sub(" ", str(value))


def _clip(text: str, width: int) -> str:
    """`text` cut to `width` columns with "…"; reads only as far as the cut, so a long cell
    costs no more than a short one."""
    used = 0
    for index, char in enumerate(text):
        used += _char_width(char)
        if used > width:
            kept = text[:index]
            while kept and display_width(kept) > width - 1:
                kept = kept[:-1]
            return kept + "…"
    return text


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap


def render_table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """An aligned table: a header, a rule, then rows; numbers right-aligned."""
    header = [_clip(cell_text(c), MAX_CELL_WIDTH) for c in columns]
    body = [[_clip(cell_text(v), MAX_CELL_WIDTH) for v in row] for row in rows]
    numeric = [
        all(isinstance(row[i], int | float | Decimal) or row[i] is None for row in rows)
        and any(row[i] is not None for row in rows)
        for i in range(len(columns))
    ]
    widths = [
        max([display_width(header[i])] + [display_width(row[i]) for row in body])
        for i in range(len(columns))
    ]
    lines = [" | ".join(_pad(h, w, False) for h, w in zip(header, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines.extend(
        " | ".join(_pad(v, w, n) for v, w, n in zip(row, widths, numeric, strict=True))
        for row in body
    )
    return "\n".join(line.rstrip() for line in lines)


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    """CSV in UTF-8 with a BOM, so Excel opens Korean text correctly; values unformatted."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if value is None else _csv_value(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def csv_size(value: object) -> int:
    """Bytes `value` takes at most in `to_csv`: its UTF-8 text with quotes doubled, the quotes
    around it, the formula guard and a separator."""
    text = "" if value is None else str(_csv_value(value))
    return len(text.encode("utf-8")) + text.count('"') + 4


def _csv_value(value: object) -> object:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and value != "-":
        # Spreadsheets would run text like "=HYPERLINK(...)" from a person's query as a formula.
        return "'" + value
    return value
