"""Unknown propagation: hand-worked cases, then properties over generated registers with random unknowns.

The properties (hypothesis): no output prints 0 for an all-unknown total; no share is
printed past the unknown-share threshold; a like-for-like change never includes a row
unknown in either year; a plan total's known part is the sum of its known services.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from socstrat.analysis.deltas import compute_deltas
from socstrat.analysis.figures import change, coverage, paired_ratio, share, total
from socstrat.analysis.plan import compute_plan
from socstrat.i18n.catalog import label
from socstrat.io.loading import load_strategy
from socstrat.model import Strategy
from socstrat.model.services import Service, ServicesFile
from socstrat.model.thresholds import Thresholds
from socstrat.render.deltas import group_name, render_markdown
from socstrat.render.registry import Options
from socstrat.render.text import total_text

# --- by hand -----------------------------------------------------------------------------------


def test_total_known_part_and_unknown_count() -> None:
    # Kazanlak 2007 home care: ДСП 270, Личен асистент and Социален асистент no capacity.
    assert total([270, None, None]).model_dump() == {"value": 270, "rows": 3, "unknown": 2}
    assert total([None] * 6).value is None  # six clubs 'МД': unknown, never 0
    assert total([0, 0]).value == 0  # a stated 0 is a true zero


def test_change_is_like_for_like() -> None:
    # Haskovo 'Други': Социално предприемачество '-' → 300 is left out of the change.
    moved = change([(None, 300), (None, None), (None, None)])
    assert (moved.value, moved.rows, moved.left_out) == (None, 0, 3)
    moved = change([(100, 60), (30, 0), (None, 8), (3, None)])
    assert (moved.before, moved.after, moved.value, moved.left_out) == (130, 60, -70, 2)
    assert moved.relative == pytest.approx(-70 / 130)


def test_share_is_withheld_past_the_threshold() -> None:
    # Kazanlak's institutional share: institutions МД, 96, МД, 105 and three community services МД:
    # 5 of 7 unknown (71 %) > 25 %: withheld, not 201/201 = 100 %.
    withheld = share([None, 96, None, 105], [None, 96, None, 105, None, None, None])
    assert (withheld.value, withheld.withheld, withheld.unknown, withheld.rows, withheld.threshold) == (None, "unknown_share", 5, 7, 0.25)
    # Haskovo 2015: 210 of 210 + 37 + 479 = 726, nothing unknown among the 19 rows.
    shown = share([20, 160, 30], [20, 160, 30, 37, 479])
    assert shown.value == pytest.approx(210 / 726)
    # Exactly at the threshold (1 of 4 = 25 %) the share stands.
    assert share([1], [1, 2, 3, None]).value == pytest.approx(1 / 6)
    assert share([], [0, 0]).withheld == "zero_base"


def test_places_per_staff_rests_on_rows_known_in_both() -> None:
    # Kazanlak 2007: ДВД „Папазов“ 96 places / 44 staff, ДСП 270 / 32; 14 other services lack one or both.
    pairs = [(96, 44), (270, 32), *([(None, 42)] * 3), *([(105, None)]), *([(None, None)] * 10)]
    withheld = paired_ratio(pairs)
    assert (withheld.value, withheld.unknown, withheld.rows) == (None, 14, 16)
    assert paired_ratio([(96, 44), (270, 32)]).value == pytest.approx(366 / 76)


def test_coverage_threshold() -> None:
    # 75 % over 2 of 43 reported is below half: withheld; 1.0 over 1 of 1 stands.
    assert coverage([0.5, 1.0, *([None] * 41)]).model_dump() == {"completion": None, "reported": 2, "activities": 43, "withheld": "coverage"}
    assert coverage([1.0]).completion == 1.0
    assert coverage([0.5, None], Thresholds(rollup_coverage=0.5)).completion == 0.5


# --- properties over generated registers --------------------------------------------------------

CATEGORIES = ("specialised_institution", "residential", "community", "home_care", "club", "other")
cells = st.one_of(st.integers(min_value=0, max_value=500), st.just("МД"), st.just("-"), st.none())
services = st.lists(st.tuples(st.sampled_from(CATEGORIES), cells, cells), min_size=1, max_size=12)


@functools.cache
def minimal() -> Strategy:
    loaded = load_strategy(FIXTURES / "minimal")
    assert loaded.strategy is not None
    return loaded.strategy


def register(rows: list[tuple[str, object, object]]) -> Strategy:
    """The minimal strategy (period 2016–2020, baseline 2015) with a generated register; None = an empty cell."""
    built = []
    for i, (category, before, after) in enumerate(rows):
        capacity = {2015: before, 2016: before, 2020: after}
        built.append(Service.model_validate(
            {"id": f"s{i}", "name": f"Услуга {i}", "category": category, "capacity": capacity, "status": {"kind": "existing"}, "src": f"ред {i}"}
        ))
    return minimal().model_copy(update={"services": ServicesFile(services=built), "staffing": None})


def number(cell: object) -> int | None:
    return cell if isinstance(cell, int) else None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(services)
def test_deltas_never_print_zero_for_unknown_and_change_like_for_like(rows: list[tuple[str, object, object]]) -> None:
    report = compute_deltas(register(rows), from_year=2015, to_year=2020)
    text = render_markdown(report, Options())
    values = [(category, number(before), number(after)) for category, before, after in rows]
    for group in report.groups:
        members = [(b, a) for c, b, a in values if c == group.key]
        if all(b is None for b, _ in members):
            assert group.capacity_from is None
            assert f"| **Общо – {group_name(report, group, 'bg')}** | **н.д.** |" in text
        both = [(b, a) for b, a in members if b is not None and a is not None]
        assert group.capacity_delta == (sum(a - b for b, a in both) if both else None)
        assert group.capacity_delta_left_out == len(members) - len(both)
    known_before = [b for _, b, _ in values if b is not None]
    assert report.total.capacity_from == (sum(known_before) if known_before else None)
    printed = total_text(report.total.capacity_from, report.total.capacity_from_unknown, "bg")
    assert f"| **{printed}** |" in text
    if not known_before:
        assert printed == "н.д." and "| **0** |" not in text.splitlines()[-1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(services)
def test_no_share_is_printed_past_the_threshold(rows: list[tuple[str, object, object]]) -> None:
    report = compute_deltas(register(rows), from_year=2015, to_year=2020)
    base = [number(b) for c, b, _ in rows if c in ("specialised_institution", "residential", "community")]
    unknown = sum(1 for v in base if v is None)
    if not base or unknown / len(base) > Thresholds().unknown_share:
        assert report.institutional_share.from_ is None
        assert "н.д. (2015)" in render_markdown(report, Options())
    else:
        known = sum(v for v in base if v is not None)
        if known:
            inside = sum(number(b) or 0 for c, b, _ in rows if c == "specialised_institution")
            assert report.institutional_share.from_ == pytest.approx(inside / known)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(services)
def test_plan_totals_never_sum_unknown_as_zero(rows: list[tuple[str, object, object]]) -> None:
    """The plan for 2016 reads each service's 2016 cell (stated); a group with no known cell has no number."""
    from socstrat.render.plan import document

    plan = compute_plan(register(rows), 2016)
    (table,) = [b for b in document(plan, "bg").blocks if getattr(b, "id", None) == "plan-totals-category"]
    printed = {row[0]: row[2] for row in table.rows}
    for group in plan.totals.by_category:
        members = [s.places.value for s in plan.services if s.category == group.key]
        known = [v for v in members if v is not None]
        assert (group.places, group.places_unknown) == ((sum(known) if known else None), len(members) - len(known))
        cell = printed[label(f"group.category.{group.key}", "bg")]
        assert cell == total_text(group.places, group.places_unknown, "bg")
        if not known:
            assert cell == "н.д."
