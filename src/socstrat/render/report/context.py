"""Reports: a typed context built from a strategy and its validation, laid out by Jinja templates and, for Word, by :mod:`.document`.

Every number and table of a report is computed in :mod:`socstrat.analysis` (the deltas) and
:mod:`socstrat.lint` (the validation); :func:`build_context` gathers them, with the builders of
:mod:`.changes`, :mod:`.framework` and :mod:`.findings`, into the view models of :mod:`.views`.
The templates only lay them out (:mod:`.environment`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cache

from pydantic import BaseModel

from socstrat import __version__
from socstrat.analysis.deltas import DeltaReport, DeltasError, compute_deltas
from socstrat.i18n.catalog import Lang, labels_for
from socstrat.lint.engine import LevelCount, StrategyReport
from socstrat.model import Figure, Strategy, TextBlock
from socstrat.model.queries import iter_nodes
from socstrat.model.refs import ServiceName
from socstrat.render.report import changes, findings, framework
from socstrat.render.report.abbreviations import used_in
from socstrat.render.report.environment import environment, render
from socstrat.render.report.summary import GITHUB_COMMENT_LIMIT, render_summary
from socstrat.render.report.views import (
    DELTA_VIEWS,
    SECTION_IDS,
    FigureGroup,
    GlossaryEntry,
    IndentedFigure,
    MonitoringRow,
    RegisterRow,
    ReportContext,
    ReportError,
    ReportSummary,
    SectionTitle,
    ServiceTable,
    TargetGroups,
    Timeline,
    TimelineStage,
    TitleBlock,
    ValidationStatus,
)
from socstrat.render.tables import generation_date
from socstrat.render.text import capacity_cell

__all__ = [  # build_context, report_deltas and all_strings are this module's; the others live in views, environment and summary and
    # stay importable from here, as before the split, for code written against it (other branches, library users)
    "GITHUB_COMMENT_LIMIT",
    "SECTION_IDS",
    "ReportContext",
    "ReportError",
    "all_strings",
    "build_context",
    "environment",
    "generation_date",
    "render",
    "render_summary",
    "report_deltas",
]


def build_context(
    strategy: Strategy,
    validation: StrategyReport,
    *,
    lang: Lang = "bg",
    from_year: int | None = None,
    to_year: int | None = None,
    generated: date | None = None,
    deltas: dict[str, DeltaReport | DeltasError] | None = None,
) -> ReportContext:
    """Gather what the report shows; the glossary lists the abbreviations the rest uses.

    ``deltas`` (from :func:`report_deltas`, for the same years) lets a caller that builds the
    report in several languages compute them once: they hold numbers and codes, no words."""
    labels = labels_for(lang)
    s = strategy.strategy
    deltas = report_deltas(strategy, from_year, to_year) if deltas is None else deltas
    level_name = {lvl.key: (lvl.name_en or lvl.name) if lang == "en" else lvl.name for lvl in s.levels}
    nodes = {node.id: node for node in iter_nodes(strategy.framework.nodes)}
    directions = framework.node_directions(strategy, level_name)
    indicators = framework.node_indicators(strategy)
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
        sections=[SectionTitle(id=sid, title=labels[f"section.{sid}"]) for sid in SECTION_IDS],
        summary=_summary(validation, level_name, deltas, labels, lang),
        context_figures=_figure_groups(strategy.context.sections),
        vision=s.vision,
        logframe_vision=strategy.logframe.vision if strategy.logframe else None,
        values=s.values,
        principles=s.principles,
        target_groups=_target_groups(strategy, names),
        level_names=[level_name[lvl.key] for lvl in s.levels],
        tree=[framework.tree(node, level_name, names, indicators, directions) for node in strategy.framework.nodes],
        matrix=framework.matrix(strategy, nodes, level_name, directions),
        monitoring=[
            MonitoringRow(
                id=group.id,
                goal=framework.node_ref(nodes.get(group.goal), level_name, directions),
                objective=framework.node_ref(nodes.get(group.objective or ""), level_name, directions),
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
        deltas=[changes.delta_view(view, report, s.title, labels, lang) for view, report in deltas.items()],
        shares_differ=changes.shares_differ(deltas, labels, lang),
        timeline=_timeline(strategy),
        findings=findings.finding_rows(validation, strategy, level_name, directions, lang),
        glossary=[],
    )
    used = used_in(all_strings(context), also=_catalog_abbreviations(lang))
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
) -> ReportSummary:
    counts = validation.summary
    levels = [LevelCount(key=lvl.key, name=level_name[lvl.key], count=lvl.count) for lvl in counts.levels]
    by_severity = {sev: sum(1 for d in validation.diagnostics if d.severity == sev) for sev in ("error", "warning", "info")}
    return ReportSummary(
        levels=levels,
        indicators=counts.indicators,
        services=counts.services,
        headlines=changes.headlines(deltas, labels, lang),
        validation=ValidationStatus(
            valid=validation.valid,
            errors=by_severity["error"],
            warnings=by_severity["warning"],
            infos=by_severity["info"],
            acknowledged=sum(1 for d in validation.diagnostics if d.acknowledged is not None),
        ),
    )


def report_deltas(strategy: Strategy, from_year: int | None = None, to_year: int | None = None) -> dict[str, DeltaReport | DeltasError]:
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




@cache
def _catalog_abbreviations(lang: Lang) -> frozenset[str]:
    """The abbreviations the report's own labels use: the same for every report in ``lang``."""
    return frozenset(a.short for a in used_in(labels_for(lang).values()))


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


def _figure_rows(figures: Iterable[Figure], depth: int) -> Iterator[IndentedFigure]:
    for figure in figures:
        yield IndentedFigure(figure=figure, depth=depth)
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




def _service_table(strategy: Strategy, labels: Mapping[str, str], lang: str) -> ServiceTable:
    services = strategy.services.services
    years = {field: sorted({y for s in services for y in getattr(s, field)}) for field in ("capacity", "users", "staff")}
    rows = [
        RegisterRow(
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




def all_strings(value: object) -> list[str]:
    """Every string inside a model (in no particular order), for finding the abbreviations a report uses.

    An explicit stack and each model class's field names looked up once: a report's context holds
    tens of thousands of values, and recursive generators cost more than the search itself."""
    found: list[str] = []
    stack = [value]
    fields: dict[type, tuple[str, ...]] = {}
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, BaseModel):
            kind = type(item)
            names = fields.get(kind)
            if names is None:
                names = fields[kind] = tuple(kind.model_fields)
            held = item.__dict__
            stack.extend(held[name] for name in names)
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return found


