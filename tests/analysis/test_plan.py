"""The annual plan (issue 14): every figure traceable to a cell of the register, the activities to the stages table.

Expected values are quoted from the YAML (file and the lines) or worked out by hand.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import DATA, bundled
from socstrat.analysis.plan import Plan, PlanError, compute_plan, resolve, state_of
from socstrat.cli import app
from socstrat.model.values import capacity_number

HASKOVO, KAZANLAK = "haskovo-2016-2020", "kazanlak-2007-2009"


def plan(name: str, year: int) -> Plan:
    strategy = bundled(name).strategy
    assert strategy is not None
    return compute_plan(strategy, year)


def by_id(p: Plan) -> dict:
    return {s.id: s for s in p.services}


@pytest.mark.parametrize(("name", "year"), [(HASKOVO, 2017), (HASKOVO, 2020), (KAZANLAK, 2008)])
def test_every_figure_is_traceable(name: str, year: int) -> None:
    """Stated figures come from this year's cell; carried ones from an earlier stated year's cell; derived
    ones from a later stated year after a start year; none only when no year up to this one has a cell."""
    strategy = bundled(name).strategy
    assert strategy is not None
    register = {s.id: s for s in strategy.services.services}
    p = compute_plan(strategy, year)
    assert [s.id for s in p.services] == list(register)
    for s in p.services:
        cells = register[s.id].capacity
        for figure, at in ((s.places, year), (s.places_previous, year - 1)):
            if figure.basis == "stated":
                assert figure.year == at and figure.value == capacity_number(cells[at])
            elif figure.basis == "carried":
                assert figure.year is not None and figure.year < at and figure.value == capacity_number(cells[figure.year])
                assert not any(figure.year < y <= at for y in cells), "carried from the latest earlier year"
            elif figure.basis == "derived":
                assert figure.year is not None and figure.start_year is not None
                assert figure.start_year <= at < figure.year and figure.value == capacity_number(cells[figure.year])
            else:
                assert figure.value is None and not any(y <= at for y in cells)


def test_haskovo_2020_places_are_the_registers() -> None:
    """services.yaml, 2020 column (Раздел Г)."""
    s = by_id(plan(HASKOVO, 2020))
    assert (s["foster-care"].places.value, s["foster-care"].places.basis) == (50, "stated")  # `2020: 50`
    assert s["cop-haskovo"].places.value == 40  # `2020: {value: 40, printed: ".40"}`
    assert s["cop-haskovo"].places.printed == ".40"
    assert s["personal-assistant"].places.value == 30 + 100  # `- value: 30 / financing: НП АХУ`, `- value: 100 / financing: ОП РЧР`
    assert [(f.financing, f.places) for f in s["personal-assistant"].financing_places] == [("НП АХУ", 30), ("ОП РЧР", 100)]
    assert s["cnst-dementia"].places.value == 15 + 15  # `- value: 15`, `- value: 15`
    assert s["dsh-kenana"].places.value == 130  # `2020: 130`
    assert s["social-enterprise"].places.value == 300  # `2020: 300`
    assert (s["pensioners-club"].places.value, s["pensioners-club"].places.printed) == (None, "МД")  # `2020: МД`: unknown, not 0
    assert all(x.places.basis == "stated" and x.places.year == 2020 for x in s.values())
    # states: `2016: 160` carried to 2019, then `2020: 130` → reduces; `2016: 0`/`2020: 40` planned → opens
    assert s["dsh-kenana"].state == "reduces" and s["dsh-kenana"].places_delta == -30
    assert s["mother-baby-unit"].state == "opens"
    assert s["dmsgd"].state == "transforms"  # `kind: transformed`, `2016: 20`, `2020: 0`


def test_haskovo_2017_carries_2016_and_derives_from_start_years() -> None:
    s = by_id(plan(HASKOVO, 2017))
    foster = s["foster-care"].places
    assert (foster.value, foster.basis, foster.year) == (50, "carried", 2016)  # `2016: 50`, no 2017 column
    # cnst-dementia: `start_year: 2018`, `2016: [0, 0]` → not open in 2017, carried 0 from 2016
    assert (s["cnst-dementia"].places.value, s["cnst-dementia"].places.basis, s["cnst-dementia"].state) == (0, "carried", "not_open")
    # cnst-children-no-disabilities: `kind: new`, `start_year: 2016`, `2016: 0`, `2020: 10` → derived 10 from 2020
    child = s["cnst-children-no-disabilities"].places
    assert (child.value, child.basis, child.year, child.start_year) == (10, "derived", 2020, 2016)
    assert s["cnst-children-no-disabilities"].state == "opens"


def test_haskovo_2018_opens_the_dementia_centres() -> None:
    s = by_id(plan(HASKOVO, 2018))["cnst-dementia"]
    assert (s.places.value, s.places.basis, s.places.start_year, s.state) == (30, "derived", 2018, "opens")


def test_haskovo_2017_activities_are_the_stages_table() -> None:
    """implementation.yaml, stage-4 (`period: 2017г.`, `years: {start: 2017, end: 2017}`) is the only row of 2017."""
    p = plan(HASKOVO, 2017)
    assert [st.id for st in p.stages] == ["stage-4"]
    stage = p.stages[0]
    assert stage.activities == [
        "Годишен мониторинг 2016г. /изготвяне и приемане/- I–во тримесечие",
        "Информационни дейности",
        "Изпълнение на дейностите по стратегията",
    ]
    assert stage.responsible == ["ЗМО– основен и разширен състав;", "Кмет, Общински съвет;", "Общински оперативен екип;", "Всички участници;"]
    # the framework's activities, grouped by its 5 priority directions, run over the period (the framework dates none)
    assert [d.direction.code for d in p.directions] == ["1", "2", "3", "4", "5"]
    assert all(a.period == {"start": 2016, "end": 2020} and a.dated == "strategy_period" for d in p.directions for a in d.activities)
    crisis = next(a for d in p.directions for a in d.activities if a.id == "d2-a1.1.1.2")
    assert crisis.years_named == [2018] and crisis.services == ["crisis-centre"]  # "Изграждане след 2018 г. Кризисен център"


def test_haskovo_2016_stages_keep_their_half_years() -> None:
    """§6.3 (l.1313–1314, 1322–1323): the two 2016 rows after the preparatory stage are the first and the second
    half-year; the half-year stays with the period in the plan and its document, not among the activities."""
    from socstrat.render.plan import document

    p = plan(HASKOVO, 2016)
    assert [(st.id, st.period, st.period_part) for st in p.stages] == [
        ("stage-1", "2016г.", None), ("stage-2", "2016 г.", "I-во шестмесечие"), ("stage-3", "2016 г.", "II – шестмесечие"),
    ]
    table = next(b for b in document(p, "bg").blocks if getattr(b, "id", None) == "plan-stages")
    assert [row[1] for row in table.rows] == ["2016г.", "2016 г.\nI-во шестмесечие", "2016 г.\nII – шестмесечие"]


def test_kazanlak_2008_carries_2007() -> None:
    p = plan(KAZANLAK, 2008)
    s = by_id(p)
    assert (s["dvd-papazov"].places.value, s["dvd-papazov"].places.basis, s["dvd-papazov"].places.year) == (96, "carried", 2007)  # `2007: 96`
    assert (s["dsp-kazanlak"].staff.value, s["dsp-kazanlak"].staff.basis) == (27 + 5, "carried")  # staff 2007: 27 щатни + 5 по НП
    assert s["dsh-margarita-asebo"].places.basis == "none"  # no capacity cell at all: unknown, not 0
    assert p.stages == []
    codes = [n.code for n in p.notes]
    assert "no_stages" in codes and "no_monitoring" in codes and "figure_rules" in codes


def test_totals_leave_unknowns_out_and_count_them() -> None:
    p = plan(HASKOVO, 2020)
    clubs = next(t for t in p.totals.by_category if t.key == "club")
    assert (clubs.services, clubs.places, clubs.places_unknown) == (2, None, 2)  # both clubs `2020: МД`: unknown, not 0
    assert (clubs.places_delta, clubs.places_delta_left_out) == (None, 2)
    # Други: inclusive-education and education-programmes (no figure), social-enterprise '-' in 2016, 300 in 2020:
    # the known part is 300 with 2 unknown; the change from 2019 (carried '-') is like for like over no service.
    other = next(t for t in p.totals.by_category if t.key == "other")
    assert (other.places, other.places_unknown, other.places_previous, other.places_delta) == (300, 2, None, None)
    institutions = next(t for t in p.totals.by_category if t.key == "specialised_institution")
    # dmsgd 0 + dsh-kenana 130 + dvsu-kenana 30 = 160 in 2020; 20 + 160 + 30 = 210 carried from 2016
    assert (institutions.places, institutions.places_previous, institutions.places_delta) == (160, 210, -50)


def test_financing_groups_by_a_normalised_key() -> None:
    """services.yaml: home-social-patronage is financed by 'Общинска дейност', both clubs by 'общинска дейност'.
    One source, one group, printed as first written, with every spelling kept."""
    p = plan(HASKOVO, 2018)
    municipal = [t for t in p.totals.by_financing if t.key.casefold() == "общинска дейност"]
    assert len(municipal) == 1
    (group,) = municipal
    assert (group.key, group.printed, group.services) == ("Общинска дейност", ["Общинска дейност", "общинска дейност"], 3)
    # 110 places of the patronage (carried from 2016); the clubs are 'МД'.
    assert (group.places, group.places_unknown) == (110, 2)


def test_carried_forward_is_empty_without_monitoring() -> None:
    p = plan(HASKOVO, 2017)
    assert p.carried_forward == []
    assert any(n.code == "no_monitoring" and n.args == {"year": 2016} for n in p.notes)


def test_resolve_and_states() -> None:
    assert resolve({2015: 5, 2020: 9}, 2017)[0].model_dump() == {"value": 5, "basis": "carried", "year": 2015, "printed": None, "start_year": None}
    assert resolve({2015: 0, 2020: 9}, 2018, 2017)[0].basis == "derived"
    assert resolve({2020: 9}, 2017)[0].basis == "none"
    assert resolve({2017: "МД"}, 2017)[0].value is None
    assert state_of("existing", 10, 12) == "expands"
    assert state_of("planned", None, 4) == "opens"
    assert state_of("existing", None, None) == "continues"
    assert state_of("planned", 0, 0) == "not_open"


def test_year_outside_the_period() -> None:
    strategy = bundled(HASKOVO).strategy
    assert strategy is not None
    with pytest.raises(PlanError):
        compute_plan(strategy, 2021)
    result = CliRunner().invoke(app, ["plan", "--lang", "en", str(DATA / HASKOVO), "--year", "2015", "--format", "json"])
    assert result.exit_code == 2 and "outside the strategy's period 2016–2020" in result.output


def test_cli_json_is_the_same_in_both_languages() -> None:
    runner = CliRunner()
    outputs = [runner.invoke(app, ["plan", str(DATA / KAZANLAK), "--year", "2008", "--format", "json", "--lang", lang]) for lang in ("bg", "en")]
    assert all(r.exit_code == 0 for r in outputs)
    assert outputs[0].stdout == outputs[1].stdout
    data = json.loads(outputs[0].stdout)
    assert data["year"] == 2008 and data["previous_year"] == 2007 and len(data["services"]) == 16


def test_markdown_marks_every_figure_that_is_not_stated() -> None:
    result = CliRunner().invoke(app, ["plan", str(DATA / HASKOVO), "--year", "2017", "--format", "md"])
    assert result.exit_code == 0
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 1 | Приемна грижа"))
    assert "50 (пренесено от 2016 г.)" in row
    assert "Стойност без отбелязване е посочена в стратегията" in result.stdout
