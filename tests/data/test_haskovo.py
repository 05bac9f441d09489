"""The Haskovo 2016–2020 strategy tested as data: counts, totals, cross-references, figures.

Expected numbers are read off the source document (../shared/seeds/000_…txt), not off
the program: each assertion names the section it comes from.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import bundled, validate_path
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
    assert key["ki-c1"].target == "поне 30%"  # l.243 "Осигурена подкрепа за поне 30% от уязвимите семейства"
    assert strategy.logframe is not None
    restated = [i for r in strategy.logframe.rows for i in r.impact_indicators if i.same_as == "ki-c1"]
    assert restated and restated[0].target == "поне 20%"


def test_implementation_figures(strategy: Strategy) -> None:
    impl = strategy.implementation
    assert impl.commission is not None and impl.commission.members == 4
    assert impl.communication_plan[0].deadline == "Май 2016 г."
    assert [s.name for s in impl.stages if s.name] == ["Подготвителен етап", "Първи етап", "Втори етап", "Трети етап"]


# --- issue 18: fidelity of the transcription ------------------------------------------


def _indicators(strategy: Strategy) -> dict:
    from socstrat.model.queries import indicators

    return indicators(strategy) | {k.id: k for k in strategy.strategy.key_indicators}


def test_targets_keep_their_printed_qualifiers(strategy: Strategy) -> None:
    """A target is kept as printed, its qualifier included; each expected value is the printed words."""
    found = _indicators(strategy)
    assert {ident: found[ident].target for ident in (
        "lf-d1-so2.4-e3", "ki-c1", "ki-c4", "ki-c5", "ki-c7", "lf-d1-go2-i1", "lf-d3-go2-i2",
        "lf-d3-go2-i3", "lf-d3-so1.3-e1", "lf-d3-so1.3-e2", "lf-d3-so2.2-e2", "ki-q3", "ki-q4",
    )} == {
        "lf-d1-so2.4-e3": "Над 50%",  # l.904 "Над 50% от посещаващите училище ученици"
        "ki-c1": "поне 30%",  # l.243 "Осигурена подкрепа за поне 30% от уязвимите семейства"
        "ki-c4": "поне 30%",  # l.246 "обхващане на поне 30% от децата с увреждания"
        "ki-c5": "поне 25%",  # l.247 "за поне 25% от старите хора в нужда"
        "ki-c7": "най-малко 80-90",  # l.249 "на най-малко 80-90 самотно живеещи стари хора"
        "lf-d1-go2-i1": "поне 20%",  # l.578 "Осигурена подкрепа за поне 20% от уязвимите семейства"
        "lf-d3-go2-i2": "поне 25%",  # l.645 "за поне 25% от старите хора в нужда в област Хасково"
        "lf-d3-go2-i3": "най-малко 10-20",  # l.646 "на най-малко 10-20 самотно живеещи стари хора"
        "lf-d3-so1.3-e1": "около 20%",  # l.1000–1001 "за  около" / "20% от хората  с увреж дания"
        "lf-d3-so1.3-e2": "Поне 30 -35 %",  # l.1003 "Поне 30 -35 % от лицата с увреждания"
        "lf-d3-so2.2-e2": "поне 25%",  # l.1072 "за поне 25% от старите хора в нужда в община Хасково"
        "ki-q3": "поне 3",  # l.240 "Осъществени поне 3 междуобщински социални услуги"
        "ki-q4": "поне 2",  # l.241 "Инициирани и развити поне 2 смесени междусекторни услуги"
    }
    for ident in ("lf-d1-so2.4-e3", "lf-d3-so1.3-e1", "lf-d3-go2-i3"):
        assert found[ident].target in found[ident].text


def test_a_frequency_stays_a_frequency(strategy: Strategy) -> None:
    """l.1103 "Поведени на обучения поне 2- годишно": at least twice a year, not a count of 2."""
    assert _indicators(strategy)["lf-d4-so1.1-r1"].target == "поне 2- годишно"


def test_matrix_keeps_its_own_objective_wording(strategy: Strategy) -> None:
    """§5.2 words two specific objectives differently from §4; both wordings are kept and linked."""
    assert strategy.logframe is not None
    rows = {r.id: r for r in strategy.logframe.rows}
    nodes = {n.id: n for n in iter_nodes(strategy.framework.nodes)}
    # l.706 "…за деца, които са изведени от семейна среда." against l.253 "…които са изведени в семейна среда."
    assert rows["lf-d1-so1.1"].objective == "d1-so1.1"
    assert rows["lf-d1-so1.1"].objective_text is not None
    assert rows["lf-d1-so1.1"].objective_text.endswith("за деца, които са изведени от семейна среда.")
    assert nodes["d1-so1.1"].title.endswith("за деца, които са изведени в семейна среда.")
    # l.1154 "администра тивния и организацио нен капацитет" against l.506 "административния и организационния капацитет"
    assert "административния и организационен капацитет" in (rows["lf-d5-so1.1"].objective_text or "")
    assert "административния и организационния капацитет" in nodes["d5-so1.1"].title
    # every other row prints the §4 wording, so it keeps none of its own
    assert sorted(r.id for r in rows.values() if r.objective_text) == ["lf-d1-so1.1", "lf-d5-so1.1"]


def test_matrix_keeps_its_sub_table_headings(strategy: Strategy) -> None:
    """§5.2 prints one heading per direction above the specific-objective rows (l.702, 924, 955, 1092, 1151)."""
    assert strategy.logframe is not None
    rows = {r.id: r for r in strategy.logframe.rows}
    assert (rows["lf-d3-so2.1"].heading or "").startswith(
        "Направление №3: Да се създадат услуги, насочени към удовлетворяване на комплексните потребности")  # l.955
    assert (rows["lf-d1-so2.4"].heading or "").startswith(
        "Направление №1: Да се създаде и поддържа между институционална работна среда")  # l.702
    assert all(r.heading is None for r in rows.values() if "-go" in r.id)


def test_matrix_findings_are_reported(tmp_path) -> None:
    import shutil

    copy = tmp_path / "haskovo"
    shutil.copytree(PATH, copy)
    (copy / "acknowledgements.yaml").unlink()
    report = validate_path(str(copy), select=["A005", "X007", "X008", "X009", "X010", "X011", "X012", "X013", "X014", "L007", "L008", "L009", "L010", "Q004"])
    found = sorted((d.code, d.path.split(".")[0] if d.path else "", d.file.rsplit("/", 1)[-1]) for d in report.diagnostics)
    assert [(c, f) for c, _, f in found] == [
        ("A005", "services.yaml"),
        ("L007", "context.yaml"),
        ("L008", "framework.yaml"), ("L008", "framework.yaml"), ("L008", "framework.yaml"), ("L008", "framework.yaml"),
        ("L009", "implementation.yaml"),
        ("L010", "implementation.yaml"), ("L010", "implementation.yaml"),
        ("Q004", "strategy.yaml"), ("Q004", "strategy.yaml"), ("Q004", "strategy.yaml"),
        ("X007", "logframe.yaml"), ("X007", "logframe.yaml"),
        *[("X008", "logframe.yaml")] * 6,
        ("X009", "framework.yaml"),
        ("X010", "context.yaml"),
        ("X011", "logframe.yaml"), ("X011", "logframe.yaml"),
        ("X012", "logframe.yaml"),
        ("X013", "implementation.yaml"),
        *[("X014", "logframe.yaml")] * 4,  # l.808, 936, 1105; l.599 "на областно ниво … повече от две общини"
    ]
    # §3.5 lists ki-q1 … ki-q4 first (l.238–241); only ki-q4 (l.241) is restated in §5.2 (l.622)
    assert [d.path for d in report.diagnostics if d.code == "Q004"] == [f"key_indicators[{i}].text" for i in range(3)]


def test_provider_taken_from_another_section_names_it(strategy: Strategy) -> None:
    """Раздел Г row 3 (l.1718) says "НПО - Шанс и закрила"; "Сдружение „Шанс и Закрила“" is §4.1 (l.350)."""
    s = {svc.id: svc for svc in strategy.services.services}
    shans = s["cop-shans-i-zakrila"]
    assert shans.name.endswith("НПО - Шанс и закрила")
    assert shans.provider == "Сдружение „Шанс и Закрила“"
    assert shans.field_src["provider"].startswith("§4.1, Дейност 2.3.2.5 (ред 350)")


def test_fourteen_plus_fourteen_is_kept_as_printed(strategy: Strategy) -> None:
    """l.178 "с капацитет 14+14 места": two printed parts, no computed total."""
    figures = {f.id: f for f in all_figures(strategy.context)}
    whole = figures["prop-cnst-dementia-capacity"]
    assert whole.value is None and "14+14" in (whole.text or "")
    assert [p.value for p in whole.parts] == [14, 14]


def test_stages_responsibilities_keep_their_punctuation(strategy: Strategy) -> None:
    """§6.3: l.1318–1319 "Кмет, " / "Общински съвет, Обществен съвет, "; l.1338 "ЗМО–  основен   и разширен състав; "."""
    stages = {s.id: s for s in strategy.implementation.stages}
    assert stages["stage-2"].responsible == ["Кмет,", "Общински съвет, Обществен съвет,"]
    assert stages["stage-4"].responsible[0] == "ЗМО– основен и разширен състав;"
    assert stages["stage-7"].responsible == ["Кмет,", "Общински съвет;"]  # l.1371–1372


def test_commission_named_as_printed(strategy: Strategy) -> None:
    """l.1203 "да се обособи комисия за мониторинг и оценка (КМО)": lower case as printed."""
    assert strategy.implementation.commission is not None
    assert strategy.implementation.commission.name == "комисия за мониторинг и оценка (КМО)"


def test_paragraphs_after_a_list_stay_after_it(strategy: Strategy) -> None:
    """l.64–68 follow the education list, l.84 the unemployment list, l.116 the list of needs."""
    from socstrat.model import TextBlock
    from socstrat.model.queries import walk_models

    blocks = {m.id: m for m in walk_models(strategy.context) if isinstance(m, TextBlock)}
    assert blocks["ctx-2.1-education"].items[-1] == "неграмотни – 1600 човека или 1,8%."
    assert blocks["ctx-2.1-education"].after_items[0].startswith("Населението с високо образователно равнище")
    assert blocks["ctx-2.1-employment"].after_items[0].startswith("При структурирането на безработните по възраст")
    assert blocks["rg-2.2.3"].paragraphs[-1] == "Основните потребности на тези деца са :"
    assert blocks["rg-2.2.3"].after_items[0].startswith("В помощ и подкрепа на децата с увреждания")


def test_inferred_dates_are_marked(strategy: Strategy) -> None:
    """l.54 dates the doctors ("за 2014 година", "Към 2014 година") but not the school-health staff;
    l.67 dates the literacy course ("През 2013-2014г.") but not the 52 certificates."""
    figures = {f.id: f for f in all_figures(strategy.context)}
    assert not figures["ctx-doctors"].as_of_inferred and figures["ctx-doctors"].as_of == "2014"
    assert not figures["ctx-gps"].as_of_inferred
    for ident in ("ctx-school-health-staff", "ctx-school-health-offices", "ctx-school-health-kindergartens",
                  "ctx-adult-literacy-certificates"):
        assert figures[ident].as_of_inferred, ident
    assert figures["ctx-school-health-staff"].value == 103  # l.54 "103 са медицинските специалиста"
    assert figures["ctx-adult-literacy-certificates"].value == 52  # l.67 "… по ограмотяване на възрастни е 52."


def test_closure_statement_names_the_institution_it_covers(strategy: Strategy) -> None:
    """l.91 closes the children's institutions by the end of 2015; l.133 names ДМСГД as the only one."""
    figures = {f.id: f for f in all_figures(strategy.context)}
    assert figures["rg-deinstitutionalisation-end"].value == 2015
    assert figures["rg-deinstitutionalisation-end"].closes == ["dmsgd"]


def test_stated_capacity_changes(strategy: Strategy) -> None:
    """Раздел Г row 12 "поне с 20% за първата година" (l.1866–1867) with 20 / 20 / 0 (l.1863–1865);
    row 22 "намаляне капацитета 2020г. с 30 места" with 160 / 160 / 130."""
    s = {svc.id: svc for svc in strategy.services.services}
    first_year = {f.id: f for f in s["dmsgd"].stated}["dmsgd-s2"]
    assert (first_year.qualifier, first_year.value, first_year.unit) == ("поне", 20, "%")
    assert first_year.change is not None and (first_year.change.from_year, first_year.change.to_year) == (2015, 2016)
    assert s["dmsgd"].capacity == {2015: 20, 2016: 20, 2020: 0}
    kenana = {f.id: f for f in s["dsh-kenana"].stated}["dsh-kenana-s2"]
    assert kenana.value == 30 and s["dsh-kenana"].capacity[2016] - s["dsh-kenana"].capacity[2020] == 30


def test_services_in_operation_map_to_the_register(strategy: Strategy) -> None:
    """§2.3.3 (l.148–152) lists four items; the fourth, "Домашен санитар" and "Социален консултант",
    is in no row of Раздел Г (l.1683–2149)."""
    from socstrat.model import TextBlock
    from socstrat.model.queries import walk_models

    blocks = {m.id: m for m in walk_models(strategy.context) if isinstance(m, TextBlock)}
    elderly = blocks["sio-2.3.3-community"]
    assert elderly.items[3] == "Социалната услуга „Домашен санитар“ и „Социален консултант“"
    assert [(link.item, link.services) for link in elderly.item_services] == [
        (1, ["day-centre-elderly"]), (2, ["home-social-patronage"]), (3, ["personal-assistant"]), (4, [])]
    assert not any("санитар" in svc.name.lower() or "консултант" in svc.name.lower() for svc in strategy.services.services)


def test_second_target_keeps_its_qualifier(strategy: Strategy) -> None:
    """l.660 "Повишен капацитет за управление на СУ на 50% представители на администрацията, дирекции
    социално подпомагане и поне 50% от екипите на доставчиците": two targets, the second "поне"."""
    rows = {row.id: row for row in strategy.logframe.rows}
    indicator = rows["lf-d4-go1"].impact_indicators[0]
    assert indicator.target == "50%"
    assert [t.target for t in indicator.further_targets] == ["поне 50%"]
    reading = indicator.further_targets[0].target_reading
    assert reading is not None and (reading.comparison, reading.value, reading.unit) == ("at_least", 50, "%")
    assert indicator.further_targets[0].of is not None and indicator.further_targets[0].of.startswith("от екипите")


def test_roles_keep_the_printed_order(strategy: Strategy) -> None:
    """§6.1.2 prints four bullets (l.1244–1247) and then "Решение за развиване …" (l.1248); §6.1.4 prints two
    paragraphs (l.1257–1258), three bullets (l.1259–1261), "ДСП има отношение …" (l.1262) and one more bullet (l.1263)."""
    roles = {role.id: role for role in strategy.implementation.roles}
    council = roles["role-6.1.2"]
    assert council.paragraphs == []
    assert council.responsibilities[-1].startswith("Взема решения, свързани с развитие на СУ")
    assert [p[:40] for p in council.after_responsibilities] == ["Решение за развиване на конкретна социал"]
    dsp = roles["role-6.1.4"]
    assert [p[:20] for p in dsp.paragraphs] == ["Дирекция \"Социално п", "Предвид основните си"]
    assert [r[:20] for r in dsp.responsibilities] == ["Прави предложения и ", "Осъществява сътрудни", "Събира и актуализира"]
    assert [p[:20] for p in dsp.after_responsibilities] == ["ДСП има отношение къ"]
    assert [r[:20] for r in dsp.further_responsibilities] == ["Извършва консултиран"]


def test_half_years_qualify_the_period(strategy: Strategy) -> None:
    """§6.3 l.1313–1314 "2016 г." / "I-во шестмесечие", l.1322–1323 "2016 г." / "II – шестмесечие": parts of the
    period, not activities."""
    stages = {stage.id: stage for stage in strategy.implementation.stages}
    assert (stages["stage-2"].period, stages["stage-2"].period_part) == ("2016 г.", "I-во шестмесечие")
    assert (stages["stage-3"].period, stages["stage-3"].period_part) == ("2016 г.", "II – шестмесечие")
    assert stages["stage-2"].activities[0].startswith("Утвърждаване на процедури")
    assert stages["stage-3"].activities[0] == "Изпълнение на дейностите по стратегията"
    assert not any("шестмесечие" in a for stage in stages.values() for a in stage.activities)


def test_policy_documents_keep_their_list_punctuation(strategy: Strategy) -> None:
    """l.22 "Международна харта за правата на човека на ООН;" … l.31 "Национална стратегия за детето (2008-2018)"
    without one, l.38 "Общинска програма за закрила на детето;"."""
    docs = {d.title: d.punctuation for d in strategy.strategy.policy_documents}
    assert docs["Международна харта за правата на човека на ООН"] == ";"
    assert docs["Национална стратегия за детето (2008-2018)"] is None
    assert docs["Стратегия за развитие на социалните услуги в област Хасково (2016-2020)"] is None
    assert docs["Общинска програма за закрила на детето"] == ";"
    assert sum(1 for p in docs.values() if p == ";") == 11  # l.22–25, 27–30, 33, 36, 38
    assert docs["Конституция"] is None  # l.39 names the laws in a sentence, not a list


def test_headings_are_stored(strategy: Strategy) -> None:
    """l.184 "3. Визия и цели", l.190 "3.2. Ценности, принципи, подходи", l.250 "4. Интервенция – социални услуги и
    мерки", l.1202 "5.3.1. Създаване на комисия за мониторинг и оценка", l.1237 "6. Институционална рамка за
    изпълнението на стратегията", l.1380 "7.1.1. Човешки ресурси"."""
    headings = {h.code: h.title for h in strategy.strategy.headings if h.code}
    assert headings == {
        "3": "Визия и цели", "3.1": "Визия", "3.2": "Ценности, принципи, подходи",
        "4": "Интервенция – социални услуги и мерки", "5.3.1": "Създаване на комисия за мониторинг и оценка",
        "6": "Институционална рамка за изпълнението на стратегията", "7.1.1": "Човешки ресурси",
    }
    assert [h.title for h in strategy.strategy.headings[:2]] == ["РЕЗЮМЕ", "ОБХВАТ"]  # l.1, l.7
    parts = [h.title for h in strategy.strategy.headings if h.title.startswith("Раздел")]
    assert parts == [
        "Раздел А: Контекст и оценка на нуждите",  # l.10
        "Раздел Б: Стратегия за развитие на социалните услуги",  # l.183
        "Раздел В: Реализация на стратегията – план за действие",  # l.1236
        "Раздел Г: Обобщена таблица за планираните социални услуги в община Хасково",  # l.1659
    ]


def test_links_the_text_does_not_make_are_marked(strategy: Strategy) -> None:
    """l.326 runs the early-intervention centre "в сградата на ДМСГД" and names no service of the register;
    l.408 "Включване на допълнителни услуги към ДСП" names the directorate (l.4), the link to the patronage is
    line 980's reading. A bare "ЦОП" (l.270, 279, 294, 302, …) could be either of the two the register holds
    (rows 2 and 3, l.1698, 1717–1718); reading it as ЦОП-Хасково (l.286) is marked too. Links the text makes
    by name ("ЦОП-Хасково", l.298; "Звено „майка и бебе“", l.294) are not."""
    nodes = {n.id: n for n in iter_nodes(strategy.framework.nodes)}
    assert nodes["d1-a2.2.1.1"].services_inferred == ["dmsgd"]
    assert nodes["d3-a1.2.1.2"].services_inferred == ["home-social-patronage"]
    assert nodes["d1-a2.1.1.1"].services_inferred == ["cop-haskovo"]  # "ЦОП, ОЗД" beside the named unit
    assert "mother-baby-unit" in nodes["d1-a2.1.1.1"].services
    assert nodes["d1-a2.1.2.1"].services == ["cop-haskovo"] and not nodes["d1-a2.1.2.1"].services_inferred
    assert not nodes["d3-a1.2.1.1"].services_inferred  # l.407 names домашен помощник, социален и личен асистент
    bare = [n.id for n in nodes.values() if "cop-haskovo" in n.services_inferred]
    assert len(bare) == 12 and all("ЦОП-" not in nodes[i].title for i in bare)


def test_an_inferred_link_must_be_a_link() -> None:
    from pydantic import ValidationError

    from socstrat.model import Node

    with pytest.raises(ValidationError, match="services_inferred names dmsgd"):
        Node(id="a1", level="activity", title="…", services=[], services_inferred=["dmsgd"], src="§4.1")


def test_regional_residue_in_indicators_is_reported(tmp_path) -> None:
    """§5.2 scopes indicators to the region: "в област Хасково" (l.582, 645, 723, 744, 745, 765, 911), "от общините"
    (l.583, 997) and "в областта" (l.676, 1162), while §4 plans for община Хасково."""
    import shutil

    copy = tmp_path / "haskovo"
    shutil.copytree(PATH, copy)
    (copy / "acknowledgements.yaml").unlink()
    report = validate_path(str(copy), select=["C003"])
    found = Counter(d.args["scope"] for d in report.diagnostics if d.code == "C003")
    assert found == {"област Хасково": 7, "общините": 2, "в областта": 2}


def test_listed_omissions_stay_as_printed(strategy: Strategy) -> None:
    """README defects 38, 39 and 45. l.389 continues a crisis centre "стартиралия през 2015 г." that no register
    row holds: the one crisis-centre row (l.1811) has 0 places in 2015 and 2016 (l.1815–1816). l.326 runs an
    early-intervention centre of "Капацитет 20 потребителя" that no row names. 1287 is the count of l.81 at
    31.12.2014 (l.78) and the yearly average of l.84, two figures, neither derived from the other."""
    nodes = {n.id: n for n in iter_nodes(strategy.framework.nodes)}
    register = {s.id: s for s in strategy.services.services}
    assert nodes["d2-a1.1.1.1"].services == []
    assert [s for s in register if "crisis" in s] == ["crisis-centre"]
    assert (register["crisis-centre"].capacity[2015], register["crisis-centre"].capacity[2016]) == (0, 0)
    centre = {f.id: f for f in nodes["d1-a2.2.1.1"].figures}["d1-a2.2.1.1-f1"]
    assert (centre.value, centre.kind, centre.service) == (20, "capacity", None)
    assert not any("ранна интервенция" in s.name.lower() for s in register.values())
    figures = {f.id: f for f in all_figures(strategy.context)}
    count, average = figures["ctx-unemployed-over-55"], figures["ctx-unemployed-over-55-average"]
    assert (count.value, count.as_of, average.value, average.as_of) == (1287, "31.12.2014", 1287, None)
    assert average.text == "Средногодишният им брой е 1287 души"


def test_wholes_the_text_does_not_name_are_marked(strategy: Strategy) -> None:
    """l.84 "24 % от всички регистрирани" names no number: the 4636 of l.122 is the transcription's reading;
    l.60–64 print shares beside counts without saying of what."""
    figures = {f.id: f for f in all_figures(strategy.context)}
    shares = {ident: f.share_of for ident, f in figures.items() if f.share_of is not None}
    assert shares["ctx-unemployed-over-55-average-share"].whole == "rg-unemployed-2014"
    assert figures["rg-unemployed-2014"].value == 4636  # l.122
    assert all(share.whole_inferred for share in shares.values())
    assert len(shares) == 7  # five education groups (l.60–64), two unemployment shares (l.84)
