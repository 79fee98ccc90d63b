"""The engine's stages as features built beside it see them (`/check`, `/검증`): what they use,
named without the engine itself, so that the engine can call them and they never import it."""

from __future__ import annotations

from typing import Protocol

from knowledge.answers.base import Report
from knowledge.planning.compile import Planner
from knowledge.planning.execute import Executor
from knowledge.reading.catalog import Catalog
from knowledge.reading.lexicon import Lexicon
from knowledge.reading.read import Reader


class Stages(Protocol):
    """Read, plan and run: the parts of the engine a feature beside it may use."""

    lexicon: Lexicon
    catalog: Catalog
    reader: Reader
    planner: Planner
    executor: Executor
    report: Report
