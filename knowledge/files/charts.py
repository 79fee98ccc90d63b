"""Bar charts of the report as PNG bytes (rates, budgets, revenue, a division's lines), drawn
without pyplot in NanumGothic loaded by path from the koreanize-matplotlib package."""

from __future__ import annotations

import importlib.util
import io
import threading
from dataclasses import dataclass
from pathlib import Path

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from knowledge import format as fmt
from knowledge.files.picks import compact, find_division
from knowledge.sql.sandbox import Sandbox

WIDTH_INCHES, HEIGHT_INCHES, DPI = 10, 7, 100
SIZE_PIXELS = (WIDTH_INCHES * DPI, HEIGHT_INCHES * DPI)
SERIES_COLORS = ("#9ecae1", "#2171b5")
TOPICS = ("집행률", "예산", "세입")
USAGE = (
    "그릴 수 있는 차트: /chart 집행률 (과별 집행률), /chart 예산 (과별 예산현액), "
    "/chart 세입 (세입 항목별 예산·징수액), /chart 과이름 (예: /chart 사회협력과, 세부사업별 집행률)"
)
_TOPIC_WORDS = {
    "집행률": "집행률", "집행율": "집행률", "집행": "집행률", "집행현황": "집행률",
    "예산": "예산", "예산현액": "예산", "세출": "예산",
    "세입": "세입", "징수": "세입", "징수율": "세입", "징수액": "세입",
}  # fmt: skip
# Agg rendering shares font caches between threads; charts are drawn one at a time.
_RENDER_LOCK = threading.Lock()


class UnknownChart(ValueError):
    """The topic names no chart; the message is the Korean help."""


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows: category labels and one or more series of values (None = 미집행)."""

    title: str
    unit: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    horizontal: bool = False
    value_format: str = "{:,.1f}"
    missing_label: str = fmt.NOT_EXECUTED
    reference: tuple[str, float] | None = None

    @property
    def bar_count(self) -> int:
        return len(self.labels) * len(self.series)


@dataclass(frozen=True)
class ChartFile:
    """A rendered chart: PNG bytes, a file name with the 기준일, a caption, bars drawn."""

    data: bytes
    filename: str
    caption: str
    bar_count: int


def font_path() -> Path:
    """NanumGothic.ttf inside the installed koreanize-matplotlib package (not imported)."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("koreanize-matplotlib is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"


_FONT = font_manager.FontProperties(fname=font_path())
_TITLE_FONT = font_manager.FontProperties(fname=font_path(), size=15)


def chart_spec(sandbox: Sandbox, topic: str) -> ChartSpec:
    """The chart a topic asks for: a division's lines, or one of TOPICS (집행률 when empty)."""
    key = compact(topic)
    as_of = _as_of(sandbox)
    divisions = [row[0] for row in sandbox.query("SELECT division FROM divisions").rows]
    division = _division_in(key, divisions)
    if division:
        return _division_lines(sandbox, division, as_of)
    kind = "집행률" if not topic.strip() else _topic_in(key)
    if kind == "집행률":
        return _division_rates(sandbox, as_of)
    if kind == "예산":
        return _division_budgets(sandbox, as_of)
    if kind == "세입":
        return _revenue(sandbox, as_of)
    raise UnknownChart(f"'{topic.strip()[:30]}' 차트는 없습니다.\n{USAGE}")


def render_chart(sandbox: Sandbox, topic: str) -> ChartFile:
    """The PNG for a topic; raises UnknownChart with the Korean help for an unknown one."""
    spec = chart_spec(sandbox, topic)
    figure = build_figure(spec)
    png = to_png(figure)
    stem = spec.title.split(" (")[0].replace(" ", "_")
    return ChartFile(
        data=png,
        filename=f"{stem}_{_as_of(sandbox)}.png",
        caption=spec.title,
        bar_count=count_bars(figure),
    )


def build_figure(spec: ChartSpec) -> Figure:
    """A bar chart of `spec` with Korean labels, a value on each bar, and the title."""
    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI, layout="constrained")
    axes = figure.add_subplot()
    positions = list(range(len(spec.labels)))
    width = 0.8 / len(spec.series)
    for index, (name, values) in enumerate(spec.series):
        offsets = [p + (index - (len(spec.series) - 1) / 2) * width for p in positions]
        heights = [0.0 if v is None else v for v in values]
        color = SERIES_COLORS[(index + 2 - len(spec.series)) % len(SERIES_COLORS)]
        draw = axes.barh if spec.horizontal else axes.bar
        bars = draw(offsets, heights, width, label=name, color=color)
        texts = [spec.missing_label if v is None else spec.value_format.format(v) for v in values]
        for text in axes.bar_label(bars, labels=texts, padding=2):
            text.set_fontproperties(_FONT)
            text.set_fontsize(8 if len(spec.series) > 1 else 9)
    if spec.reference:
        name, value = spec.reference
        line = axes.axvline if spec.horizontal else axes.axhline
        line(value, color="#d94801", linestyle="--", linewidth=1, label=f"{name} {value:.1f}%")
    label_axis, value_axis = (
        (axes.yaxis, axes.xaxis) if spec.horizontal else (axes.xaxis, axes.yaxis)
    )
    label_axis.set_ticks(positions, labels=[_wrap(label) for label in spec.labels])
    if spec.horizontal:
        axes.invert_yaxis()
    for tick in [*axes.get_xticklabels(), *axes.get_yticklabels()]:
        tick.set_fontproperties(_FONT)
        tick.set_fontsize(9)
    value_axis.set_label_text(spec.unit, fontproperties=_FONT)
    value_axis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.set_title(spec.title, fontproperties=_TITLE_FONT)
    # Head room above the tallest bar keeps the legend off the bars and their values.
    if spec.horizontal:
        axes.margins(x=0.12)
    else:
        axes.margins(y=0.22)
    axes.spines[["top", "right"]].set_visible(False)
    if len(spec.series) > 1 or spec.reference:
        axes.legend(prop=_FONT, loc="lower right" if spec.horizontal else "upper left", ncols=3)
    return figure


def count_bars(figure: Figure) -> int:
    """Bars actually drawn on the figure's axes (one rectangle per value)."""
    return sum(len(container.patches) for axes in figure.axes for container in axes.containers)


def to_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    with _RENDER_LOCK:
        FigureCanvasAgg(figure).print_png(buffer)
    return buffer.getvalue()


def _division_rates(sandbox: Sandbox, as_of: str) -> ChartSpec:
    rows = sandbox.query(
        "SELECT s.division, s.committed_rate, s.spent_rate FROM spending s "
        "JOIN divisions d USING (division) WHERE s.section = 'Ⅳ' AND NOT s.is_total "
        "ORDER BY d.position"
    ).rows
    total = sandbox.query("SELECT spent_rate FROM spending WHERE section = 'Ⅳ' AND is_total").rows
    return ChartSpec(
        title=f"과별 예산 집행률 ({as_of} 기준, 단위: %)",
        unit="집행률 (%)",
        labels=tuple(row[0] for row in rows),
        series=(
            ("원인행위 집행률", tuple(row[1] for row in rows)),
            ("지출 집행률", tuple(row[2] for row in rows)),
        ),
        reference=("국 전체 지출 집행률", total[0][0]) if total else None,
    )


def _division_budgets(sandbox: Sandbox, as_of: str) -> ChartSpec:
    rows = sandbox.query(
        "SELECT s.division, s.budget / ? FROM spending s JOIN divisions d USING "
        "(division) WHERE s.section = 'Ⅳ' AND NOT s.is_total ORDER BY d.position",
        [float(fmt.EOK_IN_CHEONWON)],
    ).rows
    return ChartSpec(
        title=f"과별 예산현액 ({as_of} 기준, 단위: 억원)",
        unit="예산현액 (억원)",
        labels=tuple(row[0] for row in rows),
        series=(("예산현액", tuple(row[1] for row in rows)),),
    )


def _revenue(sandbox: Sandbox, as_of: str) -> ChartSpec:
    # The leaves of the 세입 hierarchy: the items nothing else adds up into.
    rows = sandbox.query(
        "SELECT item, budget_2021 / 1000.0, collected / 1000.0 FROM revenue r "
        "WHERE NOT EXISTS (SELECT 1 FROM revenue c WHERE c.parent = r.item) ORDER BY position"
    ).rows
    return ChartSpec(
        title=f"세입 항목별 예산·징수액 ({as_of} 기준, 단위: 백만원)",
        unit="금액 (백만원)",
        labels=tuple(row[0] for row in rows),
        series=(
            ("’21 예산", tuple(row[1] for row in rows)),
            ("징수액", tuple(row[2] for row in rows)),
        ),
        horizontal=True,
        missing_label="-",
    )


def _division_lines(sandbox: Sandbox, division: str, as_of: str) -> ChartSpec:
    rows = sandbox.query(
        "SELECT name, spent_rate FROM budget_lines WHERE division = ? ORDER BY line_no",
        (division,),
    ).rows
    return ChartSpec(
        title=f"{division} 세부사업별 지출 집행률 ({as_of} 기준, 단위: %)",
        unit="지출 집행률 (%)",
        labels=tuple(row[0] for row in rows),
        series=(("지출 집행률", tuple(row[1] for row in rows)),),
        horizontal=True,
    )


def _as_of(sandbox: Sandbox) -> str:
    rows = sandbox.query("SELECT as_of FROM report").rows
    return rows[0][0].isoformat() if rows and rows[0][0] else "기준일 미상"


def _division_in(key: str, divisions: list[str]) -> str | None:
    # A topic word never reads as a misspelt division.
    if _topic_in(key) and not any(compact(d) in key for d in divisions):
        return None
    return find_division(key, divisions)


def _topic_in(key: str) -> str | None:
    for word in sorted(_TOPIC_WORDS, key=len, reverse=True):
        if word in key:
            return _TOPIC_WORDS[word]
    return None


def _wrap(label: str, width: int = 14) -> str:
    """Long line names over two lines so the bars keep their room."""
    if len(label) <= width:
        return label
    cut = label.rfind(" ", 0, width + 1)
    cut = cut if cut > 0 else width
    return label[:cut].rstrip() + "\n" + label[cut:].strip()
