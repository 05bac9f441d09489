"""Reports: a typed context built from a strategy and its validation, laid out by Jinja templates.

Every number and table of a report is computed here (or in :mod:`socstrat.validation`
and :mod:`socstrat.deltas`); the templates only lay them out. The default templates
are in ``templates/`` (see :func:`socstrat.resources.templates_dir`); a directory
given with ``--templates`` overrides any of them by name. HTML is autoescaped; the
Markdown environment escapes every value with :func:`escape_markdown`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal

import jinja2
from markupsafe import Markup
from pydantic import BaseModel

from socstrat import __version__
from socstrat.analysis.deltas import (
    COMMUNITY_BASED,
    INSTITUTIONAL,
    DeltaReport,
    DeltaRow,
    DeltasError,
    NoFigures,
    YearNotFound,
    compute_deltas,
)
from socstrat.i18n.catalog import labels_for
from socstrat.io.resources import templates_dir
from socstrat.lint.engine import LevelCount, StrategyReport
from socstrat.model import (
    Adoption,
    ExpectedResults,
    Figure,
    Indicator,
    KeyIndicator,
    Node,
    Period,
    Service,
    SourceDocument,
    Stage,
    Strategy,
    TextBlock,
)
from socstrat.model.queries import iter_nodes, walk_models
from socstrat.model.refs import ServiceName
from socstrat.render.deltas import Line, cell_text, format_value, group_name, note_texts, total_line
from socstrat.render.deltas import columns as delta_columns
from socstrat.render.deltas import headers as delta_headers
from socstrat.render.deltas import sections as delta_sections
from socstrat.render.report.abbreviations import mark_abbreviations, used_in
from socstrat.render.report.charts import BarChart, bar_chart
from socstrat.render.tables import generation_date
from socstrat.render.text import (
    capacity_cell,
    escape_markdown,
    format_number,
    grouped,
    human_date,
    markdown_lines,
    total_text,
    withheld_reason,
)

Format = Literal["md", "html"]
Lang = Literal["bg", "en"]

SECTION_IDS = (
    "summary",
    "context",
    "vision",
    "target-groups",
    "framework",
    "logframe",
    "key-indicators",
    "services",
    "deltas",
    "stages",
    "findings",
    "glossary",
)
"""The parts of a report, in order; each is a template ``html/<id>.html.j2`` / ``md/<id>.md.j2``."""
DELTA_VIEWS = ("services", "staffing")


class ReportError(Exception):
    """A report cannot be made as asked (e.g. a year the data does not have)."""


# --- the context ---------------------------------------------------------------------


class Section(BaseModel):
    id: str
    title: str


class TitleBlock(BaseModel):
    title: str
    municipality: str
    region: str
    period: Period
    baseline_year: int | None
    adoption: Adoption | None
    source: SourceDocument
    generated: date
    version: str


class ValidationStatus(BaseModel):
    valid: bool
    errors: int
    warnings: int
    infos: int
    acknowledged: int


class Headline(BaseModel):
    """A figure of the summary, already formatted: what, the value, and how it changes."""

    label: str
    value: str
    change: str | None = None
    note: str | None = None
    """How many of the figures behind the value are unknown, when any are."""


class Summary(BaseModel):
    levels: list[LevelCount]
    indicators: int
    services: int
    headlines: list[Headline]
    validation: ValidationStatus


class FigureRow(BaseModel):
    figure: Figure
    depth: int


class FigureGroup(BaseModel):
    id: str
    code: str | None
    title: str | None
    rows: list[FigureRow]


class NodeRef(BaseModel):
    """A node as other parts of the report name it; ``within`` is its direction (top-level ancestor),
    e.g. "Приоритетно направление 1", since codes such as "Обща цел 1" repeat in every direction."""

    id: str
    level: str
    code: str | None
    title: str
    within: str | None = None

    @property
    def label(self) -> str:
        """"Приоритетно направление 1 / Обща цел 1": the node's level and code, after its direction's."""
        own = " ".join(x for x in (self.level, self.code) if x)
        return f"{self.within} / {own}" if self.within else own


class NodeIndicator(BaseModel):
    """An indicator shown on a tree node: the node's own, or one that measures it elsewhere."""

    kind: Literal["own", "impact", "result", "effect", "monitoring"]
    text: str
    target: str | None = None


class TreeNode(BaseModel):
    id: str
    level: str
    code: str | None
    title: str
    within: str | None = None
    indicators: list[NodeIndicator]
    services: list[ServiceName]
    services_inferred: list[str] = []
    children: list[TreeNode]


class MatrixRow(BaseModel):
    id: str
    objective: NodeRef
    measures: list[NodeRef]
    means: list[str]
    impact: list[Indicator]
    results: list[Indicator]
    effect: list[Indicator]
    sources: list[str]
    period: str | None
    src: str


class MonitoringRow(BaseModel):
    id: str
    goal: NodeRef | None
    objective: NodeRef | None
    code: str | None
    title: str
    indicators: list[str]
    src: str


class ServiceRow(BaseModel):
    id: str
    code: str | None
    name: str
    category: str
    status: str | None
    status_text: str | None
    target_groups: list[str]
    capacity: list[str]
    users: list[str]
    staff: list[str]
    financing: list[str]
    provider: str | None
    src: str


class ServiceTable(BaseModel):
    capacity_years: list[int]
    users_years: list[int]
    staff_years: list[int]
    rows: list[ServiceRow]


class DeltaLine(BaseModel):
    """A printed line of a deltas table: a row (with its id), a group's subtotal or the total."""

    level: Literal["row", "group", "total"]
    id: str | None
    cells: list[str]


class DeltaSection(BaseModel):
    group: str
    lines: list[DeltaLine]


class DeltaTable(BaseModel):
    """One view of :func:`socstrat.deltas.compute_deltas`, laid out as ``socstrat deltas`` lays it out."""

    view: str
    title: str
    headers: list[str]
    numeric: list[bool]
    sections: list[DeltaSection]
    total: DeltaLine
    share: str
    share_basis: str
    notes: list[str]
    charts: list[BarChart]


class DeltaView(BaseModel):
    """A view of the deltas, or why the strategy's figures cannot give it."""

    view: str
    title: str
    table: DeltaTable | None
    unavailable: str | None


class TimelineStage(BaseModel):
    stage: Stage
    first_column: int | None
    last_column: int | None


class Timeline(BaseModel):
    years: list[int]
    stages: list[TimelineStage]


class TargetGroups(BaseModel):
    priority: list[str]
    risk_groups: list[TextBlock]
    in_register: list[tuple[str, list[ServiceName]]]


class FindingRow(BaseModel):
    """A finding told for people: what it concerns by code and title, the message in the report's
    language with names for ids and numbers written the report's way; ``where`` is the file position."""

    severity: str
    code: str
    subject: str | None = None
    where: str
    message: str
    acknowledged: bool


class GlossaryEntry(BaseModel):
    short: str
    expansion: str
    meaning: str | None


class ReportContext(BaseModel):
    """Everything a report shows, in the order it shows it."""

    lang: Lang
    head: TitleBlock
    sections: list[Section]
    summary: Summary
    context_figures: list[FigureGroup]
    vision: list[str]
    logframe_vision: str | None
    values: list[str]
    principles: list[str]
    target_groups: TargetGroups
    level_names: list[str]
    tree: list[TreeNode]
    matrix: list[MatrixRow]
    monitoring: list[MonitoringRow]
    key_indicators: list[KeyIndicator]
    expected_results: list[ExpectedResults]
    services: ServiceTable
    deltas: list[DeltaView]
    shares_differ: str | None
    timeline: Timeline
    findings: list[FindingRow]
    glossary: list[GlossaryEntry]


# --- building ------------------------------------------------------------------------


def build_context(
    strategy: Strategy,
    validation: StrategyReport,
    *,
    lang: Lang = "bg",
    from_year: int | None = None,
    to_year: int | None = None,
    generated: date | None = None,
) -> ReportContext:
    """Gather what the report shows; the glossary lists the abbreviations the rest uses."""
    labels = labels_for(lang)
    s = strategy.strategy
    deltas = _deltas(strategy, from_year, to_year)
    level_name = {lvl.key: (lvl.name_en or lvl.name) if lang == "en" else lvl.name for lvl in s.levels}
    nodes = {node.id: node for node in iter_nodes(strategy.framework.nodes)}
    directions = _directions(strategy, level_name)
    indicators = _node_indicators(strategy)
    names = {service.id: service.name for service in strategy.services.services}
    context = ReportContext(
        lang=lang,
        head=TitleBlock(
            title=s.title,
            municipality=s.municipality,
            region=s.region,
            period=s.period,
            baseline_year=s.baseline_year,
            adoption=s.adoption,
            source=s.source,
            generated=generated or generation_date(),
            version=__version__,
        ),
        sections=[Section(id=sid, title=labels[f"section.{sid}"]) for sid in SECTION_IDS],
        summary=_summary(validation, level_name, deltas, labels, lang),
        context_figures=_figure_groups(strategy.context.sections),
        vision=s.vision,
        logframe_vision=strategy.logframe.vision if strategy.logframe else None,
        values=s.values,
        principles=s.principles,
        target_groups=_target_groups(strategy, names),
        level_names=[level_name[lvl.key] for lvl in s.levels],
        tree=[_tree(node, level_name, names, indicators, directions) for node in strategy.framework.nodes],
        matrix=_matrix(strategy, nodes, level_name, directions),
        monitoring=[
            MonitoringRow(
                id=group.id,
                goal=_ref(nodes.get(group.goal), level_name, directions),
                objective=_ref(nodes.get(group.objective or ""), level_name, directions),
                code=group.code,
                title=group.title,
                indicators=group.indicators,
                src=group.src,
            )
            for group in strategy.implementation.monitoring_indicators
        ],
        key_indicators=s.key_indicators,
        expected_results=strategy.implementation.expected_results,
        services=_service_table(strategy, labels, lang),
        deltas=[_delta_view(view, report, s.title, labels, lang) for view, report in deltas.items()],
        shares_differ=_shares_differ(deltas, labels, lang),
        timeline=_timeline(strategy),
        findings=_findings(validation, strategy, level_name, directions, lang),
        glossary=[],
    )
    used = used_in([*all_strings(context), *labels.values()])
    context.glossary = [
        GlossaryEntry(short=a.short, expansion=a.title("bg"), meaning=a.meaning() if lang == "en" else None) for a in used
    ]
    return context


def _summary(
    validation: StrategyReport,
    level_name: dict[str, str],
    deltas: dict[str, DeltaReport | DeltasError],
    labels: Mapping[str, str],
    lang: str,
) -> Summary:
    counts = validation.summary
    levels = [LevelCount(key=lvl.key, name=level_name[lvl.key], count=lvl.count) for lvl in counts.levels]
    by_severity = {sev: sum(1 for d in validation.diagnostics if d.severity == sev) for sev in ("error", "warning", "info")}
    return Summary(
        levels=levels,
        indicators=counts.indicators,
        services=counts.services,
        headlines=_headlines(deltas, labels, lang),
        validation=ValidationStatus(
            valid=validation.valid,
            errors=by_severity["error"],
            warnings=by_severity["warning"],
            infos=by_severity["info"],
            acknowledged=sum(1 for d in validation.diagnostics if d.acknowledged is not None),
        ),
    )


def _deltas(strategy: Strategy, from_year: int | None, to_year: int | None) -> dict[str, DeltaReport | DeltasError]:
    """Both views of the deltas, each computed once for the whole report; a view the figures cannot give keeps its error.

    Only when years were asked for and no view has them is that the user's mistake.
    """
    found: dict[str, DeltaReport | DeltasError] = {}
    for view in DELTA_VIEWS:
        try:
            found[view] = compute_deltas(strategy, view=view, from_year=from_year, to_year=to_year)
        except DeltasError as exc:
            found[view] = exc
    if (from_year is not None or to_year is not None) and all(isinstance(r, DeltasError) for r in found.values()):
        raise ReportError("; ".join(f"{view}: {error}" for view, error in found.items()))
    return found


SHARE_CATEGORIES = (INSTITUTIONAL, *COMMUNITY_BASED)
FIGURES = ("capacity_from", "capacity_to", "staff_from", "staff_to")


def _unknown(rows: Iterable[DeltaRow], field: str) -> tuple[int, int]:
    """How many of ``rows`` have no ``field`` figure, and how many rows there are."""
    values = [getattr(row, field) for row in rows]
    return sum(1 for v in values if v is None), len(values)


def _headlines(deltas: dict[str, DeltaReport | DeltasError], labels: Mapping[str, str], lang: str) -> list[Headline]:
    """Capacity and institutional share from the register; staff from the staffing table when there is one.

    Each is what :mod:`socstrat.analysis.figures` decided for the deltas: a sum is its known
    part with the count of unknown rows, a change is like for like, a share past the
    threshold is 'н.д.' with its reason.
    """
    register, table = deltas["services"], deltas["staffing"]
    headlines = []
    if isinstance(register, DeltaReport):
        headlines.append(_headline(register, labels["capacity_total"], "capacity", labels, lang))
    staff = table if isinstance(table, DeltaReport) else register
    if isinstance(staff, DeltaReport) and any(row.staff_from is not None or row.staff_to is not None for row in staff.rows):
        headlines.append(_headline(staff, labels["staff_total"], "staff", labels, lang))
    if isinstance(register, DeltaReport):
        headlines.append(_share_headline(register, labels, lang))
    return headlines


def _ends(report: DeltaReport) -> list[tuple[str, int]]:
    return [("from", report.from_year)] if report.snapshot else [("from", report.from_year), ("to", report.to_year)]


def _missing(report: DeltaReport, rows: list[DeltaRow], what: str, labels: Mapping[str, str], lang: str) -> str | None:
    """The note on unknown inputs of a headline."""
    counts = []
    for end, year in _ends(report):
        unknown, total = _unknown(rows, f"{what}_{end}")
        if unknown:
            counts.append(labels["unknown_in_year"].format(year=year, counted=labels["unknown_of"].format(unknown=format_number(unknown, lang), total=format_number(total, lang))))
    return labels["headline_unknown"].format(counts="; ".join(counts)) if counts else None


def _headline(report: DeltaReport, label: str, what: str, labels: Mapping[str, str], lang: str) -> Headline:
    total = report.total
    shown = [total_text(getattr(total, f"{what}_{end}"), getattr(total, f"{what}_{end}_unknown"), lang) for end in ("from", "to")]
    delta = getattr(total, f"{what}_delta")
    change = None
    if not report.snapshot and delta is not None:
        change = format_value(delta, "delta", lang)
        if what == "capacity" and total.capacity_relative is not None:
            change += f" ({format_value(total.capacity_relative, 'percent', lang)})"
        left_out = getattr(total, f"{what}_delta_left_out")
        if left_out:
            change += "; " + labels["headline_like_for_like"].format(count=format_number(left_out, lang))
    return Headline(label=label, value=_span(report, *shown), change=change, note=_missing(report, report.rows, what, labels, lang))


def _share_rows(report: DeltaReport) -> list[DeltaRow]:
    return [row for row in report.rows if row.category in SHARE_CATEGORIES]


def _share_headline(report: DeltaReport, labels: Mapping[str, str], lang: str) -> Headline:
    share = report.institutional_share
    reasons = [
        labels["unknown_in_year"].format(year=year, counted=withheld_reason(basis.withheld, lang, rows=basis.rows, unknown=basis.unknown, threshold=basis.threshold))
        for (_, year), basis in zip(_ends(report), (share.from_basis, share.to_basis))
        if basis.withheld is not None
    ]
    return Headline(
        label=labels["institutional_share"],
        value=_span(report, *_share_values(report, lang)),
        change=None if report.snapshot or share.from_ is None or share.to is None
        else f"{format_number((share.to - share.from_) * 100, lang, digits=1, signed=True)} {labels['percentage_points']}",
        note="; ".join(reasons) or None,
    )


def _share_values(report: DeltaReport, lang: str) -> list[str]:
    """The share at both ends, 'н.д.' where it is withheld."""
    share = report.institutional_share
    return [format_number(value, lang, percent=True) for value in (share.from_, share.to)]


def _share_sentence(report: DeltaReport, labels: Mapping[str, str], lang: str) -> str:
    before, after = _share_values(report, lang)
    key = "deltas.share_snapshot" if report.snapshot else "deltas.share"
    return labels[key].format(**{"from": report.from_year, "to": report.to_year}, from_share=before, to_share=after)


def _share_base(report: DeltaReport, end: str) -> tuple[float, float]:
    """Known places in institutions, and in the share's whole base, as the share computed them."""
    basis = report.institutional_share.from_basis if end == "from" else report.institutional_share.to_basis
    return basis.numerator or 0, basis.denominator or 0


def _share_basis(report: DeltaReport, labels: Mapping[str, str], lang: str) -> str:
    """What the share is computed from: rows, places in institutions and the places it is a share of."""
    rows = _share_rows(report)
    parts = []
    for end, year in _ends(report):
        inside, base = _share_base(report, end)
        unknown, total = _unknown(rows, f"capacity_{end}")
        parts.append(
            labels["share_basis.year"].format(
                year=year, inside=format_number(inside, lang), base=format_number(base, lang),
                unknown=labels["share_basis.unknown"].format(counted=labels["unknown_of"].format(unknown=format_number(unknown, lang), total=format_number(total, lang))) if unknown else "",
            )
        )
    return labels[f"share_basis.{report.view}"].format(rows=format_number(len(rows), lang), years="; ".join(parts))


def _shares_differ(deltas: dict[str, DeltaReport | DeltasError], labels: Mapping[str, str], lang: str) -> str | None:
    """Why the register's and the staffing table's institutional shares differ, when the report shows both."""
    register, table = deltas["services"], deltas["staffing"]
    if not (isinstance(register, DeltaReport) and isinstance(table, DeltaReport)):
        return None
    if _share_values(register, lang) == _share_values(table, lang):
        return None
    year = register.from_year if register.from_year == table.from_year else None
    return labels["shares_differ"].format(
        register_rows=format_number(len(_share_rows(register)), lang),
        table_rows=format_number(len(_share_rows(table)), lang),
        year=year if year is not None else f"{register.from_year}/{table.from_year}",
        register_base=format_number(_share_base(register, "from")[1], lang),
        table_base=format_number(_share_base(table, "from")[1], lang),
    )


def _span(report: DeltaReport, before: str, after: str) -> str:
    if report.snapshot:
        return f"{before} ({report.from_year})"
    return f"{before} ({report.from_year}) → {after} ({report.to_year})"


def _sum_cells(report: DeltaReport, printed: Line, cols: list[tuple[str, Any]], labels: Mapping[str, str], lang: str) -> list[str]:
    """A group's or the total's cells, as every format prints them (:func:`socstrat.render.deltas.cell_text`)."""
    return [cell_text(report, printed, key, kind, lang) for key, kind in cols]


def _delta_view(view: str, report: DeltaReport | DeltasError, name: str, labels: Mapping[str, str], lang: str) -> DeltaView:
    title = labels[f"deltas_view_{view}"]
    if isinstance(report, DeltasError):
        return DeltaView(view=view, title=title, table=None, unavailable=_unavailable(report, view, labels))
    cols = delta_columns(report)

    def line(printed: Line) -> DeltaLine:
        if printed.level != "row":
            cells = _sum_cells(report, printed, cols, labels, lang)
        else:
            cells = [cell_text(report, printed, key, kind, lang) for key, kind in cols]
        return DeltaLine(level=printed.level, id=printed.cells.get("id") if printed.level == "row" else None, cells=cells)

    return DeltaView(
        view=view,
        title=title,
        unavailable=None,
        table=DeltaTable(
            view=view,
            title=f"{_caption(report, name, labels)} — {title}",
            headers=delta_headers(report, lang),
            numeric=[kind not in ("text", "change") for _, kind in cols],
            sections=[DeltaSection(group=sec.group, lines=[line(x) for x in sec.lines]) for sec in delta_sections(report, lang)],
            total=line(total_line(report, lang)),
            share=_share_sentence(report, labels, lang),
            share_basis=_share_basis(report, labels, lang),
            notes=note_texts(report, lang),
            charts=_delta_charts(report, labels, lang),
        ),
    )


def _caption(report: DeltaReport, name: str, labels: Mapping[str, str]) -> str:
    """The deltas title of ``socstrat deltas`` with the strategy's title for its id (a slug is for files, not readers)."""
    key = "deltas.title_snapshot" if report.snapshot else "deltas.title"
    return labels[key].format(strategy=name, **{"from": report.from_year, "to": report.to_year})


def _unavailable(error: DeltasError, view: str, labels: Mapping[str, str]) -> str:
    """Why a view has no table, in the report's language."""
    if isinstance(error, YearNotFound):
        return labels["no_year"].format(year=error.year, years=", ".join(map(str, error.available)))
    if isinstance(error, NoFigures):
        return labels[f"no_figures_{view}"]
    return str(error)


def _delta_charts(report: DeltaReport, labels: Mapping[str, str], lang: str) -> list[BarChart]:
    """Capacity and staff, per row and per group, before and after; a single year shows one bar."""
    before = str(report.from_year)
    after = None if report.snapshot else str(report.to_year)
    charts = []
    for what in ("capacity", "staff"):
        for per, items in (("row", report.rows), ("group", report.groups)):
            rows = [
                (item.name if isinstance(item, DeltaRow) else group_name(report, item, lang), getattr(item, f"{what}_from"), None if after is None else getattr(item, f"{what}_to"))
                for item in items
            ]
            texts = [
                (None, None) if isinstance(item, DeltaRow) else tuple(
                    total_text(getattr(item, f"{what}_{end}"), getattr(item, f"{what}_{end}_unknown"), lang) for end in ("from", "to")
                )
                for item in items
            ]
            kept = [i for i, (_, a, b) in enumerate(rows) if a is not None or b is not None]
            if kept:
                title = labels[f"chart_{what}_per_{per}"]
                charts.append(bar_chart(
                    f"chart-{report.view}-{what}-{per}", title, [rows[i] for i in kept], before, after, lang, [texts[i] for i in kept],  # type: ignore[misc]
                ))
    return charts


def _figure_groups(blocks: list[TextBlock]) -> list[FigureGroup]:
    """One group per top-level context block and per child of it that states figures."""
    groups = []
    for block in blocks:
        for part in [block, *block.children]:
            own = part if part is not block else block.model_copy(update={"children": []})
            rows = list(_figure_rows(_block_figures(own), 0))
            if rows:
                groups.append(FigureGroup(id=part.id, code=part.code, title=part.title, rows=rows))
    return groups


def _block_figures(block: TextBlock) -> Iterator[Figure]:
    yield from block.figures
    for child in block.children:
        yield from _block_figures(child)


def _figure_rows(figures: Iterable[Figure], depth: int) -> Iterator[FigureRow]:
    for figure in figures:
        yield FigureRow(figure=figure, depth=depth)
        yield from _figure_rows(figure.parts, depth + 1)


def _target_groups(strategy: Strategy, names: dict[str, str]) -> TargetGroups:
    served: dict[str, list[ServiceName]] = {}
    for service in strategy.services.services:
        for group in service.target_groups:
            served.setdefault(group, []).append(ServiceName(id=service.id, name=names[service.id]))
    return TargetGroups(
        priority=strategy.strategy.priority_target_groups,
        risk_groups=strategy.context.risk_groups,
        in_register=list(served.items()),
    )


def _directions(strategy: Strategy, level_name: dict[str, str]) -> dict[str, str]:
    """Per node id below the top level: its top-level ancestor as "level code" (its direction)."""
    found: dict[str, str] = {}
    for top in strategy.framework.nodes:
        name = " ".join(x for x in (level_name.get(top.level, top.level), top.code) if x)
        for node in iter_nodes(top.children):
            found[node.id] = name
    return found


def _ref(node: Node | None, level_name: dict[str, str], directions: dict[str, str]) -> NodeRef | None:
    if node is None:
        return None
    return NodeRef(id=node.id, level=level_name.get(node.level, node.level), code=node.code, title=node.title, within=directions.get(node.id))


def _node_indicators(strategy: Strategy) -> dict[str, list[NodeIndicator]]:
    """Indicators per node id: its own, its logframe row's and its monitoring groups'."""
    found: dict[str, list[NodeIndicator]] = {}
    for node in iter_nodes(strategy.framework.nodes):
        found[node.id] = [NodeIndicator(kind="own", text=i.text, target=i.target) for i in node.indicators]
    for row in strategy.logframe.rows if strategy.logframe else []:
        for kind, indicators in (("impact", row.impact_indicators), ("result", row.direct_results), ("effect", row.effect_indicators)):
            found.setdefault(row.objective, []).extend(NodeIndicator(kind=kind, text=i.text, target=i.target) for i in indicators)
    for group in strategy.implementation.monitoring_indicators:
        found.setdefault(group.objective or group.goal, []).extend(NodeIndicator(kind="monitoring", text=text) for text in group.indicators)
    return found


def _tree(
    node: Node, level_name: dict[str, str], names: dict[str, str], indicators: dict[str, list[NodeIndicator]], directions: dict[str, str]
) -> TreeNode:
    return TreeNode(
        id=node.id,
        level=level_name.get(node.level, node.level),
        code=node.code,
        title=node.title,
        within=directions.get(node.id),
        indicators=indicators.get(node.id, []),
        services=[ServiceName(id=sid, name=names.get(sid, sid)) for sid in node.services],
        services_inferred=list(node.services_inferred),
        children=[_tree(child, level_name, names, indicators, directions) for child in node.children],
    )


def _matrix(strategy: Strategy, nodes: dict[str, Node], level_name: dict[str, str], directions: dict[str, str]) -> list[MatrixRow]:
    if strategy.logframe is None:
        return []
    rows = []
    for row in strategy.logframe.rows:
        objective = _ref(nodes.get(row.objective), level_name, directions) or NodeRef(id=row.objective, level="", code=None, title=row.objective)
        rows.append(
            MatrixRow(
                id=row.id,
                objective=objective,
                measures=[ref for mid in row.measures if (ref := _ref(nodes.get(mid), level_name, directions))],
                means=row.means,
                impact=row.impact_indicators,
                results=row.direct_results,
                effect=row.effect_indicators,
                sources=row.sources,
                period=row.verification_period,
                src=row.src,
            )
        )
    return rows


def _service_table(strategy: Strategy, labels: Mapping[str, str], lang: str) -> ServiceTable:
    services = strategy.services.services
    years = {field: sorted({y for s in services for y in getattr(s, field)}) for field in ("capacity", "users", "staff")}
    rows = [
        ServiceRow(
            id=s.id,
            code=s.code,
            name=s.name,
            category=labels[f"category.{s.category}"],
            status=labels[f"status.{s.status.kind}"] if s.status else None,
            status_text=s.status.text if s.status else None,
            target_groups=s.target_groups,
            capacity=[capacity_cell(s.capacity.get(y), lang) for y in years["capacity"]],
            users=[capacity_cell(s.users.get(y), lang) for y in years["users"]],
            staff=[capacity_cell(s.staff.get(y), lang) for y in years["staff"]],
            financing=s.financing,
            provider=s.provider,
            src=s.src,
        )
        for s in services
    ]
    return ServiceTable(capacity_years=years["capacity"], users_years=years["users"], staff_years=years["staff"], rows=rows)


def _timeline(strategy: Strategy) -> Timeline:
    stages = strategy.implementation.stages
    period = strategy.strategy.period
    spans = [(st.years.start, st.years.end) for st in stages if st.years]
    first = min([period.start, *(a for a, _ in spans)])
    last = max([period.end, *(b for _, b in spans)])
    years = list(range(first, last + 1))
    return Timeline(
        years=years,
        stages=[
            TimelineStage(
                stage=st,
                first_column=st.years.start - first + 1 if st.years else None,
                last_column=st.years.end - first + 1 if st.years else None,
            )
            for st in stages
        ],
    )


_NOT_NUMBERS = frozenset({
    "code", "node_code", "parent_code", "expected", "previous", "year", "start", "end", "here", "there", "id",
    "since", "closed", "from", "to", "first", "last",
})
"""Message arguments that are codes, ordinals or years: printed as they are, never grouped."""
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_INDEX = re.compile(r"[^.\[\]]+|\[\d+\]")


def _names(strategy: Strategy, level_name: dict[str, str], directions: dict[str, str]) -> dict[str, str]:
    """A name for people per id: a node by its direction, level and code; a service, figure or indicator by its own words."""
    found: dict[str, str] = {}
    for node in iter_nodes(strategy.framework.nodes):
        ref = _ref(node, level_name, directions)
        assert ref is not None
        found[node.id] = ref.label
    for value in walk_models(strategy):
        ident = getattr(value, "id", None)
        if not isinstance(ident, str) or ident in found:
            continue
        if isinstance(value, Service):
            found[ident] = f"№ {value.code} {value.name}" if value.code else value.name
        elif isinstance(value, Figure):
            found[ident] = value.label
        elif isinstance(value, (Indicator, KeyIndicator)):
            found[ident] = value.text
    return found


def _subject(strategy: Strategy, file: Path, path: str, names: dict[str, str]) -> str | None:
    """The node, service, figure or indicator a finding's path leads into (the innermost one), by code and title."""
    value: Any = getattr(strategy, file.stem, None)
    found: str | None = None
    for token in _INDEX.findall(path):
        if value is None:
            break
        if token.startswith("["):
            index = int(token[1:-1])
            value = value[index] if isinstance(value, list) and index < len(value) else None
        elif isinstance(value, dict):
            value = value.get(token, value.get(int(token)) if token.isdigit() else None)
        else:
            value = getattr(value, token, None)
        if isinstance(value, Node):
            found = f"{names[value.id]} {value.title}"
        elif isinstance(value, (Service, Figure, Indicator, KeyIndicator)):
            found = names.get(value.id)
        elif getattr(value, "objective", None) in names and isinstance(getattr(value, "objective", None), str):
            found = names[value.objective]  # a logframe row: its objective
    return found


def _for_people(value: Any, key: str, names: dict[str, str], lang: str) -> Any:
    """A message argument as a report prints it: an id as its name, a number the language's way."""
    if isinstance(value, str) and value in names:
        return names[value]
    if lang == "bg" and key not in _NOT_NUMBERS:
        if (isinstance(value, (int, float)) and not isinstance(value, bool)) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
            return grouped(value, lang)
    return value


def _findings(
    validation: StrategyReport, strategy: Strategy, level_name: dict[str, str], directions: dict[str, str], lang: str
) -> list[FindingRow]:
    """Every finding told in the report's language, naming what it concerns; the file position stays for the editor."""
    root = Path(validation.path)
    names = _names(strategy, level_name, directions)
    rows = []
    for d in validation.diagnostics:
        file = Path(d.file)
        where = file.relative_to(root) if file.is_relative_to(root) else file
        told = d.model_copy(update={"args": {k: _for_people(v, k, names, lang) for k, v in d.args.items()}}) if d.message_id else d
        rows.append(
            FindingRow(
                severity=d.severity,
                code=d.code,
                subject=_subject(strategy, file, d.path, names),
                where=f"{where}:{d.line}:{d.column}",
                message=told.text(lang),
                acknowledged=d.acknowledged is not None,
            )
        )
    return rows


def all_strings(value: object) -> Iterator[str]:
    """Every string inside a model, for finding the abbreviations a report uses."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from all_strings(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from all_strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from all_strings(item)


# --- rendering -----------------------------------------------------------------------


def css_string(text: object) -> Markup:
    """``text`` as a quoted CSS string (for ``content:`` in the print CSS): letters, digits and plain
    punctuation as they are, every other character as a CSS escape, so data can neither end the string
    nor the ``<style>`` element."""
    safe = " .,:;–—()/-_№"
    return Markup('"' + "".join(c if c.isalnum() or c in safe else f"\\{ord(c):x} " for c in str(text)) + '"')


@cache
def environment(format: Format, lang: Lang, templates: Path | None = None) -> jinja2.Environment:
    """A Jinja environment for one format: HTML autoescaped, Markdown escaped by ``finalize``.

    One per format, language and template directory in a process, so its compiled templates
    are reused (a site renders hundreds of reports and plans); Jinja still reloads a template
    whose file changed.

    ``templates`` comes first on the search path, so a file there replaces the default
    of the same name and every other template still comes from the defaults.
    """
    paths = [str(templates)] if templates else []
    paths.append(str(templates_dir()))
    options: dict[str, Any] = dict(
        loader=jinja2.FileSystemLoader(paths),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    if format == "html":
        env = jinja2.Environment(autoescape=True, **options)
        env.filters["a"] = partial(mark_abbreviations, lang=lang)
        env.filters["css_string"] = css_string
    else:
        env = jinja2.Environment(autoescape=False, finalize=escape_markdown, **options)
        env.filters["lines"] = markdown_lines
    env.filters["num"] = lambda value, kind=None: grouped(value, lang, kind)
    env.filters["date"] = partial(human_date, lang=lang)
    return env


def render(context: ReportContext, format: Format, templates: Path | None = None) -> str:
    """The report text; a broken or missing template raises :class:`ReportError`."""
    try:
        env = environment(format, context.lang, templates)
        template = env.get_template(f"report.{format}.j2")
        return template.render(r=context, t=labels_for(context.lang))
    except jinja2.TemplateSyntaxError as exc:
        raise ReportError(f"template {exc.filename or exc.name}:{exc.lineno}: {exc.message}") from exc
    except jinja2.TemplateError as exc:
        raise ReportError(f"template error: {exc}") from exc


GITHUB_COMMENT_LIMIT = 65_536
"""GitHub refuses a pull-request comment longer than this many characters."""
SUMMARY_FINDINGS = 10
"""The most findings a summary lists: errors first, then warnings, then notes."""


def render_summary(context: ReportContext, templates: Path | None = None, limit: int = GITHUB_COMMENT_LIMIT) -> str:
    """A short Markdown report for a pull-request comment: the summary, the headline deltas, the validation
    status and the top findings; findings are dropped from the end until the text fits in ``limit`` characters."""
    order = {"error": 0, "warning": 1, "info": 2}
    ranked = sorted(context.findings, key=lambda f: (order.get(f.severity, 3), f.acknowledged))
    shown = min(SUMMARY_FINDINGS, len(ranked))
    try:
        template = environment("md", context.lang, templates).get_template("summary.md.j2")
        while True:
            text = template.render(r=context, t=labels_for(context.lang), findings=ranked[:shown], more=len(ranked) - shown)
            if len(text) < limit or shown == 0:
                break
            shown = max(0, shown - max(1, shown // 2))
    except jinja2.TemplateError as exc:
        raise ReportError(f"template error: {exc}") from exc
    if len(text) >= limit:  # the summary itself is too long for a comment: cut it, and say so
        cut = labels_for(context.lang)["summary_cut"]
        text = text[: limit - len(cut) - 3] + "\n" + cut + "\n"
    return text
