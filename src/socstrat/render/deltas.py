"""Render a :class:`~socstrat.analysis.deltas.DeltaReport` as a terminal table, Markdown, CSV or JSON.

The report holds keys, codes and numbers; every word of chrome comes from the catalog
(:mod:`socstrat.i18n.catalog`) in the language of the render options, so the report's
JSON is the same in every language. Table and Markdown lay the report out as the
staffing table of a strategy is laid out: each group's rows, then the group's 'Общо',
then the overall total. Numbers are formatted with Babel for the language (Bulgarian:
no-break space between thousands, decimal comma); CSV and JSON keep raw numbers and
codes for other programs.

This module imports neither Babel nor rich at import time, so the CLI can
list its formats cheaply.
"""

from __future__ import annotations

import io
import json
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any, Literal

from socstrat.analysis.deltas import (
    NO_CATEGORY,
    NO_FINANCING,
    NO_STATUS,
    DeltaGroup,
    DeltaNote,
    DeltaReport,
    DeltaRow,
    DeltaTotal,
)
from socstrat.i18n.catalog import label
from socstrat.io.terminal import json_safe
from socstrat.render.registry import Options, renderer
from socstrat.render.text import format_number, one_line, total_text, withheld_reason
from socstrat.render.text import inline_markdown as _md

if TYPE_CHECKING:
    from socstrat.analysis.tables import TidyTable

Kind = Literal["text", "number", "delta", "percent", "ratio", "change"]

COLUMNS: dict[str, list[tuple[str, Kind]]] = {
    "services": [
        ("name", "text"), ("capacity_from", "number"), ("capacity_to", "number"), ("capacity_delta", "delta"),
        ("capacity_relative", "percent"), ("staff_from", "number"), ("staff_to", "number"),
        ("places_per_staff_from", "ratio"), ("places_per_staff_to", "ratio"), ("change", "change"),
    ],
    "staffing": [
        ("name", "text"), ("capacity_from", "number"), ("capacity_to", "number"), ("capacity_delta", "delta"),
        ("staff_from", "number"), ("staff_to", "number"), ("staff_delta", "delta"), ("change", "change"),
    ],
    "snapshot": [("name", "text"), ("capacity_from", "number"), ("staff_from", "number"), ("places_per_staff_from", "ratio")],
}
"""Columns per view; a single-year report shows one year's figures only."""

@dataclass
class Line:
    """One printed line: a row, a group's subtotal or the overall total."""

    cells: dict[str, Any]
    level: Literal["row", "group", "total"] = "row"


@dataclass
class LineGroup:
    group: str
    lines: list[Line] = field(default_factory=list)


def columns(report: DeltaReport) -> list[tuple[str, Kind]]:
    return COLUMNS["snapshot" if report.snapshot else report.view]


def headers(report: DeltaReport, lang: str) -> list[str]:
    years = {"from": report.from_year, "to": report.to_year}
    return [
        label(f"deltas.column.name.{report.view}" if key == "name" else f"deltas.column.{key}", lang).format(**years)
        for key, _ in columns(report)
    ]


def group_name(report: DeltaReport, group: DeltaGroup, lang: str) -> str:
    """A group's heading: the data's own name, else the catalog's word for its key."""
    if group.name is not None:
        return group.name
    if group.key in (NO_CATEGORY, NO_STATUS, NO_FINANCING):
        return label(f"group.{group.key}", lang)
    if report.by == "status":
        return label(f"status.{group.key}", lang)
    return label(f"group.category.{group.key}", lang)


def sections(report: DeltaReport, lang: str) -> Iterator[LineGroup]:
    """The groups in order, each with its member rows and its subtotal line.

    Grouped by financing, a row split between sources appears under each of its sources
    with that source's capacity (its staff cannot be divided, so it is left out).
    """
    for group in report.groups:
        name = group_name(report, group, lang)
        section = LineGroup(name)
        for row in report.rows:
            section.lines.extend(_member_lines(report, row, group.key))
        section.lines.append(Line(_total_cells(group, f"{label('deltas.subtotal', lang)} – {name}"), "group"))
        yield section


def total_line(report: DeltaReport, lang: str) -> Line:
    return Line(_total_cells(report.total, label("deltas.total", lang)), "total")


def _member_lines(report: DeltaReport, row: DeltaRow, group: str) -> Iterator[Line]:
    cells = row.model_dump()
    if report.by != "financing":
        if row.group == group:
            yield Line(cells)
        return
    whole = len(row.financing) == 1
    for share in row.financing:
        if share.financing == group:
            part = {k: getattr(share, k) for k in ("capacity_from", "capacity_to", "capacity_delta", "capacity_relative")}
            if not whole:
                part |= dict.fromkeys(("staff_from", "staff_to", "staff_delta", "places_per_staff_from", "places_per_staff_to"))
            yield Line(cells | part)


def _total_cells(total: DeltaTotal | DeltaGroup, name: str) -> dict[str, Any]:
    """A sum line; places per staff are left out, as the sums of places and of staff cover different rows."""
    return total.model_dump() | {"name": name}


def title(report: DeltaReport, lang: str) -> str:
    key = "deltas.title_snapshot" if report.snapshot else "deltas.title"
    return label(key, lang).format(strategy=report.strategy, **{"from": report.from_year, "to": report.to_year})


def share_sentence(report: DeltaReport, lang: str) -> str:
    """The institutional share of both years; a withheld share is 'н.д.' (its reason is among the notes)."""
    share = report.institutional_share
    return label("deltas.share_snapshot" if report.snapshot else "deltas.share", lang).format(
        **{"from": report.from_year, "to": report.to_year},
        from_share=format_number(share.from_, lang, percent=True),
        to_share=format_number(share.to, lang, percent=True),
    )


def note_texts(report: DeltaReport, lang: str) -> list[str]:
    """The notes worded in ``lang``; the unknown-figure counts of one figure share a sentence."""
    keyed = [((n.code, n.args["figure"]) if n.code == "unknown_figures" else i, n) for i, n in enumerate(report.notes)]
    texts = []
    for _, run in groupby(keyed, key=lambda pair: pair[0]):
        notes = [note for _, note in run]
        texts.append(_unknown_text(notes, lang) if notes[0].code == "unknown_figures" else _note_text(report, notes[0], lang))
    return texts


def _unknown_text(notes: list[DeltaNote], lang: str) -> str:
    counts = "; ".join(
        label("deltas.note.unknown_figures.count", lang).format(
            year=n.args["year"], count=n.args["count"], rows=label("deltas.row" if n.args["count"] == 1 else "deltas.rows", lang)
        )
        for n in notes
    )
    figure = label(f"deltas.figure.{notes[0].args['figure']}", lang)
    return label("deltas.note.unknown_figures", lang).format(figure=figure, counts=counts)


def _note_text(report: DeltaReport, note: DeltaNote, lang: str) -> str:
    args = note.args
    if note.code == "snapshot":
        return label(f"deltas.note.snapshot.{args['reason']}", lang).format(**args)
    if note.code == "no_institutional_share":
        basis = report.institutional_share.from_basis if args["year"] == report.from_year else report.institutional_share.to_basis
        args |= {"reason": withheld_reason(basis.withheld, lang, rows=basis.rows, unknown=basis.unknown, threshold=basis.threshold)}
    if note.code == "like_for_like":
        args |= {"rows": label("deltas.row" if args["count"] == 1 else "deltas.rows", lang)}
    if note.code == "declared_total_differs":
        names = {g.key: group_name(report, g, lang) for g in report.groups}
        group = names.get(args["group"], args["group"]) if args["group"] is not None else label("deltas.declared_table_total", lang)
        args |= {"group": group, "figure": label(f"deltas.figure.{args['figure']}", lang)}
    return label(f"deltas.note.{note.code}", lang).format(**args)


def format_value(value: Any, kind: Kind, lang: str, *, signed: bool = True, unknown_figure: bool = False) -> str:
    """A cell as text, through the one number format (:func:`socstrat.render.text.format_number`); an unknown
    figure as 'н.д.', an undefined ratio as ''."""
    if kind == "text":
        return "" if value is None else str(value)
    if kind == "change":
        return label(f"change.{value}", lang) if value else ""
    if value is None:
        return label("deltas.unknown_figure", lang) if unknown_figure else ""
    return format_number(value, lang, signed=signed and kind in ("delta", "percent"), percent=kind == "percent", digits=2)


SUMMED = ("capacity_from", "capacity_to", "staff_from", "staff_to")


def cell_text(report: DeltaReport, line: Line, key: str, kind: Kind, lang: str) -> str:
    """A cell as printed in every format: a row's unknown figure as 'н.д.'; a sum over unknown rows as
    "≥ 270, 6 н.д." (all unknown: 'н.д.'); a sum line has no change class."""
    value = line.cells.get(key)
    if line.level != "row" and key == "change":
        value = None
    if line.level != "row" and key in SUMMED:
        return total_text(value, line.cells.get(f"{key}_unknown", 0), lang)
    return format_value(value, kind, lang, unknown_figure=key in SUMMED)


# --- the four formats, in the order the CLI lists them -----------------------------------


NAME_WIDTH, HEADER_WIDTH = 24, 10
"""The terminal table's narrowest name column, and the width its other headers wrap at."""


@renderer("deltas", "table")
def render_table(report: DeltaReport, options: Options) -> str:
    """The table with signed (and, with ``options.colour``, coloured) changes, then the share and notes.

    Figures never wrap. A table wider than the stream's console wraps its names at
    ``NAME_WIDTH`` or more; the console is then widened to whatever the figures still
    need, so no number is cut and no column dropped.
    """
    from rich.console import Console

    width = Console(file=options.stream or sys.stdout).width
    rendered = table_renderable(report, options.lang, width)
    width = max(width, _natural_width(rendered.renderables[0]))
    buffer = io.StringIO()
    Console(file=buffer, width=width, force_terminal=options.colour or None).print(rendered)
    return buffer.getvalue()


def table_renderable(report: DeltaReport, lang: str, width: int | None = None) -> Any:
    """A rich renderable of the table, its share sentence and notes; names wrap to fit ``width``."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    cols = columns(report)

    def cells(line: Line) -> list[Text]:
        out = []
        for key, kind in cols:
            text = cell_text(report, line, key, kind, lang)
            style = "bold" if line.level != "row" else ""
            if kind in ("delta", "percent") and text:
                style += " green" if text.startswith("+") else " red" if text.startswith("\u2212") else ""
            out.append(Text(one_line(text), style=style.strip()))
        return out

    body: list[list[Text] | None] = []
    for section in sections(report, lang):
        body.append([Text(one_line(section.group), style="bold underline"), *(Text("") for _ in cols[1:])])
        body.extend(cells(line) for line in section.lines)
        body.append(None)
    body.append(cells(total_line(report, lang)))
    table = Table(title=one_line(title(report, lang)), title_justify="left", show_edge=False)
    for header, (_, kind) in zip(headers(report, lang), cols):
        if kind == "text":
            table.add_column(header, overflow="fold")
        else:
            justify: Literal["left", "right"] = "left" if kind == "change" else "right"
            table.add_column("\n".join(textwrap.wrap(header, HEADER_WIDTH)), justify=justify, no_wrap=True)
    for row in body:
        if row is None:
            table.add_section()
        else:
            table.add_row(*row)
    if width is not None:
        _fit_names(table, width)
    notes = [Text(f"• {one_line(note)}", style="dim") for note in note_texts(report, lang)]
    return Group(table, Text(""), Text(one_line(share_sentence(report, lang))), *notes)


def _natural_width(table: Any) -> int:
    from rich.console import Console
    from rich.measure import Measurement

    console = Console(width=10_000)
    return Measurement.get(console, console.options, table).maximum


def _fit_names(table: Any, width: int) -> None:
    """Narrow the name column so that the table fits ``width``, but not below ``NAME_WIDTH``."""
    if _natural_width(table) <= width:
        return
    table.columns[0].width = NAME_WIDTH
    table.columns[0].width = NAME_WIDTH + max(0, width - _natural_width(table))


@renderer("deltas", "md")
def render_markdown(report: DeltaReport, options: Options) -> str:
    """GitHub-flavoured Markdown: a title, one table, the institutional share and the notes."""
    lang = options.lang
    cols = columns(report)
    out = [f"**{_md(title(report, lang))}**", "", _md_row(headers(report, lang)), _md_row([":--" if k in ("text", "change") else "--:" for _, k in cols])]
    blank = [""] * (len(cols) - 1)
    for section in sections(report, lang):
        out.append(_md_row([f"**{_md(section.group)}**", *blank]))
        for line in section.lines:
            out.append(_md_row([_md_cell(cell_text(report, line, key, kind, lang), line.level) for key, kind in cols]))
    out.append(_md_row([_md_cell(cell_text(report, total_line(report, lang), key, kind, lang), "total") for key, kind in cols]))
    out += ["", _md(share_sentence(report, lang))]
    notes = note_texts(report, lang)
    if notes:
        out += ["", *(f"- {_md(note)}" for note in notes)]
    return "\n".join(out) + "\n"


def _md_cell(text: str, level: str) -> str:
    text = _md(text)
    return f"**{text}**" if text and level != "row" else text


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


CSV_FIELDS = [
    "level", "id", "name", "group", "capacity_from", "capacity_from_unknown", "capacity_to", "capacity_to_unknown",
    "capacity_delta", "capacity_delta_left_out", "capacity_relative",
    "staff_from", "staff_from_unknown", "staff_to", "staff_to_unknown", "staff_delta", "places_per_staff_from", "places_per_staff_to", "change",
    "status", "category", "service",
]
"""A sum line's ``*_unknown`` and ``capacity_delta_left_out`` say how many rows its known parts and like-for-like change leave out."""


@renderer("deltas", "csv")
def render_csv(report: DeltaReport, options: Options) -> str:
    """One line per row, then one per group and one for the total: raw numbers, keys and codes, the same in every language.

    A group line carries its key in ``group`` and the data's own name, if any, in ``name``.
    Text cells that a spreadsheet would run as a formula are neutralised. With
    ``options.excel`` it is the Excel form of the shared table writer instead: a BOM,
    ``;``, headers and codes in the language, a decimal comma in Bulgarian.
    """
    if options.excel:
        from socstrat.render.tables import csv_text

        return csv_text(sheet_table(report, options.lang), excel=True, lang=options.lang, header_args=_years(report))
    from socstrat.render.tables import csv_lines

    lines = [{"level": "row", **row.model_dump()} for row in report.rows]
    lines += [{"level": "group", **group.model_dump(), "group": group.key} for group in report.groups]
    lines.append({"level": "total", **report.total.model_dump()})
    return csv_lines(CSV_FIELDS, ([line.get(key) for key in CSV_FIELDS] for line in lines))


@renderer("deltas", "json")
def render_json(report: DeltaReport, options: Options) -> str:
    """The JSON contract; it has no words of chrome, so ``options.lang`` does not change it."""
    return json_safe(json.dumps(report.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2)) + "\n"


@renderer("deltas", "xlsx")
def render_xlsx(report: DeltaReport, options: Options) -> bytes:
    """A workbook: a sheet about the file, then the report's table (the lines of the CSV, for people)."""
    from socstrat import __version__
    from socstrat.render import tables

    about = tables.About(
        strategy=report.strategy, title=title(report, options.lang), version=__version__, generated=tables.generation_date(),
        lines=[("deltas_view_" + report.view, share_sentence(report, options.lang)), *(("notes", note) for note in note_texts(report, options.lang))],
    )
    return tables.xlsx_bytes([sheet_table(report, options.lang)], about, lang=options.lang, header_args=_years(report))


SNAPSHOT_ONLY_TWO_YEARS = (
    "capacity_to", "capacity_to_unknown", "capacity_delta", "capacity_delta_left_out", "capacity_relative",
    "staff_to", "staff_to_unknown", "staff_delta", "places_per_staff_to", "change",
)
"""Columns that say something only when the two years differ; a one-year table leaves them out
instead of repeating the year's figures under the same header."""


def sheet_table(report: DeltaReport, lang: str) -> TidyTable:
    """The report's table for people (Excel CSV, XLSX): its group keys worded, one year shown once."""
    from socstrat.analysis.tables import TidyTable, deltas_table

    table = deltas_table(report)
    worded = {g.key: group_name(report, g, lang) for g in report.groups}
    rows = [row | {"group": worded[row["group"]]} if row.get("line") == "group" and row.get("group") in worded else row for row in table.rows]
    columns = table.columns
    if report.from_year == report.to_year:
        columns = [c for c in columns if c.key not in SNAPSHOT_ONLY_TWO_YEARS]
    return TidyTable(table.name, columns, table.primary_key, table.foreign_keys, rows)


def _years(report: DeltaReport) -> dict[str, int]:
    return {"from": report.from_year, "to": report.to_year}
