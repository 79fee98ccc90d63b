"""The engine: the report as a DuckDB knowledge base and Korean questions answered from it."""

from knowledge.answer import Answer, Choice
from knowledge.engine import Engine

__all__ = ["Answer", "Choice", "Engine"]
