"""Writers of :class:`~socstrat.analysis.tables.TidyTable`: CSV (plain or for Excel), XLSX and a Frictionless data package.

Every tabular format of every command writes through these functions, so a table looks
the same wherever it comes from (``export``, ``deltas``, ``compare``).

- **Plain CSV** (RFC 4180, UTF-8, CRLF line ends, ``,``): headers are the column keys,
  coded values are keys, numbers are as computed: the stable form for other programs.
- **Excel CSV** (``--excel``): UTF-8 with a byte-order mark and ``;`` separators, which
  a double-click in a Bulgarian Excel opens correctly; headers and coded values in the
  chosen language from the catalog; decimals with a decimal comma in Bulgarian.
- **XLSX** (:mod:`socstrat.render.spreadsheet`): one sheet per table after a sheet
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
from typing import Any

from socstrat.analysis.tables import Column, TidyTable
from socstrat.i18n.catalog import label
from socstrat.io.terminal import json_safe
from socstrat.render.spreadsheet import A4, PLAIN, Cell, Sheet, Style, text, workbook
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
    taken: set[str] = set()
    bold = Style(bold=True)
    first = Sheet(sheet_name(label("export.about", lang), taken), widths=(24, 90, 10))
    lines: list[tuple[str, Any]] = [
        (label("export.strategy", lang), about.strategy), (label("export.title", lang), about.title),
        *((label(key, lang), value) for key, value in about.lines),
        ("socstrat", about.version), (label("generated", lang), about.generated), (label("export.language", lang), lang),
    ]
    for name, value in lines:
        first.rows.append([(name, bold), (value, Style(number_format=DATE_FORMAT[lang])) if isinstance(value, date) else text(str(value))])
    first.rows.append([])
    first.rows.append([_head(label(key, lang)) for key in ("export.sheet", "export.holds", "export.rows")])
    planned = [(table, sheet_name(sheet_title(table, lang), taken)) for table in tables]
    for table, name in planned:
        first.links.append((f"A{len(first.rows) + 1}", f"'{name}'!A1"))
        link, style = text(name)
        first.rows.append([(link, Style(link=True, quote=style.quote)), text(label(f"table.about.{table.name}", lang)),
                           (len(table.rows), Style(number_format=NUMBER_FORMATS["integer"]))])
    first.rows += [[], [(label("export.unknown_note", lang), PLAIN)]]
    sheets = [first, *(_table_sheet(table, name, lang, header_args) for table, name in planned)]
    for sheet in sheets[1:]:
        sheet.paper = A4
    return workbook(sheets, about.generated)


def _head(label_text: str) -> Cell:
    value, style = text(label_text)
    return value, Style(head=True, quote=style.quote)


def _table_sheet(table: TidyTable, name: str, lang: str, header_args: dict[str, Any] | None) -> Sheet:
    headers = [header(c, lang, header_args) for c in table.columns]
    widths = [min(MAX_WIDTH, max(MIN_WIDTH, max((len(w) for w in h.split()), default=0) + 2, len(h) // 2 + 2)) for h in headers]
    numbers = [Style(number_format=NUMBER_FORMATS.get(c.display, NUMBER_FORMATS["decimal"])) for c in table.columns]
    rows: list[list[Cell | None]] = [[_head(h) for h in headers]]
    for record in table.records():
        row: list[Cell | None] = []
        for col, (column, value) in enumerate(zip(table.columns, record)):
            if value is None:
                row.append(None)  # unknown stays an empty cell
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                row.append((value, numbers[col]))
                shown = len(f"{value:,.2f}") if isinstance(value, float) else len(f"{value:,}")
            else:
                printed = str(for_people(column, value, lang))
                row.append(text(printed))
                if len(printed) + 2 <= widths[col]:
                    continue  # no line of it is wider than the column already is
                shown = max((len(line) for line in printed.splitlines()), default=0)
            if shown + 2 > widths[col]:
                widths[col] = min(MAX_WIDTH, shown + 2)
        rows.append(row)
    return Sheet(name, rows=rows, widths=widths, header=True, filter_rows=len(table.rows))


def text_cell(cell: Any, value: str) -> None:
    """An openpyxl string cell by the rule of :func:`socstrat.render.spreadsheet.text`: never a formula, and one that
    a spreadsheet would take for a formula also gets the quote prefix, so it stays text even after an edit."""
    shown, style = text(value)
    cell.value = shown
    cell.data_type = "s"
    if style.quote:
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


def datapackage_files(
    tables: Sequence[TidyTable], *, name: str, title: str, lang: str = "bg", version: str | None = None, plain: dict[str, str] | None = None
) -> dict[str, str]:
    """The plain CSVs and their ``datapackage.json``: file name → text. The plain CSVs are the same in every
    language (keys as headers, codes as values), so a caller writing several languages may pass them as ``plain``."""
    package = descriptor(tables, name=name, title=title, lang=lang, version=version)
    csvs = plain if plain is not None else csv_files(tables, excel=False, lang=lang)
    return {**csvs, "datapackage.json": json_safe(json.dumps(package, ensure_ascii=False, indent=2)) + "\n"}
