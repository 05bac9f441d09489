"""``compare``: per-capita figures recomputed by hand from the context figures; what Kazanlak does not state."""

from __future__ import annotations

import pytest

from conftest import bundled
from socstrat.analysis.compare import compare


@pytest.fixture(scope="module")
def report():
    return compare([bundled("haskovo-2016-2020"), bundled("kazanlak-2007-2009")])


def test_population_comes_from_the_context_figures(report) -> None:
    haskovo, kazanlak = report.strategies
    # haskovo context.yaml: ctx-population "наброява 95950 жители по настоящ адрес", ctx-area 740.22 кв.км
    assert (haskovo.population.id, haskovo.population.value) == ("ctx-population", 95950)
    assert (haskovo.area.id, haskovo.area.value) == ("ctx-area", 740.22)
    # kazanlak context.yaml: population-grao-2004 85974 души (ГРАО, по настоящ адрес); population-nsi-2004 79871 (НСИ)
    assert kazanlak.population.value == 85974
    assert [p.value for p in kazanlak.other_population_figures] == [79871]


def test_kazanlak_states_no_area_and_it_is_missing_not_zero(report) -> None:
    kazanlak = report.strategies[1]
    assert kazanlak.not_stated == ["area"]
    area = kazanlak.get("area")
    assert area.value is None and area.missing == "not_stated"
    assert kazanlak.get("density").missing == "not_stated"


def test_years_are_named_per_strategy(report) -> None:
    haskovo, kazanlak = report.strategies
    assert haskovo.years == [2015, 2020]  # strategy.yaml baseline_year 2015; capacities up to 2020
    assert kazanlak.years == [2007]
    assert kazanlak.get("places_change").missing == "snapshot"
    assert kazanlak.get("places", "last").missing == "snapshot"


def test_per_capita_by_hand(report) -> None:
    haskovo = report.strategies[0]
    # README (deltas, services view): Общо – за всички услуги 953 places and 229 staff in 2015, 1 473 and 187 in 2020
    population = 95950
    assert haskovo.get("places", "first").value == 953
    assert haskovo.get("places_per_1000", "first").value == pytest.approx(953 / population * 1000)  # 9.93
    assert haskovo.get("staff_per_1000", "first").value == pytest.approx(229 / population * 1000)  # 2.39
    assert haskovo.get("places_per_1000", "last").value == pytest.approx(1473 / population * 1000)  # 15.35
    assert haskovo.get("density").value == pytest.approx(95950 / 740.22)
    assert haskovo.get("places_change").value == 1473 - 953
    # README: share in specialised institutions 28,9% (2015) → 19,9% (2020)
    assert round(haskovo.get("institutional_share", "first").value, 3) == 0.289
    kazanlak = report.strategies[1]
    places = kazanlak.get("places", "first")
    assert kazanlak.get("places_per_1000", "first").value == pytest.approx(places.value / 85974 * 1000)


def test_unknown_figures_are_counted_not_zeroed(report) -> None:
    kazanlak = report.strategies[1]
    # 16 services in the register; 13 state no capacity for 2007 (deltas note: "2007 г. – 13 реда")
    assert kazanlak.get("places", "first").unknown == 13
    # kazanlak has three levels (goals → objectives → measures): levels 4 and 5 do not exist
    assert kazanlak.get("measures").missing == "no_level"
    assert kazanlak.get("services_residential").value == 0  # a count of register entries: a true zero
    assert kazanlak.get("places_residential").missing == "none_in_register"


def test_one_year_for_all(report) -> None:
    one = compare([bundled("haskovo-2016-2020"), bundled("kazanlak-2007-2009")], year=2007)
    assert one.strategies[0].get("places", "first").missing == "no_year"
    assert one.strategies[1].get("places", "first").value == report.strategies[1].get("places", "first").value
