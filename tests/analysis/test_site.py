"""The figures across strategies that the site shows: state in time, sums with unknowns, coverage."""

from __future__ import annotations

from socstrat.analysis.site import Held, Sum, coverage, state_in_time


def test_state_in_time_of_a_period() -> None:
    assert [state_in_time(2016, 2020, year) for year in (2015, 2016, 2020, 2021)] == ["upcoming", "in_force", "in_force", "ended"]


def test_an_unknown_value_is_counted_apart_never_added_as_zero() -> None:
    places = Sum()
    for value in (40, None, 12):
        places.add(value)
    assert (places.known, places.counted, places.unknown) == (52, 2, 1)
    assert places.total is None  # one place count is unknown: no total
    whole = Sum()
    whole.add(5)
    assert whole.total == 5
    assert Sum().total is None


def test_coverage_tells_a_repeated_name_apart_by_district() -> None:
    # the register has two municipalities named Бяла: VAR05 in Варна, RSE04 in Русе
    held = [("Бяла", "Русе", Held(id="byala", start=2016, end=2020)), ("Хасково", "Хасково", Held(id="h", start=2016, end=2020)),
            ("Бяла", "Никъде", Held(id="nowhere", start=2016, end=2020))]
    result = coverage(held)
    assert (len(result.regions), result.total, result.covered) == (28, 265, 2)
    found = {m.code: [h.id for h in m.strategies] for r in result.regions for m in r.municipalities if m.strategies}
    assert found == {"RSE04": ["byala"], "HKV34": ["h"]}
    assert result.unmatched == ["nowhere"]
