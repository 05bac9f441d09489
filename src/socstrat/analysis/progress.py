"""Progress of a strategy in one reporting year: the plan against the monitoring actuals.

Everything here is numbers and codes; renderers put them into words in either language.
The measures are defined in ``docs/progress.md``:

- **services**: planned places and staff for the year, exactly as the annual plan
  shows them (:func:`socstrat.model.plan.planned_figures`: stated, carried, derived
  or unknown, never interpolated), against the reported ones; the gap is actual −
  planned; within ±15 % of the plan is ``on_plan`` (TolaData's on-track margin),
  below ``behind``, above ``ahead``;
- **indicators** with a structured target reading: the share of the way from baseline
  to target covered, ``progress = (actual − baseline) / (target − baseline)``, against
  the share of the time elapsed, ``expected``; their ratio is banded as open-sdg bands
  its ProgressMeasure (0.95 / 0.6 / 0), and a met target is ``achieved``;
- **activities**: the reported status, and ``overdue`` when the stage it belongs to has
  ended and it is not done (nor cancelled or merged);
- **roll-up** per node of the framework: the mean completion of the activities under it
  that were reported, with its coverage (reported of all, cancelled and merged ones
  left out), withheld below ``thresholds.rollup_coverage``
  (:func:`socstrat.analysis.figures.coverage`).

A value that was not reported is ``None`` and a status ``not_reporting``; neither is
ever counted as 0.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from pydantic import BaseModel

from socstrat.analysis.figures import coverage
from socstrat.model import Indicator, KeyIndicator, MonitoringFile, Node, Strategy, TargetReading
from socstrat.model.completeness import Completeness, completeness
from socstrat.model.monitoring import RUNNING, IndicatorReport, ServiceReport
from socstrat.model.plan import Basis, ServiceFigure, activity_timing, planned_figures
from socstrat.model.queries import indicators as all_indicators
from socstrat.model.queries import iter_nodes, key_indicators
from socstrat.model.thresholds import DEFAULT_THRESHOLDS, Thresholds

ON_PLAN_MARGIN = 0.15
"""A service within ±15 % of its planned places is on plan; an 'about' target is met within ±15 % (TolaData)."""
COMPLETION = {"done": 1.0, "in_progress": 0.5, "delayed": 0.25, "not_started": 0.0}
"""How far an activity is, for the roll-up; cancelled, merged and unreported activities do not count."""
CLOSED_ACTIVITY = {"done", "cancelled", "merged"}

ServiceProgressStatus = Literal["on_plan", "behind", "ahead", "not_opened", "suspended", "closed", "no_plan", "not_reporting"]
IndicatorStatus = Literal["achieved", "on_track", "moderate", "limited", "regressing", "qualitative", "unable_to_assess", "not_reporting"]
Evaluation = Literal["annual", "mid_term", "final"]
BANDS: tuple[tuple[float, IndicatorStatus], ...] = ((0.95, "on_track"), (0.6, "moderate"), (0.0, "limited"))
"""Observed progress ÷ expected progress → status, as open-sdg bands its ProgressMeasure."""

SERVICE_STATUSES: tuple[str, ...] = ServiceProgressStatus.__args__  # type: ignore[attr-defined]
INDICATOR_STATUSES: tuple[str, ...] = IndicatorStatus.__args__  # type: ignore[attr-defined]
ACTIVITY_STATUSES = ("done", "in_progress", "delayed", "not_started", "cancelled", "merged", "not_reporting")


class NoMonitoring(Exception):
    """The strategy has no monitoring files: there is nothing to measure progress with."""


class YearNotReported(Exception):
    """The year asked for has no monitoring file."""

    def __init__(self, year: int, available: list[int]) -> None:
        super().__init__(f"no monitoring file for {year}; reported years: {', '.join(map(str, available))}")
        self.year = year
        self.available = available


class Point(BaseModel):
    """One year's value of a series; null when that year's file does not report it."""

    year: int
    value: float | None


class ServiceProgress(BaseModel):
    id: str
    name: str
    category: str
    reported_status: str | None
    planned_places: int | None
    planned_basis: Basis
    planned_year: int | None
    """The year of the source cell the planned places come from (the plan's figure, see ``socstrat plan``)."""
    places: int | None
    places_gap: int | None
    planned_staff: int | None
    staff_basis: Basis
    staff_year: int | None
    staff: float | None
    staff_gap: float | None
    users: int | None
    spending: dict[str, float]
    status: ServiceProgressStatus
    remarks: list[str]
    places_series: list[Point]
    users_series: list[Point]


class Reading(BaseModel):
    comparison: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    direction: str | None
    year: int


class IndicatorProgress(BaseModel):
    id: str
    text: str
    target: str | None
    reading: Reading | None
    baseline: float | None
    baseline_year: int | None
    baseline_source: Literal["reading", "monitoring", "implicit_zero"] | None
    actual: float | None
    unit: str | None
    source: str | None
    assessment: str | None
    progress: float | None
    expected: float | None
    ratio: float | None
    status: IndicatorStatus
    series: list[Point]


class ActivityProgress(BaseModel):
    id: str
    code: str | None
    title: str
    status: str
    stage_start: int
    stage_end: int
    timing: Literal["stage", "period", "due"]
    overdue: bool
    merged_into: str | None
    account: str | None
    evidence: list[str]


class NodeProgress(BaseModel):
    """A node above the activities, with what is under it.

    ``completion`` is over the ``reported`` of its ``activities_counted`` activities (cancelled
    and merged ones are not counted); it is None, ``withheld: coverage``, when fewer than
    the roll-up coverage threshold of them are reported.
    """

    id: str
    level: str
    code: str | None
    title: str
    depth: int
    completion: float | None
    reported: int = 0
    activities_counted: int = 0
    withheld: Literal["coverage"] | None = None
    activities: dict[str, int]
    overdue: int
    indicators: dict[str, int]


class Totals(BaseModel):
    planned_places: int | None
    places: int | None
    planned_staff: int | None
    staff: float | None
    users: int | None
    services_counted: int
    """Services whose planned and reported places are both known; the totals sum those only."""


class ProgressReport(BaseModel):
    """The progress of one strategy in one reporting year: the JSON contract of ``socstrat progress``."""

    strategy: str
    municipality: str
    period: tuple[int, int]
    year: int
    year_of_period: int
    evaluation: Evaluation
    years: list[int]
    reported: str
    reported_by: str
    illustrative: bool
    illustrative_notes: list[str]
    counts: dict[str, dict[str, int]]
    totals: Totals
    services: list[ServiceProgress]
    indicators: list[IndicatorProgress]
    activities: list[ActivityProgress]
    rollup: list[NodeProgress]
    not_reported: dict[str, list[str]]
    completeness: Completeness
    """The share of services, activities due and indicators with a value (the numbers rule P011 checks)."""


# --- services ------------------------------------------------------------------------


def service_status(report: ServiceReport | None, planned: ServiceFigure) -> ServiceProgressStatus:
    """A service's status in the year: the reported state first, then the places against the plan."""
    if report is None or (report.status is None and report.places is None):
        return "not_reporting"
    if report.status == "not_opened":
        return "not_opened"
    if report.status in {"closed", "transformed"}:
        return "closed"
    if report.status == "suspended":
        return "suspended"
    if report.places is None:
        # A club financed as a local activity ('МД') has no places to count; it runs or it does not.
        return "no_plan" if planned.value is None and report.status in RUNNING else "not_reporting"
    if planned.value is None:
        return "no_plan"
    gap = report.places - planned.value
    if abs(gap) <= ON_PLAN_MARGIN * planned.value:
        return "on_plan"
    return "behind" if gap < 0 else "ahead"


def _gap(actual: float | None, planned: int | None) -> float | None:
    return None if actual is None or planned is None else round(actual - planned, 2)


def _services(strategy: Strategy, year: int, files: dict[int, MonitoringFile]) -> list[ServiceProgress]:
    current = {r.service: r for r in files[year].services}
    plan = planned_figures(strategy, year)
    rows = []
    for service in strategy.services.services:
        report = current.get(service.id)
        planned, staff_plan = plan[service.id].places, plan[service.id].staff
        history = {y: next((r for r in f.services if r.service == service.id), None) for y, f in files.items()}
        rows.append(
            ServiceProgress(
                id=service.id,
                name=service.name,
                category=service.category,
                reported_status=report.status if report else None,
                planned_places=planned.value,
                planned_basis=planned.basis,
                planned_year=planned.year,
                places=report.places if report else None,
                places_gap=None if report is None or report.places is None or planned.value is None else report.places - planned.value,
                planned_staff=staff_plan.value,
                staff_basis=staff_plan.basis,
                staff_year=staff_plan.year,
                staff=report.staff if report else None,
                staff_gap=_gap(report.staff if report else None, staff_plan.value),
                users=report.users if report else None,
                spending=dict(report.spending) if report else {},
                status=service_status(report, planned),
                remarks=report.remarks if report else [],
                places_series=[Point(year=y, value=r.places if r else None) for y, r in sorted(history.items())],
                users_series=[Point(year=y, value=r.users if r else None) for y, r in sorted(history.items())],
            )
        )
    return rows


def _totals(rows: list[ServiceProgress]) -> Totals:
    """Sums over services whose planned and reported places are both known (like with like)."""
    counted = [r for r in rows if r.planned_places is not None and r.places is not None]
    staffed = [r for r in rows if r.planned_staff is not None and r.staff is not None]
    users = [r.users for r in rows if r.users is not None]
    return Totals(
        planned_places=sum(r.planned_places or 0 for r in counted) if counted else None,
        places=sum(r.places or 0 for r in counted) if counted else None,
        planned_staff=sum(r.planned_staff or 0 for r in staffed) if staffed else None,
        staff=round(sum(r.staff or 0 for r in staffed), 2) if staffed else None,
        users=sum(users) if users else None,
        services_counted=len(counted),
    )


# --- indicators ----------------------------------------------------------------------


def target_met(reading: TargetReading, actual: float) -> bool:
    if reading.comparison == "range":
        assert reading.low is not None and reading.high is not None
        return reading.low <= actual <= reading.high
    value = reading.value
    assert value is not None
    if reading.comparison == "at_least":
        return actual >= value
    if reading.comparison == "at_most":
        return actual <= value
    if reading.comparison == "about":
        return abs(actual - value) <= ON_PLAN_MARGIN * abs(value)
    return actual == value


def target_point(reading: TargetReading, actual: float, baseline: float | None) -> float:
    """The number progress is measured toward: the value, or for a range the edge nearer to where things stand."""
    if reading.comparison != "range":
        assert reading.value is not None
        return reading.value
    assert reading.low is not None and reading.high is not None
    start = baseline if baseline is not None else actual
    return reading.low if start < reading.low else reading.high


def indicator_progress(
    reading: TargetReading,
    actual: float,
    year: int,
    baseline: float | None,
    baseline_year: int,
    target_year: int,
) -> tuple[IndicatorStatus, float | None, float | None, float | None, bool]:
    """(status, progress, expected, ratio, implicit zero baseline) of one indicator; see docs/progress.md."""
    if target_met(reading, actual):
        return "achieved", 1.0, None, None, False
    implicit = False
    target = target_point(reading, actual, baseline)
    if baseline is None:
        wants = reading.wants() or ("increase" if reading.comparison == "range" and actual < target else None)
        if wants != "increase" or target <= 0:
            return "unable_to_assess", None, None, None, False
        baseline, implicit = 0.0, True
    if target == baseline:
        return "regressing", 0.0, None, None, implicit
    progress = round((actual - baseline) / (target - baseline), 4)
    span = target_year - baseline_year
    expected = round(min(max((year - baseline_year) / span, 0.0), 1.0), 4) if span > 0 else 1.0
    if progress < 0:
        return "regressing", progress, expected, None, implicit
    if expected == 0:
        return "on_track", progress, expected, None, implicit
    ratio = round(progress / expected, 4)
    status: IndicatorStatus = next((s for bound, s in BANDS if ratio >= bound), "limited")
    return status, progress, expected, ratio, implicit


def _indicators(strategy: Strategy, year: int, files: dict[int, MonitoringFile]) -> list[IndicatorProgress]:
    known: dict[str, Indicator | KeyIndicator] = {**all_indicators(strategy), **key_indicators(strategy)}
    reports: dict[int, dict[str, IndicatorReport]] = {y: {r.indicator: r for r in f.indicators} for y, f in files.items()}
    wanted = [i for i in known if known[i].target_reading is not None or any(i in reps for reps in reports.values())]
    period = strategy.strategy.period
    default_baseline_year = strategy.strategy.baseline_year or period.start - 1
    rows = []
    for ident in wanted:
        indicator = known[ident]
        reading = indicator.target_reading
        report = reports[year].get(ident)
        stated = [(y, reps[ident].baseline) for y, reps in sorted(reports.items()) if y <= year and ident in reps and reps[ident].baseline]
        baseline: float | None = None
        baseline_year = default_baseline_year
        source: Literal["reading", "monitoring", "implicit_zero"] | None = None
        if reading is not None and reading.baseline is not None:
            baseline, source = reading.baseline, "reading"
            baseline_year = reading.baseline_year or default_baseline_year
        elif stated:
            last = stated[-1][1]
            assert last is not None
            baseline, baseline_year, source = last.value, last.year, "monitoring"
        actual = report.value if report else None
        status: IndicatorStatus
        progress = expected = ratio = None
        if actual is None:
            status = "qualitative" if report is not None and report.assessment else "not_reporting"
        elif reading is None or (report is not None and not _comparable(report, indicator)):
            status = "unable_to_assess"
        else:
            status, progress, expected, ratio, implicit = indicator_progress(
                reading, actual, year, baseline, baseline_year, reading.year or period.end
            )
            if implicit:
                baseline, source = 0.0, "implicit_zero"
        rows.append(
            IndicatorProgress(
                id=ident,
                text=indicator.text,
                target=indicator.target,
                reading=Reading(
                    comparison=reading.comparison, value=reading.value, low=reading.low, high=reading.high,
                    unit=reading.unit, direction=reading.wants(), year=reading.year or period.end,
                ) if reading else None,
                baseline=baseline,
                baseline_year=baseline_year if baseline is not None else None,
                baseline_source=source,
                actual=actual,
                unit=report.unit if report else None,
                source=report.source if report else None,
                assessment=report.assessment if report else None,
                progress=progress,
                expected=expected,
                ratio=ratio,
                status=status,
                series=[Point(year=y, value=reps[ident].value if ident in reps else None) for y, reps in sorted(reports.items())],
            )
        )
    return rows


def _comparable(report: IndicatorReport, indicator: Indicator | KeyIndicator) -> bool:
    """Whether the reported unit is the indicator's (P005 reports the others)."""
    from socstrat.lint.rules.monitoring import _same_unit, indicator_unit

    unit = indicator_unit(indicator)
    return unit is None or _same_unit(report.unit or "", unit)


# --- activities and roll-up ----------------------------------------------------------


def _activities(strategy: Strategy, year: int, report: MonitoringFile) -> list[ActivityProgress]:
    levels = strategy.strategy.levels
    last = levels[-1].key
    stages = {st.id: st.years for st in strategy.implementation.stages if st.years is not None}
    timing = activity_timing(strategy.framework.nodes, stages, strategy.strategy.period)
    reported = {r.activity: r for r in report.activities}
    rows = []
    for node in iter_nodes(strategy.framework.nodes):
        if node.level != last and node.id not in reported:
            continue
        span, basis = timing[node.id]
        actual = reported.get(node.id)
        start, end = span.start, span.end
        kind: Literal["stage", "period", "due"] = "stage" if basis == "stage" else "period"
        if actual is not None and actual.due is not None:
            end, kind = actual.due, "due"
            start = min(start, end)
        status = actual.status if actual else "not_reporting"
        rows.append(
            ActivityProgress(
                id=node.id,
                code=node.code,
                title=node.title,
                status=status,
                stage_start=start,
                stage_end=end,
                timing=kind,
                overdue=actual is not None and end <= year and status not in CLOSED_ACTIVITY,
                merged_into=actual.merged_into if actual else None,
                account=actual.account if actual else None,
                evidence=actual.evidence if actual else [],
            )
        )
    return rows


def _node_indicator_ids(strategy: Strategy) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {node.id: [i.id for i in node.indicators] for node in iter_nodes(strategy.framework.nodes)}
    for row in strategy.logframe.rows if strategy.logframe else []:
        found.setdefault(row.objective, []).extend(
            i.id for i in [*row.impact_indicators, *row.direct_results, *row.effect_indicators]
        )
    return found


def _rollup(
    strategy: Strategy, activities: list[ActivityProgress], indicators: list[IndicatorProgress], thresholds: Thresholds,
) -> list[NodeProgress]:
    by_activity = {a.id: a for a in activities}
    by_indicator = {i.id: i for i in indicators}
    node_indicators = _node_indicator_ids(strategy)
    out: list[NodeProgress] = []

    def visit(node: Node, depth: int) -> tuple[list[float | None], Counter[str], int, Counter[str]]:
        """(completion of each counted activity under ``node``, None when unreported; statuses; overdue; indicator statuses)."""
        own = by_activity.get(node.id)
        statuses: Counter[str] = Counter()
        measured: Counter[str] = Counter(by_indicator[i].status for i in node_indicators.get(node.id, []) if i in by_indicator)
        if not node.children:
            if own is None:
                return [], statuses, 0, measured
            statuses[own.status] += 1
            counted = [] if own.status in ("cancelled", "merged") else [COMPLETION.get(own.status)]
            return counted, statuses, int(own.overdue), measured
        parts: list[float | None] = []
        overdue = 0
        entry = NodeProgress(
            id=node.id, level=node.level, code=node.code, title=node.title, depth=depth,
            completion=None, activities={}, overdue=0, indicators={},
        )
        out.append(entry)
        for child in node.children:
            child_parts, child_statuses, child_overdue, child_measured = visit(child, depth + 1)
            parts += child_parts
            statuses += child_statuses
            overdue += child_overdue
            measured += child_measured
        covered = coverage(parts, thresholds)
        entry.completion, entry.reported, entry.activities_counted, entry.withheld = (
            covered.completion, covered.reported, covered.activities, covered.withheld,
        )
        entry.activities = dict(sorted(statuses.items()))
        entry.overdue = overdue
        entry.indicators = dict(sorted(measured.items()))
        return parts, statuses, overdue, measured

    for node in strategy.framework.nodes:
        visit(node, 0)
    return out


# --- the report ----------------------------------------------------------------------


def evaluation_of(year_of_period: int, length: int) -> Evaluation:
    """The third year of a period is the mid-term evaluation, the last (fifth) the final one (Haskovo §5.3)."""
    if year_of_period == length and length >= 3:
        return "final"
    if year_of_period == 3 and length >= 5:
        return "mid_term"
    return "annual"


def compute_progress(strategy: Strategy, year: int | None = None, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> ProgressReport:
    """Progress in ``year`` (default: the latest reported year).

    Raises :class:`NoMonitoring` without monitoring files and :class:`YearNotReported`
    for a year that has none.
    """
    if not strategy.monitoring:
        raise NoMonitoring("the strategy has no monitoring files")
    available = sorted(strategy.monitoring)
    year = available[-1] if year is None else year
    if year not in strategy.monitoring:
        raise YearNotReported(year, available)
    files = {y: f for y, f in sorted(strategy.monitoring.items()) if y <= year}
    current = files[year]
    period = strategy.strategy.period
    services = _services(strategy, year, files)
    indicators = _indicators(strategy, year, files)
    activities = _activities(strategy, year, current)
    index = year - period.start + 1
    counts = {
        "services": {s: n for s in SERVICE_STATUSES if (n := sum(1 for r in services if r.status == s))},
        "indicators": {s: n for s in INDICATOR_STATUSES if (n := sum(1 for r in indicators if r.status == s))},
        "activities": {s: n for s in ACTIVITY_STATUSES if (n := sum(1 for r in activities if r.status == s))},
        "overdue": {"activities": sum(1 for a in activities if a.overdue)},
    }
    return ProgressReport(
        strategy=strategy.strategy.id,
        municipality=strategy.strategy.municipality,
        period=(period.start, period.end),
        year=year,
        year_of_period=index,
        evaluation=evaluation_of(index, period.end - period.start + 1),
        years=list(files),
        reported=current.reported.isoformat(),
        reported_by=current.reported_by,
        illustrative=any(f.illustrative for f in files.values()),
        illustrative_notes=list(dict.fromkeys(f.illustrative_note for f in files.values() if f.illustrative and f.illustrative_note)),
        counts=counts,
        totals=_totals(services),
        services=services,
        indicators=indicators,
        activities=activities,
        rollup=_rollup(strategy, activities, indicators, thresholds),
        not_reported={
            "services": [s.id for s in services if s.status == "not_reporting"],
            "indicators": [i.id for i in indicators if i.status == "not_reporting"],
            "activities": [a.id for a in activities if a.status == "not_reporting"],
        },
        completeness=completeness(strategy, year),
    )
