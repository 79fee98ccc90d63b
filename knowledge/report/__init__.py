"""The report read into DuckDB: its layout parsed into tables, and its own sums checked."""
