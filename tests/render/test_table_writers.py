"""The tabular writers on the bundled strategies: XLSX reopened with openpyxl, Excel CSV read back
with csv, data packages checked by the frictionless CLI, formulas neutralised."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA, bundled
from socstrat.analysis.tables import strategy_tables
from socstrat.api import open_strategy
from socstrat.render.export import about
from socstrat.render.tables import BOM, csv_text, datapackage_files, xlsx_bytes

HYPERLINK = '=HYPERLINK("http://example.com/x","клик")'


def _tables(name: str):
    return strategy_tables(bundled(name).strategy)


@pytest.fixture(scope="module")
def haskovo_xlsx(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "haskovo.xlsx"
    strategy = bundled("haskovo-2016-2020").strategy
    path.write_bytes(xlsx_bytes(strategy_tables(strategy), about(strategy), lang="bg"))
    return openpyxl.load_workbook(path)


def test_xlsx_has_an_about_sheet_then_one_sheet_per_table(haskovo_xlsx) -> None:
    assert haskovo_xlsx.sheetnames == [
        "За файла", "Услуги", "Услуги по години", "План по години", "Персонал – групи и общо", "Капацитет и персонал",
        "Логическа рамка", "Индикатори", "Матрица", "Контекст в цифри", "Признати несъответствия",
        "Отчет – услуги", "Отчет – дейности", "Отчет – индикатори",
    ]
    first = {row[0]: row[1] for row in haskovo_xlsx["За файла"].iter_rows(max_row=7, values_only=True)}
    assert first["Стратегия"] == "haskovo-2016-2020" and first["Община"] == "Хасково"
    assert isinstance(first["Дата на генериране"], date)
    assert "socstrat" in first


def test_xlsx_headers_frozen_and_filtered(haskovo_xlsx) -> None:
    sheet = haskovo_xlsx["Услуги по години"]
    headers = [c.value for c in sheet[1]]
    assert headers[:7] == ["Услуга (идентификатор)", "Година", "Наименование", "Вид", "Статус", "Капацитет", "Капацитет (отпечатан)"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{sheet.max_row}"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width


def test_xlsx_numbers_are_numbers_and_unknown_is_empty(haskovo_xlsx) -> None:
    sheet = haskovo_xlsx["Услуги по години"]
    rows = {(r[0].value, r[1].value): r for r in sheet.iter_rows(min_row=2)}
    # services.yaml: foster-care, 2015: 47, category community
    foster = rows[("foster-care", 2015)]
    assert foster[5].value == 47 and foster[5].data_type == "n" and foster[5].number_format == "#,##0"
    assert foster[1].number_format == "0"  # a year has no thousands separator
    assert foster[3].value == "услуга в общността"
    # pensioners-club, 2015: МД — no number, the print beside it
    club = rows[("pensioners-club", 2015)]
    assert club[5].value is None and club[6].value == "МД"
    # context.yaml: ctx-population 95950
    figures = {r[0].value: r for r in haskovo_xlsx["Контекст в цифри"].iter_rows(min_row=2)}
    value = next(c for c in figures["ctx-population"] if c.column_letter == "E")
    assert value.value == 95950 and value.data_type == "n"


def test_excel_csv_reads_back_with_bom_and_semicolons() -> None:
    table = next(t for t in _tables("haskovo-2016-2020") if t.name == "service_years")
    text = csv_text(table, excel=True, lang="bg")
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[len(BOM):], newline=""), delimiter=";"))
    assert rows[0][:2] == ["Услуга (идентификатор)", "Година"]
    assert len(rows) == 1 + len(table.rows) and all(len(r) == len(table.columns) for r in rows)
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert by_key[("foster-care", "2015")][5] == "47"
    assert by_key[("personal-assistant", "2015")][5:7] == ["117", "25 – НП АХУ / 92 – ОП РЧР"]
    assert by_key[("pensioners-club", "2015")][5:7] == ["", "МД"]


def test_excel_csv_decimal_comma_in_bulgarian() -> None:
    table = next(t for t in _tables("haskovo-2016-2020") if t.name == "figures")
    rows = {r[0]: r for r in csv.reader(io.StringIO(csv_text(table, excel=True)[1:]), delimiter=";")}
    assert rows["ctx-area"][4] == "740,22"  # context.yaml: ctx-area 740.22 кв.км
    plain = {r[0]: r for r in csv.reader(io.StringIO(csv_text(table)))}
    assert plain["ctx-area"][4] == "740.22" and plain["id"][4] == "value"


def _frictionless() -> str:
    found = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    assert found, "frictionless is a dev dependency"
    return found


def _write(directory: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8", newline="")


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_datapackage_passes_frictionless_validate(tmp_path: Path, name: str) -> None:
    strategy = bundled(name).strategy
    _write(tmp_path, datapackage_files(strategy_tables(strategy), name=strategy.strategy.id, title=strategy.strategy.title))
    out = subprocess.run([_frictionless(), "validate", "--json", str(tmp_path / "datapackage.json")], capture_output=True, text=True)
    report = json.loads(out.stdout)
    assert report["valid"], out.stdout[:2000]
    assert out.returncode == 0
    package = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    years = next(r for r in package["resources"] if r["name"] == "service_years")["schema"]
    assert years["primaryKey"] == ["service_id", "year"]
    assert years["foreignKeys"] == [{"fields": ["service_id"], "reference": {"resource": "services", "fields": ["id"]}}]


def test_frictionless_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    strategy = bundled("haskovo-2016-2020").strategy
    _write(tmp_path, datapackage_files(strategy_tables(strategy), name="h", title="h"))
    path = tmp_path / "service_years.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("\nfoster-care,", "\nno-such-service,", 1), encoding="utf-8")
    out = subprocess.run([_frictionless(), "validate", "--json", str(tmp_path / "datapackage.json")], capture_output=True, text=True)
    assert not json.loads(out.stdout)["valid"]


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """Kazanlak with a formula as the name of its first service."""
    target = tmp_path_factory.mktemp("injected") / "kazanlak"
    shutil.copytree(DATA / "kazanlak-2007-2009", target)
    services = target / "services.yaml"
    text = services.read_text(encoding="utf-8")
    old = "    name: Дом за стари хора с отделение за лежащи “Маргарита Асебо”- Казанлък\n"
    assert old in text
    services.write_text(text.replace(old, f"    name: '{HYPERLINK}'\n", 1), encoding="utf-8")
    opened = open_strategy(target)
    assert opened.valid and opened.strategy is not None
    return opened.strategy


def test_csv_neutralises_an_injected_formula(injected) -> None:
    table = next(t for t in strategy_tables(injected) if t.name == "services")
    for excel in (False, True):
        text = csv_text(table, excel=excel)
        rows = list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";" if excel else ","))
        assert rows[1][2] == "'" + HYPERLINK
        assert not any(cell.startswith("=") for row in rows for cell in row)


def test_xlsx_keeps_an_injected_formula_as_quoted_text(injected, tmp_path: Path) -> None:
    path = tmp_path / "k.xlsx"
    path.write_bytes(xlsx_bytes(strategy_tables(injected), about(injected)))
    cell = openpyxl.load_workbook(path)["Услуги"]["C2"]
    assert cell.value == HYPERLINK  # the data as it is …
    assert cell.data_type == "s" and cell.quotePrefix  # … a string that Excel will not run, even after an edit


def test_a_lone_dash_is_text_as_printed_in_csv_and_xlsx(tmp_path: Path) -> None:
    """The one neutraliser decides both: "-" (the source's "no number") starts no formula."""
    from openpyxl import Workbook

    from socstrat.render.tables import csv_cell, text_cell

    assert csv_cell("-") == "-" and csv_cell("-", excel=True) == "-"
    sheet = Workbook().active
    text_cell(sheet["A1"], "-")
    text_cell(sheet["A2"], "-1+2")
    assert not sheet["A1"].quotePrefix and sheet["A1"].data_type == "s"
    assert sheet["A2"].quotePrefix and sheet["A2"].value == "-1+2"


def test_excel_csv_keeps_codes_as_codes_and_shares_as_percentages() -> None:
    nodes = next(t for t in _tables("haskovo-2016-2020") if t.name == "nodes")
    rows = list(csv.reader(io.StringIO(csv_text(nodes, excel=True)[1:]), delimiter=";"))
    codes = [r[1] for r in rows[1:]]
    # framework.yaml numbers its nodes "1", "1.1", "1.1.1": Excel would read "1.1" as 1 January
    assert '="1.1"' in codes and "1.1" not in codes
    plain = list(csv.reader(io.StringIO(csv_text(nodes))))
    assert "1.1" in [r[1] for r in plain[1:]]
    from socstrat.render.tables import csv_cell

    assert csv_cell(0.1875, excel=True, display="percent") == "18,75%"
    assert csv_cell(0.1875, excel=True, lang="en", display="percent") == "18.75%"
    assert csv_cell(0.1875, display="percent") == "0.1875"


def test_every_csv_ends_its_lines_with_crlf() -> None:
    from socstrat.render.tables import csv_lines

    assert csv_lines(["a", "b"], [[1, "x"]]) == "a,b\r\n1,x\r\n"
