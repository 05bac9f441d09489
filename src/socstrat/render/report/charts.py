"""Geometry of the before/after bar charts that the HTML report draws as inline SVG.

The numbers and their positions are computed here, where they can be tested; the
template ``charts.html.j2`` only writes them out as SVG elements, escaping every label.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

WIDTH = 720
PLOT_LEFT = 8
VALUE_GAP = 52
ROW_HEIGHT = 50
TOP = 34
BAR_HEIGHT = 11
MAX_LABEL = 90


class Bar(BaseModel):
    value: int | None
    width: float


class ChartRow(BaseModel):
    label: str
    full_label: str
    y: float
    before: Bar
    after: Bar


class BarChart(BaseModel):
    """A horizontal bar chart with two bars per row: the value before and after."""

    id: str
    title: str
    before_label: str
    after_label: str | None
    width: int
    height: int
    plot_left: int
    plot_width: float
    bar_height: int
    rows: list[ChartRow]


def bar_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, int | None, int | None]],
    before_label: str,
    after_label: str | None,
) -> BarChart:
    """Lay out ``(label, before, after)`` rows; bar lengths are proportional to the largest value.

    A missing value gets no bar (width 0); the template prints a dash for it. Without
    ``after_label`` the chart shows one year, and the rows' second values are ignored.
    Labels longer than a row can show are shortened with an ellipsis and keep their
    full text for the SVG ``<title>``.
    """
    values = [v for _, before, after in rows for v in (before, after) if v is not None]
    largest = max(values, default=0)
    plot_width = WIDTH - PLOT_LEFT - VALUE_GAP

    def bar(value: int | None) -> Bar:
        if value is None or largest <= 0:
            return Bar(value=value, width=0.0)
        return Bar(value=value, width=round(plot_width * value / largest, 2))

    laid_out = [
        ChartRow(
            label=label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…",
            full_label=label,
            y=TOP + i * ROW_HEIGHT,
            before=bar(before),
            after=bar(after if after_label is not None else None),
        )
        for i, (label, before, after) in enumerate(rows)
    ]
    return BarChart(
        id=chart_id,
        title=title,
        before_label=before_label,
        after_label=after_label,
        width=WIDTH,
        height=TOP + len(rows) * ROW_HEIGHT + 4,
        plot_left=PLOT_LEFT,
        plot_width=plot_width,
        bar_height=BAR_HEIGHT,
        rows=laid_out,
    )
