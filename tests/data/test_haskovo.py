"""The Haskovo 2016–2020 strategy tested as data: counts, totals, cross-references, figures.

Expected numbers are read off the source document (../shared/seeds/000_…txt), not off
the program: each assertion names the section it comes from.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import bundled
from socstrat.model import CapacityPart, Strategy
from socstrat.model.queries import all_figures, iter_nodes
from socstrat.model.values import capacity_number

DATA = Path(__file__).resolve().parents[2] / "data"

PATH = DATA / "haskovo-2016-2020"


@pytest.fixture(scope="module")
def strategy() -> Strategy:
    opened = bundled("haskovo-2016-2020")
    assert opened.strategy is not None, [d.as_text() for d in opened.report.diagnostics]
    return opened.strategy


def test_validates_with_exit_0() -> None:
    report = bundled("haskovo-2016-2020").report
    assert report.valid, [d.as_text() for d in report.diagnostics if d.severity == "error"]
    summary = report.summary.model_dump()
    assert [(level["key"], level["count"]) for level in summary.pop("levels")] == [
        ("direction", 5), ("general_objective", 7), ("specific_objective", 18), ("measure", 42), ("activity", 93),
    ]
    assert summary | {"indicators": 0} == {
        "directions": 5, "general_objectives": 7, "specific_objectives": 18,
        "measures": 42, "activities": 93, "indicators": 0, "services": 28,
    }


def test_levels_per_direction(strategy: Strategy) -> None:
    """§4.1–4.5: objectives, measures and activities per priority direction."""
    counts = Counter((node.id.split("-")[0], node.level) for node in iter_nodes(strategy.framework.nodes))
    assert {d: counts[(d, "general_objective")] for d in ("d1", "d2", "d3", "d4", "d5")} == {"d1": 2, "d2": 1, "d3": 2, "d4": 1, "d5": 1}
    assert {d: counts[(d, "specific_objective")] for d in ("d1", "d2", "d3", "d4", "d5")} == {"d1": 7, "d2": 1, "d3": 6, "d4": 2, "d5": 2}
    assert {d: counts[(d, "measure")] for d in ("d1", "d2", "d3", "d4", "d5")} == {"d1": 20, "d2": 2, "d3": 12, "d4": 6, "d5": 2}
    assert {d: counts[(d, "activity")] for d in ("d1", "d2", "d3", "d4", "d5")} == {"d1": 45, "d2": 5, "d3": 29, "d4": 11, "d5": 3}


def test_source_numbering_is_kept(strategy: Strategy) -> None:
    """§4.1 prints activity code 2.4.2.1 twice; §4.4 measure 1.2.3 has no activity."""
    nodes = {n.id: n for n in iter_nodes(strategy.framework.nodes)}
    assert nodes["d1-a2.4.2.1"].code == nodes["d1-a2.4.2.1-b"].code == "2.4.2.1"
    assert nodes["d4-m1.2.3"].children == []


def test_tables_have_every_row(strategy: Strategy) -> None:
    assert [s.code for s in strategy.services.services] == [str(i) for i in range(1, 29)]
    assert strategy.staffing is not None
    assert [len(g.rows) for g in strategy.staffing.groups] == [9, 3, 2]
    assert len(strategy.implementation.stages) == 7
    assert len(strategy.implementation.communication_plan) == 4
    assert len(strategy.implementation.roles) == 7
    assert strategy.logframe is not None
    levels = Counter({n.id: n.level for n in iter_nodes(strategy.framework.nodes)}[r.objective] for r in strategy.logframe.rows)
    assert levels == {"general_objective": 7, "specific_objective": 18}
    assert [k.id for k in strategy.strategy.key_indicators] == [f"ki-q{i}" for i in range(1, 5)] + [f"ki-c{i}" for i in range(1, 8)]


def test_staffing_group_totals_match_declared(strategy: Strategy) -> None:
    """§7.1.1: each 'Общо' row equals the sum of its group's rows, and the grand total too."""
    table = strategy.staffing
    assert table is not None and table.declared_total is not None
    grand = Counter()
    for group in table.groups:
        assert group.declared_total is not None
        for phase in ("baseline", "plan"):
            for field in ("capacity", "staff"):
                computed = sum(v for r in group.rows if isinstance(v := getattr(getattr(r, phase), field), int))
                assert computed == getattr(getattr(group.declared_total, phase), field), (group.id, phase, field)
                grand[(phase, field)] += computed
    assert {k: getattr(getattr(table.declared_total, k[0]), k[1]) for k in grand} == dict(grand)
    assert dict(grand) == {("baseline", "capacity"): 555, ("baseline", "staff"): 229, ("plan", "capacity"): 574, ("plan", "staff"): 187}


def test_staffing_rows_and_register_are_linked(strategy: Strategy) -> None:
    services = {s.id for s in strategy.services.services}
    assert strategy.staffing is not None
    rows = [r for g in strategy.staffing.groups for r in g.rows]
    assert all(r.service in services for r in rows)
    assert len({r.service for r in rows}) == 14


def test_register_figures(strategy: Strategy) -> None:
    """Раздел Г: a sample of capacity cells across the table, as printed."""
    s = {svc.id: svc for svc in strategy.services.services}
    assert s["foster-care"].capacity == {2015: 47, 2016: 50, 2020: 50}
    assert s["dsh-kenana"].capacity == {2015: 160, 2016: 160, 2020: 130}
    assert s["pensioners-club"].capacity == {2015: "МД", 2016: "МД", 2020: "МД"}
    pa = s["personal-assistant"].capacity
    assert pa[2015] == [CapacityPart(value=25, financing="НП АХУ"), CapacityPart(value=92, financing="ОП РЧР")]
    assert capacity_number(pa[2020]) == 130
    assert capacity_number(s["cnst-dementia"].capacity[2020]) == 30
    assert capacity_number(s["cop-haskovo"].capacity[2020]) == 40
    assert s["social-enterprise"].capacity[2020] == 300
    assert s["supervised-housing"].status is not None and s["supervised-housing"].status.successor == "cnst-children-no-disabilities"


def test_staffing_figures(strategy: Strategy) -> None:
    """§7.1.1: rows as printed, including '-' for services that do not exist yet."""
    assert strategy.staffing is not None
    rows = {r.id: r for g in strategy.staffing.groups for r in g.rows}
    assert (rows["st-dsh-kenana"].baseline.capacity, rows["st-dsh-kenana"].plan.capacity) == (160, 130)
    assert (rows["st-dmsgd"].baseline.staff, rows["st-dmsgd"].plan.staff) == (54, 0)
    assert rows["st-crisis-centre"].baseline.capacity == "-"
    assert (rows["st-home-social-patronage"].baseline.capacity, rows["st-home-social-patronage"].plan.staff) == (106, 10)


def test_context_figures(strategy: Strategy) -> None:
    """§2.1 and §2.2: population, area, education, unemployment."""
    values = {f.value for f in all_figures(strategy.context.sections + strategy.context.risk_groups)}
    assert {95950, 740.22, 15792, 37588, 1333, 679, 1287, 163, 1949, 4636, 222} <= values


def test_text_figures_in_framework(strategy: Strategy) -> None:
    """§4: capacities named by activities are recorded against their services."""
    stated = {
        (f.service, f.value)
        for n in iter_nodes(strategy.framework.nodes)
        for f in n.figures
        if f.kind == "capacity"
    }
    assert {("cnstdmu-edinstvo", 14), ("cop-haskovo", 40), ("dsh-kenana", 160), ("dvsu-kenana", 30), ("day-centre-elderly", 20)} <= stated


def test_key_indicator_and_logframe_disagree_as_printed(strategy: Strategy) -> None:
    """§3.5 promises support for 30% of vulnerable families, §5.2 for 20%: both kept."""
    key = {k.id: k for k in strategy.strategy.key_indicators}
    assert key["ki-c1"].target == "30%"
    assert strategy.logframe is not None
    restated = [i for r in strategy.logframe.rows for i in r.impact_indicators if i.same_as == "ki-c1"]
    assert restated and restated[0].target == "20%"


def test_implementation_figures(strategy: Strategy) -> None:
    impl = strategy.implementation
    assert impl.commission is not None and impl.commission.members == 4
    assert impl.communication_plan[0].deadline == "Май 2016 г."
    assert [s.name for s in impl.stages if s.name] == ["Подготвителен етап", "Първи етап", "Втори етап", "Трети етап"]
