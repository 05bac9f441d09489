"""The annual plan of a strategy for one year: services, activities, totals and notes.

Both bundled strategies are carried out through a plan adopted every year (Kazanlak:
"Plan for social services, which contains activities, financing, implementers,
deadlines"; Haskovo §6.1.2: "the annual operational plan"). :func:`compute_plan`
builds it from the strategy alone:

- every service of the register with its **state** in the year (``continues``,
  ``opens``, ``expands``, ``reduces``, ``transforms``, ``closes``, or ``not_open`` /
  ``closed`` / ``unknown`` when nothing changes because it is not running or its
  figures are unknown), its places and staff, financing, provider and location;
- the activities the framework and the stages table schedule in the year, grouped by
  the top level of the framework (Haskovo's priority directions, Kazanlak's goals);
- totals per service category and financing source, against the previous year;
- what the previous year's monitoring carried forward: :func:`carried_forward`, a
  separate hook that returns nothing until the strategy has monitoring data;
- notes as codes with their numbers.

Every figure says where it comes from (:class:`PlanFigure`): ``stated`` (the source
states it for this year), ``carried`` (the latest earlier year the source states,
with that year), ``derived`` (a service that starts, or is transformed into its
successor, between the latest earlier stated year and this year takes the figure of
the next stated year, named with its year and the start year), or ``none`` (the
source states no figure for this year or any earlier one). An unknown figure is
``None``, never 0. docs/plan.md explains the rules with examples.

The result is language-neutral (codes, numbers and the data's own text), like
:mod:`socstrat.analysis.deltas`; renderers word it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, Field

from socstrat.analysis.figures import change, total
from socstrat.analysis.notes import CodedNote
from socstrat.model import Node, Service, ServiceCategory, Stage, StatusKind, Strategy
from socstrat.model.plan import (
    Basis,
    PlannedService,
    ServiceFigure,
    change_year,
    planned_figures,
    resolve,
    staff_cells,
    staffing_cells,
)
from socstrat.model.queries import cached
from socstrat.model.services import CapacityPart
from socstrat.model.values import Cell

PlanFigure = ServiceFigure
"""A figure of the plan: the service figure of :mod:`socstrat.model.plan`, the one every command reads.

:func:`planned_figures` (re-exported from there) is the plan's planned places and staff of
every service in a year with their basis, without the rest of the plan."""

State = Literal["continues", "opens", "expands", "reduces", "transforms", "closes", "not_open", "closed", "unknown"]
PlanNoteCode = Literal[
    "figure_rules", "no_monitoring", "activities_dated", "no_stages", "unknown_figures",
    "carried_figures", "derived_figures", "staff_from_staffing_table",
]

NO_CATEGORY, NO_FINANCING = "no_category", "no_financing"
STATES: tuple[State, ...] = ("continues", "opens", "expands", "reduces", "transforms", "closes", "not_open", "closed", "unknown")


# --- the plan --------------------------------------------------------------------------


class FinancingPlaces(BaseModel):
    """Places paid from one financing source (a split capacity has several)."""

    financing: str = Field(description="The source as printed, the service's sources joined with ' / ', or 'no_financing'.")
    places: int | None


class PlanService(BaseModel):
    id: str
    code: str | None
    name: str
    category: ServiceCategory
    status: StatusKind | None
    status_text: str | None
    start_year: int | None = Field(description="The status's start year, or the successor's for a transformed service.")
    state: State
    places: PlanFigure
    places_previous: PlanFigure
    places_delta: int | None
    staff: PlanFigure
    financing: list[str]
    financing_places: list[FinancingPlaces]
    provider: str | None
    location: str | None
    territorial_scope: str | None
    target_groups: list[str]
    src: str


class NodeInfo(BaseModel):
    id: str
    level: str
    code: str | None
    title: str


class PlanActivity(BaseModel):
    """A framework activity in the year. The framework dates none, so each runs over ``period``."""

    id: str
    level: str
    code: str | None
    title: str
    parents: list[NodeInfo] = Field(description="Its objectives and measures, top level excluded, top down.")
    period: dict[str, int]
    dated: Literal["strategy_period"]
    responsible: list[str] = Field(description="Who is responsible, where the framework states it (it never does in the bundled data).")
    services: list[str]
    years_named: list[int] = Field(description="Years the activity's text names (its figures of kind 'year'), shown, not used for dating.")
    src: str | None


class PlanDirection(BaseModel):
    """The framework activities of one top-level node (priority direction, main goal)."""

    direction: NodeInfo
    activities: list[PlanActivity]


class PlanStage(BaseModel):
    """A row of the stages table whose years include the plan's year."""

    id: str
    name: str | None
    period: str = Field(description="The period cell as printed.")
    period_part: str | None = Field(default=None, description="The part of the period the activities cell prints first ('I-во шестмесечие').")
    start: int
    end: int
    activities: list[str]
    responsible: list[str]
    src: str


class CarriedItem(BaseModel):
    """What the previous year's monitoring left overdue or not opened (issue 13; none until monitoring files exist)."""

    kind: Literal["service", "activity"]
    id: str
    name: str
    status: str
    from_year: int


class PlanTotal(BaseModel):
    """Sums of the known places of a group in the year and the previous year; unknowns are counted, not added.

    ``places`` and ``places_previous`` are the known parts (None when no service of the
    group has a known figure); ``places_delta`` is like for like, over the services known
    in both years (:func:`socstrat.analysis.figures.change`), ``places_delta_left_out``
    how many it leaves out.
    """

    key: str = Field(description="A category key, a financing source as first printed, 'no_category', 'no_financing' or 'total'.")
    printed: list[str] = Field(default_factory=list, description="Financing groups: every spelling of the source in the data (grouped by a normalised key).")
    services: int
    places: int | None
    places_unknown: int
    places_previous: int | None
    places_previous_unknown: int
    places_delta: int | None
    places_delta_left_out: int = 0
    staff: int | None = Field(default=None, description="Sum of known staff; None when no service of the group states staff (financing groups: always None).")
    staff_unknown: int = 0
    staff_previous: int | None = None
    staff_previous_unknown: int = 0
    staff_delta: int | None = None


class PlanTotals(BaseModel):
    by_category: list[PlanTotal]
    by_financing: list[PlanTotal]
    total: PlanTotal


class PlanNote(CodedNote[PlanNoteCode]):
    """A note as a code and its numbers (catalog key ``plan.note.<code>``)."""


class Plan(BaseModel):
    """What ``socstrat plan`` shows; ``model_dump(mode="json")`` is its JSON contract (docs/plan.md)."""

    strategy: str
    title: str
    municipality: str
    year: int
    previous_year: int
    period: dict[str, int]
    services: list[PlanService]
    directions: list[PlanDirection]
    stages: list[PlanStage]
    carried_forward: list[CarriedItem]
    totals: PlanTotals
    notes: list[PlanNote]


class PlanError(Exception):
    """A year the strategy does not cover (a usage error, exit 2)."""


# --- figures ---------------------------------------------------------------------------


def state_of(status: StatusKind | None, before: int | None, after: int | None) -> State:
    """A service's state in a year from its status and its places in the previous year and this year.

    The numbers decide: 0 → some is ``opens``, some → 0 is ``transforms`` (status
    transformed) or ``closes``, more or fewer places ``expands`` or ``reduces``. With a
    figure unknown, the status decides what it can (a planned service that gets places
    opens; an existing one continues), otherwise the state is ``unknown``.
    """
    ended: State = "transforms" if status == "transformed" else "closes"
    if before is None or after is None:
        if status in ("new", "planned") and not before and after:
            return "opens"
        if status in ("transformed", "closed") and before and after == 0:
            return ended
        return "continues" if status in ("existing", "transformed", None) else "unknown"
    if before == 0 and after == 0:
        return "closed" if status in ("closed", "transformed") else "not_open"
    if before == 0:
        return "opens"
    if after == 0:
        return ended
    if after > before:
        return "expands"
    if after < before:
        return "reduces"
    return "continues"


def _financing_places(service: Service, cell: Cell, value: int | None) -> list[FinancingPlaces]:
    fallback = " / ".join(service.financing) or NO_FINANCING
    if isinstance(cell, list):
        parts: dict[str, int] = {}
        for part in cell:
            if isinstance(part, CapacityPart):
                key = part.financing or fallback
                parts[key] = parts.get(key, 0) + part.value
        return [FinancingPlaces(financing=k, places=v) for k, v in parts.items()]
    return [FinancingPlaces(financing=fallback, places=value)]


# --- activities ------------------------------------------------------------------------


def _info(node: Node) -> NodeInfo:
    return NodeInfo(id=node.id, level=node.level, code=node.code, title=node.title)


def _leaves(node: Node, parents: list[Node]) -> Iterable[tuple[Node, list[Node]]]:
    if not node.children:
        yield node, parents
    for child in node.children:
        yield from _leaves(child, [*parents, node])


def _directions(strategy: Strategy) -> list[PlanDirection]:
    """Every leaf of the framework (its activities) under its top-level node, over the strategy's period."""
    period = strategy.strategy.period
    directions = []
    for top in strategy.framework.nodes:
        activities = [
            PlanActivity(
                id=leaf.id, level=leaf.level, code=leaf.code, title=leaf.title,
                parents=[_info(p) for p in parents[1:]],
                period={"start": period.start, "end": period.end}, dated="strategy_period", responsible=[],
                services=list(leaf.services),
                years_named=sorted({int(f.value) for f in leaf.figures if f.kind == "year" and isinstance(f.value, int)}),
                src=leaf.src,
            )
            for leaf, parents in _leaves(top, [])
            if leaf is not top
        ]
        directions.append(PlanDirection(direction=_info(top), activities=activities))
    return directions


def _stages(stages: list[Stage], year: int) -> list[PlanStage]:
    return [
        PlanStage(
            id=st.id, name=st.name, period=st.period, period_part=st.period_part, start=st.years.start, end=st.years.end,
            activities=st.activities, responsible=st.responsible, src=st.src,
        )
        for st in stages
        if st.years is not None and st.years.start <= year <= st.years.end
    ]


def carried_forward(strategy: Strategy, year: int) -> list[CarriedItem]:
    """What the monitoring of ``year - 1`` left overdue or not opened, carried into the plan for ``year``.

    The hook for the monitoring files (``monitoring/<YEAR>.yaml``, issue 13). The model
    has no monitoring data yet, so it returns nothing, and the plan's notes say so
    (``no_monitoring``).
    """
    monitoring = getattr(strategy, "monitoring", None)
    if not monitoring:
        return []
    return []  # pragma: no cover - connected when monitoring data exists


# --- totals ----------------------------------------------------------------------------


def _total(key: str, rows: list[tuple[int | None, int | None, int | None, int | None]], with_staff: bool) -> PlanTotal:
    """Sums of (places, previous places, staff, previous staff) rows: known parts, unknown counts, like-for-like changes."""
    places, before = total(r[0] for r in rows), total(r[1] for r in rows)
    moved = change((r[1], r[0]) for r in rows)
    result = PlanTotal(
        key=key, services=len(rows), places=places.value, places_unknown=places.unknown,
        places_previous=before.value, places_previous_unknown=before.unknown,
        places_delta=moved.value, places_delta_left_out=moved.left_out,
    )
    if with_staff:
        staff, staff_before = total(r[2] for r in rows), total(r[3] for r in rows)
        result.staff, result.staff_unknown = staff.value, staff.unknown  # type: ignore[assignment]
        result.staff_previous, result.staff_previous_unknown = staff_before.value, staff_before.unknown  # type: ignore[assignment]
        result.staff_delta = change((r[3], r[2]) for r in rows).value  # type: ignore[assignment]
    return result


def financing_key(source: str) -> str:
    """The key two spellings of one financing source share: case and runs of spaces ignored ('Общинска дейност' = 'общинска дейност')."""
    return " ".join(source.split()).casefold()


def _totals(services: list[PlanService], previous_staff: dict[str, int | None], previous_shares: dict[str, list[FinancingPlaces]]) -> PlanTotals:
    def row(s: PlanService) -> tuple[int | None, int | None, int | None, int | None]:
        return s.places.value, s.places_previous.value, s.staff.value, previous_staff.get(s.id)

    categories: dict[str, list[PlanService]] = {}
    for s in services:
        categories.setdefault(s.category or NO_CATEGORY, []).append(s)
    by_category = [_total(k, [row(s) for s in members], True) for k, members in categories.items()]
    sources: dict[str, list[tuple[int | None, int | None, int | None, int | None]]] = {}
    spellings: dict[str, list[str]] = {}
    for s in services:
        now = _by_key(s.financing_places, spellings)
        before = _by_key(previous_shares.get(s.id, []), spellings)
        for key in dict.fromkeys([*now, *before]):
            sources.setdefault(key, []).append((now.get(key, 0 if now else None), before.get(key, 0 if before else None), None, None))
    by_financing = []
    for key, members in sources.items():
        group = _total(spellings[key][0], members, False)
        group.printed = spellings[key]
        by_financing.append(group)
    return PlanTotals(by_category=by_category, by_financing=by_financing, total=_total("total", [row(s) for s in services], True))


def _by_key(parts: list[FinancingPlaces], spellings: dict[str, list[str]]) -> dict[str, int | None]:
    """A service's places per normalised financing key, noting each spelling as printed."""
    found: dict[str, int | None] = {}
    for part in parts:
        key = NO_FINANCING if part.financing == NO_FINANCING else financing_key(part.financing)
        names = spellings.setdefault(key, [])
        if part.financing not in names:
            names.append(part.financing)
        known = found.get(key)
        found[key] = part.places if key not in found else (None if known is None or part.places is None else known + part.places)
    return found


# --- computing -------------------------------------------------------------------------


def compute_plan(strategy: Strategy, year: int) -> Plan:
    """The annual plan of ``strategy`` for ``year``; :class:`PlanError` for a year outside its period."""
    period = strategy.strategy.period
    if not period.start <= year <= period.end:
        raise PlanError(f"{year} is outside the strategy's period {period.start}–{period.end}")
    register = {s.id: s for s in strategy.services.services}
    table_staff = staffing_cells(strategy.staffing)
    services: list[PlanService] = []
    previous_staff: dict[str, int | None] = {}
    previous_shares: dict[str, list[FinancingPlaces]] = {}
    for s in strategy.services.services:
        start = change_year(s, register)
        places, cell = resolve(dict(s.capacity), year, start)
        before, cell_before = resolve(dict(s.capacity), year - 1, start)
        own_staff = staff_cells(s, table_staff)
        staff, _ = resolve(own_staff, year, start)
        staff_before, _ = resolve(own_staff, year - 1, start)
        previous_staff[s.id] = staff_before.value
        previous_shares[s.id] = _financing_places(s, cell_before, before.value)
        status = s.status.kind if s.status else None
        services.append(
            PlanService(
                id=s.id, code=s.code, name=s.name, category=s.category, status=status,
                status_text=s.status.text if s.status else None, start_year=start,
                state=state_of(status, before.value, places.value),
                places=places, places_previous=before,
                places_delta=None if places.value is None or before.value is None else places.value - before.value,
                staff=staff, financing=list(s.financing), financing_places=_financing_places(s, cell, places.value),
                provider=s.provider, location=s.location, territorial_scope=s.territorial_scope,
                target_groups=list(s.target_groups), src=s.src,
            )
        )
    directions = cached(strategy, "plan.directions", lambda: _directions(strategy))  # the same in every year
    stages = _stages(strategy.implementation.stages, year)
    carried = carried_forward(strategy, year)
    return Plan(
        strategy=strategy.strategy.id, title=strategy.strategy.title, municipality=strategy.strategy.municipality,
        year=year, previous_year=year - 1, period={"start": period.start, "end": period.end},
        services=services, directions=directions, stages=stages, carried_forward=carried,
        totals=_totals(services, previous_staff, previous_shares),
        notes=_notes(strategy, services, directions, stages, carried, year, bool(table_staff)),
    )


def _notes(
    strategy: Strategy, services: list[PlanService], directions: list[PlanDirection], stages: list[PlanStage],
    carried: list[CarriedItem], year: int, staffing_table: bool,
) -> list[PlanNote]:
    notes = [PlanNote.of("figure_rules")]
    for figure in ("places", "staff"):
        figures = [getattr(s, figure) for s in services]
        unknown = sum(1 for f in figures if f.value is None)
        if unknown:
            notes.append(PlanNote.of("unknown_figures", figure=figure, year=year, count=unknown))
        carried_from = sorted({f.year for f in figures if f.basis == "carried"})
        if carried_from:
            count = sum(1 for f in figures if f.basis == "carried")
            notes.append(PlanNote.of("carried_figures", figure=figure, count=count, years=carried_from))
        derived = [f for f in figures if f.basis == "derived"]
        if derived:
            notes.append(PlanNote.of("derived_figures", figure=figure, count=len(derived)))
    if staffing_table and strategy.staffing is not None:
        notes.append(PlanNote.of("staff_from_staffing_table", baseline=strategy.staffing.baseline_year, plan=strategy.staffing.plan_period.end))
    period = strategy.strategy.period
    count = sum(len(d.activities) for d in directions)
    notes.append(PlanNote.of("activities_dated", count=count, start=period.start, end=period.end))
    if not strategy.implementation.stages:
        notes.append(PlanNote.of("no_stages"))
    if not carried:
        notes.append(PlanNote.of("no_monitoring", year=year - 1))
    return notes


def plan_years(strategy: Strategy) -> list[int]:
    period = strategy.strategy.period
    return list(range(period.start, period.end + 1))


__all__ = [
    "STATES",
    "Basis",
    "CarriedItem",
    "Plan",
    "PlanActivity",
    "PlanDirection",
    "PlanError",
    "PlanFigure",
    "PlanNote",
    "PlanService",
    "PlanStage",
    "PlanTotal",
    "PlanTotals",
    "PlannedService",
    "State",
    "carried_forward",
    "compute_plan",
    "plan_years",
    "planned_figures",
    "resolve",
    "state_of",
]
