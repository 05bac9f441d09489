"""Arithmetic: declared totals, breakdowns and printed shares against the numbers they summarise."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from socstrat.i18n.catalog import term
from socstrat.lint.registry import Finding, rule
from socstrat.lint.texts import number
from socstrat.model import Figure, StaffingFigures, Strategy
from socstrat.model.queries import index_of

BREAKDOWN_TOLERANCE = 0.1
"""Absolute tolerance for a breakdown of a whole: published shares are rounded to one decimal."""


def _staff_sum(rows: Iterable[StaffingFigures], field: str) -> int:
    return sum(v for v in (getattr(r, field) for r in rows) if isinstance(v, int))


@rule("A001", "declared-total", "warning", "A declared total differs from the sum of its rows.")
def check_declared_totals(strategy: Strategy) -> Iterator[Finding]:
    """Tables in the strategies print their own 'Общо' rows; they are kept as printed and checked against the rows."""
    table = strategy.staffing
    if table is None:
        return
    all_rows: list[Any] = []
    for group in table.groups:
        all_rows.extend(group.rows)
        if group.declared_total:
            yield from _compare_totals(group.rows, group.declared_total, group.id, group.name)
    if table.declared_total:
        yield from _compare_totals(all_rows, table.declared_total, None, None)


def _compare_totals(rows: list[Any], declared: Any, entity: str | None, group: str | None) -> Iterator[Finding]:
    for phase in ("baseline", "plan"):
        for field in ("capacity", "staff"):
            stated = getattr(getattr(declared, phase), field)
            if not isinstance(stated, int):
                continue
            computed = _staff_sum((getattr(r, phase) for r in rows), field)
            if computed != stated:
                yield Finding(
                    code="A001",
                    entity=entity,
                    file="staffing" if entity is None else None,
                    loc=("declared_total", phase, field),
                    message="A001.group" if group is not None else "A001.table",
                    args={"phase": term(f"noun.{phase}"), "field": term(f"noun.{field}"), "group": group or "", "stated": stated, "computed": computed},
                )


@rule("A002", "percentage-range", "warning", "A percentage lies outside 0–100.")
def check_percentages(strategy: Strategy) -> Iterator[Finding]:
    """A share above 100% or below 0 is a typo or a unit mistake."""
    for figure in index_of(strategy).figures:
        if figure.unit and figure.unit.strip() in {"%", "процента"} and figure.value is not None:
            if not 0 <= figure.value <= 100:
                yield Finding(code="A002", entity=figure.id, loc=("value",), message="A002", args={"value": figure.value})


@rule("A003", "breakdown-sum", "warning",
      f"The parts of a figure do not add up to the whole (tolerance {BREAKDOWN_TOLERANCE} per rounded part).")
def check_breakdowns(strategy: Strategy) -> Iterator[Finding]:
    """Breakdowns (education levels, age groups, diagnoses) should account for the whole they break down;
    shares are rounded, hence the tolerance."""
    for figure in index_of(strategy).figures:
        if figure.value is None or not figure.parts:
            continue
        same_unit = [p for p in figure.parts if p.unit == figure.unit and p.value is not None]
        if len(same_unit) != len(figure.parts):
            continue
        total = sum(p.value for p in same_unit if p.value is not None)
        if abs(total - figure.value) > BREAKDOWN_TOLERANCE * max(1, len(same_unit)) / 2:
            yield Finding(code="A003", entity=figure.id, loc=("value",), message="A003",
                          args={"label": figure.label, "value": number(figure.value), "parts": len(same_unit), "total": number(total)})


@rule("A004", "share-mismatch", "warning",
      "A printed percentage differs from the counts it is computed from, or the shares of a whole do not add up to 100%.")
def check_shares(strategy: Strategy) -> Iterator[Finding]:
    """Percentages are often copied from an older analysis while the counts are updated; the check
    recomputes them within the rounding of the printed number."""
    figures = {figure.id: figure for figure in index_of(strategy).figures}
    for figure in figures.values():
        link = figure.share_of
        if link is None or figure.value is None or link.part not in figures or link.whole not in figures:
            continue
        part, whole = figures[link.part].value, _whole(figures[link.whole])
        if part is None or not whole:
            continue
        computed = 100 * part / whole
        if abs(computed - figure.value) > _half_last_digit(figure.value):
            summed = figures[link.whole].value is None
            yield Finding(code="A004", entity=figure.id, loc=("value",), message="A004.summed" if summed else "A004",
                          args={"printed": number(figure.value), "part": link.part, "part_value": number(part),
                                "computed": f"{computed:.2f}", "whole": link.whole, "whole_value": number(whole)})
    for figure in figures.values():
        shares = [p for p in figure.parts if p.share_of is not None and p.value is not None]
        wholes = {p.share_of.whole for p in shares if p.share_of}
        if not shares or len(shares) != len(figure.parts) or len(wholes) != 1:
            continue
        whole_figure = figures.get(wholes.pop())
        if whole_figure is None or {p.share_of.part for p in shares if p.share_of} != {p.id for p in whole_figure.parts}:
            continue
        total = sum(p.value for p in shares if p.value is not None)
        if abs(total - 100) > sum(_half_last_digit(p.value) for p in shares if p.value is not None):
            yield Finding(code="A004", entity=figure.id, message="A004.parts",
                          args={"parts": len(shares), "label": whole_figure.label, "total": number(round(total, 6))})


def _whole(figure: Figure) -> float | None:
    if figure.value is not None:
        return figure.value
    values = [p.value for p in figure.parts if p.value is not None]
    return sum(values) if values and len(values) == len(figure.parts) else None


def _half_last_digit(value: float | int) -> float:
    """Rounding tolerance of a printed number: half a unit of its last decimal."""
    decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    return 0.5 * 10**-decimals + 1e-9


AT_LEAST = {"поне", "най-малко", "над", "минимум"}
AT_MOST = {"до", "най-много", "максимум"}


@rule("A005", "stated-change", "warning",
      "A change of a service's capacity stated in text does not match the register's capacities for the years it spans.")
def check_stated_changes(strategy: Strategy) -> Iterator[Finding]:
    """'Намаляване на капацитета … поне с 20% за първата година' is a promise the register's own columns
    can be checked against: if the places do not fall, the text or the table is wrong. A change in '%'
    is relative to the first year's capacity, any other unit counts places; a qualifier 'поне'/'над' makes
    the value a minimum and 'до' a maximum, otherwise the change must match within rounding (0.5)."""
    from socstrat.model.values import capacity_number

    services = {s.id: s for s in strategy.services.services}
    for figure in index_of(strategy).figures:
        change, service = figure.change, services.get(figure.service or "")
        if change is None or service is None or figure.value is None:
            continue
        before = capacity_number(service.capacity.get(change.from_year))
        after = capacity_number(service.capacity.get(change.to_year))
        if before is None or after is None:
            continue
        moved = (before - after) if change.direction == "decrease" else (after - before)
        if figure.unit == "%":
            if not before:
                continue
            actual = round(moved / before * 100, 1)
        else:
            actual = moved
        qualifier = (figure.qualifier or "").lower()
        if qualifier in AT_LEAST:
            wrong = actual < figure.value
        elif qualifier in AT_MOST:
            wrong = actual > figure.value
        else:
            wrong = abs(actual - figure.value) > 0.5
        if wrong:
            stated = f"{figure.qualifier} {number(figure.value)}" if figure.qualifier else number(figure.value)
            yield Finding(code="A005", entity=figure.id, loc=("value",), message=f"A005.{change.direction}",
                          args={"stated": stated, "unit": figure.unit or "", "service": service.id,
                                "from": change.from_year, "to": change.to_year, "before": before, "after": after,
                                "actual": number(actual)})


@rule("A006", "elapsed-years", "warning",
      "A duration stated in years does not match the years from the year it counts from to the strategy's first year.")
def check_elapsed_years(strategy: Strategy) -> Iterator[Finding]:
    """'80-годишен опит … от 1925 г.' in a strategy written for 2007 counts 82 years; a stated age that the
    text's own start year contradicts is a figure copied from an older document or a slip."""
    figures = {figure.id: figure for figure in index_of(strategy).figures}
    first = strategy.strategy.period.start
    for figure in figures.values():
        origin = figures.get(figure.since or "")
        if origin is None or figure.value is None or not isinstance(origin.value, int):
            continue
        if figure.value != first - origin.value:
            yield Finding(code="A006", entity=figure.id, loc=("value",), message="A006",
                          args={"value": number(figure.value), "since": origin.value, "year": first,
                                "computed": first - origin.value})

