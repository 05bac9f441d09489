"""Reading the printed numbers of the tables: the one place that knows what a cell means.

A capacity, users or staff cell holds a number, ``МД`` or ``-`` (no number), a split
value (``25 – НП АХУ / 92 – ОП РЧР``), a printed oddity (``.40``) or nothing. Every
computation (checks, deltas, diff, reports) reads cells through these functions so that
an unknown cell is ``None`` everywhere and never a zero.
"""

from __future__ import annotations

from .services import CapacityPart, CapacityValue, PrintedNumber
from .staffing import StaffingValue

Cell = CapacityValue | StaffingValue


def capacity_number(value: Cell) -> int | None:
    """The total number a capacity, users or staff cell states, or None when it states none."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, PrintedNumber):
        return value.value
    if isinstance(value, list):
        return sum(part.value for part in value)
    return None


def printed_form(value: Cell | str) -> str | None:
    """The cell as printed where that differs from its number ('МД', '-', '.40', a split value with
    its financing and words); None for a plain whole number or an empty cell."""
    if value is None or isinstance(value, bool) or isinstance(value, int):
        return None
    if isinstance(value, PrintedNumber):
        return value.printed
    if isinstance(value, list):
        return " / ".join(_printed_part(part) for part in value)
    return str(value)


def _printed_part(part: CapacityPart) -> str:
    extra = " ".join(x for x in (part.financing, part.label) if x)
    return f"{part.value} – {extra}" if extra else str(part.value)


def capacity_numbers(value: Cell) -> set[int]:
    """Every number a cell states: its total and, for a split cell, each part."""
    numbers = set()
    total = capacity_number(value)
    if total is not None:
        numbers.add(total)
    if isinstance(value, list):
        numbers.update(part.value for part in value if isinstance(part, CapacityPart))
    return numbers
