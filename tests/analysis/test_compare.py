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
    # deltas, services view: Общо – за всички услуги ≥ 953 places (5 of 28 services unknown) and ≥ 229 staff in 2015
    population = 95950
    places = haskovo.get("places", "first")
    assert (places.value, places.unknown, places.rows) == (953, 5, 28)
    # 5 of 28 unknown is 17,9 %, within the 25 % threshold: the per-capita figure stands.
    assert haskovo.get("places_per_1000", "first").value == pytest.approx(953 / population * 1000)  # 9.93
    assert haskovo.get("places_per_1000", "last").value == pytest.approx(1473 / population * 1000)  # 15.35
    # Staff is known for 11 of the 28 services (17 unknown, 61 %): per capita it is withheld, not 2,39.
    staff = haskovo.get("staff_per_1000", "first")
    assert (staff.value, staff.missing, staff.unknown, staff.rows) == (None, "unknown_share", 17, 28)
    # Places per staff member rests on the services with both figures: 11 of 28, a subset the old 2,44 never named.
    per_staff = haskovo.get("places_per_staff", "first")
    assert (per_staff.value, per_staff.missing, per_staff.unknown, per_staff.rows) == (None, "unknown_share", 17, 28)
    assert haskovo.get("density").value == pytest.approx(95950 / 740.22)
    # Like for like: 1 473 − 953 = 520 includes Социално предприемачество's 300 ('-' in 2015) and
    # leaves out nothing known; without it, +220, and the 5 services unknown in either year are named.
    change = haskovo.get("places_change")
    assert (change.value, change.unknown) == (520 - 300, 5)
    # README: share in specialised institutions 28,9% (2015) → 19,9% (2020)
    assert round(haskovo.get("institutional_share", "first").value, 3) == 0.289
    kazanlak = report.strategies[1]
    # Kazanlak states 3 of its 16 capacities for 2007: places per 1 000 inhabitants (471/85 974·1000 = 5,48)
    # would rest on 3 figures; withheld.
    per_capita = kazanlak.get("places_per_1000", "first")
    assert (per_capita.value, per_capita.missing, per_capita.unknown, per_capita.rows) == (None, "unknown_share", 13, 16)
    # The institutional share rests on its 7 institutions, community and residential services, 5 of them unknown.
    share = kazanlak.get("institutional_share", "first")
    assert (share.value, share.missing, share.unknown, share.rows) == (None, "unknown_share", 5, 7)
    # Places per staff: capacity and staff both known for 2 of 16 services (ДВД „Папазов“ 96/44, ДСП 270/32).
    ratio = kazanlak.get("places_per_staff", "first")
    assert (ratio.value, ratio.missing, ratio.unknown) == (None, "unknown_share", 14)


def test_levels_keep_each_strategys_names(report) -> None:
    haskovo, kazanlak = report.strategies
    # strategy.yaml levels: Kazanlak's second level is 'Непосредствена цел', Haskovo's 'Обща цел'.
    assert kazanlak.get("general_objectives").level.name == "Непосредствена цел"
    assert haskovo.get("general_objectives").level.name == "Обща цел"
    from socstrat.render.compare import cell

    assert cell(kazanlak.get("general_objectives"), "bg") == f"{kazanlak.get('general_objectives').value} (Непосредствена цел)"


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
