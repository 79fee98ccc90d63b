"""Whether a person's SQL may run: one SELECT over the report's tables, decided on sqlglot's tree
and its scopes with allow-lists of node types, functions, tables and columns; what runs is
regenerated from that tree."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import OptimizeError
from sqlglot.optimizer.normalize_identifiers import normalize_identifiers
from sqlglot.optimizer.qualify import qualify
from sqlglot.optimizer.scope import traverse_scope
from sqlglot.tokens import Token, TokenType

# sqlglot warns with the statement text when it falls back to a Command; those are refused
# anyway, and people's text stays out of the logs.
logging.getLogger("sqlglot").setLevel(logging.ERROR)
logger = logging.getLogger(__name__)

DIALECT = "duckdb"
MAX_SQL_CHARS = 4000
# Bounds on the text, checked on its tokens before parsing, because sqlglot's work is not
# linear in them: brackets and CASE open at once (its recursion), and subscripts `x[1]`, each of
# which it type-checks (1,100 chained ones cost 2.5 s of CPU before it gave up). Real queries
# over the report nest a few levels and subscript a string now and then.
MAX_NESTING = 24
MAX_SUBSCRIPTS = 16
_OPENERS = frozenset({TokenType.L_PAREN, TokenType.L_BRACKET, TokenType.L_BRACE, TokenType.CASE})
_CLOSERS = frozenset({TokenType.R_PAREN, TokenType.R_BRACKET, TokenType.R_BRACE, TokenType.END})
# What a `[` after these subscripts rather than opens a list.
_VALUE_ENDS = frozenset(
    {
        TokenType.R_BRACKET, TokenType.R_PAREN, TokenType.VAR, TokenType.IDENTIFIER,
        TokenType.STRING, TokenType.NUMBER,
    }
)  # fmt: skip
# A bare name DuckDB cannot find among the columns in reach is tried as one of its
# parenthesis-free functions (current_catalog, user, …), even before an outer query's column.
_BARE = "bare_column"

# Set operations are still queries; everything else at the root is refused.
_QUERY_ROOTS = (exp.Select, exp.Union, exp.Intersect, exp.Except)

# The grammar of a read-only analytical query. Anything absent (Lateral, Pivot, Placeholder,
# JSON operators, Command, …) is refused, so new sqlglot node types are refused by default.
_ALLOWED_NODES: frozenset[type[exp.Expression]] = frozenset(
    {
        exp.Select, exp.Union, exp.Intersect, exp.Except, exp.With, exp.CTE, exp.Subquery,
        exp.From, exp.Join, exp.Where, exp.Group, exp.Having, exp.Qualify, exp.Order,
        exp.Ordered, exp.Limit, exp.Offset, exp.Distinct, exp.Window, exp.WindowSpec,
        exp.Rollup, exp.Cube, exp.GroupingSets, exp.Column, exp.Identifier, exp.Table,
        exp.TableAlias, exp.Alias, exp.Star, exp.Literal, exp.Boolean, exp.Null, exp.Paren,
        exp.Tuple, exp.Values, exp.DataType, exp.DataTypeParam, exp.Interval, exp.Var,
        exp.Filter, exp.WithinGroup, exp.Bracket, exp.Array,
        exp.Add, exp.Sub, exp.Mul, exp.Div, exp.IntDiv, exp.Mod, exp.Neg, exp.DPipe,
        exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ, exp.NullSafeNEQ,
        exp.And, exp.Or, exp.Not, exp.Is, exp.In, exp.Between, exp.Like, exp.ILike,
        exp.SimilarTo, exp.Exists, exp.Any, exp.All, exp.Collate,
    }
)  # fmt: skip

# Functions by the class sqlglot gives them: pure computations on values only.
_ALLOWED_FUNCTIONS: frozenset[type[exp.Expression]] = frozenset(
    {
        # aggregates
        exp.Count, exp.Sum, exp.Avg, exp.Min, exp.Max, exp.Median, exp.Mode, exp.Stddev,
        exp.StddevPop, exp.StddevSamp, exp.Variance, exp.VariancePop, exp.PercentileCont,
        exp.PercentileDisc, exp.ApproxDistinct, exp.ArgMax, exp.ArgMin, exp.GroupConcat,
        exp.ArrayAgg, exp.CountIf, exp.First, exp.Last, exp.LogicalAnd, exp.LogicalOr,
        # window functions
        exp.RowNumber, exp.Rank, exp.DenseRank, exp.PercentRank, exp.CumeDist, exp.Ntile,
        exp.Lag, exp.Lead, exp.FirstValue, exp.LastValue, exp.NthValue,
        # arithmetic and conditionals
        exp.Abs, exp.Round, exp.Ceil, exp.Floor, exp.Trunc, exp.Sqrt, exp.Ln, exp.Log,
        exp.Exp, exp.Pow, exp.Sign, exp.Greatest, exp.Least, exp.Coalesce, exp.Nullif,
        exp.If, exp.Case, exp.Cast, exp.TryCast,
        # text
        exp.Concat, exp.ConcatWs, exp.Length, exp.Lower, exp.Upper, exp.Trim, exp.Substring,
        exp.Replace, exp.Left, exp.Right, exp.StrPosition, exp.Pad, exp.Reverse,
        exp.RegexpLike, exp.RegexpExtract, exp.RegexpReplace, exp.StartsWith, exp.EndsWith,
        exp.Contains, exp.SplitPart, exp.Format,
        # dates
        exp.TimeToStr, exp.StrToTime, exp.TimestampTrunc, exp.DateTrunc, exp.Extract,
        exp.DateAdd, exp.DateSub, exp.DateDiff, exp.Year, exp.Month, exp.Day, exp.CurrentDate,
        exp.DateFromParts,
        # a bounded integer series, the only table function
        exp.GenerateSeries,
    }
)  # fmt: skip

# DuckDB functions sqlglot does not model (parsed as Anonymous), allowed by name.
_ALLOWED_ANONYMOUS = frozenset({"date_part", "round_even", "printf", "nfc_normalize"})

_TABLE_FUNCTIONS = frozenset({exp.GenerateSeries})
_SOURCES = (exp.Table, exp.Subquery, exp.Values)

# Readers of files, URLs and other databases: named in refusals so people learn why.
_READER_HINT = frozenset(
    {
        "read_csv", "read_csv_auto", "read_parquet", "parquet_scan", "read_json",
        "read_json_auto", "read_json_objects", "read_ndjson", "read_text", "read_blob",
        "glob", "sniff_csv", "sqlite_scan", "sqlite_attach", "postgres_scan", "mysql_scan",
        "query", "query_table", "iceberg_scan", "delta_scan", "read_xlsx", "st_read",
    }
)  # fmt: skip
_MACHINE_HINT = frozenset({"getenv", "current_setting", "getvariable", "version"})

# sqlglot is not hardened against every odd input (AttributeError, IndexError … from deep
# inside its parser have been seen); any exception while reading untrusted text is a refusal.
_PARSER_FAULTS = Exception
_QUERY_STARTS = frozenset({"SELECT", "WITH", "FROM", "VALUES", "TABLE"})

_COLUMN_HINT = "/schema 표이름 으로 열 이름을 확인해 주세요."
_UNKNOWN_COLUMN = f"표에 없는 열이나 표 별칭이 있습니다. {_COLUMN_HINT}"

_STATEMENT_NAMES_KO = {
    exp.Insert: "INSERT", exp.Update: "UPDATE", exp.Delete: "DELETE", exp.Merge: "MERGE",
    exp.Create: "CREATE", exp.Drop: "DROP", exp.Alter: "ALTER", exp.Copy: "COPY",
    exp.Attach: "ATTACH", exp.Detach: "DETACH", exp.Use: "USE", exp.Pragma: "PRAGMA",
    exp.Set: "SET", exp.Install: "INSTALL", exp.Describe: "DESCRIBE", exp.Show: "SHOW",
    exp.Summarize: "SUMMARIZE", exp.Transaction: "BEGIN", exp.Commit: "COMMIT",
    exp.Rollback: "ROLLBACK",
}  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    """The guard's decision: `sql` (regenerated, safe to run) when allowed, else `reason`."""

    sql: str | None
    reason: str | None = None
    tree: exp.Expression | None = None

    @property
    def allowed(self) -> bool:
        return self.sql is not None


class Refusal(Exception):
    """Raised inside the walk; carries the Korean reason shown to the person."""


def check(text: str, schema: Mapping[str, Iterable[str]]) -> Verdict:
    """Allow exactly one SELECT reading only the tables of `schema` (table -> column names), CTEs
    built from them, or no table; otherwise say why. Never raises."""
    columns = {
        table.lower(): {column.lower() for column in names} for table, names in schema.items()
    }
    try:
        tree = parse_single_select(text)
        _check_query(tree, columns)
        sql = _regenerate(tree)
        # The regenerated text is what runs, so it must read back as the same allowed query:
        # where sqlglot's reading is unstable, DuckDB's might differ from what was checked.
        reread = parse_single_select(sql)
        _check_query(reread, columns)
        if _regenerate(reread) != sql:
            raise Refusal("SQL 문을 해석하지 못했습니다. 문법을 확인해 주세요.")
    except Refusal as refusal:
        return Verdict(sql=None, reason=str(refusal))
    except _PARSER_FAULTS:
        logger.exception("the SQL guard failed on a query; refused")
        return Verdict(sql=None, reason="SQL 문을 해석하지 못했습니다. 문법을 확인해 주세요.")
    return Verdict(sql=sql, tree=tree)


def to_sql(tree: exp.Expression) -> str:
    """DuckDB SQL for the tree without comments: comment text could otherwise close itself."""
    return tree.sql(dialect=DIALECT, comments=False)


def _regenerate(tree: exp.Expression) -> str:
    try:
        return to_sql(tree)
    except _PARSER_FAULTS:
        raise Refusal("SQL 문을 해석하지 못했습니다. 문법을 확인해 주세요.") from None


def parse_single_select(text: str) -> exp.Expression:
    """The one query in `text`, or a Refusal saying what else was found."""
    if not text or not text.strip():
        raise Refusal("SQL 문이 비어 있습니다. 예: /sql SELECT 6*7")
    if len(text) > MAX_SQL_CHARS:
        raise Refusal(f"SQL 문이 너무 깁니다 ({MAX_SQL_CHARS:,}자까지 받습니다).")
    try:
        tokens = Dialect.get_or_raise(DIALECT).tokenize(text)
    except _PARSER_FAULTS:
        raise Refusal(_unparsable_reason(text)) from None
    shape = Shape.of(tokens)
    if shape.nesting > MAX_NESTING:
        raise Refusal(f"SQL 문이 너무 깊게 중첩되어 있습니다 ({MAX_NESTING}단계까지 받습니다).")
    if shape.subscripts > MAX_SUBSCRIPTS:
        raise Refusal(f"[ ] 첨자가 너무 많습니다 ({MAX_SUBSCRIPTS}개까지 받습니다).")
    try:
        statements = [s for s in sqlglot.parse(text, read=DIALECT) if s is not None]
    except RecursionError:
        raise Refusal("SQL 문이 너무 깊게 중첩되어 있습니다.") from None
    except _PARSER_FAULTS:
        raise Refusal(_unparsable_reason(text)) from None
    if not statements:
        raise Refusal("SQL 문이 비어 있습니다. 예: /sql SELECT 6*7")
    if len(statements) > 1:
        raise Refusal("한 번에 SELECT 문 하나만 실행할 수 있습니다 (문이 여러 개입니다).")
    tree = statements[0]
    if not isinstance(tree, _QUERY_ROOTS):
        raise Refusal(
            f"읽기 전용입니다: SELECT 문만 실행할 수 있습니다 (받은 문: {_statement_name(tree)})."
        )
    return tree


@dataclass(frozen=True)
class Shape:
    """What bounds sqlglot's work on a text, read from its tokens in one pass."""

    nesting: int
    subscripts: int

    @classmethod
    def of(cls, tokens: Iterable[Token]) -> Shape:
        deepest = depth = subscripts = 0
        previous: TokenType | None = None
        for token in tokens:
            kind = token.token_type
            if kind in _OPENERS:
                depth += 1
                deepest = max(deepest, depth)
                subscripts += kind == TokenType.L_BRACKET and previous in _VALUE_ENDS
            elif kind in _CLOSERS and depth:
                depth -= 1
            previous = kind
        return cls(deepest, subscripts)


def _unparsable_reason(text: str) -> str:
    """Why text sqlglot cannot parse is refused: a statement it does not know (EXPORT DATABASE,
    IMPORT DATABASE, …) is named as such; anything else is a syntax error."""
    try:
        tokens = Dialect.get_or_raise(DIALECT).tokenize(text)
    except _PARSER_FAULTS:
        tokens = []
    first = tokens[0].text.upper() if tokens else ""
    if first.isascii() and first.isalpha() and first not in _QUERY_STARTS:
        return f"읽기 전용입니다: SELECT 문만 실행할 수 있습니다 (받은 문: {first[:20]})."
    return "SQL 문을 해석하지 못했습니다. 문법을 확인해 주세요."


def _statement_name(tree: exp.Expression) -> str:
    for kind, name in _STATEMENT_NAMES_KO.items():
        if isinstance(tree, kind):
            return name
    if isinstance(tree, exp.Command):
        return str(tree.this).upper()[:20]
    words = to_sql(tree).split(maxsplit=1)
    return words[0].upper()[:20] if words and words[0].isalpha() else "알 수 없는 문"


def _check_query(tree: exp.Expression, columns: Mapping[str, set[str]]) -> None:
    """The grammar and functions on the tree, then what each table and column name reads."""
    _check_tree(tree)
    # DuckDB folds identifiers to lower case, quoted or not, and so must the checks.
    normalized = normalize_identifiers(tree.copy(), dialect=DIALECT)
    _check_tables(normalized, columns)
    _check_columns(normalized, columns)


def _check_tree(tree: exp.Expression) -> None:
    for node in tree.walk():
        if isinstance(node, exp.Table):
            _check_table_form(node)
        elif isinstance(node, exp.Anonymous):
            _check_anonymous(node)
        elif type(node) in _ALLOWED_NODES or type(node) in _ALLOWED_FUNCTIONS:
            if isinstance(node, exp.Var):
                _check_var(node)
            elif isinstance(node, exp.From | exp.Join) and not isinstance(node.this, _SOURCES):
                # sqlglot accepts `FROM FROM t` as a bare SELECT source; DuckDB does not.
                raise Refusal("FROM 에는 표, 괄호 친 하위 질의, VALUES 만 쓸 수 있습니다.")
        elif isinstance(node, exp.Placeholder | exp.Parameter):
            raise Refusal("매개변수 자리표시자(?, $1)는 쓸 수 없습니다. 값을 직접 적어 주세요.")
        elif isinstance(node, exp.Func):
            raise Refusal(_function_refusal(node.sql_name().lower()))
        else:
            raise Refusal(f"이 구문({type(node).__name__})은 지원하지 않습니다.")


def _check_table_form(table: exp.Table) -> None:
    """A table is a name in the main schema or the one allowed table function."""
    source = table.this
    if isinstance(source, exp.Func):
        if type(source) in _TABLE_FUNCTIONS:
            return
        name = source.name if isinstance(source, exp.Anonymous) else source.sql_name()
        raise Refusal(_function_refusal(name.lower()))
    if not isinstance(source, exp.Identifier):
        raise Refusal(f"이 구문({type(source).__name__})은 지원하지 않습니다.")
    if table.args.get("catalog") is not None or table.text("db").lower() not in ("", "main"):
        raise Refusal(
            f"다른 스키마나 데이터베이스의 표({table.sql(DIALECT)})는 조회할 수 없습니다."
        )


def _check_tables(tree: exp.Expression, columns: Mapping[str, set[str]]) -> None:
    """Each name in FROM reads a CTE in its scope or a report table, nothing else.

    Scopes decide as DuckDB does: a CTE's own body does not see the CTE (unless recursive), so
    `WITH duckdb_databases AS (SELECT * FROM duckdb_databases)` reads the system view there.
    """
    reads_cte: set[int] = set()
    for scope in _scopes(tree):
        for table in scope.tables:
            if not table.args.get("db") and table.name in scope.cte_sources:
                reads_cte.add(id(table))
    for table in tree.find_all(exp.Table):
        if isinstance(table.this, exp.Func) or id(table) in reads_cte:
            continue
        name = table.name
        if any(mark in name for mark in "/\\.:~") or name.startswith("$"):
            raise Refusal(
                "파일 경로나 URL은 표로 읽을 수 없습니다. /schema 의 표만 조회할 수 있습니다."
            )
        if name not in columns:
            raise Refusal(f"'{name}' 표는 없습니다. /schema 로 조회할 수 있는 표를 확인해 주세요.")


def _check_columns(tree: exp.Expression, columns: Mapping[str, set[str]]) -> None:
    """Each column name is a column of a source in reach; a bare one of its own query's sources.

    DuckDB answers a name it cannot find as a column with a function of that name where one
    exists (`SELECT "current_catalog"`), and it tries those before an outer query's columns.
    """
    for column in tree.find_all(exp.Column):
        if not column.table:
            column.meta[_BARE] = True
    schema = {table: dict.fromkeys(names, "UNKNOWN") for table, names in columns.items()}
    try:
        qualified = qualify(
            tree,
            dialect=DIALECT,
            schema=schema,
            validate_qualify_columns=False,
            quote_identifiers=False,
        )
    except OptimizeError:
        raise Refusal(_UNKNOWN_COLUMN) from None
    for scope in _scopes(qualified):
        if not isinstance(scope.expression, exp.Select):
            continue
        for column in scope.external_columns:
            if column.meta.get(_BARE) and scope.can_be_correlated:
                raise Refusal(
                    f"'{column.name}' 열이 이 하위 질의의 FROM 에 없습니다. 바깥 질의의 열이면 "
                    f"b.{column.name} 처럼 표 별칭을 붙여 주세요."
                )
            if not scope.is_correlated_subquery:
                raise Refusal(f"'{column.sql(DIALECT)}' 열을 찾을 수 없습니다. {_COLUMN_HINT}")
        if scope.unqualified_columns:
            name = scope.unqualified_columns[0].name
            raise Refusal(f"'{name}' 열을 찾을 수 없거나 여러 표에 있습니다. {_COLUMN_HINT}")


def _scopes(tree: exp.Expression) -> list:
    try:
        return traverse_scope(tree)
    except OptimizeError:
        raise Refusal(_UNKNOWN_COLUMN) from None


def _check_anonymous(node: exp.Anonymous) -> None:
    name = node.name.lower()
    if name not in _ALLOWED_ANONYMOUS:
        raise Refusal(_function_refusal(name))


def _check_var(node: exp.Var) -> None:
    # Var is a bare keyword (DAY, ALL, nocase); anything fancier is not one.
    if not node.name.replace("_", "").isalnum() or not node.name.isascii():
        raise Refusal("이 구문은 지원하지 않습니다.")


def _function_refusal(name: str) -> str:
    if name in _READER_HINT or name.startswith(("read_", "parquet", "sqlite", "postgres")):
        return f"파일이나 다른 데이터베이스를 읽는 함수({name})는 쓸 수 없습니다."
    if name in _MACHINE_HINT or name.startswith(("duckdb_", "pragma_", "current_")):
        return f"서버 정보를 보여 주는 함수({name})는 쓸 수 없습니다. 표 목록은 /schema 로 보세요."
    return (
        f"'{name}' 함수는 쓸 수 없습니다. 집계·창·문자열·날짜 함수 등 허용된 함수만 쓸 수 있습니다."
    )
