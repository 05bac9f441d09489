"""Geometry of the before/after bar charts that the HTML report draws as inline SVG.

The numbers and their positions are computed here, where they can be tested; the
template ``charts.html.j2`` only writes them out as SVG elements, escaping every label.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from socstrat.render.text import format_number

WIDTH = 400
"""Narrow enough that at a phone's 390 px the text is drawn at about its own size (FONT_SIZE)."""
PLOT_LEFT = 8
VALUE_GAP = 60
FONT_SIZE = 14
LINE_HEIGHT = 17
LINE_CHARS = 46
"""A label wraps at word boundaries into lines of at most this many characters…"""
MAX_LINES = 3
"""…and at most this many lines, so that two services differing late in their names stay told apart."""
TOP = 34
BAR_HEIGHT = 13
BAR_GAP = 3
ROW_GAP = 12
MAX_LABEL = LINE_CHARS * MAX_LINES


class Bar(BaseModel):
    """A bar and its label: the number in the one format, 'н.д.' (and no bar) when unknown."""

    value: float | None
    width: float
    text: str


class ChartRow(BaseModel):
    label: str
    lines: list[str]
    full_label: str
    y: float
    bars_y: float
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
    font_size: int = FONT_SIZE
    line_height: int = LINE_HEIGHT
    rows: list[ChartRow]


def bar_chart(
    chart_id: str,
    title: str,
    rows: Sequence[tuple[str, float | None, float | None]],
    before_label: str,
    after_label: str | None,
    lang: str = "bg",
    texts: Sequence[tuple[str | None, str | None]] | None = None,
) -> BarChart:
    """Lay out ``(label, before, after)`` rows; bar lengths are proportional to the largest value.

    An unknown value gets no bar (width 0) and the label 'н.д.'; a known one its number
    in the one format (:func:`socstrat.render.text.format_number`), or the row's text in
    ``texts`` when given (a sum over unknown rows: "≥ 300, 2 н.д."). Without
    ``after_label`` the chart shows one year, and the rows' second values are ignored.
    Labels longer than a row can show are shortened with an ellipsis and keep their
    full text for the SVG ``<title>``.
    """
    values = [v for _, before, after in rows for v in (before, after) if v is not None]
    largest = max(values, default=0)
    plot_width = WIDTH - PLOT_LEFT - VALUE_GAP

    def bar(value: float | None, text: str | None) -> Bar:
        shown = text or format_number(value, lang)
        if value is None or largest <= 0:
            return Bar(value=value, width=0.0, text=shown)
        return Bar(value=value, width=round(plot_width * value / largest, 2), text=shown)

    laid_out = []
    y = float(TOP)
    for i, (label, before, after) in enumerate(rows):
        text_before, text_after = texts[i] if texts is not None else (None, None)
        short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "…"
        lines = _wrap(short)
        bars_y = y + len(lines) * LINE_HEIGHT - LINE_HEIGHT + 6
        laid_out.append(
            ChartRow(
                label=short, lines=lines, full_label=label, y=y, bars_y=bars_y,
                before=bar(before, text_before), after=bar(after if after_label is not None else None, text_after),
            )
        )
        bars = 2 if after_label is not None else 1
        y = bars_y + bars * (BAR_HEIGHT + BAR_GAP) + ROW_GAP
    return BarChart(
        id=chart_id,
        title=title,
        before_label=before_label,
        after_label=after_label,
        width=WIDTH,
        height=round(y) + 4,
        plot_left=PLOT_LEFT,
        plot_width=plot_width,
        bar_height=BAR_HEIGHT,
        rows=laid_out,
    )


def _wrap(label: str) -> list[str]:
    """A label in lines of at most ``LINE_CHARS`` characters, broken at spaces (a longer word stands alone)."""
    import textwrap

    return textwrap.wrap(label, LINE_CHARS, break_long_words=True) or [""]
