"""The annual monitoring report (``socstrat report PATH --year YEAR``): HTML, Markdown and Word.

Every number comes from :func:`socstrat.analysis.progress.compute_progress` (the same
numbers ``socstrat progress --format json`` prints) and the validation report; the
templates ``monitoring.html.j2`` / ``monitoring.md.j2`` only lay them out. The third
year of the period is titled the mid-term evaluation, the fifth the final one. A report
made from illustrative data carries a banner saying so at its top, and in Word and in print on every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from socstrat import __version__
from socstrat.analysis.progress import ProgressReport
from socstrat.i18n.catalog import Lang, label, labels_for
from socstrat.lint.engine import StrategyReport
from socstrat.render.progress import completeness_line, completion_text, fmt, tables, target_text
from socstrat.render.registry import Options, renderer
from socstrat.render.report.charts import BarChart, bar_chart
from socstrat.render.report.environment import render_template
from socstrat.render.tables import generation_date
from socstrat.render.text import human_date

if TYPE_CHECKING:
    from socstrat.render.document import Document

LIGHT = {
    "on_plan": "good", "ahead": "good", "achieved": "good", "on_track": "good", "done": "good",
    "moderate": "warn", "behind": "warn", "limited": "warn", "in_progress": "warn", "delayed": "warn", "suspended": "warn",
    "regressing": "bad", "not_opened": "bad", "not_started": "bad",
}
"""Traffic light of a status; others are neutral (grey). Each light also has its own symbol, for greyscale print."""
SYMBOL = {"good": "●", "warn": "▲", "bad": "✖", "none": "○"}


class Badge(BaseModel):
    code: str
    text: str
    light: str
    symbol: str
    count: int = 0


class Spark(BaseModel):
    """A small line chart of one series: SVG polyline points, and the values as text."""

    points: str
    dots: list[tuple[float, float]]
    text: str


class IndicatorLine(BaseModel):
    id: str
    text: str
    target: str
    baseline: str
    actual: str
    progress: str
    badge: Badge
    spark: Spark | None


class FindingLine(BaseModel):
    severity: str
    code: str
    where: str
    message: str


class MonitoringContext(BaseModel):
    lang: Lang
    title: str
    municipality: str
    strategy_title: str
    reported: str
    illustrative: bool
    illustrative_notes: list[str]
    generated: date
    version: str
    counts: dict[str, list[Badge]]
    overdue: int
    completeness: str
    directions: list[tuple[str, str, str]]
    services: list[list[str]]
    service_badges: list[Badge]
    service_headers: list[str]
    chart: BarChart | None
    activities: dict[str, list[str]]
    overdue_list: list[str]
    indicators: list[IndicatorLine]
    not_reported: list[tuple[str, list[str]]]
    findings: list[FindingLine]
    totals: str | None


def badge(prefix: str, code: str, lang: str, count: int = 0) -> Badge:
    light = LIGHT.get(code, "none")
    return Badge(code=code, text=label(f"{prefix}.{code}", lang), light=light, symbol=SYMBOL[light], count=count)


def spark(values: list[tuple[int, float | None]], lang: str) -> Spark | None:
    known = [(y, v) for y, v in values if v is not None]
    if len(known) < 2:
        return None
    low, high = min(v for _, v in known), max(v for _, v in known)
    first, last = values[0][0], values[-1][0]
    span_x = max(last - first, 1)
    span_y = (high - low) or 1

    def point(y: int, v: float) -> tuple[float, float]:
        return round(4 + 112 * (y - first) / span_x, 1), round(26 - 22 * (v - low) / span_y, 1)

    dots = [point(y, v) for y, v in known]
    return Spark(points=" ".join(f"{x},{y}" for x, y in dots), dots=dots, text=", ".join(f"{y}: {fmt(v, lang)}" for y, v in values))


def build_monitoring_context(progress: ProgressReport, validation: StrategyReport, title: str, lang: Lang, generated: date | None = None) -> MonitoringContext:
    tabs = tables(progress, lang)
    services_table = tabs[1]
    findings = []
    root = Path(validation.path)
    for d in validation.diagnostics:
        file = Path(d.file)
        where = file.relative_to(root) if file.is_relative_to(root) else file
        findings.append(FindingLine(severity=d.severity, code=d.code, where=f"{where}:{d.line}:{d.column}", message=d.text(lang)))
    by_status: dict[str, list[str]] = {}
    for a in progress.activities:
        if a.status != "not_reporting":
            by_status.setdefault(label(f"act.{a.status}", lang), []).append(f"{a.code or a.id} {a.title}")
    names = {s.id: s.name for s in progress.services}
    chart_rows = [(s.name, s.planned_places, s.places) for s in progress.services if s.planned_places is not None or s.places is not None]
    t = progress.totals
    return MonitoringContext(
        lang=lang,
        title=label(f"report.{progress.evaluation}", lang).format(year=progress.year),
        municipality=progress.municipality,
        strategy_title=title,
        reported=label("progress.reported", lang).format(
            date=human_date(progress.reported, lang), by=progress.reported_by, index=progress.year_of_period, start=progress.period[0], end=progress.period[1]
        ),
        illustrative=progress.illustrative,
        illustrative_notes=progress.illustrative_notes,
        generated=generated or generation_date(),
        version=__version__,
        counts={
            group: [badge(prefix, code, lang, n) for code, n in progress.counts[group].items()]
            for group, prefix in (("services", "svc"), ("indicators", "ind"), ("activities", "act"))
        },
        overdue=progress.counts["overdue"]["activities"],
        completeness=completeness_line(progress, lang),
        directions=[(f"{n.code or ''} {n.title}".strip(), completion_text(n, lang), str(n.overdue)) for n in progress.rollup if n.depth == 0],
        services=services_table.rows,
        service_badges=[badge("svc", s.status, lang) for s in progress.services],
        service_headers=services_table.headers,
        chart=bar_chart("chart-places", label("report.chart_places", lang), chart_rows, label("col.planned_places", lang), label("col.places", lang), lang) if chart_rows else None,
        activities=by_status,
        overdue_list=[f"{a.code or a.id} {a.title} ({label('col.due', lang)}: {a.stage_end})" for a in progress.activities if a.overdue],
        indicators=[
            IndicatorLine(
                id=i.id,
                text=i.text,
                target=target_text(i.reading, i.target, lang),
                baseline=fmt(i.baseline, lang) + (f" ({i.baseline_year})" if i.baseline is not None and i.baseline_year else ""),
                actual=fmt(i.actual, lang) if i.actual is not None or not i.assessment else i.assessment,
                progress=fmt(i.progress, lang, percent=True),
                badge=badge("ind", i.status, lang),
                spark=spark([(p.year, p.value) for p in i.series], lang),
            )
            for i in progress.indicators
        ],
        not_reported=[
            (label(f"progress.{group}", lang).split(":")[0], [names.get(x, x) if group == "services" else x for x in ids])
            for group, ids in progress.not_reported.items()
            if ids
        ],
        findings=findings,
        totals=label("progress.totals", lang).format(n=t.services_counted, actual=fmt(t.places, lang), planned=fmt(t.planned_places, lang))
        if t.services_counted else None,
    )


def render_monitoring(context: MonitoringContext, format: Literal["html", "md"], templates: Path | None = None) -> str:
    return render_template(format, context.lang, f"monitoring.{format}.j2", templates, r=context)


@dataclass(frozen=True)
class MonitoringInput:
    """What a monitoring-report format renders: the built context, and templates that replace the defaults."""

    context: MonitoringContext
    templates: Path | None = None


@renderer("monitoring", "html")
def render_html(report: MonitoringInput, options: Options) -> str:
    return render_monitoring(report.context, "html", report.templates)


@renderer("monitoring", "md")
def render_markdown(report: MonitoringInput, options: Options) -> str:
    return render_monitoring(report.context, "md", report.templates)


@renderer("monitoring", "docx")
def render_docx(report: MonitoringInput, options: Options) -> bytes:
    from socstrat.render.document import to_docx

    return to_docx(monitoring_document(report.context))


def monitoring_document(r: MonitoringContext) -> Document:
    """The monitoring report laid out as the Markdown and HTML reports lay it out, for Word; made from
    illustrative data, every page says so in its header."""
    from socstrat.render.document import Document, DocumentHeading, DocumentTable, Paragraph

    t = labels_for(r.lang)
    blocks: list[DocumentHeading | Paragraph | DocumentTable] = [Paragraph(r.reported)]
    blocks.append(DocumentHeading(1, t["report.summary"]))
    for group, badges in r.counts.items():
        blocks.append(Paragraph(f"{t['progress.' + group].split(':')[0]}: " + "; ".join(f"{b.symbol} {b.text} {b.count}" for b in badges), "bullet"))
    blocks.append(Paragraph(f"{t['progress.overdue']}: {r.overdue}", "bullet"))
    blocks.append(Paragraph(r.completeness))
    blocks.append(DocumentHeading(1, t["progress.rollup"]))
    blocks.append(DocumentTable(
        headers=[t["col.node"], t["col.completion"], t["col.overdue"]], rows=[list(d) for d in r.directions], numeric=[False, True, True],
    ))
    blocks.append(DocumentHeading(1, t["progress.services"]))
    blocks.append(DocumentTable(
        headers=r.service_headers,
        rows=[[*row[:-1], f"{b.symbol} {b.text}"] for row, b in zip(r.services, r.service_badges)],
        numeric=[False, *([True] * (len(r.service_headers) - 2)), False], wide=True,
    ))
    blocks.append(Paragraph(t["progress.plan_basis"], "note"))
    if r.totals:
        blocks.append(Paragraph(r.totals))
    blocks.append(DocumentHeading(1, t["progress.activities"]))
    blocks.append(DocumentHeading(2, t["progress.overdue"]))
    blocks += [Paragraph(item, "bullet") for item in r.overdue_list] or [Paragraph(t["progress.none"], "note")]
    for status, items in r.activities.items():
        blocks.append(DocumentHeading(2, f"{status} ({len(items)})"))
        blocks += [Paragraph(item, "bullet") for item in items]
    blocks.append(DocumentHeading(1, t["progress.indicators"]))
    blocks.append(DocumentTable(
        headers=[t["col.indicator"], t["col.target"], t["col.baseline"], t["col.actual"], t["col.progress"], t["col.status"], t["col.series"]],
        rows=[[f"{i.text} ({i.id})", i.target, i.baseline, i.actual, i.progress, f"{i.badge.symbol} {i.badge.text}", i.spark.text if i.spark else ""]
              for i in r.indicators],
        numeric=[False, False, True, True, True, False, False], wide=True,
    ))
    blocks.append(DocumentHeading(1, t["progress.not_reported"]))
    blocks += [Paragraph(f"{group} ({len(items)}): {', '.join(items)}", "bullet") for group, items in r.not_reported] or [
        Paragraph(t["progress.none"], "note")
    ]
    blocks.append(DocumentHeading(1, t["report.findings"]))
    blocks.append(DocumentTable(
        headers=[t["severity"], t["rule"], t["message"], t["location"]],
        rows=[[t[f"severity.{f.severity}"], f.code, f.message, f.where] for f in r.findings], wide=True,
    ) if r.findings else Paragraph(t["report.no_findings"], "note"))
    banner = [t["progress.illustrative"], *r.illustrative_notes] if r.illustrative else []
    return Document(
        title=r.title, lang=r.lang, blocks=blocks,
        subtitle=[f"{r.strategy_title} — {t['municipality']} {r.municipality}", f"{t['generated_by']} socstrat {r.version}, {r.generated.isoformat()}"],
        contents_label=t["contents"], page_label=t["plan.page"], toc_hint=t["plan.toc_hint"],
        running_header=f"{r.municipality}: {r.title}", banner=banner,
    )


__all__ = ["MonitoringContext", "MonitoringInput", "build_monitoring_context", "render_monitoring"]
