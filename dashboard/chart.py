"""Bar chart geometry for server-rendered SVG: pure arithmetic, no Django, no I/O.

The template draws what this returns (rectangles, axis lines and labels), so the chart
needs no script and no chart library; the same numbers also fill a table for screen
readers.
"""

from collections.abc import Callable
from dataclasses import dataclass

NICE_STEPS = (1, 2, 2.5, 5, 10)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    value_label: str
    x: float
    y: float
    width: float
    height: float

    @property
    def center(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class GridLine:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    baseline: float
    left: float
    bars: list[Bar]
    grid: list[GridLine]


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above ``value`` (1 for nothing)."""
    if value <= 0:
        return 1
    magnitude = 1
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in NICE_STEPS:
        if step * magnitude >= value:
            return int(step * magnitude)
    return 10 * magnitude


def bar_chart(
    points: list[tuple[str, int]],
    *,
    label: Callable[[int], str] = str,
    width: int = 640,
    height: int = 240,
    left: int = 72,
    bottom: int = 28,
    top: int = 12,
    gap: float = 0.25,
) -> BarChart:
    """Lay out one bar per ``(label, value)`` in a ``width`` × ``height`` box.

    ``left`` leaves room for the value axis, ``bottom`` for the bar labels; ``gap`` is
    the share of each slot left empty between bars. Values below zero are drawn as 0.
    """
    ceiling = nice_ceiling(max((value for _label, value in points), default=0))
    plot_height = height - top - bottom
    baseline = top + plot_height
    slot = (width - left) / max(len(points), 1)
    bars = []
    for index, (name, value) in enumerate(points):
        bar_height = plot_height * max(value, 0) / ceiling
        bars.append(
            Bar(
                label=name,
                value=value,
                value_label=label(value),
                x=round(left + index * slot + slot * gap / 2, 2),
                y=round(baseline - bar_height, 2),
                width=round(slot * (1 - gap), 2),
                height=round(bar_height, 2),
            )
        )
    grid = [
        GridLine(y=round(baseline - plot_height * share, 2), label=label(int(ceiling * share))) for share in (0, 0.5, 1)
    ]
    return BarChart(width=width, height=height, baseline=baseline, left=left, bars=bars, grid=grid)
