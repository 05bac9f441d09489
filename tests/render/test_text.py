"""Report text: Markdown escaping that GitHub renders literally, numbers and capacity cells."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markupsafe import Markup

from socstrat.model import CapacityPart, PrintedNumber
from socstrat.render.text import capacity_cell, escape_markdown, markdown_lines, neutralise_formula, number

md = MarkdownIt("commonmark", {"html": True}).enable("table")


def test_script_is_inert_text_in_markdown() -> None:
    html = md.render(f"Услуга {escape_markdown('<script>alert(1)</script>')}\n")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_pipe_does_not_split_a_table_cell() -> None:
    source = f"| a | b |\n|---|---|\n| {escape_markdown('x | y')} | {escape_markdown('z')} |\n"
    html = md.render(source)
    assert html.count("<td>") == 2
    assert "<td>x | y</td>" in html


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1. Повишаване", "<p>1. Повишаване</p>"),
        ("- точка", "<p>- точка</p>"),
        ("# заглавие", "<p># заглавие</p>"),
        ("*важно* и _курсив_", "<p>*важно* и _курсив_</p>"),
        ("[връзка](http://example.org)", "<p>[връзка](http://example.org)</p>"),
        ("a\\*b", "<p>a\\*b</p>"),
    ],
)
def test_markdown_structure_in_values_renders_literally(value: str, shown: str) -> None:
    assert md.render(escape_markdown(value)).strip() == shown


def test_escaping_keeps_ordinary_text_and_markup() -> None:
    assert escape_markdown("socstrat 0.1.0, 2016-2020 г.") == "socstrat 0.1.0, 2016-2020 г."
    assert escape_markdown("ред 1\nред 2") == "ред 1 ред 2"
    assert escape_markdown(None) == ""
    assert escape_markdown(Markup("<br>")) == "<br>"
    assert markdown_lines(["a<b", "c"]) == "a&#60;b<br>c"


def test_numbers() -> None:
    assert number(40.37) == "40,37"
    assert number(40.37, "en") == "40.37"
    assert number(95950) == "95950"
    assert number(12.0) == "12"
    assert number(None) == "—"


def test_capacity_cells_keep_what_the_source_states() -> None:
    assert capacity_cell(40) == "40"
    assert capacity_cell("МД") == "МД"
    assert capacity_cell("-") == "-"
    assert capacity_cell(None) == ""
    assert capacity_cell(PrintedNumber(value=40, printed=".40")) == "40"
    assert capacity_cell(PrintedNumber(printed="?")) == "?"
    parts = [CapacityPart(value=25, financing="НП АХУ"), CapacityPart(value=92, financing="ОП РЧР")]
    assert capacity_cell(parts) == "25 (НП АХУ) + 92 (ОП РЧР)"


def test_inline_markdown_escapes_markup_and_keeps_no_break_spaces() -> None:
    from socstrat.render.text import inline_markdown

    assert inline_markdown("<script>|*x*_\r\n1\u00a0200 & [a](b) `c` ~d~") == (
        "\\<script\\>\\|\\*x\\*\\_ 1\u00a0200 \\& \\[a\\](b) \\`c\\` \\~d\\~"
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1", "'+1"),
        ("-Дом", "'-Дом"),
        ("-", "-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Дом за стари хора", "Дом за стари хора"),
        ("", ""),
        (-40, -40),
        (None, None),
    ],
)
def test_formula_start_is_neutralised(value: object, shown: object) -> None:
    assert neutralise_formula(value) == shown


# --- the one rounding and number format ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits", "rounded"),
    # Half away from zero, as the municipality's accounts round; Python's round() gives 4, 2, 0.12, −2.
    [(4.5, 0, 5), (2.5, 0, 3), (0.125, 2, 0.13), (-2.5, 0, -3), (99.5, 0, 100), (1.005, 2, 1.01), (7, 0, 7)],
)
def test_round_half_up(value: float, digits: int, rounded: float) -> None:
    from socstrat.render.text import round_half_up

    assert round_half_up(value, digits) == rounded


@pytest.mark.parametrize(
    ("value", "options", "bg", "en"),
    [
        (95950, {}, "95\u00a0950", "95,950"),  # Haskovo's population (context.yaml ctx-population)
        (40.37, {}, "40,37", "40.37"),  # its share of the region's population, %
        (1925, {"year": True}, "1925", "1925"),  # a year is never grouped
        (0.5460, {"percent": True}, "54,6%", "54.6%"),
        (0.0005, {"percent": True}, "0,1%", "0.1%"),  # 0,05 % half up
        (-3, {"signed": True}, "\u22123", "\u22123"),
        (220, {"signed": True}, "+220", "+220"),
        (4.5, {"digits": 0}, "5", "5"),
        (None, {}, "н.д.", "n/a"),
    ],
)
def test_format_number_is_one_rule_in_both_languages(value: float | None, options: dict, bg: str, en: str) -> None:
    from socstrat.render.text import format_number

    assert (format_number(value, "bg", **options), format_number(value, "en", **options)) == (bg, en)


def test_a_total_over_unknown_rows_is_a_lower_bound_and_all_unknown_is_not_zero() -> None:
    from socstrat.render.text import total_text

    assert total_text(270, 6, "bg") == "≥ 270, 6 н.д."
    assert total_text(1473, 4, "en") == "≥ 1,473, 4 n/a"
    assert total_text(None, 6, "bg") == "н.д."
    assert total_text(953, 0, "bg") == "953"


def test_chart_labels_print_what_the_tables_print() -> None:
    """A bar of 4,5 places is labelled 4,5 (it was 4: half to even); an unknown gets no bar and 'н.д.'."""
    from socstrat.render.report.charts import bar_chart

    chart = bar_chart("c", "t", [("a", 4.5, 2.5), ("b", None, 10)], "2015", "2020", "bg")
    assert [(r.before.text, r.after.text) for r in chart.rows] == [("4,5", "2,5"), ("н.д.", "10")]
    assert chart.rows[1].before.width == 0
