"""Recompute the report's own arithmetic and record every disagreement in `inconsistencies`."""

from __future__ import annotations

import duckdb


def run_checks(connection: duckdb.DuckDBPyConnection) -> None:
    """Fill `inconsistencies` from the other tables."""
