"""Render a :class:`~socstrat.analysis.deltas.DeltaReport` as a terminal table, Markdown, CSV or JSON.

The report holds keys, codes and numbers; every word of chrome comes from the catalog
(:mod:`socstrat.i18n.catalog`) in the language of the render options, so the report's
JSON is the same in every language. Table and Markdown lay the report out as the
staffing table of a strategy is laid out: each group's rows, then the group's 'Общо',
then the overall total. Numbers are formatted with Babel for the language (Bulgarian:
no-break space between thousands, decimal comma); CSV and JSON keep raw numbers and
codes for other programs.

This module imports neither pandas nor Babel nor rich at import time, so the CLI can
list its formats cheaply.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any, Literal

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
from socstrat.render.registry import Options, file_renderer, renderer
from socstrat.render.text import inline_markdown as _md
from socstrat.render.text import neutralise_formula, one_line

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

PATTERNS: dict[Kind, str] = {
    "number": "#,##0.##",
    "delta": "+#,##0.##;\u2212#,##0.##",
    "percent": "+#,##0.0%;\u2212#,##0.0%",
    "ratio": "#,##0.0#",
}
"""Babel patterns; a change carries its sign, and a negative one a true minus sign (U+2212)."""


@dataclass
class Line:
    """One printed line: a row, a group's subtotal or the overall total."""

    cells: dict[str, Any]
    level: Literal["row", "group", "total"] = "row"


@dataclass
class Section:
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


def sections(report: DeltaReport, lang: str) -> Iterator[Section]:
    """The groups in order, each with its member rows and its subtotal line.

    Grouped by financing, a row split between sources appears under each of its sources
    with that source's capacity (its staff cannot be divided, so it is left out).
    """
    for group in report.groups:
        name = group_name(report, group, lang)
        section = Section(name)
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
            part = {k: getattr(share, k) for k in ("capacity_from", "capacity_to", "capacity_delta")}
            if not whole:
                part |= dict.fromkeys(("staff_from", "staff_to", "staff_delta", "places_per_staff_from", "places_per_staff_to"))
            part["capacity_relative"] = _relative(share.capacity_delta, share.capacity_from)
            yield Line(cells | part)


def _total_cells(total: DeltaTotal | DeltaGroup, name: str) -> dict[str, Any]:
    """A sum line; places per staff are left out, as the sums of places and of staff cover different rows."""
    cells = total.model_dump() | {"name": name}
    cells["capacity_relative"] = _relative(total.capacity_delta, total.capacity_from)
    return cells


def _relative(delta: float | None, base: float | None) -> float | None:
    return delta / base if delta is not None and base else None


def title(report: DeltaReport, lang: str) -> str:
    key = "deltas.title_snapshot" if report.snapshot else "deltas.title"
    return label(key, lang).format(strategy=report.strategy, **{"from": report.from_year, "to": report.to_year})


def share_sentence(report: DeltaReport, lang: str) -> str:
    share = report.institutional_share
    return label("deltas.share_snapshot" if report.snapshot else "deltas.share", lang).format(
        **{"from": report.from_year, "to": report.to_year},
        from_share=format_value(share.from_, "percent", lang, signed=False),
        to_share=format_value(share.to, "percent", lang, signed=False),
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
    if note.code == "declared_total_differs":
        names = {g.key: group_name(report, g, lang) for g in report.groups}
        group = names.get(args["group"], args["group"]) if args["group"] is not None else label("deltas.declared_table_total", lang)
        args |= {"group": group, "figure": label(f"deltas.figure.{args['figure']}", lang)}
    return label(f"deltas.note.{note.code}", lang).format(**args)


def format_value(value: Any, kind: Kind, lang: str, *, signed: bool = True, unknown_figure: bool = False) -> str:
    """A cell as text: numbers through Babel for ``lang``; an unknown figure as 'н.д.', an undefined ratio as ''."""
    if kind == "text":
        return "" if value is None else str(value)
    if kind == "change":
        return label(f"change.{value}", lang) if value else ""
    if value is None:
        return label("deltas.unknown_figure", lang) if unknown_figure else ""
    from babel.numbers import format_decimal, format_percent

    pattern = PATTERNS[kind]
    if not signed or value == 0:
        pattern = pattern.split(";")[0].lstrip("+")
    if kind == "percent":
        return format_percent(value, format=pattern, locale=lang)
    return format_decimal(value, format=pattern, locale=lang)


def cell_text(report: DeltaReport, line: Line, key: str, kind: Kind, lang: str) -> str:
    """A cell as printed in every format: a row's unknown figure as 'н.д.'; a sum line has no change class."""
    figure = key in ("capacity_from", "capacity_to", "staff_from", "staff_to")
    value = line.cells.get(key)
    if line.level != "row" and key == "change":
        value = None
    return format_value(value, kind, lang, unknown_figure=figure and line.level == "row")


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
    "level", "id", "name", "group", "capacity_from", "capacity_to", "capacity_delta", "capacity_relative",
    "staff_from", "staff_to", "staff_delta", "places_per_staff_from", "places_per_staff_to", "change",
    "status", "category", "service",
]


@renderer("deltas", "csv")
def render_csv(report: DeltaReport, options: Options) -> str:
    """One line per row, then one per group and one for the total: raw numbers, keys and codes, the same in every language.

    A group line carries its key in ``group`` and the data's own name, if any, in ``name``.
    Text cells that a spreadsheet would run as a formula are neutralised. With
    ``options.excel`` it is the Excel form of the shared table writer instead: a BOM,
    ``;``, headers and codes in the language, a decimal comma in Bulgarian.
    """
    if options.excel:
        from socstrat.analysis.tables import deltas_table
        from socstrat.render.tables import csv_text

        return csv_text(deltas_table(report), excel=True, lang=options.lang, header_args=_years(report))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    lines = [{"level": "row", **row.model_dump()} for row in report.rows]
    lines += [{"level": "group", **group.model_dump(), "group": group.key} for group in report.groups]
    lines.append({"level": "total", **report.total.model_dump()})
    for line in lines:
        writer.writerow({key: neutralise_formula(value) for key, value in line.items()})
    return buffer.getvalue()


@renderer("deltas", "json")
def render_json(report: DeltaReport, options: Options) -> str:
    """The JSON contract; it has no words of chrome, so ``options.lang`` does not change it."""
    return json_safe(json.dumps(report.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2)) + "\n"


@file_renderer("deltas", "xlsx")
def write_xlsx(report: DeltaReport, options: Options, target: Path) -> list[Path]:
    """A workbook: a sheet about the file, then the report's table (the lines of the CSV, for people)."""
    from socstrat import __version__
    from socstrat.analysis.tables import deltas_table
    from socstrat.render import tables

    about = tables.About(
        strategy=report.strategy, title=title(report, options.lang), version=__version__, generated=tables.generation_date(),
        lines=[("deltas_view_" + report.view, share_sentence(report, options.lang)), *(("notes", note) for note in note_texts(report, options.lang))],
    )
    return tables.write_xlsx(target, [deltas_table(report)], about, lang=options.lang, header_args=_years(report))


def _years(report: DeltaReport) -> dict[str, int]:
    return {"from": report.from_year, "to": report.to_year}
