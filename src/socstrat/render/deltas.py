"""Render a :class:`~socstrat.deltas.DeltaReport` as a terminal table, Markdown, CSV or JSON.

Table and Markdown lay the report out as the staffing table of a strategy is laid out:
each group's rows, then the group's 'Общо', then the overall total. Numbers are
formatted with Babel for the report's language (Bulgarian: no-break space between
thousands, decimal comma); CSV and JSON keep raw numbers for other programs.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Literal

from socstrat.analysis.deltas import DeltaGroup, DeltaReport, DeltaRow, DeltaTotal
from socstrat.render.text import inline_markdown as _md

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

HEADERS: dict[str, dict[str, str]] = {
    "bg": {
        "name_services": "Услуга", "name_staffing": "Вид на услугата и местоположение",
        "capacity_from": "Капацитет {from}", "capacity_to": "Капацитет {to}", "capacity_delta": "Промяна",
        "capacity_relative": "Промяна, %", "staff_from": "Персонал {from}", "staff_to": "Персонал {to}",
        "staff_delta": "Промяна на персонала", "places_per_staff_from": "Места на служител {from}",
        "places_per_staff_to": "Места на служител {to}", "change": "Вид промяна",
        "subtotal": "Общо", "total": "Общо – за всички услуги", "unknown": "н.д.",
        "title": "{strategy}: капацитет и персонал, {from} → {to}", "title_snapshot": "{strategy}: капацитет и персонал, {from}",
        "share": "Дял на капацитета в специализирани институции спрямо институциите, услугите в общността и резидентните услуги: {from_share} ({from}) → {to_share} ({to})",
        "share_snapshot": "Дял на капацитета в специализирани институции спрямо институциите, услугите в общността и резидентните услуги: {from_share} ({from})",
        "new": "нова", "closed": "закрита", "expanded": "разширена", "reduced": "намалена",
        "unchanged": "без промяна", "transformed": "трансформирана", "change_unknown": "неизвестна",
    },
    "en": {
        "name_services": "Service", "name_staffing": "Service and location",
        "capacity_from": "Capacity {from}", "capacity_to": "Capacity {to}", "capacity_delta": "Change",
        "capacity_relative": "Change, %", "staff_from": "Staff {from}", "staff_to": "Staff {to}",
        "staff_delta": "Staff change", "places_per_staff_from": "Places per staff {from}",
        "places_per_staff_to": "Places per staff {to}", "change": "Change class",
        "subtotal": "Total", "total": "Total – all services", "unknown": "n/a",
        "title": "{strategy}: capacity and staff, {from} → {to}", "title_snapshot": "{strategy}: capacity and staff, {from}",
        "share": "Share of capacity in specialised institutions among institutions, community and residential services: {from_share} ({from}) → {to_share} ({to})",
        "share_snapshot": "Share of capacity in specialised institutions among institutions, community and residential services: {from_share} ({from})",
        "new": "new", "closed": "closed", "expanded": "expanded", "reduced": "reduced",
        "unchanged": "unchanged", "transformed": "transformed", "change_unknown": "unknown",
    },
}

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


def headers(report: DeltaReport) -> list[str]:
    words = HEADERS[report.lang]
    years = {"from": report.from_year, "to": report.to_year}
    return [words[f"name_{report.view}"] if key == "name" else words[key].format(**years) for key, _ in columns(report)]


def sections(report: DeltaReport) -> Iterator[Section]:
    """The groups in order, each with its member rows and its subtotal line.

    Grouped by financing, a row split between sources appears under each of its sources
    with that source's capacity (its staff cannot be divided, so it is left out).
    """
    words = HEADERS[report.lang]
    for group in report.groups:
        section = Section(group.group)
        for row in report.rows:
            section.lines.extend(_member_lines(report, row, group.group))
        section.lines.append(Line(_total_cells(group, f"{words['subtotal']} – {group.group}"), "group"))
        yield section


def total_line(report: DeltaReport) -> Line:
    return Line(_total_cells(report.total, HEADERS[report.lang]["total"]), "total")


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


def title(report: DeltaReport) -> str:
    words = HEADERS[report.lang]
    key = "title_snapshot" if report.snapshot else "title"
    return words[key].format(strategy=report.strategy, **{"from": report.from_year, "to": report.to_year})


def share_sentence(report: DeltaReport) -> str:
    words = HEADERS[report.lang]
    share = report.institutional_share
    return words["share_snapshot" if report.snapshot else "share"].format(
        **{"from": report.from_year, "to": report.to_year},
        from_share=format_value(share.from_, "percent", report.lang, signed=False),
        to_share=format_value(share.to, "percent", report.lang, signed=False),
    )


def format_value(value: Any, kind: Kind, lang: str, *, signed: bool = True, unknown_figure: bool = False) -> str:
    """A cell as text: numbers through Babel for ``lang``; an unknown figure as 'н.д.', an undefined ratio as ''."""
    words = HEADERS[lang]
    if kind == "text":
        return "" if value is None else str(value)
    if kind == "change":
        return words["change_unknown" if value == "unknown" else value] if value else ""
    if value is None:
        return words["unknown"] if unknown_figure else ""
    from babel.numbers import format_decimal, format_percent

    pattern = PATTERNS[kind]
    if not signed or value == 0:
        pattern = pattern.split(";")[0].lstrip("+")
    if kind == "percent":
        return format_percent(value, format=pattern, locale=lang)
    return format_decimal(value, format=pattern, locale=lang)


def cell_text(report: DeltaReport, line: Line, key: str, kind: Kind) -> str:
    """A cell as printed in every format: a row's unknown figure as 'н.д.'; a sum line has no change class."""
    figure = key in ("capacity_from", "capacity_to", "staff_from", "staff_to")
    value = line.cells.get(key)
    if line.level != "row" and key == "change":
        value = None
    return format_value(value, kind, report.lang, unknown_figure=figure and line.level == "row")


# --- the four formats ------------------------------------------------------------------


def render_markdown(report: DeltaReport) -> str:
    """GitHub-flavoured Markdown: a title, one table, the institutional share and the notes."""
    cols = columns(report)
    out = [f"**{_md(title(report))}**", "", _md_row(headers(report)), _md_row([":--" if k in ("text", "change") else "--:" for _, k in cols])]
    blank = [""] * (len(cols) - 1)
    for section in sections(report):
        out.append(_md_row([f"**{_md(section.group)}**", *blank]))
        for line in section.lines:
            out.append(_md_row([_md_cell(cell_text(report, line, key, kind), line.level) for key, kind in cols]))
    out.append(_md_row([_md_cell(cell_text(report, total_line(report), key, kind), "total") for key, kind in cols]))
    out += ["", _md(share_sentence(report))]
    if report.notes:
        out += ["", *(f"- {_md(note)}" for note in report.notes)]
    return "\n".join(out) + "\n"


def _md_cell(text: str, level: str) -> str:
    text = _md(text)
    return f"**{text}**" if text and level != "row" else text


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


NAME_WIDTH, HEADER_WIDTH = 24, 10
"""The terminal table's narrowest name column, and the width its other headers wrap at."""


def render_table(report: DeltaReport, width: int | None = None) -> Any:
    """A rich renderable: the table with signed, coloured changes, then the share and notes.

    Figures never wrap. Given the ``width`` of the console, a table wider than that
    wraps its names at ``NAME_WIDTH`` or more; :func:`write` widens the console to
    whatever the figures still need, so no number is cut and no column dropped.
    """
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    cols = columns(report)

    def cells(line: Line) -> list[Text]:
        out = []
        for key, kind in cols:
            text = cell_text(report, line, key, kind)
            style = "bold" if line.level != "row" else ""
            if kind in ("delta", "percent") and text:
                style += " green" if text.startswith("+") else " red" if text.startswith("\u2212") else ""
            out.append(Text(text, style=style.strip()))
        return out

    body: list[list[Text] | None] = []
    for section in sections(report):
        body.append([Text(section.group, style="bold underline"), *(Text("") for _ in cols[1:])])
        body.extend(cells(line) for line in section.lines)
        body.append(None)
    body.append(cells(total_line(report)))
    table = Table(title=title(report), title_justify="left", show_edge=False)
    for header, (_, kind) in zip(headers(report), cols):
        if kind == "text":
            table.add_column(header, overflow="fold")
        else:
            justify = "left" if kind == "change" else "right"
            table.add_column("\n".join(textwrap.wrap(header, HEADER_WIDTH)), justify=justify, no_wrap=True)
    for row in body:
        if row is None:
            table.add_section()
        else:
            table.add_row(*row)
    if width is not None:
        _fit_names(table, width)
    notes = [Text(f"• {note}", style="dim") for note in report.notes]
    return Group(table, Text(""), Text(share_sentence(report)), *notes)


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


CSV_FIELDS = [
    "level", "id", "name", "group", "capacity_from", "capacity_to", "capacity_delta", "capacity_relative",
    "staff_from", "staff_to", "staff_delta", "places_per_staff_from", "places_per_staff_to", "change",
    "status", "category", "service",
]


def render_csv(report: DeltaReport) -> str:
    """One line per row, then one per group and one for the total; raw numbers, empty for unknown."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in report.rows:
        writer.writerow({"level": "row", **row.model_dump()})
    for group in report.groups:
        writer.writerow({"level": "group", "name": group.group, **group.model_dump()})
    writer.writerow({"level": "total", **report.total.model_dump()})
    return buffer.getvalue()


def render_json(report: DeltaReport) -> str:
    return json.dumps(report.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[DeltaReport], Any]] = {
    "table": render_table, "md": render_markdown, "csv": render_csv, "json": render_json,
}


def write(report: DeltaReport, format: str, stream: IO[str]) -> None:
    """Write ``report`` in ``format`` (a key of :data:`RENDERERS`) to ``stream``."""
    if format != "table":
        stream.write(RENDERERS[format](report))
        return
    from rich.console import Console

    console = Console(file=stream)
    rendered = render_table(report, console.width)
    needed = _natural_width(rendered.renderables[0])
    if needed > console.width:
        console = Console(file=stream, width=needed)
    console.print(rendered)
