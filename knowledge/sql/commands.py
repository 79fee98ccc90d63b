"""Power-user commands as engine answers: /sql, /schema, and the SQL behind a figure answer."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import duckdb
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.tokens import TokenType

from knowledge.answer import Answer
from knowledge.sql import guard as sql_guard
from knowledge.sql import schema_doc
from knowledge.sql.sandbox import (
    CUT_BY_BYTES,
    CUT_BY_CELLS,
    CUT_BY_ROWS,
    MAX_CELLS,
    MAX_RESULT_BYTES,
    MAX_ROWS,
    QueryFailed,
    QueryRefused,
    QueryResult,
    Sandbox,
    shared_sandbox,
)
from knowledge.sql.tables import cell_text, render_table, to_csv

# A Telegram message holds 4,096 characters; the rest is the summary line and markup.
MESSAGE_BUDGET = 3500
SQL_EXAMPLES = (
    "/sql SELECT division, sum(budget) FROM budget_lines GROUP BY division",
    "/sql SELECT name, spent_rate FROM budget_lines ORDER BY spent_rate DESC LIMIT 5",
    "/sql SELECT name FROM budget_lines WHERE spent IS NULL",
)
SQL_USAGE = "사용법: /sql SELECT … (읽기 전용, 최대 50행, 2초 제한)\n예:\n" + "\n".join(
    SQL_EXAMPLES
)


@dataclass(frozen=True)
class SqlReply:
    """What /sql shows: a summary line, the table, and CSV bytes when the table is too long."""

    summary: str
    table: str | None = None
    csv: bytes | None = None
    result: QueryResult | None = None

    @property
    def text(self) -> str:
        return self.summary if self.table is None else f"{self.summary}\n{self.table}"


def split_command(text: str) -> tuple[str, str] | None:
    """("sql"|"schema", the rest) when `text` is one of these commands (also `/sql@bot`)."""
    parts = text.strip().split(maxsplit=1)
    if not parts:
        return None
    head, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    # Fullwidth slashes and letters from phone keyboards count as the command too.
    command = unicodedata.normalize("NFKC", head).lower().split("@", 1)[0]
    if command in ("/sql", "/schema"):
        return command[1:], rest
    return None


def answer_command(sandbox: Sandbox, text: str) -> Answer | None:
    """The answer to /sql or /schema, or None when `text` is neither (the engine answers it)."""
    command = split_command(text)
    if command is None:
        return None
    name, rest = command
    return answer_sql(sandbox, rest) if name == "sql" else answer_schema(sandbox, rest)


def answer_power_command(connection: duckdb.DuckDBPyConnection, text: str) -> Answer | None:
    """For Engine.ask: /sql or /schema answered from the connection's read-only copy; else None.

    Cheap for every other text: the copy is only built the first time a command arrives.
    """
    if split_command(text) is None:
        return None
    return answer_command(shared_sandbox(connection), text)


def sql_reply(sandbox: Sandbox, query: str) -> SqlReply:
    """Run a person's query in the sandbox; a refusal is a reply too, never an exception."""
    if not query.strip():
        return SqlReply(summary=SQL_USAGE)
    try:
        result = sandbox.run(query)
    except QueryFailed as failure:
        return SqlReply(summary=str(failure))
    except QueryRefused as refusal:
        return SqlReply(summary=f"실행하지 않았습니다. {refusal}")
    table = render_table(result.columns, result.rows)
    csv = to_csv(result.columns, result.rows) if len(table) > MESSAGE_BUDGET else None
    return SqlReply(summary=_summary(result), table=table, csv=csv, result=result)


# The limit that cut a result, as the reply names it, with the particle it takes.
_CUT_LIMITS = {
    CUT_BY_ROWS: (f"{MAX_ROWS}행", "을"),
    CUT_BY_CELLS: (f"{MAX_CELLS:,}칸(행×열)", "을"),
    CUT_BY_BYTES: (f"{MAX_RESULT_BYTES // 1_000_000}MB", "를"),
}


def _summary(result: QueryResult) -> str:
    milliseconds = result.elapsed_seconds * 1000
    rows = len(result.rows)
    if result.cut is not None:
        limit, particle = _CUT_LIMITS[result.cut]
        if not rows:
            return f"결과의 첫 행부터 한도({limit})를 넘어 보여 드릴 수 없습니다. 열을 줄여 보세요."
        return f"결과가 {limit}{particle} 넘어 처음 {rows}행만 보여 드립니다."
    if rows == 1 and len(result.columns) == 1:
        return f"결과: {cell_text(result.rows[0][0])} ({milliseconds:.0f}ms)"
    return f"결과 {rows}행입니다 ({milliseconds:.0f}ms)."


def answer_sql(sandbox: Sandbox, query: str) -> Answer:
    """/sql as an engine Answer: the summary line first, then the aligned table."""
    reply = sql_reply(sandbox, query)
    return Answer(
        text=reply.text,
        intent="sql",
        sql=reply.result.sql if reply.result else None,
    )


def answer_schema(sandbox: Sandbox, table: str = "") -> Answer:
    """/schema: all tables in a line each; `/schema 표이름` one table's columns."""
    wanted = table.strip().lower()
    if wanted:
        for relation in sandbox.relations:
            if relation.name.lower() == wanted:
                return Answer(text=schema_doc.table_detail(relation), intent="schema")
        return Answer(
            text=f"'{table.strip()[:40]}' 표는 없습니다.\n\n{schema_doc.overview(sandbox.relations)}",
            intent="schema",
        )
    return Answer(text=schema_doc.overview(sandbox.relations), intent="schema")


def evidence_sql(sql: str, params: tuple | list = ()) -> str:
    """The query behind an answer with its parameters written in as SQL literals.

    Rendering goes through sqlglot, so a quote inside a value cannot end its string early,
    and the result passes the /sql guard and can be pasted after /sql as it is. A rendering
    is kept: the same answer's evidence is asked for again and again (`왜?`).
    """
    return _evidence_sql(sql, tuple(params))


@functools.lru_cache(maxsize=1024)
def _evidence_sql(sql: str, params: tuple) -> str:
    tree = sql_guard.parse_single_select(_number_placeholders(sql))
    placeholders = list(tree.find_all(exp.Placeholder))
    if len(placeholders) != len(params):
        raise ValueError(f"{len(placeholders)} placeholders for {len(params)} parameters")
    for placeholder in placeholders:
        placeholder.replace(_literal(params[int(placeholder.name) - 1]))
    return tree.sql(dialect=sql_guard.DIALECT, comments=False, pretty=True)


def _number_placeholders(sql: str) -> str:
    """`?` marks become `$1`, `$2`… in reading order, found by sqlglot's tokenizer.

    The tree's own order is not the reading order (LIMIT comes before WHERE in it), and a
    tokenizer never mistakes a `?` inside a string or comment for a parameter.
    """
    tokens = Dialect.get_or_raise(sql_guard.DIALECT).tokenize(sql)
    marks = [t for t in tokens if t.token_type == TokenType.PLACEHOLDER and t.text == "?"]
    for number, token in reversed(list(enumerate(marks, 1))):
        sql = f"{sql[: token.start]}${number}{sql[token.end + 1 :]}"
    return sql


def _literal(value: object) -> exp.Expression:
    if value is None:
        return exp.null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float | Decimal):
        return exp.Literal.number(value)
    if isinstance(value, dt.datetime):
        return exp.cast(exp.Literal.string(value.isoformat(sep=" ")), "TIMESTAMP")
    if isinstance(value, dt.date):
        return exp.cast(exp.Literal.string(value.isoformat()), "DATE")
    if isinstance(value, str):
        return exp.Literal.string(value)
    raise TypeError(f"no SQL literal for {type(value).__name__}")


def answer_evidence(answer: Answer) -> str:
    """The "근거 SQL" text for an answer: runnable SQL, or why there is none."""
    if answer.sql is None:
        return "이 답에는 근거 SQL이 없습니다."
    return "근거 SQL (/sql 뒤에 붙여 그대로 실행할 수 있습니다):\n" + evidence_sql(
        answer.sql, answer.params
    )
