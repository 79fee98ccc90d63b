"""/schema: the sandbox's tables and views with their Korean descriptions from data/schema_ko.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from knowledge.sql.sandbox import Relation

SCHEMA_DOC = Path(__file__).resolve().parents[2] / "data" / "schema_ko.toml"


@cache
def descriptions(path: Path = SCHEMA_DOC) -> dict[str, dict]:
    """{table: {"description": str, "columns": {column: str}}} as written in the data file."""
    with path.open("rb") as handle:
        return tomllib.load(handle)["tables"]


def overview(relations: Sequence[Relation]) -> str:
    """Every table and view in one short line each, then how to see one table's columns."""
    docs = descriptions()
    lines = [f"조회할 수 있는 표 {len(relations)}개입니다 (/sql 로 SELECT 하세요)."]
    for relation in sorted(relations, key=lambda r: r.name):
        description = docs.get(relation.name, {}).get("description", "")
        kind = " (뷰)" if relation.kind == "view" else ""
        lines.append(f"• {relation.name}{kind}: {description}".rstrip(": "))
    lines.append("")
    lines.append("열 설명: /schema 표이름 (예: /schema budget_lines)")
    lines.append("금액은 천원, 비율은 % 숫자(92.6 = 92.6%), NULL 금액은 미집행(-)입니다.")
    return "\n".join(lines)


def table_detail(relation: Relation) -> str:
    """One table's columns with their types and Korean descriptions."""
    doc = descriptions().get(relation.name, {})
    column_docs = doc.get("columns", {})
    lines = [f"{relation.name}: {doc.get('description', '')}".rstrip(": ")]
    for name, data_type in relation.columns:
        description = column_docs.get(name, "")
        lines.append(f"• {name} ({data_type}) {description}".rstrip())
    lines.append("")
    lines.append(f"예: /sql SELECT * FROM {relation.name} LIMIT 5")
    return "\n".join(lines)
