"""The measures of `data/measures.toml`: what can be asked of the report's figures, declared once.

Reading uses their units and kinds, planning their SQL expressions, answers their labels.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import sqlglot
from sqlglot import exp

MONEY = "천원"
RATE = "%"
PEOPLE = "명"
POINTS = "%p"
COUNT = "개"  # things counted in the report's tables (세부사업 수)
# The columns of `figures` a measure's expression may read.
FIGURE_COLUMNS = frozenset(
    {
        "budget", "committed", "spent", "committed_rate", "spent_rate", "outlook_amount",
        "outlook_rate", "quota", "current", "shortage", "administrative", "technical",
        "open_position", "fixed_term", "management", "part_time_fixed_term", "budget_2020",
        "change_amount", "change_rate", "collected", "collection_rate", "line_count",
        "unexecuted_count",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    unit: str
    expression: exp.Expression
    kinds: frozenset[str]
    printed: str | None = None
    derived: str | None = None
    missing_is_zero: bool = False
    ratio_of: str | None = None
    labels: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    # Asked for, it stands for these too ("예산보다 얼마 더 걷혔어": the gap, not the two).
    stands_for: frozenset[str] = frozenset()
    # Counted apart from this measure and added to it when 포함 is said ("시간선택제까지 포함").
    adds_to: str | None = None
    # Shown beside it when it is asked (an 증감액 with its 증감률 and the year before's budget).
    shown_with: tuple[str, ...] = ()
    # The measures that, read together, mean this one ("1인당" with 지출액: 지출액 per head).
    said_as: frozenset[str] = frozenset()
    # The two measures it is the gap between (ranked or filtered on over a set).
    difference_of: tuple[str, ...] = ()

    def label_for(self, kind: str | None) -> str:
        return self.labels.get(kind or "", self.label)

    @property
    def reads(self) -> frozenset[str]:
        """The columns its expression reads (a per-head figure reads 현원)."""
        return frozenset(c.name for c in self.expression.find_all(exp.Column))

    @property
    def is_money(self) -> bool:
        return self.unit == MONEY

    @property
    def is_rate(self) -> bool:
        return self.unit == RATE


class Measures(dict[str, Measure]):
    """Measures by name, and what an answer shows of each kind of thing when none is asked."""

    overview: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls, data_dir: Path) -> Measures:
        with (data_dir / "measures.toml").open("rb") as f:
            raw = tomllib.load(f)
        measures = cls()
        measures.overview = {kind: tuple(names) for kind, names in raw.pop("overview").items()}
        for name, spec in raw.items():
            expression = sqlglot.parse_one(spec["expression"], read="duckdb")
            columns = {column.name for column in expression.find_all(exp.Column)}
            if not columns <= FIGURE_COLUMNS:
                raise ValueError(f"data/measures.toml: {name} reads {columns - FIGURE_COLUMNS}")
            measures[name] = Measure(
                name=name,
                label=spec["label"],
                unit=spec["unit"],
                expression=expression,
                kinds=frozenset(spec["kinds"]),
                printed=spec.get("printed"),
                derived=spec.get("derived"),
                missing_is_zero=spec.get("missing_is_zero", False),
                ratio_of=spec.get("ratio_of"),
                labels=dict(spec.get("labels", {})),
                stands_for=frozenset(spec.get("stands_for", ())),
                adds_to=spec.get("adds_to"),
                shown_with=tuple(spec.get("shown_with", ())),
                said_as=frozenset(spec.get("said_as", ())),
                difference_of=tuple(spec.get("difference_of", ())),
            )
        unknown = {m for names in measures.overview.values() for m in names}
        unknown |= {m for measure in measures.values() for m in measure.shown_with}
        unknown |= {m for measure in measures.values() for m in measure.said_as}
        unknown |= {m for measure in measures.values() for m in measure.difference_of}
        unknown -= set(measures)
        if unknown:
            raise ValueError(
                f"data/measures.toml: [overview], shown_with, said_as or difference_of name unknown measures {unknown}"
            )
        return measures

    def of_unit(self, unit: str) -> list[Measure]:
        return [m for m in self.values() if m.unit == unit]
