"""Fixtures shared by the knowledge tests: the report ingested once, and its read-only sandbox."""

from pathlib import Path

import duckdb
import pytest

from knowledge.ingest import load_report
from knowledge.sandbox import Sandbox

REPORT = Path(__file__).resolve().parents[2] / "data" / "report_2021-08-13.txt"


@pytest.fixture(scope="session")
def report_connection() -> duckdb.DuckDBPyConnection:
    connection = duckdb.connect(":memory:")
    load_report(connection, REPORT)
    return connection


@pytest.fixture(scope="session")
def sandbox_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("sandbox")


@pytest.fixture(scope="session")
def sandbox(report_connection: duckdb.DuckDBPyConnection, sandbox_dir: Path) -> Sandbox:
    return Sandbox.from_connection(report_connection, sandbox_dir)
