"""``deltas`` through the shared table writers: Excel CSV and XLSX."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from conftest import DATA
from socstrat.cli import app

runner = CliRunner()
HASKOVO = str(DATA / "haskovo-2016-2020")


def test_excel_csv_of_the_staffing_view() -> None:
    result = runner.invoke(app, ["deltas", HASKOVO, "--view", "staffing", "--format", "csv", "--excel"])
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout[1:]), delimiter=";"))
    header = rows[0]
    assert header[:2] == ["Вид ред", "Идентификатор"] and "Капацитет 2015" in header and "Капацитет 2020" in header
    lines = {r[1]: dict(zip(header, r)) for r in rows[1:] if r[0] == "ред"}
    # staffing.yaml: ДСХ „Кенана“ 160 places / 70 staff in 2015, 130 / 57 planned (README: −30, намалена)
    kenana = next(v for v in lines.values() if "Кенана" in v["Наименование"])
    assert (kenana["Капацитет 2015"], kenana["Капацитет 2020"], kenana["Промяна"]) == ("160", "130", "-30")
    assert kenana["Вид промяна"] == "намалена"
    total = next(dict(zip(header, r)) for r in rows[1:] if r[0] == "общо")
    assert (total["Капацитет 2015"], total["Капацитет 2020"]) == ("555", "574")  # README's 'Общо – за всички услуги'


def test_xlsx_of_the_services_view(tmp_path: Path) -> None:
    target = tmp_path / "d.xlsx"
    result = runner.invoke(app, ["deltas", HASKOVO, "--format", "xlsx", "-o", str(target), "--lang", "en"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["About", "Changes"]
    sheet = book["Changes"]
    header = [c.value for c in sheet[1]]
    total = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "total")
    cells = dict(zip(header, total))
    assert cells["Capacity 2015"].value == 953 and cells["Capacity 2020"].value == 1473  # README: 953 → 1 473
    assert cells["Change, %"].number_format == "0.0%"
    assert sheet.freeze_panes == "A2"


def test_excel_is_for_csv_only() -> None:
    result = runner.invoke(app, ["deltas", HASKOVO, "--format", "md", "--excel"])
    assert result.exit_code == 2


def test_excel_csv_words_groups_and_writes_shares_as_percentages() -> None:
    result = runner.invoke(app, ["deltas", HASKOVO, "--view", "staffing", "--format", "csv", "--excel"])
    rows = list(csv.reader(io.StringIO(result.stdout[1:]), delimiter=";"))
    header = rows[0]
    lines = [dict(zip(header, r)) for r in rows[1:]]
    kenana = next(v for v in lines if v["Вид ред"] == "ред" and "Кенана" in v["Наименование"])
    assert kenana["Промяна, %"] == "-18,75%"  # staffing.yaml: 160 → 130 places, −30 / 160
    services = runner.invoke(app, ["deltas", HASKOVO, "--format", "csv", "--excel"]).stdout
    rows = list(csv.reader(io.StringIO(services[1:]), delimiter=";"))
    groups = [dict(zip(rows[0], r))["Група"] for r in rows[1:] if r[0] == "група"]
    assert "Услуги в общността" in groups and "community" not in groups, groups


def test_a_one_year_table_shows_the_year_once() -> None:
    result = runner.invoke(app, ["deltas", HASKOVO, "--from", "2015", "--to", "2015", "--format", "csv", "--excel"])
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(result.stdout[1:]), delimiter=";"))
    assert header.count("Капацитет 2015") == 1 and len(header) == len(set(header))
