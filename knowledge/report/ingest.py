"""Read the report text into the tables of schema.sql by its layout, keeping each row's source line.

The whole file is parsed before the connection is touched, so a broken layout raises ValueError
(with the line number) and leaves an existing database alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from rapidfuzz import fuzz

from knowledge.report import checks
from knowledge.report.dates import LABELLED, dated_spans

SCHEMA_PATH = Path(__file__).with_name("schema.sql")
# Built from the tables once they are filled: every figure a question can ask for, one row a thing.
FIGURES_PATH = Path(__file__).with_name("figures.sql")
UNITS_PATH = Path(__file__).resolve().parents[2] / "data" / "fact_units.toml"

REPORT_NAME_RE = re.compile(r"report_(\d{4}-\d{2}-\d{2})\.txt")
SECTION_RE = re.compile(r"^\s*([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ])\.\s*(\S.*?)\s*$")
AMOUNT_RE = re.compile(r"△?\d[\d,]*|-")
RATE_RE = re.compile(r"△?\d+(?:\.\d+)?%|-")
AS_OF_RE = re.compile(r"’(\d{2})\.\s*(\d{1,2})\.\s*(\d{1,2})\.\s*기준")
REORGANIZED_RE = re.compile(r"신설\s*:\s*’(\d{2})\.\s*(\d{1,2})\.\s*(\d{1,2})\.")
STRUCTURE_RE = re.compile(r"^\d+\S+(?:\s+\d+\S+)+$")
STAFF_NOTE_RE = re.compile(r"^※\s*(\S+?)\s*(\d+)명\s*별도\s*\((.*)\)\s*$")
STAFF_PART_RE = re.compile(r"(\S+?)\s*(\d+)명")
PROJECT_LIST_RE = re.compile(r"^(\d{1,2})\s+(\S.*?)\s*\(([^()]+)\)\s*$")
PROJECT_HEADING_RE = re.compile(r"^(\d{1,2})\s+(\S.*?)\s*$")
PART_NAMES = (("개요", "개요"), ("추진현황", "현황"), ("향후계획", "계획"))
PERIOD_RE = re.compile(r"^(.*\S)\s+:\s*(’\d{2}\..*)$")
PERIOD_POINT_RE = re.compile(r"(?:’(\d{2})\.\s*)?(\d{1,2})\s*월?")
# A letter-spaced label opening a bullet: '구 성 :', '(위 치)', '운 영 ;'.
SPACED_LABEL_RE = re.compile(r"^(\(?)((?:[가-힣] )+[가-힣])(?=\)|\s*[:;])")
MIDDLE_DOTS = str.maketrans({"․": "·", "‧": "·", "･": "·"})

# Column headers of the personnel table, as the report prints them, mapped to schema columns.
PERSONNEL_COLUMNS = {
    "소계": "subtotal",
    "행정직": "administrative",
    "기술직": "technical",
    "개방형": "open_position",
    "임기제": "fixed_term",
    "관리운영": "management",
}

TABLE_COLUMNS = {
    "report": ("title", "bureau", "as_of", "unit", "source_file"),
    "organization": ("unit", "structure", "role", "reorganized_on", "source"),
    "divisions": ("division", "position"),
    "personnel": (
        "division", "is_total", "quota", "current", "shortage", "subtotal", "administrative",
        "technical", "open_position", "fixed_term", "management", "part_time_fixed_term", "source",
    ),
    "duties": ("division", "position", "duty", "source"),
    "revenue": (
        "item", "parent", "level", "position", "budget_2020", "budget_2021", "change_amount",
        "change_rate", "change_rate_printed", "collected", "collection_rate",
        "collection_rate_printed", "source",
    ),
    "spending": (
        "section", "division", "is_total", "budget", "committed", "spent", "committed_rate",
        "committed_rate_printed", "spent_rate", "spent_rate_printed", "source",
    ),
    "budget_lines": (
        "line_no", "division", "name", "budget", "committed", "spent", "committed_rate",
        "committed_rate_printed", "spent_rate", "spent_rate_printed", "source",
    ),
    "projects": ("project_no", "title", "division", "purpose", "source"),
    "project_items": (
        "project_no", "part", "position", "depth", "text", "parent_position", "source",
    ),
    "project_budgets": (
        "project_no", "name", "line_no", "budget", "committed", "spent", "committed_rate",
        "committed_rate_printed", "spent_rate", "spent_rate_printed", "outlook_amount",
        "outlook_rate", "outlook_rate_printed", "source",
    ),
    "plans": (
        "project_no", "position", "item", "period", "start_month", "end_month", "open_ended",
        "details", "source",
    ),
    "dated_items": ("project_no", "part", "position", "first_day", "last_day", "to_day"),
    "vision": ("kind", "position", "text", "strategy", "source"),
    "facts": ("project_no", "part", "value", "unit", "printed", "context", "source"),
}  # fmt: skip


@dataclass(frozen=True)
class Line:
    number: int
    raw: str

    @property
    def text(self) -> str:
        return self.raw.strip(" \t\u3000")


@dataclass
class Section:
    numeral: str
    title: str
    lines: list[Line]

    def source(self, line: Line) -> str:
        return f"{self.numeral}. {self.title} (줄 {line.number})"


@dataclass
class Item:
    part: str
    position: int
    depth: int
    text: str
    parent_position: int | None
    line: Line
    marked: bool = True


@dataclass
class Project:
    number: int
    title: str
    division: str
    heading: Line | None = None
    lines: list[Line] = field(default_factory=list)
    purpose: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    budget_rows: list[tuple[str, list[str], Line]] = field(default_factory=list)


def newest_report(data_dir: Path) -> Path:
    """The report with the latest 기준일 in `data_dir`. Only files named exactly
    `report_YYYY-MM-DD.txt` with a real date are reports: `report_old.txt`, a `.bak` or an
    editor's copy lying beside them are not (`report_old.txt` once sorted last and was read)."""
    dated = []
    for path in data_dir.glob("report_*.txt"):
        match = REPORT_NAME_RE.fullmatch(path.name)
        if match is None or not path.is_file():
            continue
        try:
            dated.append((dt.date.fromisoformat(match.group(1)), path))
        except ValueError:
            continue  # report_2021-13-01.txt: no such day
    if not dated:
        raise FileNotFoundError(f"no report_YYYY-MM-DD.txt in {data_dir}")
    return max(dated)[1]


def load_report(connection: duckdb.DuckDBPyConnection, report_path: Path) -> None:
    """Create the schema on `connection`, fill it from the report text, then record inconsistencies."""
    rows = parse_report(Path(report_path).read_text(encoding="utf-8"), Path(report_path).name)
    connection.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
    for table, table_rows in rows.items():
        _insert(connection, table, table_rows)
    checks.run_checks(connection)
    connection.execute(FIGURES_PATH.read_text(encoding="utf-8"))


def parse_report(text: str, source_file: str) -> dict[str, list[tuple]]:
    """Parse the report into rows per table (column order of TABLE_COLUMNS)."""
    lines = [Line(number, raw.rstrip("\r")) for number, raw in enumerate(text.split("\n"), 1)]
    sections = _split_sections(lines)
    for numeral in ("Ⅰ", "Ⅲ", "Ⅳ"):
        if numeral not in sections:
            raise ValueError(f"보고서 형식을 알 수 없습니다: 장 '{numeral}.' 제목 줄이 없습니다")
    rows: dict[str, list[tuple]] = {table: [] for table in TABLE_COLUMNS}
    general = sections["Ⅰ"]
    bureau, as_of = _parse_general(general, rows)
    rows["report"].append((f"{bureau} 주요업무 보고", bureau, as_of, "천원", source_file))
    divisions = [row[0] for row in rows["divisions"]]
    _parse_lines_section(sections["Ⅳ"], bureau, divisions, rows)
    _parse_projects(sections["Ⅲ"], divisions, rows, as_of.year)
    if "Ⅱ" in sections:
        _parse_vision(sections["Ⅱ"], rows)
    checks.require_structure(
        {
            table: [dict(zip(TABLE_COLUMNS[table], row, strict=True)) for row in rows[table]]
            for table in ("divisions", "spending", "budget_lines")
        }
    )
    return rows


def _insert(connection: duckdb.DuckDBPyConnection, table: str, rows: Sequence[tuple]) -> None:
    """One statement per table, one list parameter per column: far cheaper than a row per bind."""
    if not rows:
        return
    columns = TABLE_COLUMNS[table]
    unnested = ", ".join(f"unnest(${index})" for index in range(1, len(columns) + 1))
    connection.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {unnested}",
        [list(column) for column in zip(*rows, strict=True)],
    )


def _fail(line: Line | None, message: str) -> ValueError:
    where = f"줄 {line.number}: " if line else ""
    return ValueError(f"보고서 형식을 알 수 없습니다: {where}{message}")


# --- small text helpers -------------------------------------------------------------------


def join_letter_spacing(text: str) -> str:
    """'시 민 참 여 과' -> '시민참여과': runs of two or more one-syllable words are PDF letter-spacing."""
    words = text.replace("\u3000", " ").split()
    joined: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1 and "가" <= word <= "힣":
            run.append(word)
            continue
        if len(run) >= 2:
            joined.append("".join(run))
        else:
            joined.extend(run)
        run = []
        if word:
            joined.append(word)
    return " ".join(joined)


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(MIDDLE_DOTS))


def _amount(token: str) -> int | None:
    if token == "-":
        return None
    return (
        -int(token[1:].replace(",", "")) if token.startswith("△") else int(token.replace(",", ""))
    )


def _rate(token: str) -> tuple[float | None, str | None]:
    if token == "-":
        return None, None
    number = float(token.lstrip("△").rstrip("%"))
    return (-number if token.startswith("△") else number), token


def _split_row(text: str, kinds: str) -> tuple[str, list[str]] | None:
    """Split 'name v1 v2 …' where the last len(kinds) tokens are amounts ('a') or rates ('r')."""
    tokens = text.replace("\u3000", " ").split()
    if len(tokens) < len(kinds):
        return None
    values = tokens[len(tokens) - len(kinds) :]
    for kind, token in zip(kinds, values, strict=True):
        pattern = AMOUNT_RE if kind == "a" else RATE_RE
        if not pattern.fullmatch(token):
            return None
    return " ".join(tokens[: len(tokens) - len(kinds)]), values


def _money_row(values: list[str]) -> tuple:
    """budget, committed, spent, committed rate (+printed), spent rate (+printed)."""
    committed_rate, committed_printed = _rate(values[3])
    spent_rate, spent_printed = _rate(values[4])
    return (
        _amount(values[0]),
        _amount(values[1]),
        _amount(values[2]),
        committed_rate,
        committed_printed,
        spent_rate,
        spent_printed,
    )


def _nonblank(lines: Sequence[Line]) -> Iterator[Line]:
    return (line for line in lines if line.text)


# --- sections --------------------------------------------------------------------------------


def _split_sections(lines: list[Line]) -> dict[str, Section]:
    sections: dict[str, Section] = {}
    current: Section | None = None
    for line in lines:
        match = SECTION_RE.match(line.raw)
        if match:
            if match.group(1) in sections:
                raise _fail(line, f"장 '{match.group(1)}.'이 두 번 나옵니다")
            current = Section(match.group(1), join_letter_spacing(match.group(2)), [])
            sections[current.numeral] = current
        elif current:
            current.lines.append(line)
    return sections


# --- Ⅱ. 정책비전 및 추진전략 -------------------------------------------------------------------

# The emphasis dots a PDF leaves over letters ("시민̇ ̇ 과"), with the spaces they leave.
EMPHASIS_DOTS = re.compile(r"\s*\u0307\s*")
# The labels of the vision chart, each printed over two lines or one.
VISION_LABELS = ("비전", "추진방향", "추진전략", "추진사업")
# A strategy of the chart, then the projects under it.
PROJECTS_PER_STRATEGY = 3


def _parse_vision(section: Section, rows: dict[str, list[tuple]]) -> None:
    """The vision (one line before the label 비전), the 추진방향 (its bullets), and the 추진전략
    with the 추진사업 under each (blocks of the chart: a strategy is two one-line blocks, then
    its projects). A chart read otherwise is left out rather than guessed at."""
    blocks: list[list[Line]] = [[]]
    for line in section.lines:
        if line.text:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]

    def said(block: list[Line]) -> str:
        text = " ".join(join_letter_spacing(EMPHASIS_DOTS.sub("", line.text)) for line in block)
        text = text.replace(" · ", "·")
        return re.sub(r"^[^\w(「]+", "", text).strip()

    # The vision is printed just above its label, in the same block ("…참여도시 서울 / 비전").
    for block in blocks:
        if len(block) == 2 and block[1].text.replace(" ", "") == "비전":
            rows["vision"].append(("비전", 1, said(block[:1]), None, section.source(block[0])))
            break
    labels = {i: said(b).replace(" ", "") for i, b in enumerate(blocks)}
    at = {
        label: next((i for i, t in labels.items() if t == label), None) for label in VISION_LABELS
    }
    if at["추진방향"] is not None and at["추진전략"] is not None:
        for position, block in enumerate(blocks[at["추진방향"] + 1 : at["추진전략"]], 1):
            rows["vision"].append(("추진방향", position, said(block), None,
                                   section.source(block[0])))  # fmt: skip
    if at["추진사업"] is None:
        return
    chart = [b for b in blocks[at["추진사업"] + 1 :] if said(b)]
    step = 2 + PROJECTS_PER_STRATEGY
    if (
        not chart
        or len(chart) % step
        or any(len(chart[i]) != 1 or len(chart[i + 1]) != 1 for i in range(0, len(chart), step))
    ):
        return
    for number, start in enumerate(range(0, len(chart), step), 1):
        strategy = f"{said(chart[start])} {said(chart[start + 1])}"
        rows["vision"].append(("추진전략", number, strategy, None, section.source(chart[start][0])))
        for position, block in enumerate(chart[start + 2 : start + step], 1):
            rows["vision"].append(("추진사업", position, said(block), strategy,
                                   section.source(block[0])))  # fmt: skip


# --- Ⅰ. 일반현황 ------------------------------------------------------------------------------


def _parse_general(section: Section, rows: dict[str, list[tuple]]) -> tuple[str, dt.date]:
    lines = list(_nonblank(section.lines))
    as_of = _parse_as_of(section)
    staff_at = _find(lines, lambda line: _compact(line.text).startswith("인력:"), "인력 줄")
    bureau = _parse_organization(section, lines[:staff_at], rows)
    duties_at = _find(
        lines, lambda line: _compact(line.text).startswith("부서별주요업무"), "주요업무"
    )
    revenue_at = _find(lines, lambda line: _compact(line.text) == "○세입총괄", "○ 세입 총괄")
    spending_at = _find(lines, lambda line: _compact(line.text) == "○세출총괄", "○ 세출 총괄")
    if not staff_at < duties_at < revenue_at < spending_at:
        raise _fail(lines[duties_at], "인력, 주요업무, 세입 총괄, 세출 총괄의 순서가 다릅니다")
    _parse_personnel(section, lines[staff_at + 1 : duties_at], bureau, rows)
    divisions = [row[0] for row in rows["divisions"]]
    _parse_duties(section, lines[duties_at + 1 : revenue_at], divisions, rows)
    _parse_revenue(section, lines[revenue_at + 1 : spending_at], rows)
    _parse_spending_summary(section, lines[spending_at + 1 :], bureau, divisions, rows)
    return bureau, as_of


def _find(lines: list[Line], predicate: Callable[[Line], bool], what: str) -> int:
    for index, line in enumerate(lines):
        if predicate(line):
            return index
    raise _fail(None, f"Ⅰ장에서 '{what}'을(를) 찾지 못했습니다")


def _parse_as_of(section: Section) -> dt.date:
    for line in section.lines:
        match = AS_OF_RE.search(line.text)
        if match:
            year, month, day = (int(group) for group in match.groups())
            return dt.date(2000 + year, month, day)
    raise _fail(None, "Ⅰ장에서 기준일(’yy. m. d. 기준)을 찾지 못했습니다")


def _parse_organization(section: Section, lines: list[Line], rows: dict[str, list[tuple]]) -> str:
    reorganized_on = None
    units: list[tuple[str, str, Line]] = []
    for index, line in enumerate(lines):
        match = REORGANIZED_RE.search(line.text)
        if match:
            year, month, day = (int(group) for group in match.groups())
            reorganized_on = dt.date(2000 + year, month, day)
        if STRUCTURE_RE.match(line.text) and index + 1 < len(lines):
            units.append((join_letter_spacing(lines[index + 1].text), line.text, line))
    current = [unit for unit in units if unit[0].endswith("국")]
    if len(current) != 1:
        raise _fail(lines[0] if lines else None, "조직도에서 국(현재 조직)을 하나 찾지 못했습니다")
    for name, structure, line in units:
        is_current = name == current[0][0]
        rows["organization"].append(
            (
                name,
                structure,
                "current" if is_current else "predecessor",
                reorganized_on if is_current else None,
                section.source(line),
            )
        )
    return current[0][0]


def _parse_personnel(
    section: Section, lines: list[Line], bureau: str, rows: dict[str, list[tuple]]
) -> None:
    header = next((line for line in lines if line.text.split()[:1] == ["소계"]), None)
    if header is None:
        raise _fail(lines[0] if lines else None, "인력 표의 직종 머리줄(소계 …)이 없습니다")
    kinds = header.text.split()
    unknown = [kind for kind in kinds if kind not in PERSONNEL_COLUMNS]
    if unknown:
        raise _fail(header, f"인력 표의 직종 '{unknown[0]}'을(를) 모릅니다")
    parsed: list[tuple[str, list[int], Line]] = []
    note: Line | None = None
    for line in lines[lines.index(header) + 1 :]:
        if line.text.startswith("※"):
            note = line
            break
        split = _split_row(line.text, "a" * (3 + len(kinds)))
        if split is None or not split[0]:
            raise _fail(line, "인력 표의 행으로 읽을 수 없습니다")
        # In the personnel table '-' means nobody, so it is stored as 0.
        counts = [_amount(token) or 0 for token in split[1]]
        parsed.append((join_letter_spacing(split[0]).replace(" ", ""), counts, line))
    if not parsed or parsed[0][0] != "합계":
        raise _fail(header, "인력 표가 '합계' 행으로 시작하지 않습니다")
    divisions = [name for name, _, _ in parsed[1:]]
    rows["divisions"].extend((name, position) for position, name in enumerate(divisions, 1))
    part_time = _parse_staff_note(note, divisions)
    for name, counts, line in parsed:
        is_total = name == "합계"
        by_kind = dict(zip(kinds, counts[3:], strict=True))
        rows["personnel"].append(
            (
                bureau if is_total else name,
                is_total,
                *counts[:3],
                *(by_kind.get(kind, 0) for kind in PERSONNEL_COLUMNS),
                part_time.get("합계" if is_total else name, 0),
                section.source(line),
            )
        )


def _parse_staff_note(note: Line | None, divisions: list[str]) -> dict[str, int]:
    """'※ 시간선택제임기제공무원 18명 별도(시민참여과 1명, …)' -> per-division counts and 합계."""
    if note is None:
        return {}
    match = STAFF_NOTE_RE.match(note.text)
    if match is None:
        raise _fail(note, "인력 표 아래 ※ 별도 인원 주석을 읽을 수 없습니다")
    counts = {"합계": int(match.group(2))}
    for name, count in STAFF_PART_RE.findall(match.group(3)):
        name = name.lstrip(",")
        if name not in divisions:
            raise _fail(note, f"주석의 부서 '{name}'이(가) 인력 표에 없습니다")
        counts[name] = int(count)
    return counts


def _parse_duties(
    section: Section, lines: list[Line], divisions: list[str], rows: dict[str, list[tuple]]
) -> None:
    division: str | None = None
    position = 0
    for line in lines:
        name = join_letter_spacing(line.text).replace(" ", "")
        if name in divisions:
            division, position = name, 0
        elif line.text.startswith("･") and division:
            position += 1
            rows["duties"].append(
                (division, position, line.text.lstrip("･ ").strip(), section.source(line))
            )
        elif division:
            break  # the next heading of Ⅰ
    found = {row[0] for row in rows["duties"]}
    missing = [name for name in divisions if name not in found]
    if missing:
        raise _fail(lines[0] if lines else None, f"주요업무에 '{missing[0]}' 항목이 없습니다")


def _parse_revenue(section: Section, lines: list[Line], rows: dict[str, list[tuple]]) -> None:
    entries: list[tuple[str, int | None, list[str], Line]] = []
    for line in lines:
        split = _split_row(line.text, "aaarar")
        if split is None or not split[0]:
            if entries:
                raise _fail(line, "세입 총괄의 행으로 읽을 수 없습니다")
            continue  # the header block before the first row
        indent = len(line.raw) - len(line.raw.lstrip("\u3000"))
        # Rows without leading fullwidth spaces may have lost them in the PDF: level unknown.
        name = join_letter_spacing(split[0]).replace(" ", "")
        entries.append((name, indent + 1 if indent else None, split[1], line))
    if not entries or entries[0][0] != "합계":
        raise _fail(lines[0] if lines else None, "세입 총괄이 '합계' 행으로 시작하지 않습니다")
    vectors = [
        tuple(_amount(values[index]) or 0 for index in (0, 1, 2, 4)) for _, _, values, _ in entries
    ]
    levels = _revenue_levels(vectors, [hint for _, hint, _, _ in entries])
    stack: list[str] = []
    for position, ((name, _, values, line), level) in enumerate(
        zip(entries, levels, strict=True), 1
    ):
        del stack[level:]
        change_rate, change_printed = _rate(values[3])
        collection_rate, collection_printed = _rate(values[5])
        rows["revenue"].append(
            (
                name,
                stack[-1] if stack else None,
                level,
                position,
                _amount(values[0]),
                _amount(values[1]),
                _amount(values[2]),
                change_rate,
                change_printed,
                _amount(values[4]),
                collection_rate,
                collection_printed,
                section.source(line),
            )
        )
        stack.append(name)


def _revenue_levels(vectors: list[tuple[int, ...]], hints: list[int | None]) -> list[int]:
    """Levels of the 세입 rows (preorder): the tree whose every parent is the sum of its children.

    The PDF kept some fullwidth-space indentation and lost the rest, so indentation is only a
    hint; the arithmetic decides. If no tree adds up exactly (a typo in the report), accept one
    where most columns add up, and as a last resort follow the indentation alone.
    """
    for columns_needed in (len(vectors[0]), len(vectors[0]) - 1):
        levels = _tree_levels(vectors, hints, columns_needed)
        if levels is not None:
            return levels
    levels = [0]
    for hint in hints[1:]:
        levels.append(hint if hint is not None else max(levels[-1], 1))
    return levels


def _tree_levels(
    vectors: list[tuple[int, ...]], hints: list[int | None], columns_needed: int
) -> list[int] | None:
    count = len(vectors)
    zero = tuple(0 for _ in vectors[0])

    def adds_up(total: tuple[int, ...], parts: tuple[int, ...]) -> bool:
        return sum(t == p for t, p in zip(total, parts, strict=True)) >= columns_needed

    @functools.cache
    def subtrees(row: int, level: int) -> dict[int, tuple[tuple[int, int], ...]]:
        """Ends e such that rows[row:e] is `row` with its descendants -> its children's spans."""
        if hints[row] is not None and hints[row] != level:
            return {}
        found: dict[int, tuple[tuple[int, int], ...]] = {row + 1: ()}
        seen: set[tuple[int, tuple[int, ...]]] = set()
        frontier: list[tuple[int, tuple[int, ...], tuple[tuple[int, int], ...]]] = [
            (row + 1, zero, ())
        ]
        while frontier:
            position, total, children = frontier.pop()
            if position >= count:
                continue
            for end in subtrees(position, level + 1):
                summed = tuple(a + b for a, b in zip(total, vectors[position], strict=True))
                if (end, summed) in seen:
                    continue
                seen.add((end, summed))
                spans = (*children, (position, end))
                if adds_up(vectors[row], summed):
                    found.setdefault(end, spans)
                frontier.append((end, summed, spans))
        return found

    if count not in subtrees(0, 0):
        return None
    levels = [0] * count

    def assign(row: int, level: int, end: int) -> None:
        levels[row] = level
        for child, child_end in subtrees(row, level)[end]:
            assign(child, level + 1, child_end)

    assign(0, 0, count)
    return levels


def _parse_spending_summary(
    section: Section,
    lines: list[Line],
    bureau: str,
    divisions: list[str],
    rows: dict[str, list[tuple]],
) -> None:
    started = False
    for line in lines:
        split = _split_row(line.text, "aaarr")
        if split is None or not split[0]:
            if started:
                break  # the ※ note under the table
            continue
        started = True
        name = join_letter_spacing(split[0]).replace(" ", "")
        is_total = name == "합계"
        if not is_total and name not in divisions:
            raise _fail(line, f"세출 총괄의 '{name}'이(가) 인력 표의 부서가 아닙니다")
        rows["spending"].append(
            (
                "Ⅰ",
                bureau if is_total else name,
                is_total,
                *_money_row(split[1]),
                section.source(line),
            )
        )
    if not started:
        raise _fail(lines[0] if lines else None, "세출 총괄 표의 행이 없습니다")


# --- Ⅳ. 세부사업별 예산집행 현황 -----------------------------------------------------------------


def _parse_lines_section(
    section: Section, bureau: str, divisions: list[str], rows: dict[str, list[tuple]]
) -> None:
    in_header = False
    division: str | None = None
    pending: list[Line] = []
    for line in _nonblank(section.lines):
        text = line.text
        if _compact(text).startswith("구분"):
            if pending:
                raise _fail(pending[0], "Ⅳ장 표의 행으로 읽을 수 없습니다 (숫자가 없습니다)")
            in_header = True
            continue
        if in_header:
            in_header = not text.startswith("원인행위")
            continue
        if text.startswith("(") and "기준" in text:
            continue
        split = _split_row(text, "aaarr")
        if split is None:
            if re.search(r"\d,\d{3}|%", text):
                raise _fail(line, "Ⅳ장 표의 행으로 읽을 수 없습니다")
            pending.append(line)  # a long name wrapped over lines
            continue
        name = " ".join([*(part.text for part in pending), split[0]]).strip()
        pending = []
        compact = join_letter_spacing(name).replace(" ", "")
        if compact == "합계" or compact in divisions:
            division = compact if compact in divisions else None
            rows["spending"].append(
                (
                    "Ⅳ",
                    compact if division else bureau,
                    division is None,
                    *_money_row(split[1]),
                    section.source(line),
                )
            )
            continue
        if division is None:
            raise _fail(line, f"세부사업 '{name}' 앞에 부서 소계 행이 없습니다")
        rows["budget_lines"].append(
            (
                len(rows["budget_lines"]) + 1,
                division,
                name,
                *_money_row(split[1]),
                section.source(line),
            )
        )
    if pending:
        raise _fail(pending[0], "Ⅳ장 표의 행으로 읽을 수 없습니다 (숫자가 없습니다)")
    if not rows["budget_lines"]:
        raise _fail(None, "Ⅳ장에서 세부사업 행을 찾지 못했습니다")


# --- Ⅲ. 주요 추진 현안업무 ---------------------------------------------------------------------


def _parse_projects(
    section: Section, divisions: list[str], rows: dict[str, list[tuple]], year: int
) -> None:
    projects: list[Project] = []
    lines = list(_nonblank(section.lines))
    index = 0
    while index < len(lines):
        match = PROJECT_LIST_RE.match(lines[index].text)
        if not match or int(match.group(1)) != len(projects) + 1:
            break
        division = match.group(3).replace(" ", "")
        if division not in divisions:
            raise _fail(lines[index], f"사업 목록의 부서 '{division}'이(가) 인력 표에 없습니다")
        title = re.sub(r"\s*·\s*", "·", re.sub(r"\s+", " ", match.group(2)))
        projects.append(Project(len(projects) + 1, title, division))
        index += 1
    if not projects:
        raise _fail(lines[0] if lines else None, "Ⅲ장 첫머리에 사업 목록이 없습니다")
    current: Project | None = None
    for line in lines[index:]:
        match = PROJECT_HEADING_RE.match(line.text)
        if match and current is not projects[-1]:
            following = projects[current.number if current else 0]
            if int(match.group(1)) == following.number and _same_title(
                match.group(2), following.title
            ):
                current = following
                current.heading = line
                continue
        if current is None:
            raise _fail(line, "사업 1의 제목 줄을 찾지 못했습니다")
        current.lines.append(line)
    missing = [project for project in projects if project.heading is None]
    if missing:
        raise _fail(None, f"사업 {missing[0].number} '{missing[0].title}'의 본문이 없습니다")
    units = _fact_units()
    for project in projects:
        _structure_project(section, project)
        _emit_project(section, project, units, rows)
        _emit_dates(project, rows, year)


def _same_title(heading: str, listed: str) -> bool:
    return (
        _compact(heading) == _compact(listed)
        or fuzz.ratio(_compact(heading), _compact(listed)) >= 90
    )


def _part_of(line: Line) -> str | None:
    if not line.raw.startswith((" ", "\u3000")):
        return None
    compact = _compact(line.text)
    for suffix, part in PART_NAMES:
        if compact.endswith(suffix) and len(compact) <= len(suffix) + 3:
            return part
    return None


def _structure_project(section: Section, project: Project) -> None:
    """Split a project's raw lines into purpose, bullets per part and its budget table rows."""
    part: str | None = None
    table = "off"  # off -> announced (※ 예산집행 현황) -> header -> rows
    pending_name: list[Line] = []
    positions: dict[str, int] = {}
    announced: Line | None = None
    for line in project.lines:
        text = line.text
        new_part = _part_of(line)
        if new_part:
            part, table = new_part, ("announced" if table == "announced" else "off")
            if pending_name:
                raise _fail(pending_name[0], "예산집행 현황 표의 행에 숫자가 없습니다")
            continue
        if text.startswith("※") and "예산집행" in text:
            table, announced = "announced", line
            continue
        if table == "announced" and text.startswith("사업명"):
            table = "header"
            continue
        if table == "header":
            if text.startswith("원인행위"):
                table = "rows"
            continue
        if table == "rows":
            split = _split_row(text, "aaarrar")
            if split is None:
                pending_name.append(line)
                continue
            name = " ".join([*(part.text for part in pending_name), split[0]]).strip()
            pending_name = []
            if not name:
                raise _fail(line, "예산집행 현황 표의 행에 사업명이 없습니다")
            project.budget_rows.append((name, split[1], line))
            continue
        if part is None:
            project.purpose.append(text)
            continue
        _add_item(project, part, line, positions)
    if pending_name:
        raise _fail(pending_name[0], "예산집행 현황 표의 행에 숫자가 없습니다")
    # Not every project has a table (project 4 of 2021-08-13 has none), but one announced
    # and empty has lost its rows.
    if announced is not None and not project.budget_rows:
        raise _fail(announced, f"사업 {project.number}의 예산집행 현황 표에 행이 없습니다")
    if part is None:
        raise _fail(
            project.heading, f"사업 {project.number}에 사업개요/추진현황/향후계획이 없습니다"
        )


def _add_item(project: Project, part: str, line: Line, positions: dict[str, int]) -> None:
    marker, body = line.text[0], line.text[1:].strip()
    same_part = [item for item in project.items if item.part == part]
    if marker == "○":
        depth, text = 1, _join_label_spacing(body)
    elif marker == "-":
        depth, text = 2, _join_label_spacing(body)
    elif marker == "※":
        depth, text = 3, f"※ {body}"
    elif line.raw.startswith((" ", "\u3000")):
        depth, text = 0, line.text
    elif same_part and same_part[-1].text.endswith(","):
        # The PDF wrapped the previous bullet; its second half has no marker.
        same_part[-1].text = f"{same_part[-1].text} {line.text}"
        return
    else:
        # A marker the PDF lost (⇒, ▸ …): a note under the last marked bullet.
        marked = [item for item in same_part if item.marked and item.depth in (1, 2)]
        depth = min(marked[-1].depth + 1, 3) if marked else 1
        text = _join_label_spacing(line.text)
    parent = next((item for item in reversed(same_part) if item.depth < depth), None)
    if depth == 0:
        parent = None
    positions[part] = positions.get(part, 0) + 1
    is_marked = marker in "○-※" or depth == 0
    project.items.append(
        Item(
            part, positions[part], depth, text, parent.position if parent else None, line, is_marked
        )
    )


def _join_label_spacing(text: str) -> str:
    """'구 성 : …' -> '구성 : …', '(위 치) …' -> '(위치) …': a label the PDF letter-spaced."""
    return SPACED_LABEL_RE.sub(lambda match: match.group(1) + match.group(2).replace(" ", ""), text)


def _emit_project(
    section: Section, project: Project, units: re.Pattern[str], rows: dict[str, list[tuple]]
) -> None:
    heading = project.heading or project.lines[0]
    rows["projects"].append(
        (
            project.number,
            project.title,
            project.division,
            " ".join(project.purpose),
            section.source(heading),
        )
    )
    by_position = {(item.part, item.position): item for item in project.items}
    for item in project.items:
        rows["project_items"].append(
            (
                project.number,
                item.part,
                item.position,
                item.depth,
                item.text,
                item.parent_position,
                section.source(item.line),
            )
        )
        chain = [item.text]
        parent = item.parent_position
        while parent is not None:
            ancestor = by_position[(item.part, parent)]
            if ancestor.depth >= 1:
                chain.insert(0, ancestor.text)
            parent = ancestor.parent_position
        context = " > ".join(chain)
        for match in units.finditer(item.text):
            rows["facts"].append(
                (
                    project.number,
                    item.part,
                    float(match.group(1).replace(",", "")),
                    match.group(2),
                    match.group(0),
                    context,
                    section.source(item.line),
                )
            )
    plan_items = [item for item in project.items if item.part == "계획" and item.depth == 1]
    for position, item in enumerate(plan_items, 1):
        name, period, start, end, open_ended = _parse_plan(item)
        details = [
            other.text
            for other in project.items
            if other.part == "계획" and other.parent_position == item.position
        ]
        rows["plans"].append(
            (
                project.number,
                position,
                name,
                period,
                start,
                end,
                open_ended,
                " / ".join(details) or None,
                section.source(item.line),
            )
        )
    line_names = [(row[0], row[1], row[2]) for row in rows["budget_lines"]]
    for name, values, line in project.budget_rows:
        outlook_rate, outlook_printed = _rate(values[6])
        rows["project_budgets"].append(
            (
                project.number,
                name,
                match_line(name, project.division, line_names),
                *_money_row(values[:5]),
                _amount(values[5]),
                outlook_rate,
                outlook_printed,
                section.source(line),
            )
        )


def _emit_dates(project: Project, rows: dict[str, list[tuple]], year: int) -> None:
    """The dated bullets of 추진현황: what was done when, for months the plans do not cover;
    and a period an outline labels ("위탁기간 : ’21. 11. 21. ∼ ’22. 12. 31.")."""
    for item in project.items:
        if item.part == "계획" or (item.part != "현황" and not LABELLED.match(item.text.strip())):
            continue
        for first, last, to_day in dated_spans(item.text, year):
            rows["dated_items"].append(
                (project.number, item.part, item.position, first, last, to_day)
            )


def _parse_plan(item: Item) -> tuple[str, str | None, dt.date | None, dt.date | None, bool]:
    """'하반기 … 개최 : ’21. 9월~11월' -> item, period, first month, last month, open-ended."""
    match = PERIOD_RE.match(item.text)
    if match is None:
        return item.text, None, None, None, False
    name, period = match.group(1), match.group(2)
    points: list[dt.date] = []
    year: int | None = None
    for point in PERIOD_POINT_RE.finditer(period):
        if point.group(1):
            year = 2000 + int(point.group(1))
        month = int(point.group(2))
        if year is None or not 1 <= month <= 12:
            raise _fail(item.line, f"향후계획 기간 '{period}'을(를) 읽을 수 없습니다")
        points.append(dt.date(year, month, 1))
    if not points or len(points) > 2:
        raise _fail(item.line, f"향후계획 기간 '{period}'을(를) 읽을 수 없습니다")
    open_ended = len(points) == 1 and period.rstrip().endswith(("~", "∼"))
    end = None if open_ended else points[-1]
    return name, period, points[0], end, open_ended


def match_line(name: str, division: str, lines: list[tuple[int, str, str]]) -> int | None:
    """The Ⅳ line a Ⅲ table row stands for: same name, then prefix/containment, then fuzzy."""
    key = _compact(re.sub(r"\([^)]*\)", "", name))
    candidates = [line for line in lines if line[1] == division] or lines
    for pool in (candidates, lines):
        exact = [number for number, _, line_name in pool if _compact(line_name) == key]
        if exact:
            return exact[0]
        contained = [
            (fuzz.ratio(key, _compact(line_name)), number)
            for number, _, line_name in pool
            if key in _compact(line_name) or _compact(line_name) in key
        ]
        if contained:
            return max(contained)[1]
    scored = [(fuzz.ratio(key, _compact(line_name)), number) for number, _, line_name in candidates]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= 80 else None


def _fact_units() -> re.Pattern[str]:
    units = tomllib.loads(UNITS_PATH.read_text(encoding="utf-8"))["units"]
    alternatives = "|".join(re.escape(unit) for unit in sorted(units, key=len, reverse=True))
    # Not after ’ or '.' (dates like ’21.3.) nor after 제 (ordinals like 제301회).
    return re.compile(
        rf"(?<![\d’.제])(?<!\d,)(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?({alternatives})"
    )
