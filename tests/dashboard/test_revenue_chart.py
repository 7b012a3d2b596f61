"""The revenue chart's geometry: pure arithmetic, no database."""

import pytest

from dashboard.chart import bar_chart, nice_ceiling


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (1, 1), (7, 10), (11, 20), (21, 25), (26, 50), (99, 100), (101, 200), (2_430_000, 2_500_000)],
)
def test_the_axis_ends_at_a_round_number(value, ceiling):
    assert nice_ceiling(value) == ceiling


def test_bars_are_proportional_and_stand_on_the_baseline():
    chart = bar_chart([("Jan", 0), ("Feb", 500), ("Mar", 1000)], width=400, height=200, left=100, bottom=20, top=10)

    zero, half, full = chart.bars
    assert chart.baseline == 180
    assert (zero.height, half.height, full.height) == (0, 85, 170)
    assert all(bar.y + bar.height == chart.baseline for bar in chart.bars)
    assert [bar.x for bar in chart.bars] == [112.5, 212.5, 312.5]
    assert {bar.width for bar in chart.bars} == {75}


def test_labels_use_the_given_formatter_and_the_grid_spans_the_axis():
    chart = bar_chart([("May", 1_234)], label=lambda value: f"₦{value:,}", height=100, top=0, bottom=0)

    assert chart.bars[0].value_label == "₦1,234"
    assert [(line.y, line.label) for line in chart.grid] == [(100, "₦0"), (50, "₦1,000"), (0, "₦2,000")]


def test_negative_values_draw_as_nothing_and_no_points_draw_no_bars():
    assert bar_chart([("Jan", -5)]).bars[0].height == 0
    assert bar_chart([]).bars == []
