"""Charts: a PNG of the expected size whose bars are the rows of the data they chart."""

import struct

import pytest

from knowledge.files.charts import (
    SIZE_PIXELS,
    UnknownChart,
    build_figure,
    chart_spec,
    count_bars,
    font_path,
    render_chart,
)
from knowledge.sql.sandbox import Sandbox

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG header (IHDR is always the first chunk)."""
    assert data.startswith(PNG_SIGNATURE)
    return struct.unpack(">II", data[16:24])


# (topic, SQL counting the rows the chart should show, series per row, words in the title)
CHARTS = [
    ("집행률", "SELECT count(*) FROM spending WHERE section = 'Ⅳ' AND NOT is_total", 2, "집행률"),
    ("예산", "SELECT count(*) FROM spending WHERE section = 'Ⅳ' AND NOT is_total", 1, "예산현액"),
    (
        "세입",
        "SELECT count(*) FROM revenue r WHERE NOT EXISTS "
        "(SELECT 1 FROM revenue c WHERE c.parent = r.item)",
        2,
        "세입",
    ),
    (
        "사회협력과",
        "SELECT count(*) FROM budget_lines WHERE division = '사회협력과'",
        1,
        "사회협력과",
    ),
    (
        "갈등관리혐치과",
        "SELECT count(*) FROM budget_lines WHERE division = '갈등관리협치과'",
        1,
        "갈등관리협치과",
    ),
    (
        "시민 참여과 집행률",
        "SELECT count(*) FROM budget_lines WHERE division = '시민참여과'",
        1,
        "시민참여과",
    ),
    (
        "지역공동",
        "SELECT count(*) FROM budget_lines WHERE division = '지역공동체과'",
        1,
        "지역공동체과",
    ),
    ("", "SELECT count(*) FROM spending WHERE section = 'Ⅳ' AND NOT is_total", 2, "집행률"),
]


@pytest.mark.parametrize(
    ("topic", "count_sql", "series", "title_word"),
    CHARTS,
    ids=[
        "rates",
        "budgets",
        "revenue",
        "division",
        "division-typo",
        "division-spaced",
        "division-partial",
        "default",
    ],
)
def test_chart_png_has_one_bar_per_value(
    sandbox: Sandbox, topic: str, count_sql: str, series: int, title_word: str
) -> None:
    rows = sandbox.query(count_sql).rows[0][0]
    chart = render_chart(sandbox, topic)
    assert png_size(chart.data) == SIZE_PIXELS
    assert chart.bar_count == rows * series
    assert title_word in chart.caption
    assert "2021-08-13" in chart.caption and "단위" in chart.caption
    assert "2021-08-13" in chart.filename and chart.filename.endswith(".png")


def test_bar_heights_are_the_report_figures(sandbox: Sandbox) -> None:
    figure = build_figure(chart_spec(sandbox, "집행률"))
    spent = figure.axes[0].containers[1]
    assert [round(bar.get_height(), 1) for bar in spent] == [65.4, 41.0, 89.0, 55.7, 91.6]


def test_unexecuted_lines_are_labelled_not_dropped(sandbox: Sandbox) -> None:
    figure = build_figure(chart_spec(sandbox, "사회협력과"))
    labels = [text.get_text() for text in figure.axes[0].texts]
    assert labels.count("미집행") == 1
    assert count_bars(figure) == 10


def test_korean_font_comes_from_the_dependency() -> None:
    path = font_path()
    assert path.name == "NanumGothic.ttf" and path.exists()
    assert "koreanize_matplotlib" in path.parts


@pytest.mark.parametrize(
    "topic", ["날씨", "asdf", "😀", "<b>"], ids=["weather", "latin", "emoji", "html"]
)
def test_unknown_topic_gets_the_korean_help(sandbox: Sandbox, topic: str) -> None:
    with pytest.raises(UnknownChart, match="그릴 수 있는 차트"):
        render_chart(sandbox, topic)
