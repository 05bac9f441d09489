"""How unknown figures propagate: totals, like-for-like changes, shares and ratios, roll-up coverage.

Unknown is not zero (``МД``, ``-``, an empty cell, an unreported year). Every output that
sums, compares or divides figures asks these functions, so that each case is decided
once and the same way everywhere:

- a **total** over rows with unknowns is its known part and the number of unknown rows
  (printed "≥ 270, 6 н.д."), or unknown when no row is known (:func:`total`);
- a **change** between two years is like for like: only rows known in both years, and
  it says how many it leaves out (:func:`change`);
- a **share, ratio or per-capita figure** is withheld, with its reason, when more than
  ``thresholds.unknown_share`` of the rows it rests on is unknown (:func:`ratio`);
- a **roll-up** of completion is withheld below ``thresholds.rollup_coverage`` of its
  activities reported (:func:`coverage`).

The thresholds are :mod:`socstrat.model.thresholds`, documented in docs/deltas.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from socstrat.model.thresholds import DEFAULT_THRESHOLDS, Thresholds

Number = int | float
Withheld = Literal["unknown_share", "no_data", "zero_base"]
"""Why a share or ratio is not given: too many of its rows unknown, none known, or a base of 0."""


def _tidy(value: Number) -> Number:
    """A whole float as an int, and float sums rid of binary noise (0.1 + 0.2 → 0.3)."""
    if isinstance(value, float):
        value = round(value, 10)
        return int(value) if value.is_integer() else value
    return value


class Total(BaseModel):
    """A sum over ``rows`` rows, ``unknown`` of which state no number; ``value`` is the known part (None when none is known)."""

    model_config = ConfigDict(frozen=True)

    value: Number | None
    rows: int
    unknown: int

    @property
    def complete(self) -> bool:
        return self.unknown == 0 and self.value is not None


def total(values: Iterable[Number | None]) -> Total:
    items = list(values)
    known = [v for v in items if v is not None]
    return Total(value=_tidy(sum(known)) if known else None, rows=len(items), unknown=len(items) - len(known))


class Change(BaseModel):
    """A like-for-like change: ``before`` and ``after`` sum the ``rows`` rows known in both years; ``left_out`` rows are unknown in either."""

    model_config = ConfigDict(frozen=True)

    value: Number | None
    before: Number | None
    after: Number | None
    relative: float | None
    rows: int
    left_out: int


def change(pairs: Iterable[tuple[Number | None, Number | None]]) -> Change:
    items = list(pairs)
    both = [(a, b) for a, b in items if a is not None and b is not None]
    if not both:
        return Change(value=None, before=None, after=None, relative=None, rows=0, left_out=len(items))
    before = _tidy(sum(a for a, _ in both))
    after = _tidy(sum(b for _, b in both))
    value = _tidy(after - before)
    return Change(value=value, before=before, after=after, relative=value / before if before else None, rows=len(both), left_out=len(items) - len(both))


class Ratio(BaseModel):
    """A share, ratio or per-capita figure and what it rests on.

    ``value`` is None when ``withheld`` says why; ``rows`` is how many rows it rests on and
    ``unknown`` how many of them state no number; ``numerator`` and ``denominator`` are the
    known sums it divides.
    """

    model_config = ConfigDict(frozen=True)

    value: float | None
    withheld: Withheld | None = None
    rows: int
    unknown: int
    numerator: Number | None = None
    denominator: Number | None = None
    threshold: float | None = None


def withheld_for(rows: int, unknown: int, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Withheld | None:
    """Whether a figure resting on ``rows`` rows, ``unknown`` of them unknown, must be withheld, and why."""
    if rows == 0 or unknown == rows:
        return "no_data"
    if unknown / rows > thresholds.unknown_share:
        return "unknown_share"
    return None


def ratio(
    numerator: Number | None, denominator: Number | None, rows: int, unknown: int,
    thresholds: Thresholds = DEFAULT_THRESHOLDS, *, scale: float = 1.0,
) -> Ratio:
    """``scale · numerator / denominator`` over sums resting on ``rows`` rows with ``unknown`` unknown, or withheld."""
    reason = withheld_for(rows, unknown, thresholds)
    if reason is None and (numerator is None or denominator is None):
        reason = "no_data"
    if reason is None and not denominator:
        reason = "zero_base"
    if reason is not None:
        return Ratio(
            value=None, withheld=reason, rows=rows, unknown=unknown, numerator=numerator, denominator=denominator,
            threshold=thresholds.unknown_share if reason == "unknown_share" else None,
        )
    assert numerator is not None and denominator is not None
    return Ratio(value=scale * numerator / denominator, rows=rows, unknown=unknown, numerator=numerator, denominator=denominator)


def share(part: Iterable[Number | None], whole: Iterable[Number | None], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Ratio:
    """The known sum of ``part`` (rows that are also in ``whole``) over the known sum of ``whole``; withheld past the threshold."""
    parts, wholes = total(part), total(whole)
    return ratio(parts.value if parts.value is not None else 0, wholes.value, wholes.rows, wholes.unknown, thresholds)


def paired_ratio(pairs: Iterable[tuple[Number | None, Number | None]], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Ratio:
    """Σ numerator / Σ denominator over the rows where both are known (places per staff); the other rows count as unknown."""
    items = list(pairs)
    both = [(a, b) for a, b in items if a is not None and b is not None]
    num = _tidy(sum(a for a, _ in both)) if both else None
    den = _tidy(sum(b for _, b in both)) if both else None
    return ratio(num, den, len(items), len(items) - len(both), thresholds)


class Coverage(BaseModel):
    """A roll-up's completion over the ``reported`` of its ``activities``; None below the coverage threshold."""

    model_config = ConfigDict(frozen=True)

    completion: float | None
    reported: int
    activities: int
    withheld: Literal["coverage"] | None = None


def coverage(completions: Iterable[float | None], thresholds: Thresholds = DEFAULT_THRESHOLDS) -> Coverage:
    """The mean completion of the reported activities (None = not reported), withheld when too few are reported."""
    items = list(completions)
    known = [c for c in items if c is not None]
    if not items:
        return Coverage(completion=None, reported=0, activities=0)
    if not known or len(known) / len(items) < thresholds.rollup_coverage:
        return Coverage(completion=None, reported=len(known), activities=len(items), withheld="coverage")
    return Coverage(completion=round(sum(known) / len(known), 4), reported=len(known), activities=len(items))
