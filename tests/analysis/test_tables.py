"""The tidy tables of a strategy: one row per entity, unknown left empty, the printed form kept."""

from __future__ import annotations

import pytest

from conftest import DATA, ROOT, bundled
from socstrat.analysis.tables import TABLE_NAMES, strategy_tables
from socstrat.model import CapacityPart, PrintedNumber
from socstrat.model.values import printed_form


@pytest.fixture(scope="module")
def haskovo():
    return {t.name: t for t in strategy_tables(bundled("haskovo-2016-2020").strategy)}


@pytest.fixture(scope="module")
def kazanlak():
    return {t.name: t for t in strategy_tables(bundled("kazanlak-2007-2009").strategy)}


def _row(table, **match):
    found = [r for r in table.rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, match
    return found[0]


def test_every_table_is_there_even_when_the_strategy_has_none_of_it(kazanlak) -> None:
    assert list(kazanlak) == list(TABLE_NAMES)
    # Kazanlak has no staffing.yaml and no logframe.yaml: the tables exist, empty.
    assert kazanlak["staffing"].rows == [] and kazanlak["logframe"].rows == []


def test_service_years_one_row_per_service_and_year(haskovo) -> None:
    # services.yaml: foster-care capacity {2015: 47, 2016: 50, 2020: 50}, category community
    rows = [r for r in haskovo["service_years"].rows if r["service_id"] == "foster-care"]
    assert [(r["year"], r["capacity"], r["capacity_printed"]) for r in rows] == [(2015, 47, None), (2016, 50, None), (2020, 50, None)]
    assert rows[0]["category"] == "community" and rows[0]["status"] == "existing"


def test_unknown_is_empty_and_the_print_kept(haskovo) -> None:
    # services.yaml: pensioners-club capacity 2015: МД
    row = _row(haskovo["service_years"], service_id="pensioners-club", year=2015)
    assert row["capacity"] is None and row["capacity_printed"] == "МД"


def test_split_capacity_keeps_its_print_beside_the_sum(haskovo) -> None:
    # services.yaml: personal-assistant 2015: [25 НП АХУ, 92 ОП РЧР]
    row = _row(haskovo["service_years"], service_id="personal-assistant", year=2015)
    assert row["capacity"] == 117
    assert row["capacity_printed"] == "25 – НП АХУ / 92 – ОП РЧР"


def test_staffing_rows_and_declared_totals(haskovo) -> None:
    # staffing.yaml: st-cnst-children-no-disabilities baseline capacity "-", plan 10 / 8 staff
    row = _row(haskovo["staffing"], id="st-cnst-children-no-disabilities")
    assert (row["capacity_baseline"], row["capacity_baseline_printed"], row["capacity_plan"], row["staff_plan"]) == (None, "-", 10, 8)
    # The community group's declared 'Общо': baseline 159 places / 61 staff, plan 184 / 82.
    group = _row(haskovo["staffing_groups"], id=row["group_id"])
    assert (group["declared_capacity_baseline"], group["declared_staff_baseline"]) == (159, 61)
    assert (group["declared_capacity_plan"], group["declared_staff_plan"]) == (184, 82)
    assert (group["baseline_year"], group["plan_end_year"]) == (2015, 2020)


def test_nodes_know_their_parent_and_level(haskovo) -> None:
    nodes = haskovo["nodes"]
    by_id = {r["id"]: r for r in nodes.rows}
    top = [r for r in nodes.rows if r["parent"] is None]
    assert {r["level"] for r in top} == {"direction"} and len(top) == 5  # validate: "Priority direction 5"
    assert all(by_id[r["parent"]]["depth"] == r["depth"] - 1 for r in nodes.rows if r["parent"])
    assert len(nodes.rows) == 5 + 7 + 18 + 42 + 93


def test_indicators_of_every_kind(haskovo, kazanlak) -> None:
    assert len(haskovo["indicators"].rows) == 142  # validate: "142 indicators"
    assert len(kazanlak["indicators"].rows) == 42
    kinds = {r["kind"] for r in haskovo["indicators"].rows}
    assert {"impact", "direct_result", "effect", "key_quantitative"} <= kinds
    assert {r["kind"] for r in kazanlak["indicators"].rows} >= {"monitoring"}


def test_context_figures(haskovo) -> None:
    # context.yaml: ctx-population 95950 жители as of 31.12.2014; ctx-area 740.22 кв.км
    population = _row(haskovo["figures"], id="ctx-population")
    assert (population["value"], population["unit"], population["as_of"]) == (95950, "жители", "31.12.2014")
    assert _row(haskovo["figures"], id="ctx-area")["value"] == 740.22


def test_primary_keys_are_unique(haskovo, kazanlak) -> None:
    for tables in (haskovo, kazanlak):
        for table in tables.values():
            keys = [tuple(r[k] for k in table.primary_key) for r in table.rows]
            assert len(keys) == len(set(keys)), table.name


def test_column_types_follow_the_row_types(haskovo) -> None:
    types = {c.key: c.type for c in haskovo["service_years"].columns}
    assert types["capacity"] == "integer" and types["capacity_printed"] == "string" and types["year"] == "integer"
    assert {c.key: c.type for c in haskovo["figures"].columns}["value"] == "number"


@pytest.mark.parametrize(
    ("value", "printed"),
    [(40, None), (None, None), ("МД", "МД"), ("-", "-"), (PrintedNumber(value=40, printed=".40"), ".40"),
     ([CapacityPart(value=25, financing="НП АХУ"), CapacityPart(value=92, financing="ОП РЧР")], "25 – НП АХУ / 92 – ОП РЧР")],
)
def test_printed_form(value, printed) -> None:
    assert printed_form(value) == printed


def test_monitoring_actuals_are_tables_and_say_they_are_illustrative() -> None:
    """examples/haskovo-monitoring/2016.yaml reports foster-care with 48 places, 52 users, 6 staff and ДДД: 310000;
    the public canteen with 99 places and no staff (not reported stays empty, never 0)."""
    from socstrat.api import open_strategy

    opened = open_strategy(DATA / "haskovo-2016-2020", monitoring=ROOT / "examples" / "haskovo-monitoring")
    assert opened.strategy is not None
    tables = {t.name: t for t in strategy_tables(opened.strategy)}
    rows = {(r["year"], r["service_id"]): r for r in tables["monitoring_services"].rows}
    foster = rows[(2016, "foster-care")]
    assert (foster["places"], foster["users"], foster["staff"], foster["spending"]) == (48, 52, 6.0, "ДДД: 310000")
    assert foster["illustrative"].startswith("Илюстративни данни, измислени за демонстрация")
    canteen = rows[(2016, "public-canteen")]
    assert (canteen["places"], canteen["staff"]) == (99, None)
    assert {r["year"] for r in tables["monitoring_activities"].rows} == {2016, 2017, 2018}
    assert tables["monitoring_indicators"].rows and all(r["illustrative"] for r in tables["monitoring_indicators"].rows)


def test_a_strategy_without_monitoring_has_empty_monitoring_tables() -> None:
    tables = {t.name: t for t in strategy_tables(bundled("kazanlak-2007-2009").strategy)}
    assert [len(tables[name].rows) for name in ("monitoring_services", "monitoring_activities", "monitoring_indicators")] == [0, 0, 0]


def test_service_plan_is_the_plans_figure_for_every_year(haskovo) -> None:
    """services.yaml: Домашен социален патронаж 110 (2015, 2016) → 150 (2020): 2018 carries 110 from 2016, never 130."""
    row = _row(haskovo["service_plan"], service_id="home-social-patronage", year=2018)
    assert (row["places"], row["places_basis"], row["places_from_year"]) == (110, "carried", 2016)
    row = _row(haskovo["service_plan"], service_id="home-social-patronage", year=2020)
    assert (row["places"], row["places_basis"], row["places_from_year"]) == (150, "stated", 2020)
    # 28 services × 5 years of the period
    assert len(haskovo["service_plan"].rows) == 28 * 5
