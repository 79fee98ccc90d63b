"""How computed figures are written: ratios, %p gaps and rates rounded half up."""

import pytest

from knowledge import format as fmt


@pytest.mark.parametrize(
    ("percent", "written"),
    [(200.0, "2배"), (100.0, "1배"), (113.33333, "1.13배"), (295.99, "2.96배"), (None, "-")],
)
def test_a_ratio_is_written_whole_when_it_is_whole(percent, written):
    assert fmt.times(percent) == written


@pytest.mark.parametrize(("gap", "written"), [(29.2, "29.2%p"), (-1.05, "1.1%p"), (0.0, "0.0%p")])
def test_a_gap_between_rates_is_in_points_rounded_half_up(gap, written):
    assert fmt.points(gap) == written
