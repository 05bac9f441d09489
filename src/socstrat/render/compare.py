"""Render a :class:`~socstrat.analysis.compare.CompareReport`: a terminal table, Markdown, JSON, CSV, XLSX or HTML.

Table, Markdown and HTML put the strategies side by side, one row per measure; a
missing figure is shown as missing with its reason, never as 0, and notes below say
which figures a strategy does not state and which population figure was used. CSV and
XLSX write the report as one long table (strategy, measure, position, year, value,
unknown, missing) through the shared table writers. HTML adds inline SVG bar charts.
"""

from __future__ import annotations

import html
import io
import json

from socstrat.analysis.compare import CATEGORIES, PER_YEAR, CompareReport, Measure, StrategyComparison
from socstrat.analysis.tables import Column, TidyTable
from socstrat.i18n.catalog import label
from socstrat.io.terminal import json_safe, one_line
from socstrat.render.registry import Options, renderer

ROWS: list[tuple[str, str | None]] = [
    ("population", None), ("area", None), ("density", None),
    *((key, "first") for key in PER_YEAR), *((key, "last") for key in PER_YEAR),
    ("places_change", None), ("staff_change", None),
    *((f"services_{c}", None) for c in CATEGORIES), *((f"places_{c}", None) for c in CATEGORIES),
    ("directions", None), ("general_objectives", None), ("specific_objectives", None), ("measures", None), ("activities", None),
    ("indicators", None), ("services", None), ("findings_error", None), ("findings_warning", None), ("findings_info", None),
]
"""The measures in display order, each with its position (first or last compared year) where it has one."""

_DECIMAL = {"places_per_1000", "staff_per_1000", "places_per_staff", "density", "area"}
_SIGNED = {"places_change", "staff_change"}
SUMS = {"places", "staff", *(f"places_{c}" for c in CATEGORIES)}
"""Sums over services: printed as their known part with the unknown count, "≥ 953, 5 н.д."."""
CHARTS = [("places_per_1000", "first"), ("places_per_1000", "last"), ("staff_per_1000", "first"), ("places_per_staff", "first"), ("institutional_share", "first")]


def row_label(key: str, position: str | None, lang: str) -> str:
    text = label(f"compare.{key}", lang)
    return f"{text}, {label(f'compare.position.{position}', lang)}" if position else text


def number_text(key: str, value: float, lang: str) -> str:
    """A measure's number in the one format (:func:`socstrat.render.text.format_number`)."""
    from socstrat.render.text import format_number

    if key == "institutional_share":
        return format_number(value, lang, percent=True)
    return format_number(value, lang, digits=2 if key in _DECIMAL else 0, signed=key in _SIGNED)


def cell(measure: Measure, lang: str) -> str:
    """A measure as printed: the number with its year and how many services it leaves out, or why it is missing.

    A level count carries the strategy's own name of that level.
    """
    if measure.value is None:
        code = measure.missing or "no_figures"
        detail = "compare.missing_detail." + code
        reason = label(detail if code == "unknown_share" else f"compare.missing.{code}", lang).format(unknown=measure.unknown, rows=measure.rows)
        return f"{label('deltas.unknown_figure', lang)} – {reason}"
    extras = [str(measure.year)] if measure.year is not None else []
    if measure.level is not None:
        extras.append((measure.level.name_en or measure.level.name) if lang == "en" else measure.level.name)
    if measure.key in SUMS:
        from socstrat.render.text import total_text

        text = total_text(measure.value, measure.unknown or 0, lang)
        return f"{text} ({'; '.join(extras)})" if extras else text
    if measure.unknown:
        key = "compare.left_out" if measure.key.endswith("_change") else "compare.unknown"
        extras.append(label(key, lang).format(count=measure.unknown, rows=measure.rows))
    text = number_text(measure.key, measure.value, lang)
    return f"{text} ({'; '.join(extras)})" if extras else text


def years_text(s: StrategyComparison) -> str:
    return " → ".join(map(str, s.years)) if s.years else "—"


def wide_rows(report: CompareReport, lang: str) -> list[list[str]]:
    """Header, then one row per measure: its label and one cell per strategy."""
    rows = [[label("compare.measure", lang), *(s.strategy for s in report.strategies)]]
    rows.append([label("compare.period", lang), *(f"{s.period[0]}–{s.period[1]}" for s in report.strategies)])
    rows.append([label("compare.years", lang), *(years_text(s) for s in report.strategies)])
    rows.append([label("compare.valid", lang), *(label("valid" if s.valid else "invalid", lang) for s in report.strategies)])
    for key, position in ROWS:
        rows.append([row_label(key, position, lang), *(cell(s.get(key, position), lang) for s in report.strategies)])  # type: ignore[arg-type]
    return rows


def notes(report: CompareReport, lang: str) -> list[str]:
    out = []
    for s in report.strategies:
        if s.population is not None:
            p = s.population
            out.append(label("compare.note.population", lang).format(
                strategy=s.strategy, label=p.label, value=number_text("population", p.value, lang), as_of=p.as_of or "—", id=p.id))
        for p in s.other_population_figures:
            out.append(label("compare.note.other_population", lang).format(
                strategy=s.strategy, label=p.label, value=number_text("population", p.value, lang), as_of=p.as_of or "—", id=p.id))
        if s.not_stated:
            figures = ", ".join(label(f"compare.figure.{k}", lang) for k in s.not_stated)
            out.append(label("compare.note.not_stated", lang).format(strategy=s.strategy, figures=figures))
    out += [label("compare.note.unknown", lang), label("compare.note.levels", lang)]
    return out


@renderer("compare", "table")
def render_table(report: CompareReport, options: Options) -> str:
    """The wide table for a terminal; every cell passes :func:`one_line` and is plain text, never Rich markup."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    rows = wide_rows(report, options.lang)
    table = RichTable(title=label("compare.title", options.lang), title_justify="left", show_edge=False)
    for i, head in enumerate(rows[0]):
        table.add_column(Text(one_line(head)), overflow="fold", justify="left" if i == 0 else "right")
    for row in rows[1:]:
        table.add_row(*(Text(one_line(c)) for c in row))
    buffer = io.StringIO()
    console = Console(file=buffer, width=max(100, 40 + 36 * len(report.strategies)), force_terminal=options.colour or None)
    console.print(table)
    for note in notes(report, options.lang):
        console.print(Text(f"• {one_line(note)}"), highlight=False)
    return buffer.getvalue()


@renderer("compare", "md")
def render_markdown(report: CompareReport, options: Options) -> str:
    from socstrat.render.text import inline_markdown as md

    rows = wide_rows(report, options.lang)
    out = [f"**{md(label('compare.title', options.lang))}**", ""]
    out.append("| " + " | ".join(md(c) for c in rows[0]) + " |")
    out.append("| :-- | " + " | ".join("--:" for _ in rows[0][1:]) + " |")
    out += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows[1:]]
    out += ["", *(f"- {md(n)}" for n in notes(report, options.lang))]
    return "\n".join(out) + "\n"


@renderer("compare", "json")
def render_json(report: CompareReport, options: Options) -> str:
    """Keys, codes and numbers only, the same under every ``--lang``."""
    return json_safe(json.dumps(report.model_dump(mode="json"), ensure_ascii=False, indent=2)) + "\n"


def compare_table(report: CompareReport) -> TidyTable:
    """The report as one long table: a row per strategy and measure."""
    columns = [
        Column("strategy", "string"), Column("metric", "string", codes="compare"), Column("position", "string", codes="compare.position"),
        Column("year", "integer", "year"), Column("value", "number", "decimal"), Column("unknown", "integer", "integer"),
        Column("rows", "integer", "integer"), Column("missing", "string", codes="compare.missing"),
    ]
    rows = [
        {"strategy": s.strategy, "metric": m.key, "position": m.position, "year": m.year,
         "value": m.value, "unknown": m.unknown, "rows": m.rows, "missing": m.missing}
        for s in report.strategies for m in s.measures
    ]
    return TidyTable("compare", columns, ("strategy", "metric", "position"), (), rows)


@renderer("compare", "csv")
def render_csv(report: CompareReport, options: Options) -> str:
    from socstrat.render.tables import csv_text

    return csv_text(compare_table(report), excel=options.excel, lang=options.lang)


@renderer("compare", "xlsx")
def render_xlsx(report: CompareReport, options: Options) -> bytes:
    from socstrat import __version__
    from socstrat.render import tables

    about = tables.About(
        strategy=", ".join(s.strategy for s in report.strategies), title=label("compare.title", options.lang),
        version=__version__, generated=tables.generation_date(), lines=[("notes", n) for n in notes(report, options.lang)],
    )
    return tables.xlsx_bytes([compare_table(report)], about, lang=options.lang)


# --- HTML ------------------------------------------------------------------------------------

BAR_WIDTH, LABEL_WIDTH, BAR_HEIGHT, ROW = 420, 160, 16, 26
CHAR = 7.2
"""Width of a character of the charts' 12 px labels, generous for Cyrillic, in SVG units."""


def bar_chart_svg(title: str, bars: list[tuple[str, float | None, str]]) -> str:
    """A horizontal bar chart as inline SVG: one bar per ``(label, value, printed value)``; a missing value gets no bar.

    The label column and the room right of the bars are as wide as their longest text, so no
    label is clipped; the page's CSS scales the whole chart to its container.
    """
    known = [v for _, v, _ in bars if v is not None]
    largest = max(known, default=0) or 1
    height = 30 + ROW * len(bars)
    label_width = max([LABEL_WIDTH, *(int(len(name) * CHAR) + 12 for name, _, _ in bars)])
    width = max(label_width + BAR_WIDTH + 6 + max((int(len(p) * CHAR) + 8 for _, _, p in bars), default=0), int(len(title) * CHAR * 1.1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{html.escape(title)}</title>",
        f'<text x="0" y="16" font-weight="bold">{html.escape(title)}</text>',
    ]
    for i, (name, value, printed) in enumerate(bars):
        y = 30 + i * ROW
        parts.append(f'<text x="0" y="{y + 12}">{html.escape(name)}</text>')
        length = 0.0 if value is None else round(BAR_WIDTH * value / largest, 2)
        parts.append(f'<rect x="{label_width}" y="{y}" width="{length}" height="{BAR_HEIGHT}" fill="#3b6ea5"><title>{html.escape(printed)}</title></rect>')
        parts.append(f'<text x="{label_width + length + 6}" y="{y + 12}">{html.escape(printed)}</text>')
    parts.append("</svg>")
    return "".join(parts)


@renderer("compare", "html")
def render_html(report: CompareReport, options: Options) -> str:
    """One self-contained page: the table, the notes and a bar chart per key measure."""
    lang = options.lang
    rows = wide_rows(report, lang)
    e = html.escape
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in rows[0])
    body = "".join(f'<tr><th scope="row">{e(r[0])}</th>' + "".join(f"<td>{e(c)}</td>" for c in r[1:]) + "</tr>" for r in rows[1:])
    charts = []
    for key, position in CHARTS:
        bars: list[tuple[str, float | None, str]] = []
        for s in report.strategies:
            m = s.get(key, position)  # type: ignore[arg-type]
            year = f" ({m.year})" if m.year else ""
            bars.append((f"{s.strategy}{year}", m.value, cell(m, lang)))
        charts.append(f'<figure class="compare-chart">{bar_chart_svg(row_label(key, position, lang), bars)}</figure>')
    title = e(label("compare.title", lang))
    years = f", {report.year}" if report.year else ""
    style = page_style(f"{label('compare.title', lang)}: {', '.join(x.strategy for x in report.strategies)}{years}", lang)
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{style}</style></head>"
        f'<body><h1>{title}</h1><div class="table-wrap" tabindex="0"><table class="compare"><caption>{title}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        f"<ul>{''.join(f'<li>{e(n)}</li>' for n in notes(report, lang))}</ul>"
        f'<section class="charts"><h2>{e(label("charts", lang))}</h2>{"".join(charts)}</section></body></html>\n'
    )


def page_style(running_header: str, lang: str) -> str:
    """The report's screen CSS and the shared A4 print CSS, with ``running_header`` on every printed page."""
    from socstrat.render.report.environment import environment

    env = environment("html", "en" if lang == "en" else "bg")
    css = env.get_template("report.css").render()
    compare = (
        "table.compare td { text-align: right; } table.compare th[scope=row] { font-weight: normal; }"
        " figure.compare-chart { margin: 1rem 0; break-inside: avoid; } figure.compare-chart svg { max-width: 100%; height: auto; }"
        " figure.compare-chart svg text { font-size: 12px; font-family: system-ui, 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; }"
    )
    return css + compare + env.get_template("html/print.css.j2").render(print_header=running_header)
