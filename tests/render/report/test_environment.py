"""The HTML helpers of the report environment: a laid-out table's body rows."""

from __future__ import annotations

from markupsafe import Markup

from socstrat.render.document import DocumentTable
from socstrat.render.report.abbreviations import ABBREVIATIONS
from socstrat.render.report.environment import table_rows

CNST = next(a for a in ABBREVIATIONS if a.short == "ЦНСТ").title("bg")


def test_table_rows_lay_out_headers_numbers_qualifiers_lines_and_totals() -> None:
    table = DocumentTable(
        headers=["Услуга", "Места", "Източник"],
        rows=[["ЦНСТ <1>", "12 (от 2018 г.)", "Общински бюджет\nДелегирана дейност"], ["Общо", "≥ 12, 1 н.д.", "-"]],
        numeric=[False, True, False],
        strong_rows={1},
    )
    html = table_rows(table, "bg")
    assert isinstance(html, Markup)
    assert str(html) == (
        "<tr>\n"
        f'<th scope="row"><abbr title="{CNST}">ЦНСТ</abbr> &lt;1&gt;</th>'
        '<td class="num">12<br><span class="qualifier">(от 2018 г.)</span></td>'
        "<td>Общински бюджет<br>Делегирана дейност</td>"
        "</tr>\n"
        '<tr class="total">\n'
        '<th scope="row">Общо</th><td class="num">≥ 12, 1 н.д.</td><td>-</td>'
        "</tr>\n"
    )
