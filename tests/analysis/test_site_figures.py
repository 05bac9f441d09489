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


def test_places_per_1000_inhabitants_of_a_district_or_why_there_is_none() -> None:
    from socstrat.analysis.site import KindRow, per_capita

    def row(region: str, places: list[int | None]) -> KindRow:
        total = Sum()
        for value in places:
            total.add(value)
        return KindRow(region=region, category="community", years=[2020], services=len(places), places=total, staff=Sum())

    rows = [row("A", [30, 20, None, 10, 15]), row("B", [10]), row("C", [4, None])]
    populations = [("A", 20000, "2014"), ("A", 5000, "2015"), ("B", None, None), ("C", 1000, "2011")]
    a, b, c = per_capita(rows, populations)
    # A: 75 known places, 1 unknown of 5 (a fifth, within the quarter), 25 000 inhabitants: 75 × 1000 / 25 000 = 3.0
    assert (a.per_1000, a.per_1000_missing, a.population.total, a.population_as_of) == (3.0, None, 25000, ["2014", "2015"])
    assert (b.per_1000, b.per_1000_missing) == (None, "no_population")
    assert (c.per_1000, c.per_1000_missing) == (None, "unknown_places")  # 1 of 2 unknown: more than a quarter
