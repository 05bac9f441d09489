"""Reports: a typed context built from a strategy and its validation, laid out by Jinja templates.

Every number and table of a report is computed here (or in :mod:`socstrat.validation`
and :mod:`socstrat.deltas`); the templates only lay them out. The default templates
are in ``templates/`` (see :func:`socstrat.resources.templates_dir`); a directory
given with ``--templates`` overrides any of them by name. HTML is autoescaped; the
Markdown environment escapes every value with :func:`escape_markdown`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, Literal

import jinja2
from pydantic import BaseModel

from socstrat import __version__
from socstrat.analysis.deltas import DeltaReport, DeltaRow, DeltasError, NoFigures, YearNotFound, compute_deltas
from socstrat.i18n.catalog import labels_for
from socstrat.io.loading import load_strategy
from socstrat.io.resources import templates_dir
from socstrat.lint.engine import StrategyReport, validate_loaded
from socstrat.model import (
    Adoption,
    ExpectedResults,
    Figure,
    Indicator,
    KeyIndicator,
    Node,
    Period,
    SourceDocument,
    Stage,
    Strategy,
    TextBlock,
)
from socstrat.model.queries import iter_nodes
from socstrat.render.deltas import Line, cell_text, format_value, group_name, note_texts, share_sentence, total_line
from socstrat.render.deltas import columns as delta_columns
from socstrat.render.deltas import headers as delta_headers
from socstrat.render.deltas import sections as delta_sections
from socstrat.render.deltas import title as delta_title
from socstrat.render.report.abbreviations import mark_abbreviations, used_in
from socstrat.render.report.charts import BarChart, bar_chart
from socstrat.render.tables import generation_date
from socstrat.render.text import capacity_cell, escape_markdown, markdown_lines, number

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


class LevelCount(BaseModel):
    key: str
    name: str
    count: int


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


class ServiceRef(BaseModel):
    id: str
    name: str


class NodeRef(BaseModel):
    id: str
    level: str
    code: str | None
    title: str


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
    indicators: list[NodeIndicator]
    services: list[ServiceRef]
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
    in_register: list[tuple[str, list[ServiceRef]]]


class FindingRow(BaseModel):
    severity: str
    code: str
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
    timeline: Timeline
    findings: list[FindingRow]
    glossary: list[GlossaryEntry]


class ReportResult(BaseModel):
    """A rendered report, or none when the strategy could not be loaded; and its validation."""

    text: str | None
    validation: StrategyReport


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
        tree=[_tree(node, level_name, names, indicators) for node in strategy.framework.nodes],
        matrix=_matrix(strategy, nodes, level_name),
        monitoring=[
            MonitoringRow(
                id=group.id,
                goal=_ref(nodes.get(group.goal), level_name),
                objective=_ref(nodes.get(group.objective or ""), level_name),
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
        deltas=[_delta_view(view, report, labels, lang) for view, report in deltas.items()],
        timeline=_timeline(strategy),
        findings=_findings(validation, lang),
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


def _headlines(deltas: dict[str, DeltaReport | DeltasError], labels: Mapping[str, str], lang: str) -> list[Headline]:
    """Capacity and institutional share from the register; staff from the staffing table when there is one."""
    register, table = deltas["services"], deltas["staffing"]
    headlines = []
    if isinstance(register, DeltaReport):
        headlines.append(_headline(register, labels["capacity_total"], "capacity", lang))
    staff = table if isinstance(table, DeltaReport) else register
    if isinstance(staff, DeltaReport) and staff.total.staff_from is not None:
        headlines.append(_headline(staff, labels["staff_total"], "staff", lang))
    if isinstance(register, DeltaReport):
        share = register.institutional_share
        headlines.append(
            Headline(
                label=labels["institutional_share"],
                value=_span(register, format_value(share.from_, "percent", lang, signed=False), format_value(share.to, "percent", lang, signed=False)),
                change=None if register.snapshot else f"{format_value(round((share.to - share.from_) * 100, 1), 'delta', lang)} {labels['percentage_points']}",
            )
        )
    return headlines


def _headline(report: DeltaReport, label: str, what: str, lang: str) -> Headline:
    before, after, delta = (getattr(report.total, f"{what}_{end}") for end in ("from", "to", "delta"))
    return Headline(
        label=label,
        value=_span(report, format_value(before, "number", lang, signed=False), format_value(after, "number", lang, signed=False)),
        change=None if report.snapshot else format_value(delta, "delta", lang),
    )


def _span(report: DeltaReport, before: str, after: str) -> str:
    if report.snapshot:
        return f"{before} ({report.from_year})"
    return f"{before} ({report.from_year}) → {after} ({report.to_year})"


def _delta_view(view: str, report: DeltaReport | DeltasError, labels: Mapping[str, str], lang: str) -> DeltaView:
    title = labels[f"deltas_view_{view}"]
    if isinstance(report, DeltasError):
        return DeltaView(view=view, title=title, table=None, unavailable=_unavailable(report, view, labels))
    cols = delta_columns(report)

    def line(printed: Line) -> DeltaLine:
        return DeltaLine(
            level=printed.level,
            id=printed.cells.get("id") if printed.level == "row" else None,
            cells=[cell_text(report, printed, key, kind, lang) for key, kind in cols],
        )

    return DeltaView(
        view=view,
        title=title,
        unavailable=None,
        table=DeltaTable(
            view=view,
            title=f"{delta_title(report, lang)} — {title}",
            headers=delta_headers(report, lang),
            numeric=[kind not in ("text", "change") for _, kind in cols],
            sections=[DeltaSection(group=sec.group, lines=[line(x) for x in sec.lines]) for sec in delta_sections(report, lang)],
            total=line(total_line(report, lang)),
            share=share_sentence(report, lang),
            notes=note_texts(report, lang),
            charts=_delta_charts(report, labels, lang),
        ),
    )


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
            rows = [(label, _whole(a), _whole(b)) for label, a, b in rows if a is not None or b is not None]
            if rows:
                title = labels[f"chart_{what}_per_{per}"]
                charts.append(bar_chart(f"chart-{report.view}-{what}-{per}", title, rows, before, after))
    return charts


def _whole(value: float | None) -> int | None:
    return None if value is None else round(value)


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
    served: dict[str, list[ServiceRef]] = {}
    for service in strategy.services.services:
        for group in service.target_groups:
            served.setdefault(group, []).append(ServiceRef(id=service.id, name=names[service.id]))
    return TargetGroups(
        priority=strategy.strategy.priority_target_groups,
        risk_groups=strategy.context.risk_groups,
        in_register=list(served.items()),
    )


def _ref(node: Node | None, level_name: dict[str, str]) -> NodeRef | None:
    if node is None:
        return None
    return NodeRef(id=node.id, level=level_name.get(node.level, node.level), code=node.code, title=node.title)


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


def _tree(node: Node, level_name: dict[str, str], names: dict[str, str], indicators: dict[str, list[NodeIndicator]]) -> TreeNode:
    return TreeNode(
        id=node.id,
        level=level_name.get(node.level, node.level),
        code=node.code,
        title=node.title,
        indicators=indicators.get(node.id, []),
        services=[ServiceRef(id=sid, name=names.get(sid, sid)) for sid in node.services],
        children=[_tree(child, level_name, names, indicators) for child in node.children],
    )


def _matrix(strategy: Strategy, nodes: dict[str, Node], level_name: dict[str, str]) -> list[MatrixRow]:
    if strategy.logframe is None:
        return []
    rows = []
    for row in strategy.logframe.rows:
        objective = _ref(nodes.get(row.objective), level_name) or NodeRef(id=row.objective, level="", code=None, title=row.objective)
        rows.append(
            MatrixRow(
                id=row.id,
                objective=objective,
                measures=[ref for mid in row.measures if (ref := _ref(nodes.get(mid), level_name))],
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


def _findings(validation: StrategyReport, lang: str) -> list[FindingRow]:
    """Every finding told in the report's language; the file position stays for the editor."""
    root = Path(validation.path)
    rows = []
    for d in validation.diagnostics:
        file = Path(d.file)
        where = file.relative_to(root) if file.is_relative_to(root) else file
        rows.append(
            FindingRow(
                severity=d.severity,
                code=d.code,
                where=f"{where}:{d.line}:{d.column}",
                message=d.text(lang),
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


def environment(format: Format, lang: Lang, templates: Path | None = None) -> jinja2.Environment:
    """A Jinja environment for one format: HTML autoescaped, Markdown escaped by ``finalize``.

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
    else:
        env = jinja2.Environment(autoescape=False, finalize=escape_markdown, **options)
        env.filters["lines"] = markdown_lines
    env.filters["num"] = partial(number, lang=lang)
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


def make_report(
    path: str | Path,
    *,
    format: Format = "html",
    lang: Lang = "bg",
    templates: Path | None = None,
    from_year: int | None = None,
    to_year: int | None = None,
    generated: date | None = None,
) -> ReportResult:
    """Validate the strategy at ``path`` and render its report; no text if it does not load.

    Raises :class:`ReportError` for years the data lacks and for a broken template.
    """
    loaded = load_strategy(path)
    validation = validate_loaded(loaded)
    if loaded.strategy is None:
        return ReportResult(text=None, validation=validation)
    context = build_context(loaded.strategy, validation, lang=lang, from_year=from_year, to_year=to_year, generated=generated)
    return ReportResult(text=render(context, format, templates), validation=validation)

