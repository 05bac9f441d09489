"""Render a :class:`~socstrat.analysis.progress.ProgressReport`: terminal table, Markdown, CSV, JSON.

Table and Markdown put the codes into words of the language of the render options;
CSV and JSON keep codes and raw numbers and are the same in every language. Every
output of illustrative data starts with the notice that it is illustrative. A value
not reported is printed 'н.д.' / 'n/a', never 0.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

from socstrat.analysis.progress import NodeProgress, ProgressReport
from socstrat.i18n.catalog import label
from socstrat.io.terminal import json_safe, one_line
from socstrat.render.registry import Options, renderer
from socstrat.render.text import format_number, human_date
from socstrat.render.text import inline_markdown as _md


def fmt(value: float | None, lang: str, *, signed: bool = False, percent: bool = False) -> str:
    """A number for people through the one format (:func:`socstrat.render.text.format_number`): 'н.д.' when unknown,
    rounded half up, grouped thousands and a decimal comma in Bulgarian, signed gaps with a true minus."""
    return format_number(value, lang, signed=signed, percent=percent)


def completion_text(node: NodeProgress, lang: str) -> str:
    """A roll-up with its coverage, "75,0% от 4 отчетени от 6"; "н.д. (2 отчетени от 43)" below the coverage threshold."""
    covered = label("progress.coverage", lang).format(reported=node.reported, total=node.activities_counted)
    if node.completion is None:
        return f"{label('progress.unknown', lang)} ({covered})" if node.activities_counted else label("progress.unknown", lang)
    return label("progress.completion", lang).format(completion=format_number(node.completion, lang, percent=True), coverage=covered)


def target_text(row_reading: object, target: str | None, lang: str) -> str:
    from socstrat.analysis.progress import Reading

    if not isinstance(row_reading, Reading):
        return target or "—"
    unit = row_reading.unit or ""
    if row_reading.comparison == "range":
        value = f"{fmt(row_reading.low, lang)}–{fmt(row_reading.high, lang)}"
    else:
        value = fmt(row_reading.value, lang)
    return f"{label('cmp.' + row_reading.comparison, lang)} {value}{unit} ({row_reading.year})"


def _mark(basis: str) -> str:
    """'*' on a planned figure the source does not state for the year itself (carried or derived)."""
    return "*" if basis in ("carried", "derived") else ""


@dataclass
class ProgressTable:
    title: str
    headers: list[str]
    rows: list[list[str]]
    numeric: list[bool]


def header_lines(report: ProgressReport, path: str, lang: str) -> list[str]:
    lines = []
    if report.illustrative:
        lines.append(label("progress.illustrative", lang))
        lines += report.illustrative_notes
    lines.append(label("progress.title", lang).format(year=report.year) + f" — {report.municipality} ({path})")
    lines.append(
        label("progress.reported", lang).format(
            date=human_date(report.reported, lang), by=report.reported_by, index=report.year_of_period, start=report.period[0], end=report.period[1]
        )
    )
    lines.append(completeness_line(report, lang))
    return lines


def completeness_line(report: ProgressReport, lang: str) -> str:
    """'Reporting completeness: services 23 of 28 (82%), …', and the kinds below the threshold."""
    found = report.completeness
    parts = {}
    for kind in ("services", "activities", "indicators"):
        share = getattr(found, kind)
        parts[kind] = (
            label("progress.completeness.share", lang).format(reported=share.reported, expected=share.expected, share=fmt(share.share, lang, percent=True))
            if share.expected else "—"
        )
    line = label("progress.completeness", lang).format(**parts, threshold=fmt(found.threshold, lang, percent=True))
    below = found.below()
    if below:
        line += " " + label("progress.completeness.below", lang).format(kinds=", ".join(label(f"progress.completeness.{k}", lang) for k in below))
    return line


def tables(report: ProgressReport, lang: str) -> list[ProgressTable]:
    """The tables every human-readable format shows, in order."""
    counts = ProgressTable(label("progress.counts", lang), [label("col.status", lang), label("col.count", lang)], [], [False, True])
    for group, prefix in (("services", "svc"), ("indicators", "ind"), ("activities", "act")):
        for code, n in report.counts[group].items():
            counts.rows.append([f"{label('progress.' + group, lang).split(':')[0]}: {label(prefix + '.' + code, lang)}", str(n)])
    counts.rows.append([label("progress.overdue", lang), str(report.counts["overdue"]["activities"])])
    services = ProgressTable(
        label("progress.services", lang),
        [label(f"col.{c}", lang) for c in ("service", "planned_places", "places", "gap", "planned_staff", "staff", "users", "status")],
        [
            [
                s.name,
                fmt(s.planned_places, lang) + _mark(s.planned_basis),
                fmt(s.places, lang),
                fmt(s.places_gap, lang, signed=True),
                fmt(s.planned_staff, lang) + _mark(s.staff_basis),
                fmt(s.staff, lang),
                fmt(s.users, lang),
                label(f"svc.{s.status}", lang),
            ]
            for s in report.services
        ],
        [False, True, True, True, True, True, True, False],
    )
    indicators = ProgressTable(
        label("progress.indicators", lang),
        [label(f"col.{c}", lang) for c in ("indicator", "target", "baseline", "actual", "progress", "expected", "status", "series")],
        [
            [
                f"{i.id}: {i.text}",
                target_text(i.reading, i.target, lang),
                fmt(i.baseline, lang) + (f" ({i.baseline_year})" if i.baseline_year and i.baseline is not None else ""),
                fmt(i.actual, lang) if i.actual is not None or not i.assessment else i.assessment,
                fmt(i.progress, lang, percent=True),
                fmt(i.expected, lang, percent=True),
                label(f"ind.{i.status}", lang),
                " → ".join(f"{p.year}: {fmt(p.value, lang)}" for p in i.series),
            ]
            for i in report.indicators
        ],
        [False, False, True, True, True, True, False, False],
    )
    reported = [a for a in report.activities if a.status != "not_reporting"]
    activities = ProgressTable(
        label("progress.activities", lang),
        [label(f"col.{c}", lang) for c in ("activity", "status", "due", "overdue")],
        [
            [
                f"{a.code or a.id} {a.title}",
                label(f"act.{a.status}", lang) + (f" → {a.merged_into}" if a.merged_into else ""),
                str(a.stage_end),
                "!" if a.overdue else "",
            ]
            for a in reported
        ],
        [False, False, True, False],
    )
    rollup = ProgressTable(
        label("progress.rollup", lang),
        [label(f"col.{c}", lang) for c in ("node", "completion", "overdue", "indicator")],
        [
            [
                "  " * n.depth + f"{n.code or ''} {n.title}".strip(),
                completion_text(n, lang),
                str(n.overdue),
                ", ".join(f"{label('ind.' + k, lang)} {v}" for k, v in n.indicators.items()),
            ]
            for n in report.rollup
            if n.depth < 3
        ],
        [False, True, True, False],
    )
    return [counts, services, indicators, activities, rollup]


def footer_lines(report: ProgressReport, lang: str) -> list[str]:
    t = report.totals
    lines = [label("progress.plan_basis", lang)]
    if t.services_counted:
        lines.append(label("progress.totals", lang).format(n=t.services_counted, actual=fmt(t.places, lang), planned=fmt(t.planned_places, lang)))
    for group in ("services", "indicators"):
        ids = report.not_reported[group]
        if ids:
            lines.append(f"{label('progress.not_reported', lang)} ({label('progress.' + group, lang).split(':')[0]}): {', '.join(ids)}")
    missing = len(report.not_reported["activities"])
    if missing:
        lines.append(f"{label('progress.not_reported', lang)} ({label('progress.activities', lang)}): {missing}")
    return lines


@dataclass(frozen=True)
class ProgressInput:
    report: ProgressReport
    path: str


@renderer("progress", "table")
def render_table(item: ProgressInput, options: Options) -> str:
    """The tables for a terminal; every line and cell passes :func:`one_line` and is plain text, never Rich markup."""
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    lang = options.lang
    buffer = io.StringIO()
    console = Console(file=buffer, width=160, force_terminal=options.colour or None)
    for line in header_lines(item.report, item.path, lang):
        style = "bold reverse" if line == label("progress.illustrative", lang) else ""
        console.print(Text(one_line(line), style=style), highlight=False)
    for table in tables(item.report, lang):
        rich = RichTable(title=Text(one_line(table.title)), title_justify="left", show_lines=False)
        for header, numeric in zip(table.headers, table.numeric):
            rich.add_column(Text(one_line(header)), justify="right" if numeric else "left", overflow="fold")
        for row in table.rows:
            rich.add_row(*(Text(one_line(cell)) for cell in row))
        console.print(rich)
    for line in footer_lines(item.report, lang):
        console.print(Text(one_line(line)), highlight=False)
    return buffer.getvalue()


@renderer("progress", "md")
def render_markdown(item: ProgressInput, options: Options) -> str:
    lang = options.lang
    head = header_lines(item.report, item.path, lang)
    out = []
    if item.report.illustrative:
        out += [f"> **{_md(head[0])}**", *[f"> {_md(line)}" for line in item.report.illustrative_notes], ""]
        head = head[1 + len(item.report.illustrative_notes):]
    out += [f"### {_md(head[0])}", "", *(x for line in head[1:] for x in (_md(line), ""))]
    for table in tables(item.report, lang):
        out += [f"#### {_md(table.title)}", ""]
        out.append("| " + " | ".join(_md(h) for h in table.headers) + " |")
        out.append("|" + "|".join("--:" if n else ":--" for n in table.numeric) + "|")
        out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in table.rows]
        out.append("")
    out += [f"- {_md(line)}" for line in footer_lines(item.report, lang)]
    return "\n".join(out) + "\n"


CSV_FIELDS = ["kind", "id", "status", "planned", "actual", "gap", "planned_staff", "staff", "baseline", "target", "progress", "expected", "ratio", "overdue", "illustrative"]


@renderer("progress", "csv")
def render_csv(item: ProgressInput, options: Options) -> str:
    """One line per service, indicator, activity and framework node: codes and raw numbers; 'illustrative' on every line."""
    from socstrat.render.tables import csv_lines

    r = item.report
    lines: list[dict[str, object]] = []
    for s in r.services:
        lines.append({"kind": "service", "id": s.id, "status": s.status, "planned": s.planned_places, "actual": s.places,
                      "gap": s.places_gap, "planned_staff": s.planned_staff, "staff": s.staff})
    for i in r.indicators:
        target = None
        if i.reading is not None:
            target = f"{i.reading.low}-{i.reading.high}" if i.reading.comparison == "range" else i.reading.value
        lines.append({"kind": "indicator", "id": i.id, "status": i.status, "actual": i.actual, "baseline": i.baseline,
                      "target": target, "progress": i.progress, "expected": i.expected, "ratio": i.ratio})
    for a in r.activities:
        lines.append({"kind": "activity", "id": a.id, "status": a.status, "overdue": a.overdue})
    for n in r.rollup:
        lines.append({"kind": "node", "id": n.id, "progress": n.completion, "overdue": n.overdue})
    for line in lines:
        line["illustrative"] = r.illustrative
    return csv_lines(CSV_FIELDS, ([line.get(key) for key in CSV_FIELDS] for line in lines))


@renderer("progress", "json")
def render_json(item: ProgressInput, options: Options) -> str:
    """The JSON contract (docs/progress.md): codes and numbers only, the same in every language."""
    return json_safe(json.dumps(item.report.model_dump(mode="json"), ensure_ascii=False, indent=2)) + "\n"


def no_monitoring(format: str, strategy: str, municipality: str, period: tuple[int, int]) -> str | None:
    """What a machine format prints for a strategy with no monitoring files; None for the formats meant for people.

    JSON keeps the contract's identifying keys with no ``year`` and no ``years``, and CSV is its
    header alone, so a program reading either gets valid input that says "nothing reported".
    """
    if format == "json":
        empty = {"strategy": strategy, "municipality": municipality, "period": list(period), "year": None, "years": []}
        return json_safe(json.dumps(empty, ensure_ascii=False, indent=2)) + "\n"
    if format == "csv":
        return ",".join(CSV_FIELDS) + "\n"
    return None
