"""The figure of a service in a year, on Haskovo's register; expected values read off data/haskovo-2016-2020/services.yaml."""

from __future__ import annotations

import functools

import pytest

from conftest import DATA, ROOT, bundled
from socstrat.analysis.plan import compute_plan
from socstrat.analysis.progress import compute_progress
from socstrat.api import open_strategy
from socstrat.model import Strategy
from socstrat.model.plan import planned_figures, resolve

EXAMPLES = ROOT / "examples" / "haskovo-monitoring"


@functools.cache
def haskovo_monitored() -> Strategy:
    opened = open_strategy(DATA / "haskovo-2016-2020", monitoring=EXAMPLES)
    assert opened.strategy is not None
    return opened.strategy


def test_resolve_bases() -> None:
    cells = {2015: 110, 2016: 110, 2020: 150}
    assert resolve(cells, 2016)[0].model_dump(exclude_none=True) == {"value": 110, "basis": "stated", "year": 2016}
    # 2018 is between 2016 and 2020: the latest earlier stated figure, never (110 + 150) / 2.
    assert resolve(cells, 2018)[0].model_dump(exclude_none=True) == {"value": 110, "basis": "carried", "year": 2016}
    # A service starting in 2018 runs at the next stated figure from then on.
    assert resolve({2016: 0, 2020: 10}, 2018, 2018)[0].model_dump(exclude_none=True) == {"value": 10, "basis": "derived", "year": 2020, "start_year": 2018}
    assert resolve({2016: 0, 2020: 10}, 2017, 2018)[0].value == 0
    none = resolve({2020: 10}, 2018)[0]
    assert (none.value, none.basis) == (None, "none")
    # 'МД' is stated but unknown: None, never 0.
    md = resolve({2016: "МД"}, 2018)[0]
    assert (md.value, md.basis, md.year, md.printed) == (None, "carried", 2016, "МД")


def test_haskovo_2018_as_the_issue_found_it() -> None:
    """The five services the issue names, 2018 (no 2018 column in the register)."""
    plan = planned_figures(haskovo_monitored(), 2018)
    # Домашен социален патронаж: 110 (2016) … 150 (2020); interpolation gave 130.
    assert (plan["home-social-patronage"].places.value, plan["home-social-patronage"].places.basis) == (110, "carried")
    # Дом за стари хора „Кенана“: 160 (2016) … 130 (2020); interpolation gave 145.
    assert plan["dsh-kenana"].places.value == 160
    # Кризисен център: 0 (2016) … 10 (2020), planned with no start year; interpolation gave 5.
    assert plan["crisis-centre"].places.value == 0
    # ДМСГД: 20 (2016) … 0 (2020), transformed, no successor year; interpolation gave 10.
    assert plan["dmsgd"].places.value == 20
    # Наблюдавано жилище: 9 (2016) … 0 (2020), transformed into ЦНСТ for children, which starts
    # in 2016: from 2016 on it runs at the 2020 figure, 0; interpolation gave 4,5.
    nh = plan["supervised-housing"].places
    assert (nh.value, nh.basis, nh.year, nh.start_year) == (0, "derived", 2020, 2016)


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019, 2020])
def test_plan_and_progress_agree(year: int) -> None:
    """Every service's planned places and staff are the same in `plan --year Y` and `progress` for Y, and whole.

    The illustrative set reports 2016–2018; 2019 and 2020 reuse the 2018 file, since only the plan side is measured.
    """
    strategy = haskovo_monitored()
    if year not in strategy.monitoring:
        extra = {year: strategy.monitoring[2018].model_copy(update={"year": year})}
        strategy = strategy.model_copy(update={"monitoring": {**strategy.monitoring, **extra}})
    plan = {s.id: (s.places.value, s.places.basis, s.staff.value, s.staff.basis) for s in compute_plan(strategy, year).services}
    progress = {s.id: (s.planned_places, s.planned_basis, s.planned_staff, s.staff_basis) for s in compute_progress(strategy, year).services}
    assert progress == plan
    assert all(isinstance(v, int) for row in progress.values() for v in (row[0], row[2]) if v is not None)


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_plan_reads_the_one_figure_every_year(name: str) -> None:
    strategy = bundled(name).strategy
    assert strategy is not None
    period = strategy.strategy.period
    for year in range(period.start, period.end + 1):
        figures = planned_figures(strategy, year)
        for service in compute_plan(strategy, year).services:
            assert (service.places, service.staff) == (figures[service.id].places, figures[service.id].staff)
