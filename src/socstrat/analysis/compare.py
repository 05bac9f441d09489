"""Strategies side by side: size, places and staff per inhabitant, institutions, counts, validation.

:func:`compare` takes opened strategies and returns a language-neutral
:class:`CompareReport`: for each strategy a list of :class:`Measure` (a key, the year
it is for, a number or the code of why there is none). Renderers word it.

- **Population and area** come from the situation analysis's own figures
  (``context.yaml``): the population is the first count of people whose label speaks of
  the population of the municipality ('Население на общината', 'население на община
  Казанлък'); later such figures are listed as alternatives. The area is a figure in
  square kilometres. A strategy that states neither is ``not_stated``, never 0.
- **Places and staff** are the sums of the service register for a year, as in
  ``socstrat deltas`` (services view): unknown cells (``МД``, ``-``, empty) are left
  out and counted in ``unknown``, so a reader sees how partial a sum is.
- **Shares, ratios and per-capita figures** are withheld (``missing: unknown_share``)
  when more than ``thresholds.unknown_share`` of the services they rest on are unknown
  (:mod:`socstrat.analysis.figures`); the change of places is like for like, as in
  ``socstrat deltas``.
- **Levels** are counted by position and carry each strategy's own name of the level
  (Kazanlak's second level is 'Непосредствена цел', not Haskovo's 'Обща цел').
- **Years** are per strategy: its baseline year (else its first year with figures) and
  its last year with figures, or one ``--year`` for all. A strategy with one year is a
  snapshot: its last-year and change measures are ``snapshot``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from socstrat.analysis.deltas import DeltaReport, DeltasError, compute_deltas
from socstrat.analysis.figures import Ratio, paired_ratio, ratio, total
from socstrat.lint.engine import SUMMARY_SLOTS
from socstrat.model import Figure, ServiceCategory, Strategy
from socstrat.model.base import Level
from socstrat.model.queries import all_figures
from socstrat.model.thresholds import DEFAULT_THRESHOLDS, Thresholds

if TYPE_CHECKING:
    from socstrat.api import Opened

Missing = Literal[
    "not_stated", "no_population", "no_figures", "no_staff", "snapshot", "no_year", "none_in_register", "no_level", "unknown_share",
]
Position = Literal["first", "last"]

CATEGORIES: tuple[ServiceCategory, ...] = ("specialised_institution", "residential", "community", "home_care", "club", "other")
PER_YEAR = ("places", "staff", "places_per_1000", "staff_per_1000", "places_per_staff", "institutional_share")
"""Measures computed at each compared year, in display order."""

_POPULATION = re.compile(r"населени(?:е|ето) на общин", re.IGNORECASE)
_PEOPLE_UNITS = {"жители", "души", "лица", "души население"}
_AREA_UNITS = re.compile(r"^(кв\.?\s*км|km2|km²|км2|км²)$", re.IGNORECASE)


class Measure(BaseModel):
    """One figure of one strategy: a number, or why there is none."""

    key: str
    position: Position | None = Field(default=None, description="first or last compared year, for per-year measures.")
    year: int | None = None
    value: int | float | None = None
    missing: Missing | None = None
    unknown: int | None = Field(default=None, description="Services whose figure is unknown and left out of this sum.")
    rows: int | None = Field(default=None, description="Services a sum, share or ratio rests on (``unknown`` of them unknown).")
    source: str | None = Field(default=None, description="Id of the context figure a stated measure comes from.")
    level: Level | None = Field(default=None, description="For a level count: the strategy's own level (key and names as it prints them).")


class StatedFigure(BaseModel):
    id: str
    value: int | float
    unit: str | None
    as_of: str | None
    label: str


class StrategyComparison(BaseModel):
    strategy: str
    municipality: str
    path: str
    period: tuple[int, int]
    years: list[int] = Field(description="The years compared: first and last, or one.")
    available_years: list[int]
    population: StatedFigure | None
    other_population_figures: list[StatedFigure] = Field(default_factory=list)
    area: StatedFigure | None
    not_stated: list[str] = Field(description="Keys of the figures this strategy does not state (population, area).")
    measures: list[Measure]
    valid: bool

    def get(self, key: str, position: Position | None = None) -> Measure:
        return next(m for m in self.measures if m.key == key and m.position == position)


class CompareReport(BaseModel):
    """What ``socstrat compare`` shows; ``model_dump(mode="json")`` is its JSON."""

    year: int | None = Field(description="The one year asked for with --year, or None for each strategy's own years.")
    strategies: list[StrategyComparison]


def population_figures(strategy: Strategy) -> list[Figure]:
    """Figures of the situation analysis that count the municipality's inhabitants, in document order."""
    return [
        f for f in all_figures(strategy.context)
        if f.value is not None and f.kind in (None, "count") and (f.unit or "") in _PEOPLE_UNITS and _POPULATION.search(f.label)
    ]


def area_figure(strategy: Strategy) -> Figure | None:
    return next((f for f in all_figures(strategy.context) if f.value is not None and _AREA_UNITS.match((f.unit or "").strip())), None)


def _stated(figure: Figure | None) -> StatedFigure | None:
    if figure is None or figure.value is None:
        return None
    return StatedFigure(id=figure.id, value=figure.value, unit=figure.unit, as_of=figure.as_of, label=figure.label)


def compare(opened: list[Opened], year: int | None = None, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> CompareReport:
    """Compare strategies that loaded (``opened[i].strategy`` is not None)."""
    return CompareReport(year=year, strategies=[_one(o, year, thresholds) for o in opened])


def _one(opened: Opened, year: int | None, thresholds: Thresholds) -> StrategyComparison:
    strategy = opened.strategy
    assert strategy is not None
    people = population_figures(strategy)
    population, area = _stated(people[0] if people else None), _stated(area_figure(strategy))
    report: DeltaReport | None
    try:
        report = compute_deltas(strategy, view="services", from_year=year, to_year=year, thresholds=thresholds)
    except DeltasError:
        report = None
    available = sorted({y for s in strategy.services.services for y in (*s.capacity, *s.staff)})
    measures: list[Measure] = []
    if population is not None:
        measures.append(Measure(key="population", value=population.value, source=population.id))
    else:
        measures.append(Measure(key="population", missing="not_stated"))
    if area is not None:
        measures.append(Measure(key="area", value=area.value, source=area.id))
    else:
        measures.append(Measure(key="area", missing="not_stated"))
    if population is not None and area is not None and area.value:
        measures.append(Measure(key="density", value=population.value / area.value))
    else:
        measures.append(Measure(key="density", missing="not_stated"))

    years: list[int] = []
    if report is not None:
        years = [report.from_year] if report.snapshot else [report.from_year, report.to_year]
    for position, side in (("first", "from"), ("last", "to")):
        if report is None:
            missing: Missing = "no_year" if year is not None else "no_figures"
            measures += [Measure(key=k, position=position, year=year, missing=missing) for k in PER_YEAR]
        elif report.snapshot and position == "last":
            measures += [Measure(key=k, position="last", missing="snapshot") for k in PER_YEAR]
        else:
            measures += _per_year(report, side, position, population.value if population else None, thresholds)  # type: ignore[arg-type]
    measures += _changes(report)
    measures += _categories(strategy, report)
    summary = opened.report.summary
    depth = len(strategy.strategy.levels)
    levels = strategy.strategy.levels
    measures += [
        Measure(key=slot, value=getattr(summary, slot), level=levels[i]) if i < depth else Measure(key=slot, missing="no_level")
        for i, slot in enumerate(SUMMARY_SLOTS)
    ]
    measures += [Measure(key=slot, value=getattr(summary, slot)) for slot in ("indicators", "services")]
    severities = Counter(d.severity for d in opened.report.diagnostics)
    measures += [Measure(key=f"findings_{s}", value=severities.get(s, 0)) for s in ("error", "warning", "info")]
    meta = strategy.strategy
    return StrategyComparison(
        strategy=meta.id, municipality=meta.municipality, path=opened.path, period=(meta.period.start, meta.period.end),
        years=years, available_years=available, population=population,
        other_population_figures=[s for s in (_stated(f) for f in people[1:]) if s is not None], area=area,
        not_stated=[k for k, v in (("population", population), ("area", area)) if v is None],
        measures=measures, valid=opened.valid,
    )


def _per_year(
    report: DeltaReport, side: Literal["from", "to"], position: Position, population: float | None, thresholds: Thresholds,
) -> list[Measure]:
    """Sums, per-capita figures, places per staff and the institutional share of one year, each decided in analysis/figures."""
    the_year = report.from_year if side == "from" else report.to_year
    capacity = [getattr(r, f"capacity_{side}") for r in report.rows]
    staff = [getattr(r, f"staff_{side}") for r in report.rows]
    places, staffed = total(capacity), total(staff)

    def summed(key: str, t: Any) -> Measure:
        return Measure(key=key, position=position, year=the_year, value=t.value, missing=None if t.value is not None else "no_figures",
                       unknown=t.unknown, rows=t.rows)

    def of(key: str, r: Ratio, zero: Missing = "no_figures") -> Measure:
        missing: Missing | None = None
        if r.value is None:
            missing = {"unknown_share": "unknown_share", "zero_base": zero}.get(r.withheld or "", "no_figures")
        return Measure(key=key, position=position, year=the_year, value=r.value, missing=missing, unknown=r.unknown, rows=r.rows)

    def per_1000(t: Any) -> Ratio:
        if population is None:
            return Ratio(value=None, withheld="zero_base", rows=t.rows, unknown=t.unknown)
        return ratio(t.value, population, t.rows, t.unknown, thresholds, scale=1000)

    basis = report.institutional_share.from_basis if side == "from" else report.institutional_share.to_basis
    return [
        summed("places", places),
        summed("staff", staffed),
        of("places_per_1000", per_1000(places), "no_population"),
        of("staff_per_1000", per_1000(staffed), "no_population"),
        of("places_per_staff", paired_ratio(zip(capacity, staff), thresholds), "no_staff"),
        of("institutional_share", basis),
    ]


def _changes(report: DeltaReport | None) -> list[Measure]:
    if report is None:
        return [Measure(key=k, missing="no_figures") for k in ("places_change", "staff_change")]
    if report.snapshot:
        return [Measure(key=k, year=report.from_year, missing="snapshot") for k in ("places_change", "staff_change")]
    sums = report.total
    return [
        Measure(key="places_change", year=report.to_year, value=sums.capacity_delta, missing=None if sums.capacity_delta is not None else "no_figures",
                unknown=sums.capacity_delta_left_out, rows=sums.capacity_delta_rows + sums.capacity_delta_left_out),
        Measure(key="staff_change", year=report.to_year, value=sums.staff_delta, missing=None if sums.staff_delta is not None else "no_staff",
                unknown=sums.staff_delta_left_out),
    ]


def _categories(strategy: Strategy, report: DeltaReport | None) -> list[Measure]:
    counts = Counter(s.category for s in strategy.services.services)
    out = [Measure(key=f"services_{c}", value=counts.get(c, 0)) for c in CATEGORIES]
    for c in CATEGORIES:
        rows = [r for r in report.rows if r.category == c] if report else []
        known = [r.capacity_to for r in rows if r.capacity_to is not None]
        if not counts.get(c):
            out.append(Measure(key=f"places_{c}", missing="none_in_register"))
        elif report is None or not known:
            out.append(Measure(key=f"places_{c}", missing="no_figures", unknown=len(rows) or None, rows=len(rows) or None))
        else:
            sums = total(r.capacity_to for r in rows)
            out.append(Measure(key=f"places_{c}", year=report.to_year, value=sums.value, unknown=sums.unknown, rows=sums.rows))
    return out
