"""The engine's front door: load the report once, answer questions from it."""

from __future__ import annotations

from pathlib import Path

import duckdb

from knowledge.answer import Answer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


class Engine:
    """The report in DuckDB plus the question understanding built over it."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self.connection = connection

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> Engine:
        connection = duckdb.connect(":memory:")
        return cls(connection)

    def ask(self, text: str) -> Answer:
        return Answer(text="준비 중입니다.", intent="help")
