"""What the yearly monitoring workbook shows: the plan's figures for the year, last year's actuals, the entries to fill.

The planned places and staff are the annual plan's (:func:`~socstrat.analysis.plan.compute_plan`),
so the workbook, ``socstrat plan`` and the annual report show the same plan. Rows are
prefilled from the year's monitoring file when there is one, so that a second round of
the workbook starts from what was already reported.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from socstrat.analysis.plan import PlanFigure, compute_plan
from socstrat.io.workbook import Filled
from socstrat.lint.diagnostics import Diagnostic
from socstrat.model import Indicator, KeyIndicator, Strategy
from socstrat.model.completeness import CLOSED
from socstrat.model.monitoring import ActivityReport, Baseline, IndicatorReport, MonitoringFile, ServiceReport
from socstrat.model.plan import activity_timing
from socstrat.model.queries import indicators, iter_nodes, key_indicators


class TemplateService(BaseModel):
    id: str
    name: str
    places: PlanFigure
    staff: PlanFigure
    last: ServiceReport | None
    current: ServiceReport | None


class TemplateActivity(BaseModel):
    id: str
    code: str | None
    title: str
    end: int
    last: ActivityReport | None
    current: ActivityReport | None


class TemplateIndicator(BaseModel):
    id: str
    text: str
    target: str | None
    baseline: Baseline | None
    last: IndicatorReport | None
    current: IndicatorReport | None


class MonitoringTemplate(BaseModel):
    """The content of the workbook for one strategy and year."""

    strategy: str
    title: str
    municipality: str
    year: int
    illustrative: bool
    """The year's file or last year's, shown in the workbook, is illustrative: the workbook says so on every sheet."""
    current: MonitoringFile | None
    services: list[TemplateService]
    spending_sources: list[str]
    activities: list[TemplateActivity]
    indicators: list[TemplateIndicator]


def template_content(strategy: Strategy, year: int) -> MonitoringTemplate:
    """The workbook's content for ``year``; :class:`~socstrat.analysis.plan.PlanError` for a year outside the period.

    Activities: every activity under way in the year (its stage or the period has begun)
    that an earlier year did not report done, cancelled or merged, and every activity the
    year's file already reports. Indicators: all of them, key indicators first.
    """
    plan = compute_plan(strategy, year)
    current = strategy.monitoring.get(year)
    last = strategy.monitoring.get(year - 1)

    def by_id(entries: list[Any], key: str) -> dict[str, Any]:
        return {getattr(e, key): e for e in entries}

    services_now = by_id(current.services, "service") if current else {}
    services_then = by_id(last.services, "service") if last else {}
    services = [
        TemplateService(id=s.id, name=s.name, places=s.places, staff=s.staff, last=services_then.get(s.id), current=services_now.get(s.id))
        for s in plan.services
    ]
    sources: list[str] = []
    for s in strategy.services.services:
        sources += [f for f in s.financing if f not in sources]
    for report in (last, current):
        for entry in report.services if report else []:
            sources += [f for f in entry.spending if f not in sources]

    stages = {st.id: st.years for st in strategy.implementation.stages if st.years is not None}
    timing = activity_timing(strategy.framework.nodes, stages, strategy.strategy.period)
    closed = {a.activity for y, f in strategy.monitoring.items() if y < year for a in f.activities if a.status in CLOSED}
    due = {a.activity: a.due for y, f in sorted(strategy.monitoring.items()) if y <= year for a in f.activities if a.due is not None}
    activities_now = by_id(current.activities, "activity") if current else {}
    activities_then = by_id(last.activities, "activity") if last else {}
    leaf = strategy.strategy.levels[-1].key
    activities = [
        TemplateActivity(
            id=node.id, code=node.code, title=node.title, end=due.get(node.id) or timing[node.id][0].end,
            last=activities_then.get(node.id), current=activities_now.get(node.id),
        )
        for node in iter_nodes(strategy.framework.nodes)
        if node.id in activities_now
        or (node.level == leaf and node.id not in closed and timing[node.id][0].start <= year)
    ]

    known: dict[str, Indicator | KeyIndicator] = {**key_indicators(strategy), **indicators(strategy)}
    reports = {y: {r.indicator: r for r in f.indicators} for y, f in sorted(strategy.monitoring.items()) if y <= year}
    rows = []
    for ident, indicator in known.items():
        reading = indicator.target_reading
        baseline = None
        if reading is not None and reading.baseline is not None:
            baseline = Baseline(value=reading.baseline, year=reading.baseline_year or (strategy.strategy.baseline_year or strategy.strategy.period.start - 1))
        else:
            stated = [r[ident].baseline for r in reports.values() if ident in r and r[ident].baseline is not None]
            baseline = stated[-1] if stated else None
        rows.append(TemplateIndicator(
            id=ident, text=indicator.text, target=indicator.target, baseline=baseline,
            last=reports.get(year - 1, {}).get(ident), current=reports.get(year, {}).get(ident),
        ))
    return MonitoringTemplate(
        strategy=strategy.strategy.id, title=strategy.strategy.title, municipality=strategy.strategy.municipality,
        year=year, illustrative=any(f is not None and f.illustrative for f in (current, last)), current=current, services=services, spending_sources=sources, activities=activities, indicators=rows,
    )


class EntryChange(BaseModel):
    """One value of the year's file that the import changes: ``section`` (or ``file``), the entry's id, the field, before and after."""

    section: str
    id: str | None
    field: str
    old: Any = None
    new: Any = None


def entry_changes(old: MonitoringFile | None, new: MonitoringFile) -> list[EntryChange]:
    """What differs between two versions of a year's file, entry by entry and field by field (ids, not positions)."""
    before = old.model_dump(mode="json", exclude_defaults=True) if old else {}
    after = new.model_dump(mode="json", exclude_defaults=True)
    changes = [
        EntryChange(section="file", id=None, field=key, old=before.get(key), new=after.get(key))
        for key in ("reported", "reported_by") if before.get(key) != after.get(key)
    ]
    for section, key in (("services", "service"), ("activities", "activity"), ("indicators", "indicator")):
        was = {e[key]: e for e in before.get(section, [])}
        now = {e[key]: e for e in after.get(section, [])}
        for ident in dict.fromkeys([*was, *now]):
            a, b = was.get(ident, {}), now.get(ident, {})
            for name in dict.fromkeys([*a, *b]):
                if name != key and a.get(name) != b.get(name):
                    changes.append(EntryChange(section=section, id=ident, field=name, old=a.get(name), new=b.get(name)))
    return changes


class ImportOutcome(BaseModel):
    """What importing a workbook gives: the year, the new file's text (None when refused), the problems by cell, the diff."""

    year: int | None
    text: str | None
    problems: list[Diagnostic]
    changed: bool
    changes: list[EntryChange] = []

    @property
    def refused(self) -> bool:
        return self.text is None


def import_workbook(filled: Filled, strategy: Strategy, existing_text: str | None, year: int | None = None) -> ImportOutcome:
    """Check a read workbook against ``strategy`` and merge it into the year's file (``existing_text``).

    Refused (no text) when the workbook is of another strategy or year, names an unknown id,
    holds a formula, an error value or a value of the wrong kind, or makes a file the model
    rejects. Otherwise the rules a hand-written file meets run on the new file, and each
    finding in it is located at the cell it came from.
    """
    from socstrat.io.workbook import cell_of, check_identity, located, merge
    from socstrat.lint.engine import run_checks
    from socstrat.lint.registry import all_rules

    check_identity(filled, strategy, year)
    if filled.refused or filled.year is None:
        return ImportOutcome(year=filled.year, text=None, problems=_sorted(filled.problems), changed=False)
    merged = merge(filled, existing_text, filled.year)
    problems = [*filled.problems, *merged.problems]
    if merged.report is None or any(p.severity == "error" for p in merged.problems):
        return ImportOutcome(year=filled.year, text=None, problems=_sorted(problems), changed=False)
    updated = strategy.model_copy(update={"monitoring": {**strategy.monitoring, filled.year: merged.report}})
    stem = f"monitoring/{filled.year}"
    rules = {r.code: r for r in all_rules()}
    for finding in run_checks(updated, [r for r in rules.values() if r.code.startswith("P")]):
        if finding.file != stem:
            continue
        sheet, cell = cell_of(finding.loc, merged.origins, filled)
        if finding.message.startswith("P011."):  # the completeness of a kind: its sheet, even when the file has no entry of it
            sheet, cell = filled.sheets.get(finding.message.removeprefix("P011."), sheet), None
        problems.append(located(filled.path, sheet, cell, finding.code, rules[finding.code].severity, finding.message, finding.args))
    changed = merged.text != existing_text
    changes = entry_changes(strategy.monitoring.get(filled.year), merged.report)
    return ImportOutcome(year=filled.year, text=merged.text, problems=_sorted(problems), changed=changed, changes=changes)


def _sorted(problems: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(problems, key=lambda d: (d.path.split("!")[0], d.line, d.column, d.code))
