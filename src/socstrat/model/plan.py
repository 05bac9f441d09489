"""What the plan says for a given year: a service's places and staff, an activity's timing.

The register states capacities for a few years only (Haskovo: 2015, 2016 and the target
2020), so a year between two stated years has no printed figure. Progress needs one,
and every command must read the plan the same way, so it is computed here once:

- a year the register states: that figure (``МД``, ``-`` and empty cells are unknown);
- a new or planned service before its ``start_year``: 0 places;
- a year between two stated years with numbers: linear interpolation between them,
  marked ``interpolated`` (the plan says where the service starts and where it should
  be, not the path between);
- any other year: unknown.

Staff come from the service's own ``staff`` figures, else from its row of the staffing
table (baseline year and the end of the plan period), read the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .base import Period
from .framework import Node
from .queries import iter_nodes
from .services import CapacityValue, Service
from .staffing import StaffingFile
from .values import capacity_number

Basis = Literal["stated", "interpolated", "not_started", "unknown"]


@dataclass(frozen=True)
class Planned:
    """A planned number for one year and how it was obtained."""

    value: float | None
    basis: Basis


def planned_value(figures: dict[int, int | None], year: int, start_year: int | None = None) -> Planned:
    """The planned number for ``year`` from the numbers stated for some years (None = no number)."""
    if start_year is not None and year < start_year:
        return Planned(0, "not_started")
    if year in figures:
        value = figures[year]
        return Planned(value, "stated" if value is not None else "unknown")
    before = [y for y in figures if y < year and figures[y] is not None]
    after = [y for y in figures if y > year and figures[y] is not None]
    if not before or not after:
        return Planned(None, "unknown")
    y0, y1 = max(before), min(after)
    v0, v1 = figures[y0], figures[y1]
    assert v0 is not None and v1 is not None
    return Planned(round(v0 + (v1 - v0) * (year - y0) / (y1 - y0), 2), "interpolated")


def numbers(cells: dict[int, CapacityValue]) -> dict[int, int | None]:
    return {year: capacity_number(cell) for year, cell in cells.items()}


def start_year(service: Service) -> int | None:
    """The year a new or planned service starts, where the register states it."""
    status = service.status
    if status is not None and status.kind in {"new", "planned"}:
        return status.start_year
    return None


def planned_places(service: Service, year: int) -> Planned:
    return planned_value(numbers(service.capacity), year, start_year(service))


def staff_figures(service: Service, staffing_rows: dict[str, dict[int, int | None]]) -> dict[int, int | None]:
    """Staff per year: the service's own figures, else its staffing-table row."""
    own = numbers(service.staff)
    return own if any(v is not None for v in own.values()) else staffing_rows.get(service.id, {})


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


def leaves(nodes: list[Node]) -> set[str]:
    return {node.id for node in iter_nodes(nodes) if not node.children}


def staffing_staff(staffing: StaffingFile | None) -> dict[str, dict[int, int | None]]:
    """Service id → staff per year of the staffing table (baseline year and end of the plan period)."""
    if staffing is None:
        return {}
    found: dict[str, dict[int, int | None]] = {}
    for group in staffing.groups:
        for row in group.rows:
            if row.service is None:
                continue
            found[row.service] = {
                staffing.baseline_year: capacity_number(row.baseline.staff),
                staffing.plan_period.end: capacity_number(row.plan.staff),
            }
    return found
