"""Reporting completeness: how much of what a year's monitoring file should hold it holds.

Computed here, below both ``lint`` (rule P011) and ``analysis`` (``progress`` and the
annual report), so that the finding and the figure shown are the same number. What a
year is expected to report (docs/monitoring.md):

- **services**: every service of the register the plan has running in the year (its
  planned places are not 0; unknown places count as running);
- **activities due**: every activity whose end falls in the year or earlier and was not
  closed (done, cancelled, merged) in an earlier year; the end is the ``due`` year a
  monitoring file of this or an earlier year set, else the end of its stage or of the
  strategy's period;
- **indicators**: every indicator with a structured target reading, and every indicator
  an earlier year reported.

An entry counts as reported when it carries a value: a service a status or a figure, an
activity its status, an indicator a value or an assessment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, computed_field

from .monitoring import MonitoringFile
from .plan import activity_timing, planned_figures
from .queries import indicators, iter_nodes, key_indicators
from .thresholds import DEFAULT_THRESHOLDS, Thresholds

if TYPE_CHECKING:
    from . import Indicator, KeyIndicator, Strategy

CLOSED = frozenset({"done", "cancelled", "merged"})
KINDS = ("services", "activities", "indicators")


class Share(BaseModel):
    """Of ``expected`` entries, ``reported`` carry a value; ``missing`` are the ids that do not."""

    expected: int
    reported: int
    missing: list[str]

    @computed_field  # type: ignore[prop-decorator]
    @property
    def share(self) -> float | None:
        """The reported fraction; None when nothing is expected."""
        return round(self.reported / self.expected, 4) if self.expected else None


class Completeness(BaseModel):
    """The completeness of one reporting year, per kind of entry."""

    year: int
    services: Share
    activities: Share
    indicators: Share
    threshold: float

    def below(self) -> list[str]:
        """The kinds whose share is below the threshold."""
        return [kind for kind in KINDS if (share := getattr(self, kind).share) is not None and share < self.threshold]


def thresholds_of(strategy: Strategy) -> Thresholds:
    """The strategy's own thresholds (``strategy.yaml``, ``thresholds:``), else the documented defaults."""
    return strategy.strategy.thresholds or DEFAULT_THRESHOLDS


def _share(expected: list[str], reported: set[str]) -> Share:
    missing = [ident for ident in expected if ident not in reported]
    return Share(expected=len(expected), reported=len(expected) - len(missing), missing=missing)


def activities_due(strategy: Strategy, year: int) -> list[str]:
    """The activities a file for ``year`` is expected to give a status (see the module docstring)."""
    stages = {st.id: st.years for st in strategy.implementation.stages if st.years is not None}
    timing = activity_timing(strategy.framework.nodes, stages, strategy.strategy.period)
    earlier = [strategy.monitoring[y] for y in sorted(strategy.monitoring) if y <= year]
    due: dict[str, int] = {}
    closed: set[str] = set()
    for report in earlier:
        for actual in report.activities:
            if actual.due is not None:
                due[actual.activity] = actual.due
            if report.year < year and actual.status in CLOSED:
                closed.add(actual.activity)
    last = strategy.strategy.levels[-1].key
    found = []
    for node in iter_nodes(strategy.framework.nodes):
        if node.level != last or node.id in closed or node.id not in timing:
            continue
        end = due.get(node.id, timing[node.id][0].end)
        if end <= year:
            found.append(node.id)
    return found


def completeness(strategy: Strategy, year: int) -> Completeness:
    """The reporting completeness of ``year``'s monitoring file (which must exist)."""
    report: MonitoringFile = strategy.monitoring[year]
    running = [ident for ident, planned in planned_figures(strategy, year).items() if planned.places.value != 0]
    services = {
        r.service for r in report.services
        if r.status is not None or r.places is not None or r.users is not None or r.staff is not None or r.spending
    }
    known: dict[str, Indicator | KeyIndicator] = {**indicators(strategy), **key_indicators(strategy)}
    before = {r.indicator for y, f in strategy.monitoring.items() if y < year for r in f.indicators}
    wanted = [ident for ident, ind in known.items() if ind.target_reading is not None or ident in before]
    measured = {r.indicator for r in report.indicators if r.value is not None or r.assessment}
    return Completeness(
        year=year,
        services=_share(running, services),
        activities=_share(activities_due(strategy, year), {a.activity for a in report.activities}),
        indicators=_share(wanted, measured),
        threshold=thresholds_of(strategy).monitoring_completeness,
    )

