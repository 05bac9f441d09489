"""Writers of :class:`~socstrat.analysis.tables.TidyTable`: CSV (plain or for Excel), XLSX and a Frictionless data package.

Every tabular format of every command writes through these functions, so a table looks
the same wherever it comes from (``export``, ``deltas``, ``compare``).

- **Plain CSV** (RFC 4180, UTF-8, CRLF line ends, ``,``): headers are the column keys,
  coded values are keys, numbers are as computed: the stable form for other programs.
- **Excel CSV** (``--excel``): UTF-8 with a byte-order mark and ``;`` separators, which
  a double-click in a Bulgarian Excel opens correctly; headers and coded values in the
  chosen language from the catalog; decimals with a decimal comma in Bulgarian.
- **XLSX** (openpyxl, the one spreadsheet library): one sheet per table after a sheet
  that says what the file is; the header row frozen, filtered and repeated in print,
  columns fitted, numbers as number cells with number formats.
- **Data package**: the plain CSVs and a ``datapackage.json`` with a table schema per
  file (types, primary and foreign keys) and field titles in the chosen language.

Unknown figures are empty cells in every form, never 0. A text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` in CSV, the one
rule of :func:`~socstrat.render.text.neutralise_formula` (a lone ``-``, the tables' printed
"no number", is no formula and stays as printed). In XLSX every text is written as a
string cell, never a formula, and such a cell is also marked with Excel's own
quote prefix, so it stays text even when someone edits it, and its value is unchanged.

openpyxl is imported only when a workbook is written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from socstrat.analysis.tables import Column, TidyTable
from socstrat.i18n.catalog import label
from socstrat.io.terminal import json_safe, visible_controls
from socstrat.render.text import neutralise_formula

BOM = "\ufeff"


def generation_date() -> date:
    """Today, or the date of ``SOURCE_DATE_EPOCH`` so that a build can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


@dataclass(frozen=True)
class About:
    """What the first sheet of a workbook says about it."""

    strategy: str
    title: str
    version: str
    generated: date
    lines: Sequence[tuple[str, str]] = ()
    """Further ``(label key, value)`` lines, e.g. the municipality and period."""


def header(column: Column, lang: str, args: dict[str, Any] | None = None) -> str:
    """A column's header in ``lang`` from the catalog (``column.<key>``), with the table's header arguments."""
    return label(f"column.{column.key}", lang).format(**(args or {}))


def sheet_title(table: TidyTable, lang: str) -> str:
    return label(f"table.{table.name}", lang)


def for_people(column: Column, value: Any, lang: str) -> Any:
    """A value as a person reads it: a coded value in ``lang``; everything else unchanged."""
    if column.codes and isinstance(value, str):
        key = f"{column.codes}.{value}"
        try:
            return label(key, lang)
        except KeyError:
            return value
    return value


# --- CSV ---------------------------------------------------------------------------------------


def _csv_number(value: int | float, excel: bool, lang: str, display: str = "decimal") -> str:
    if excel and display == "percent":
        return _csv_number(round(value * 100, 6), excel, lang) + "%"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        return str(value)
    text = repr(round(value, 6)) if excel else repr(value)
    return text.replace(".", ",") if excel and lang == "bg" else text


EXCEL_WOULD_CONVERT = re.compile(r"\d+(?:[.,/-]\d+)+|0\d+")
"""A code Excel would turn into a date or a number on opening a CSV ("1.1" is 1 January in a Bulgarian
Excel, "007" loses its zeros); the Excel form writes it as the constant text formula ``="1.1"``, which
holds only digits and separators, so it cannot carry anything that runs."""


def csv_cell(value: Any, *, excel: bool = False, lang: str = "bg", display: str = "decimal") -> str:
    """One CSV cell: unknown empty, a number as computed (Excel form: decimal comma in Bulgarian, a
    percentage as a percentage), text with formula starts neutralised."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _csv_number(value, excel, lang, display)
    text = str(value)
    if excel and EXCEL_WOULD_CONVERT.fullmatch(text):
        return f'="{text}"'
    return str(neutralise_formula(text))


def csv_lines(header: Sequence[str], records: Iterable[Sequence[Any]], *, excel: bool = False, lang: str = "bg",
              displays: Sequence[str] = ()) -> str:
    """The one CSV writer: RFC 4180 (CRLF line ends, ``,``) or the Excel form (a BOM and ``;``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        writer.writerow([
            csv_cell(value, excel=excel, lang=lang, display=displays[i] if i < len(displays) else "decimal")
            for i, value in enumerate(record)
        ])
    return (BOM if excel else "") + buffer.getvalue()


def csv_text(table: TidyTable, *, excel: bool = False, lang: str = "bg", header_args: dict[str, Any] | None = None) -> str:
    """The table as CSV text; see the module's description of the plain and the Excel forms."""
    records = (
        [for_people(column, value, lang) if excel else value for column, value in zip(table.columns, record)]
        for record in table.records()
    )
    head = [header(c, lang, header_args) for c in table.columns] if excel else table.keys
    return csv_lines(head, records, excel=excel, lang=lang, displays=[c.display for c in table.columns])


def csv_files(tables: Sequence[TidyTable], *, excel: bool = False, lang: str = "bg") -> dict[str, str]:
    """One ``<table>.csv`` per table: file name → text."""
    return {f"{table.name}.csv": csv_text(table, excel=excel, lang=lang) for table in tables}


# --- XLSX --------------------------------------------------------------------------------------

NUMBER_FORMATS = {"integer": "#,##0", "year": "0", "decimal": "#,##0.00", "percent": "0.0%"}
"""Excel number formats; Excel shows them with the reader's separators (in Bulgarian: a space and a decimal comma)."""
DATE_FORMAT = {"bg": "dd.mm.yyyy", "en": "yyyy-mm-dd"}
MIN_WIDTH, MAX_WIDTH = 6, 60


def xlsx_bytes(tables: Sequence[TidyTable], about: About, *, lang: str = "bg", header_args: dict[str, Any] | None = None) -> bytes:
    """A workbook: a first sheet about the file and its sheets, then one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    book = Workbook()
    sheet = book.active
    taken: set[str] = set()
    sheet.title = sheet_name(label("export.about", lang), taken)
    lines: list[tuple[str, Any]] = [
        (label("export.strategy", lang), about.strategy), (label("export.title", lang), about.title),
        *((label(key, lang), value) for key, value in about.lines),
        ("socstrat", about.version), (label("generated", lang), about.generated), (label("export.language", lang), lang),
    ]
    for row, (name, value) in enumerate(lines, start=1):
        sheet.cell(row, 1).value = name
        sheet.cell(row, 1).font = Font(bold=True)
        if isinstance(value, date):
            cell = sheet.cell(row, 2)
            cell.value = value
            cell.number_format = DATE_FORMAT[lang]
        else:
            text_cell(sheet.cell(row, 2), str(value))
    top = len(lines) + 2
    for col, key in enumerate(("export.sheet", "export.holds", "export.rows"), start=1):
        _head(sheet.cell(top, col), label(key, lang))
    planned = [(table, sheet_name(sheet_title(table, lang), taken)) for table in tables]
    for i, (table, name) in enumerate(planned, start=top + 1):
        link = sheet.cell(i, 1)
        text_cell(link, name)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1")
        link.style = "Hyperlink"
        text_cell(sheet.cell(i, 2), label(f"table.about.{table.name}", lang))
        count = sheet.cell(i, 3)
        count.value = len(table.rows)
        count.number_format = NUMBER_FORMATS["integer"]
    sheet.cell(top + len(planned) + 2, 1).value = label("export.unknown_note", lang)
    for letter, width in (("A", 24), ("B", 90), ("C", 10)):
        sheet.column_dimensions[letter].width = width

    for table, name in planned:
        _table_sheet(book.create_sheet(name), table, lang, header_args)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _head(cell: Any, text: str) -> None:
    text_cell(cell, text)
    cell.font, cell.alignment, cell.fill, cell.border = _head_style()


@cache
def _head_style() -> tuple[Any, Any, Any, Any]:
    """A header cell's font, alignment, fill and border, made once: openpyxl treats style objects as values,
    and building them for every header cell of every sheet cost more than writing the cells."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    return Font(bold=True), Alignment(wrap_text=True, vertical="top"), PatternFill("solid", fgColor="DDE5EE"), Border(bottom=Side(style="thin"))


def _table_sheet(sheet: Any, table: TidyTable, lang: str, header_args: dict[str, Any] | None) -> None:
    from openpyxl.utils import get_column_letter

    headers = [header(c, lang, header_args) for c in table.columns]
    widths = [min(MAX_WIDTH, max(MIN_WIDTH, max((len(w) for w in h.split()), default=0) + 2, len(h) // 2 + 2)) for h in headers]
    for col, text in enumerate(headers, start=1):
        _head(sheet.cell(1, col), text)
    for row, record in enumerate(table.records(), start=2):
        for col, (column, value) in enumerate(zip(table.columns, record), start=1):
            if value is None:
                continue  # unknown stays an empty cell
            cell = sheet.cell(row, col)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                cell.value = value
                cell.number_format = NUMBER_FORMATS.get(column.display, NUMBER_FORMATS["decimal"])
                shown = len(f"{value:,.2f}") if isinstance(value, float) else len(f"{value:,}")
            else:
                text = str(for_people(column, value, lang))
                text_cell(cell, text)
                shown = max((len(line) for line in text.splitlines()), default=0)
            widths[col - 1] = max(widths[col - 1], min(MAX_WIDTH, shown + 2))
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{max(len(table.rows), 1) + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4


def text_cell(cell: Any, text: str) -> None:
    """A string cell, never a formula; one that a spreadsheet would take for a formula also gets the quote prefix,
    so it stays text even after an edit, and its value is the data as it is."""
    text = visible_controls(text)
    cell.value = text
    cell.data_type = "s"
    if neutralise_formula(text) != text:
        cell.quotePrefix = True


_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def sheet_name(title: str, taken: set[str]) -> str:
    """The one sheet-name rule: a name Excel accepts (at most 31 characters, none of []:*?/\\, no leading or
    trailing apostrophe), unique in the workbook regardless of case; ``taken`` collects the names given."""
    name = title.translate(_SHEET_FORBIDDEN).strip().strip("'")[:31] or "Sheet"
    base, n = name, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


# --- data package --------------------------------------------------------------------------------


def descriptor(tables: Sequence[TidyTable], *, name: str, title: str, lang: str = "bg", version: str | None = None) -> dict[str, Any]:
    """A Frictionless tabular data package describing one plain CSV file per table."""
    resources = []
    for table in tables:
        schema: dict[str, Any] = {
            "fields": [{"name": c.key, "type": c.type, "title": header(c, lang)} for c in table.columns],
            "missingValues": [""],
        }
        if table.primary_key:
            schema["primaryKey"] = list(table.primary_key)
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fk.fields), "reference": {"resource": "" if fk.table == table.name else fk.table, "fields": list(fk.reference)}}
                for fk in table.foreign_keys
            ]
        resources.append({
            "name": table.name, "path": f"{table.name}.csv", "profile": "tabular-data-resource",
            "title": sheet_title(table, lang), "description": label(f"table.about.{table.name}", lang),
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
        })
    package: dict[str, Any] = {"profile": "tabular-data-package", "name": name, "title": title, "resources": resources}
    if version:
        package["sources"] = [{"title": f"socstrat {version}"}]
    return package


def datapackage_files(tables: Sequence[TidyTable], *, name: str, title: str, lang: str = "bg", version: str | None = None) -> dict[str, str]:
    """The plain CSVs and their ``datapackage.json``: file name → text."""
    package = descriptor(tables, name=name, title=title, lang=lang, version=version)
    return {**csv_files(tables, excel=False, lang=lang), "datapackage.json": json_safe(json.dumps(package, ensure_ascii=False, indent=2)) + "\n"}
