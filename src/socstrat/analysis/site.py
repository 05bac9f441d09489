"""The figures a published site shows across strategies: state in time, reporting completeness,
coverage of the municipality register, services by kind and district.

Computed here once, so the home page, the coverage page and the search index show the same
numbers; the site's renderer only formats them. Unknown is never summed as zero: a place
count that a plan does not know is counted among ``unknown``, beside the sum of the known.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from socstrat.analysis.plan import Plan
from socstrat.analysis.progress import ProgressReport

TimeState = Literal["upcoming", "in_force", "ended"]


def state_in_time(start: int, end: int, year: int) -> TimeState:
    """Whether a strategy of the period ``start``–``end`` is in force in ``year``."""
    if year < start:
        return "upcoming"
    return "in_force" if year <= end else "ended"


class ReportingCompleteness(BaseModel):
    """How much of what a monitoring year should report it reports: services, indicators, activities."""

    reported: int
    expected: int

    @property
    def share(self) -> float | None:
        return self.reported / self.expected if self.expected else None


def completeness(progress: ProgressReport) -> ReportingCompleteness:
    """Services, indicators and activities of the year with any report, out of all of them."""
    expected = len(progress.services) + len(progress.indicators) + len(progress.activities)
    missing = sum(len(ids) for ids in progress.not_reported.values())
    return ReportingCompleteness(reported=expected - missing, expected=expected)


class Sum(BaseModel):
    """A sum of the known values, and how many values were unknown (never added as 0)."""

    known: int | float = 0
    """An int while only ints were added, so that a sum stored as JSON (the site's records) reads back as it was;
    a merged sum is a float."""
    counted: int = 0
    unknown: int = 0

    def add(self, value: float | None) -> None:
        if value is None:
            self.unknown += 1
        else:
            self.known += value
            self.counted += 1

    @property
    def total(self) -> float | None:
        """The sum when every value is known; None when any is unknown or there is none."""
        return self.known if self.counted and not self.unknown else None

    def merged(self, other: Sum) -> Sum:
        return Sum(known=float(self.known + other.known), counted=self.counted + other.counted, unknown=self.unknown + other.unknown)


class KindRow(BaseModel):
    """The services of one kind in one strategy's plan for one year, or in a district once merged."""

    region: str
    category: str
    years: list[int]
    services: int
    places: Sum
    staff: Sum
    population: Sum = Field(default_factory=Sum)
    """The inhabitants of the district's municipalities that have a strategy, as their strategies state them."""
    population_as_of: list[str] = Field(default_factory=list)
    per_1000: float | None = None
    per_1000_missing: Literal["no_population", "unknown_places"] | None = None


def services_by_kind(plan: Plan, region: str) -> list[KindRow]:
    """The plan's services that run in its year, grouped by category: their number, places and staff."""
    rows: dict[str, KindRow] = {}
    for service in plan.services:
        if service.state in ("closed", "not_open"):
            continue
        row = rows.setdefault(service.category, KindRow(region=region, category=service.category, years=[plan.year], services=0, places=Sum(), staff=Sum()))
        row.services += 1
        row.places.add(service.places.value)
        row.staff.add(service.staff.value)
    return list(rows.values())


def merge_kinds(rows: Iterable[KindRow]) -> list[KindRow]:
    """Rows of several strategies merged by district and kind, in that order."""
    merged: dict[tuple[str, str], KindRow] = {}
    for row in rows:
        key = (row.region, row.category)
        if key in merged:
            old = merged[key]
            merged[key] = old.model_copy(update={
                "years": sorted(set(old.years) | set(row.years)), "services": old.services + row.services, "places": old.places.merged(row.places), "staff": old.staff.merged(row.staff),
            })
        else:
            merged[key] = row.model_copy(deep=True)
    return [merged[key] for key in sorted(merged)]


def per_capita(rows: list[KindRow], populations: Iterable[tuple[str, float | None, str | None]], unknown_share: float | None = None) -> list[KindRow]:
    """Each district's rows with places per 1 000 inhabitants of the municipalities that have a strategy there.

    ``populations`` gives each strategy's ``(district, inhabitants, as of)`` from its own
    situation analysis. A district where a strategy states no population gets no figure
    (``no_population``), nor does a row whose places are unknown for more than the documented
    share (``unknown_places``); places of a kind a strategy's register does not list are 0.
    """
    from socstrat.model.thresholds import DEFAULT_THRESHOLDS

    bound = DEFAULT_THRESHOLDS.unknown_share if unknown_share is None else unknown_share
    people: dict[str, Sum] = {}
    dates: dict[str, set[str]] = {}
    for region, value, as_of in populations:
        people.setdefault(region, Sum()).add(value)
        if as_of:
            dates.setdefault(region, set()).add(as_of)
    out = []
    for row in rows:
        population = people.get(row.region, Sum())
        places = row.places
        missing: Literal["no_population", "unknown_places"] | None = None
        if population.total is None:
            missing = "no_population"
        elif places.unknown > bound * (places.counted + places.unknown):
            missing = "unknown_places"
        value = places.known * 1000 / population.known if missing is None and population.known else None
        out.append(row.model_copy(update={
            "population": population, "population_as_of": sorted(dates.get(row.region, ())), "per_1000": value, "per_1000_missing": missing,
        }))
    return out


class Held(BaseModel):
    """A strategy that covers a municipality: its site id and period."""

    id: str
    start: int
    end: int


class CoveredMunicipality(BaseModel):
    code: str
    name: str
    strategies: list[Held]


class CoveredRegion(BaseModel):
    code: str
    name: str
    municipalities: list[CoveredMunicipality]

    @property
    def covered(self) -> int:
        return sum(1 for m in self.municipalities if m.strategies)


class RegisterCoverage(BaseModel):
    """The shipped register with, for each municipality, the strategies the site holds for it."""

    regions: list[CoveredRegion]
    unmatched: list[str]
    """Ids of strategies whose municipality and district name no municipality of the register."""

    @property
    def covered(self) -> int:
        return sum(r.covered for r in self.regions)

    @property
    def total(self) -> int:
        return sum(len(r.municipalities) for r in self.regions)


def coverage(held: Iterable[tuple[str, str, Held]]) -> RegisterCoverage:
    """Match ``(municipality, region, strategy)`` against the register by name within the district.

    A name that repeats in the register (there are a few) is told apart by its district; a
    strategy whose region the register does not name matches a municipality name found once.
    """
    from socstrat.lint.municipalities import municipality_register

    register = municipality_register()
    regions = [
        CoveredRegion(code=r.code, name=r.name, municipalities=[CoveredMunicipality(code=m.code, name=m.name, strategies=[]) for m in r.municipalities])
        for r in register.regions
    ]
    by_name: dict[str, list[tuple[str, CoveredMunicipality]]] = {}
    for covered in regions:
        for m in covered.municipalities:
            by_name.setdefault(m.name, []).append((covered.name, m))
    unmatched = []
    for municipality, district, strategy in held:
        candidates = by_name.get(municipality, [])
        chosen = [m for r, m in candidates if r == district] or ([candidates[0][1]] if len(candidates) == 1 else [])
        if chosen:
            chosen[0].strategies.append(strategy)
        else:
            unmatched.append(strategy.id)
    for region in regions:
        for m in region.municipalities:
            m.strategies.sort(key=lambda h: (h.start, h.end, h.id))
    return RegisterCoverage(regions=regions, unmatched=sorted(unmatched))
