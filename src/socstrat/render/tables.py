"""Writers of :class:`~socstrat.analysis.tables.Table`: CSV (plain or for Excel), XLSX and a Frictionless data package.

Every tabular format of every command writes through these functions, so a table looks
the same wherever it comes from (``export``, ``deltas``, ``compare``).

- **Plain CSV** (RFC 4180, UTF-8, CRLF line ends, ``,``): headers are the column keys,
  coded values are keys, numbers are as computed: the stable form for other programs.
- **Excel CSV** (``--excel``): UTF-8 with a byte-order mark and ``;`` separators, which
  a double-click in a Bulgarian Excel opens correctly; headers and coded values in the
  chosen language from the catalog; decimals with a decimal comma in Bulgarian.
- **XLSX** (xlsxwriter): one sheet per table after a sheet that says what the file is;
  the header row frozen and filtered, columns fitted, numbers as number cells with
  number formats.
- **Data package**: the plain CSVs and a ``datapackage.json`` with a table schema per
  file (types, primary and foreign keys) and field titles in the chosen language.

Unknown figures are empty cells in every form, never 0. A text cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` in CSV
(:func:`~socstrat.render.text.neutralise_formula`). In XLSX every text is written as a
string cell, never a formula, and such a cell is also marked with Excel's own
quote prefix, so it stays text even when someone edits it, and its value is unchanged.

xlsxwriter is imported only inside :func:`xlsx_bytes`.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from socstrat.analysis.tables import Column, Table
from socstrat.i18n.catalog import label
from socstrat.io.terminal import json_safe
from socstrat.io.writing import write_bytes_atomically, write_text_atomically
from socstrat.render.text import FORMULA_START, neutralise_formula

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


def sheet_title(table: Table, lang: str) -> str:
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


def _csv_number(value: int | float, excel: bool, lang: str) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, int):
        return str(value)
    text = repr(round(value, 6)) if excel else repr(value)
    return text.replace(".", ",") if excel and lang == "bg" else text


def csv_text(table: Table, *, excel: bool = False, lang: str = "bg", header_args: dict[str, Any] | None = None) -> str:
    """The table as CSV text; see the module's description of the plain and the Excel forms."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow([header(c, lang, header_args) for c in table.columns] if excel else table.keys)
    for record in table.records():
        cells = []
        for column, value in zip(table.columns, record):
            if value is None:
                cells.append("")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(_csv_number(value, excel, lang))
            else:
                shown = for_people(column, value, lang) if excel else value
                cells.append(str(neutralise_formula(str(shown))))
        writer.writerow(cells)
    return (BOM if excel else "") + buffer.getvalue()


def write_csv_files(tables: Sequence[Table], directory: Path, *, excel: bool = False, lang: str = "bg") -> list[Path]:
    """One ``<table>.csv`` per table in ``directory`` (created if missing), each written atomically."""
    paths = []
    for table in tables:
        path = directory / f"{table.name}.csv"
        write_text_atomically(path, csv_text(table, excel=excel, lang=lang))
        paths.append(path)
    return paths


# --- XLSX --------------------------------------------------------------------------------------

NUMBER_FORMATS = {"integer": "#,##0", "year": "0", "decimal": "#,##0.00", "percent": "0.0%"}
"""Excel number formats; Excel shows them with the reader's separators (in Bulgarian: a space and a decimal comma)."""
DATE_FORMAT = {"bg": "dd.mm.yyyy", "en": "yyyy-mm-dd"}
MIN_WIDTH, MAX_WIDTH = 6, 60


def xlsx_bytes(tables: Sequence[Table], about: About, *, lang: str = "bg", header_args: dict[str, Any] | None = None) -> bytes:
    """A workbook: a first sheet about the file and its sheets, then one sheet per table."""
    import xlsxwriter

    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
    book = xlsxwriter.Workbook(buffer, options)
    bold = book.add_format({"bold": True})
    head = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDE5EE", "bottom": 1})
    quoted = book.add_format({"quote_prefix": True})
    numbers = {name: book.add_format({"num_format": fmt}) for name, fmt in NUMBER_FORMATS.items()}
    day = book.add_format({"num_format": DATE_FORMAT[lang], "align": "left"})

    sheet = book.add_worksheet(_sheet_name(label("export.about", lang), set()))
    lines: list[tuple[str, Any]] = [
        (label("export.strategy", lang), about.strategy), (label("export.title", lang), about.title),
        *((label(key, lang), value) for key, value in about.lines),
        ("socstrat", about.version), (label("generated", lang), about.generated), (label("export.language", lang), lang),
    ]
    for row, (name, value) in enumerate(lines):
        sheet.write_string(row, 0, name, bold)
        if isinstance(value, date):
            sheet.write_datetime(row, 1, value, day)
        else:
            _write_text(sheet, row, 1, str(value), quoted)
    top = len(lines) + 1
    for col, key in enumerate(("export.sheet", "export.holds", "export.rows")):
        sheet.write_string(top, col, label(key, lang), head)
    names: set[str] = {sheet.get_name()}
    planned = [(table, _sheet_name(sheet_title(table, lang), names)) for table in tables]
    for i, (table, name) in enumerate(planned, start=top + 1):
        sheet.write_url(i, 0, f"internal:'{name}'!A1", string=name)
        sheet.write_string(i, 1, label(f"table.about.{table.name}", lang))
        sheet.write_number(i, 2, len(table.rows), numbers["integer"])
    sheet.write_string(top + len(planned) + 2, 0, label("export.unknown_note", lang))
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, 1, 90)
    sheet.set_column(2, 2, 10)

    for table, name in planned:
        _table_sheet(book.add_worksheet(name), table, lang, header_args, head, quoted, numbers)
    book.close()
    return buffer.getvalue()


def _table_sheet(sheet: Any, table: Table, lang: str, header_args: dict[str, Any] | None, head: Any, quoted: Any, numbers: dict[str, Any]) -> None:
    headers = [header(c, lang, header_args) for c in table.columns]
    widths = [min(MAX_WIDTH, max(MIN_WIDTH, max((len(w) for w in h.split()), default=0) + 2, len(h) // 2 + 2)) for h in headers]
    for col, text in enumerate(headers):
        sheet.write_string(0, col, text, head)
    for row, record in enumerate(table.records(), start=1):
        for col, (column, value) in enumerate(zip(table.columns, record)):
            if value is None:
                continue  # unknown stays an empty cell
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sheet.write_number(row, col, value, numbers.get(column.display, numbers["decimal"]))
                shown = len(f"{value:,.2f}") if isinstance(value, float) else len(f"{value:,}")
            else:
                text = str(for_people(column, value, lang))
                _write_text(sheet, row, col, text, quoted)
                shown = len(text)
            widths[col] = max(widths[col], min(MAX_WIDTH, shown + 2))
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.columns) - 1)


def _write_text(sheet: Any, row: int, col: int, text: str, quoted: Any) -> None:
    """A string cell; one that a spreadsheet would take for a formula also gets the quote prefix."""
    if text.startswith(FORMULA_START):
        sheet.write_string(row, col, text, quoted)
    else:
        sheet.write_string(row, col, text)


_SHEET_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


def _sheet_name(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (at most 31 characters, none of []:*?/\\), unique in the workbook."""
    name = title.translate(_SHEET_FORBIDDEN)[:31]
    base, n = name, 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f" {n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name)
    return name


def write_xlsx(path: Path, tables: Sequence[Table], about: About, *, lang: str = "bg", header_args: dict[str, Any] | None = None) -> list[Path]:
    write_bytes_atomically(path, xlsx_bytes(tables, about, lang=lang, header_args=header_args))
    return [path]


# --- data package --------------------------------------------------------------------------------


def descriptor(tables: Sequence[Table], *, name: str, title: str, lang: str = "bg", version: str | None = None) -> dict[str, Any]:
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


def write_datapackage(tables: Sequence[Table], directory: Path, *, name: str, title: str, lang: str = "bg", version: str | None = None) -> list[Path]:
    """The plain CSVs and their ``datapackage.json`` in ``directory``."""
    paths = write_csv_files(tables, directory, excel=False, lang=lang)
    package = descriptor(tables, name=name, title=title, lang=lang, version=version)
    path = directory / "datapackage.json"
    write_text_atomically(path, json_safe(json.dumps(package, ensure_ascii=False, indent=2)) + "\n")
    return [*paths, path]
