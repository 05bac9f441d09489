"""The monitoring workbook's layout: the plan's figures, locks, drop-downs, the header; and LibreOffice keeps them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA, ROOT
from socstrat import __version__
from socstrat.analysis.plan import compute_plan
from socstrat.analysis.workbook import template_content
from socstrat.api import open_strategy
from socstrat.model import Strategy
from socstrat.render.workbook import write_workbook

EXAMPLES = ROOT / "examples" / "haskovo-monitoring"


@pytest.fixture(scope="module")
def haskovo() -> Strategy:
    opened = open_strategy(DATA / "haskovo-2016-2020", monitoring=EXAMPLES)
    assert opened.strategy is not None
    return opened.strategy


@pytest.fixture(scope="module")
def book_2019(haskovo: Strategy, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_workbook(template_content(haskovo, 2019), tmp_path_factory.mktemp("wb") / "2019.xlsx", __version__)


def by_key(sheet) -> dict[str, str]:
    return {str(c.value): c.column_letter for c in sheet[3] if c.value}


def row_of(sheet, ident: str) -> int:
    return next(r[0].row for r in sheet.iter_rows(min_row=4) if r[0].value == ident)


def test_services_show_the_plan_and_last_year(book_2019: Path, haskovo: Strategy) -> None:
    sheet = openpyxl.load_workbook(book_2019)["Услуги"]
    cols, row = by_key(sheet), row_of(sheet, "foster-care")
    # services.yaml states foster-care's capacity for 2015 (47), 2016 (50) and 2020 (50): 2019 carries 2016's 50.
    assert sheet[f"{cols['planned_places']}{row}"].value == 50
    assert sheet[f"{cols['planned_places_basis']}{row}"].value == "пренесено от 2016 г."
    # The same figures as the annual plan, for every service.
    plan = {s.id: s for s in compute_plan(haskovo, 2019).services}
    for r in sheet.iter_rows(min_row=4):
        ident = r[0].value
        assert sheet[f"{cols['planned_places']}{r[0].row}"].value == plan[ident].places.value
        assert sheet[f"{cols['planned_staff']}{r[0].row}"].value == plan[ident].staff.value
    # Last year's actuals: examples/haskovo-monitoring/2018.yaml reports foster-care with 50 places, 57 users, 7 staff.
    assert [sheet[f"{cols[k]}{row}"].value for k in ("last_places", "last_users", "last_staff")] == [50, 57, 7]
    # No 2019 file: the input cells are empty, unknown is not zero.
    assert [sheet[f"{cols[k]}{row}"].value for k in ("places", "users", "staff", "status")] == [None] * 4
    assert "spending:ДДД" in cols and "spending:Общинска дейност" in cols


def test_header_locks_and_drop_downs(book_2019: Path) -> None:
    book = openpyxl.load_workbook(book_2019)
    assert book.sheetnames == ["Указания", "Услуги", "Дейности", "Индикатори"]
    meta = book["Указания"]
    assert (meta["B3"].value, meta["B4"].value, meta["B5"].value) == ("haskovo-2016-2020", 2019, __version__)
    assert {name: list(book.defined_names[name].destinations) for name in ("socstrat_strategy", "socstrat_year")} == {
        "socstrat_strategy": [("Указания", "$B$3")], "socstrat_year": [("Указания", "$B$4")],
    }
    for name in ("Услуги", "Дейности", "Индикатори"):
        sheet = book[name]
        assert "haskovo-2016-2020" in sheet["A1"].value and "2019" in sheet["A1"].value and __version__ in sheet["A1"].value
        assert sheet.protection.sheet and sheet.row_dimensions[3].hidden
        assert sheet["A4"].protection.locked
    services = book["Услуги"]
    cols = by_key(services)
    assert services[f"{cols['name']}4"].protection.locked and services[f"{cols['planned_places']}4"].protection.locked
    assert not services[f"{cols['places']}4"].protection.locked and not services[f"{cols['status']}4"].protection.locked
    rules = {str(v.sqref): v for v in services.data_validations.dataValidation}
    last = services.max_row
    places = rules[f"{cols['places']}4:{cols['places']}{last}"]
    assert (places.type, places.operator, places.formula1) == ("whole", "greaterThanOrEqual", "0")
    staff = rules[f"{cols['staff']}4:{cols['staff']}{last}"]
    assert (staff.type, staff.formula1) == ("decimal", "0")
    status = rules[f"{cols['status']}4:{cols['status']}{last}"]
    assert status.type == "list" and status.formula1.strip('"').split(",") == [
        "работи", "открита през годината", "неоткрита", "спряна", "закрита", "трансформирана",
    ]
    activities = book["Дейности"]
    act = {v.type: v.formula1 for v in activities.data_validations.dataValidation}
    assert act["list"].strip('"').split(",") == ["изпълнена", "в изпълнение", "незапочната", "забавена", "отменена", "обединена"]


def test_text_that_looks_like_a_formula_stays_text(haskovo: Strategy, tmp_path: Path) -> None:
    content = template_content(haskovo, 2018)
    content.services[0].name = '=HYPERLINK("http://example.org","x")'
    sheet = openpyxl.load_workbook(write_workbook(content, tmp_path / "x.xlsx", __version__))["Услуги"]
    assert sheet["B4"].data_type == "s" and sheet["B4"].value.startswith("=HYPERLINK") and sheet["B4"].quotePrefix


def test_prefilled_from_the_years_file(haskovo: Strategy, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(write_workbook(template_content(haskovo, 2018), tmp_path / "2018.xlsx", __version__))
    services = book["Услуги"]
    cols, row = by_key(services), row_of(services, "foster-care")
    # 2018.yaml: foster-care operating, 50 places, 57 users, 7 staff, ДДД 340000
    assert [services[f"{cols[k]}{row}"].value for k in ("status", "places", "users", "staff", "spending:ДДД")] == [
        "работи", 50, 57, 7, 340000,
    ]
    assert book["Указания"]["B7"].value == "Звено за мониторинг и оценка (илюстративно)"
    # Made from illustrative data: every sheet says so in its first row.
    assert all(book[name]["A1"].value.startswith("ИЛЮСТРАТИВНИ ДАННИ") for name in book.sheetnames)
    activities = book["Дейности"]
    merged = row_of(activities, "d1-a2.3.1.2")
    acols = by_key(activities)
    assert (activities[f"{acols['status']}{merged}"].value, activities[f"{acols['merged_into']}{merged}"].value) == ("обединена", "d1-a2.1.2.1")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_keeps_drop_downs_and_locks(book_2019: Path, haskovo: Strategy, tmp_path: Path) -> None:
    """LibreOffice opens the workbook and saves it again with its validations and protection intact,
    and a workbook LibreOffice saved imports as the one socstrat wrote."""
    from socstrat.analysis.workbook import import_workbook
    from socstrat.io.workbook import read_workbook

    out = tmp_path / "lo"
    out.mkdir()
    book_2018 = write_workbook(template_content(haskovo, 2018), tmp_path / "2018.xlsx", __version__)
    profile = tmp_path / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx", "--outdir", str(out),
         str(book_2019), str(book_2018)],
        check=True, capture_output=True, timeout=180,
    )
    existing = (EXAMPLES / "2018.yaml").read_text(encoding="utf-8")
    outcome = import_workbook(read_workbook(out / "2018.xlsx"), haskovo, existing)
    assert (outcome.text, outcome.changes, [p.code for p in outcome.problems]) == (existing, [], [])
    book = openpyxl.load_workbook(out / book_2019.name)
    assert book.sheetnames == ["Указания", "Услуги", "Дейности", "Индикатори"]
    services = book["Услуги"]
    cols = by_key(services)
    assert services.protection.sheet and services["A4"].protection.locked and not services[f"{cols['places']}4"].protection.locked
    kinds = {(v.type, v.formula1) for v in services.data_validations.dataValidation}
    assert ("whole", "0") in kinds and any(t == "list" and "работи" in (f or "") for t, f in kinds)
    assert book["Указания"]["B3"].value == "haskovo-2016-2020"
    assert "socstrat_strategy" in book.defined_names
