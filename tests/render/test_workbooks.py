"""Every workbook socstrat writes, reopened with openpyxl: one set of conventions, figures as numbers."""

from __future__ import annotations

import io

import openpyxl
import pytest

from conftest import bundled
from socstrat.render import registry


def _workbooks() -> dict[str, bytes]:
    from socstrat.analysis.compare import compare
    from socstrat.analysis.deltas import compute_deltas
    from socstrat.analysis.plan import compute_plan
    from socstrat.render.plan import PlanInput

    haskovo, kazanlak = bundled("haskovo-2016-2020"), bundled("kazanlak-2007-2009")
    options = registry.Options(lang="bg")
    return {
        "export": registry.render("export", "xlsx", haskovo.strategy, options),
        "deltas": registry.render("deltas", "xlsx", compute_deltas(haskovo.strategy), options),
        "compare": registry.render("compare", "xlsx", compare([haskovo, kazanlak], None), options),
        "plan": registry.render("plan", "xlsx", PlanInput(compute_plan(haskovo.strategy, 2017)), options),
    }


@pytest.fixture(scope="module")
def books() -> dict[str, openpyxl.Workbook]:
    return {name: openpyxl.load_workbook(io.BytesIO(data)) for name, data in _workbooks().items()}


@pytest.mark.parametrize("name", ["export", "deltas", "compare", "plan"])
def test_every_workbook_has_the_same_conventions(books, name: str) -> None:
    book = books[name]
    assert book.sheetnames[0] == "За файла"
    for sheet in book.worksheets[1:]:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), sheet.title
        assert all(sheet.column_dimensions[c.column_letter].width for c in sheet[1]), sheet.title
        assert all(isinstance(c.value, str) and c.value for c in sheet[1]), f"{sheet.title}: a header is blank"
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.value is not None and cell.number_format not in ("General", "@"):
                    assert isinstance(cell.value, (int, float)), (sheet.title, cell.coordinate, cell.value)


def test_the_plan_workbook_holds_figures_as_numbers_with_their_basis_beside(books) -> None:
    sheet = books["plan"]["Услуги през годината"]
    header = [c.value for c in sheet[1]]
    assert "Места 2017" in header and "Основание (места 2017)" in header and "Персонал 2017" in header
    rows = [dict(zip(header, (c.value for c in r))) for r in sheet.iter_rows(min_row=2)]
    for row in rows:
        assert row["Места 2017"] is None or isinstance(row["Места 2017"], int), row
        assert row["Персонал 2017"] is None or isinstance(row["Персонал 2017"], int), row
    carried = [r for r in rows if r["Основание (места 2017)"] and "пренесено от 2016 г." in r["Основание (места 2017)"]]
    assert any(isinstance(r["Места 2017"], int) for r in carried)  # "50 (пренесено от 2016 г.)" was one text cell
    assert sum(isinstance(r["Места 2017"], int) for r in rows) > 0
