"""Bar charts: proportional geometry, and an SVG macro that escapes every label."""

from __future__ import annotations

import pytest

from htmldom import parse
from socstrat.render.report.charts import MAX_LABEL, bar_chart
from socstrat.render.report.environment import environment


def test_bars_are_proportional_to_the_largest_value() -> None:
    chart = bar_chart("c", "Капацитет", [("ЦОП", 40, 80), ("ДСХ", None, 20)], "2015", "2020")
    first, second = chart.rows
    assert first.after.width == pytest.approx(chart.plot_width)
    assert first.before.width == pytest.approx(chart.plot_width / 2)
    assert second.before.width == 0 and second.before.value is None
    assert second.after.width == pytest.approx(chart.plot_width / 4)
    assert second.y > first.y
    assert chart.height > second.y


def test_no_values_draw_no_bars() -> None:
    chart = bar_chart("c", "Персонал", [("ЦОП", None, 0)], "2015", "2020")
    assert [chart.rows[0].before.width, chart.rows[0].after.width] == [0, 0]


def test_long_labels_are_shortened_but_kept_whole() -> None:
    label = "Център за настаняване от семеен тип за деца и младежи с увреждания " * 3
    row = bar_chart("c", "t", [(label, 1, 2)], "a", "b").rows[0]
    assert len(row.label) <= MAX_LABEL and row.label.endswith("…")
    assert label.startswith(row.label[:-1])
    assert row.full_label == label


def test_svg_macro_escapes_labels_and_draws_each_bar() -> None:
    chart = bar_chart("cap", "Капацитет <по услуги>", [("<script>alert(1)</script> ЦОП", 40, 0)], "2015", "2020")
    macro = environment("html", "bg").get_template("charts.html.j2").module.bar_chart
    svg = str(macro(chart))
    assert "<script>" not in svg
    dom = parse(svg)
    (figure,) = dom.iter("figure")
    assert figure.attrs["id"] == "cap"
    (root,) = dom.iter("svg")
    assert root.attrs["role"] == "img" and root.attrs["aria-labelledby"] == "cap-title"
    texts = [t.text() for t in dom.iter("text")]
    assert "<script>alert(1)</script> ЦОП" in texts
    assert texts[-2:] == ["40", "0"]
    widths = [float(r.attrs["width"] or 0) for r in dom.iter("rect") if r.attrs.get("height") == str(chart.bar_height)]
    assert widths == [chart.plot_width, 0.0]
    assert dom.by_id("cap-title").text() == "Капацитет <по услуги>"
