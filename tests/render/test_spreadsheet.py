"""The XLSX writer of tidy tables, read back with openpyxl and opened by LibreOffice."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from socstrat.render.spreadsheet import A4, PLAIN, Sheet, Style, column_letter, text, workbook

CREATED = date(2026, 12, 7)


def small() -> list[Sheet]:
    about = Sheet("За файла", widths=(24, 90))
    about.rows += [
        [("Дата", Style(bold=True)), (date(2026, 12, 7), Style(number_format="dd.mm.yyyy"))],
        [],
        [("Таблици", Style(head=True))],
        [text("Услуги")],
    ]
    about.links.append(("A4", "'Услуги'!A1"))
    table = Sheet("Услуги", widths=(12, 30, 8, 8), header=True, filter_rows=3, paper=A4)
    table.rows += [
        [("Код", Style(head=True)), ("Име", Style(head=True)), ("Места", Style(head=True)), ("Дял", Style(head=True))],
        [text("1.1"), text("  Дом <за> деца & младежи\r\nред 2 "), (1287, Style(number_format="#,##0")), (0.25, Style(number_format="0.0%"))],
        [text("=SUM(A1)"), text("-"), None, (12.5, Style(number_format="#,##0.00"))],
        [text("-1+2"), text("ЦНСТ \x1b[31m"), (0, Style(number_format="#,##0")), None],
    ]
    return [about, table]


@pytest.fixture(scope="module")
def book() -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(workbook(small(), CREATED)))


def test_values_come_back_as_written(book) -> None:
    sheet = book["Услуги"]
    assert [c.value for c in sheet[2]] == ["1.1", "  Дом <за> деца & младежи\\r\nред 2 ", 1287, 0.25]  # spaces and markup kept
    assert [c.data_type for c in sheet[2]] == ["s", "s", "n", "n"]
    assert sheet["C3"].value is None and sheet["D4"].value is None  # unknown stays an empty cell, never 0
    assert sheet["C4"].value == 0
    assert sheet["B4"].value == "ЦНСТ \\x1b[31m"  # a control character is written visibly, as the other writers do


def test_number_formats_and_styles(book) -> None:
    sheet = book["Услуги"]
    assert [c.number_format for c in sheet[2]][2:] == ["#,##0", "0.0%"]
    assert sheet["D3"].number_format == "#,##0.00"
    head = sheet["A1"]
    assert head.font.b and head.alignment.wrap_text and head.alignment.vertical == "top"
    assert head.fill.fgColor.rgb == "FFDDE5EE" and head.border.bottom.style == "thin"
    assert not sheet["A2"].font.b
    about = book["За файла"]
    assert about["A1"].font.b
    assert about["B1"].value == datetime(2026, 12, 7) and about["B1"].number_format == "dd.mm.yyyy"


def test_formula_text_is_quote_prefixed_and_stays_text(book) -> None:
    sheet = book["Услуги"]
    assert (sheet["A3"].value, sheet["A3"].data_type, sheet["A3"].quotePrefix) == ("=SUM(A1)", "s", True)
    assert (sheet["A4"].value, sheet["A4"].quotePrefix) == ("-1+2", True)
    assert (sheet["B3"].value, sheet["B3"].quotePrefix) == ("-", False)  # a lone "-" is the printed "no number"
    assert not sheet["A2"].quotePrefix


def test_header_is_frozen_filtered_and_printed_on_every_page(book) -> None:
    sheet = book["Услуги"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.paperSize == 9
    assert [sheet.column_dimensions[c].width for c in "ABCD"] == [12, 30, 8, 8]
    assert book["За файла"].freeze_panes is None and book["За файла"].auto_filter.ref is None


def test_internal_link(book) -> None:
    cell = book["За файла"]["A4"]
    assert cell.value == "Услуги" and cell.hyperlink.location == "'Услуги'!A1"


def test_same_sheets_same_bytes_and_the_date_given() -> None:
    first, second = workbook(small(), CREATED), workbook(small(), CREATED)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert "2026-12-07T00:00:00Z" in archive.read("docProps/core.xml").decode()


def test_text_cell_rule() -> None:
    assert text("Дом") == ("Дом", PLAIN)
    assert text("+359")[1].quote and text("@x")[1].quote and not text("-")[1].quote


@pytest.mark.parametrize(("index", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"), (703, "AAA")])
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_libreoffice_reads_the_workbook(tmp_path: Path) -> None:
    """LibreOffice opens the file as written: the table's values in their cells."""
    if shutil.which("soffice") is None:
        if os.environ.get("SOCSTRAT_REQUIRE_OFFICE") == "1":
            pytest.fail("no soffice, and SOCSTRAT_REQUIRE_OFFICE=1 requires the LibreOffice conversion to run")
        pytest.skip("LibreOffice is not installed")
    source = tmp_path / "small.xlsx"
    source.write_bytes(workbook(small(), CREATED))
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "small-Услуги.csv").read_text(encoding="utf-8"))))
    assert rows[0] == ["Код", "Име", "Места", "Дял"]
    assert [row[0] for row in rows[1:]] == ["1.1", "=SUM(A1)", "-1+2"]  # text stays text, no formula ran
    assert [row[2] for row in rows[1:]] == ["1287", "", "0"]
    assert rows[1][1].endswith("ред 2 ")
    assert (tmp_path / "small-За файла.csv").read_text(encoding="utf-8").startswith("Дата,")
