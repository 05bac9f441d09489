"""The figure of a service in a year: the one meaning every command gives it.

The register states capacities for a few years only (Haskovo: 2015, 2016 and the target
2020; the staffing table: the baseline year and the end of the plan period), so most
years of a period have no printed figure. The annual plan, progress, the reports, the
monitoring checks and the exports all need one, and must agree, so it is decided here
once (:func:`resolve`, :func:`service_places`, :func:`service_staff`,
:func:`planned_figures`). A year's figure is

- ``stated``: the source has a cell for this year (``МД``, ``-`` and empty cells are
  stated but unknown, ``value`` None);
- ``derived``: the service starts (or is transformed into its successor) between the
  latest earlier stated year and this year, and a later year is stated: the later
  figure is what the service runs at after the change (``year`` is that later year,
  ``start_year`` the change);
- ``carried``: the latest earlier stated figure, with its ``year`` (the plan adopted by
  the council keeps a service as it was until the strategy dates a change);
- ``none``: the source states nothing for this year or any earlier one: unknown.

Nothing is interpolated: a path between two stated years is no document's figure, and
would invent fractional places. An unknown figure is ``None``, never 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from .base import Period
from .framework import Node
from .services import Service
from .staffing import StaffingFile
from .values import Cell, capacity_number, printed_form

if TYPE_CHECKING:
    from . import Strategy

Basis = Literal["stated", "carried", "derived", "none"]
FigureKind = Literal["places", "staff"]


class ServiceFigure(BaseModel):
    """A service's figure for one year and where it comes from.

    ``year`` is the year of the source cell the value is taken from (this year when
    stated); ``printed`` is the cell's own print when it is not a plain number ('МД',
    '-', '.40', a split); ``start_year`` is the start or transformation year that
    makes a figure ``derived``.
    """

    model_config = ConfigDict(frozen=True)

    value: int | None
    basis: Basis
    year: int | None = None
    printed: str | None = None
    start_year: int | None = None


def resolve(cells: dict[int, Cell], year: int, change_year: int | None = None) -> tuple[ServiceFigure, Cell]:
    """The figure for ``year`` from a service's cells, and the cell it comes from.

    Stated when the year has a cell; derived when a start (or transformation) year lies
    between the latest earlier stated year and this year (both included) and a later
    year is stated; carried from the latest earlier stated year otherwise; none without
    an earlier year.
    """
    if year in cells:
        cell = cells[year]
        return ServiceFigure(value=capacity_number(cell), basis="stated", year=year, printed=printed_form(cell)), cell
    earlier = max((y for y in cells if y < year), default=None)
    later = min((y for y in cells if y > year), default=None)
    if change_year is not None and later is not None and change_year <= year and (earlier is None or earlier <= change_year):
        cell = cells[later]
        return ServiceFigure(value=capacity_number(cell), basis="derived", year=later, printed=printed_form(cell), start_year=change_year), cell
    if earlier is not None:
        cell = cells[earlier]
        return ServiceFigure(value=capacity_number(cell), basis="carried", year=earlier, printed=printed_form(cell)), cell
    return ServiceFigure(value=None, basis="none"), None


def change_year(service: Service, services: dict[str, Service]) -> int | None:
    """The year a service starts, or for a transformed (closed) one the year its successor starts."""
    status = service.status
    if status is None:
        return None
    if status.start_year is not None:
        return status.start_year
    successor = services.get(status.successor or "")
    if status.kind in ("transformed", "closed") and successor and successor.status:
        return successor.status.start_year
    return None


def staffing_cells(staffing: StaffingFile | None) -> dict[str, dict[int, Cell]]:
    """Staff per service id from the staffing table, by the year each column is dated (baseline; plan at its end)."""
    if staffing is None:
        return {}
    found: dict[str, dict[int, Cell]] = {}
    for group in staffing.groups:
        for row in group.rows:
            if not row.service:
                continue
            for year, phase in staffing.column_years().items():
                value = getattr(row, phase).staff
                cells = found.setdefault(row.service, {})
                known = capacity_number(cells.get(year))
                number = capacity_number(value)
                cells[year] = number if known is None else known + (number or 0)
    return found


def staff_cells(service: Service, table: dict[str, dict[int, Cell]]) -> dict[int, Cell]:
    """A service's staff cells: its row of the staffing table, overridden year by year by its own figures."""
    return {**table.get(service.id, {}), **service.staff}


def service_places(service: Service, year: int, services: dict[str, Service]) -> tuple[ServiceFigure, Cell]:
    """The planned places of ``service`` in ``year`` (with the cell they come from); ``services`` is the register by id."""
    return resolve(dict(service.capacity), year, change_year(service, services))


def service_staff(service: Service, year: int, services: dict[str, Service], table: dict[str, dict[int, Cell]]) -> ServiceFigure:
    """The planned staff of ``service`` in ``year``; ``table`` is :func:`staffing_cells` of the strategy."""
    return resolve(staff_cells(service, table), year, change_year(service, services))[0]


class PlannedService(BaseModel):
    """What the plan (the council's adopted document) says of one service in one year."""

    model_config = ConfigDict(frozen=True)

    service: str
    year: int
    places: ServiceFigure
    staff: ServiceFigure


def planned_figures(strategy: Strategy, year: int) -> dict[str, PlannedService]:
    """Service id → its planned places and staff in ``year``, each with its basis.

    The one answer to "what was planned for this service in this year": ``socstrat plan``,
    ``socstrat progress``, the monitoring report and the monitoring checks all read it.
    """
    register = {s.id: s for s in strategy.services.services}
    table = staffing_cells(strategy.staffing)
    return {
        s.id: PlannedService(service=s.id, year=year, places=service_places(s, year, register)[0], staff=service_staff(s, year, register, table))
        for s in strategy.services.services
    }


def start_year(service: Service) -> int | None:
    """The year a new or planned service starts, where the register states it."""
    status = service.status
    if status is not None and status.kind in {"new", "planned"}:
        return status.start_year
    return None


def closes(service: Service) -> bool:
    """Whether the plan closes or transforms the service."""
    return service.status is not None and service.status.kind in {"closed", "transformed"}


def activity_timing(nodes: list[Node], stages: dict[str, Period], period: Period) -> dict[str, tuple[Period, str]]:
    """Node id → (the years its stage spans, where that comes from: 'stage' or 'period').

    A node takes the stage of its nearest ancestor that names one; without any, the
    whole period of the strategy.
    """
    timing: dict[str, tuple[Period, str]] = {}

    def walk(node: Node, inherited: tuple[Period, str]) -> None:
        own = stages.get(node.stage) if node.stage else None
        here = (own, "stage") if own is not None else inherited
        timing[node.id] = here
        for child in node.children:
            walk(child, here)

    for node in nodes:
        walk(node, (period, "period"))
    return timing

