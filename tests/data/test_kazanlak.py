"""The Kazanlak 2007–2009 strategy tested as data: its own shape, counts and figures.

Expected numbers are read off the source document (../shared/seeds/001_…txt).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import bundled, validate_path
from socstrat.model import Strategy
from socstrat.model.queries import all_figures, iter_nodes
from socstrat.model.values import capacity_number

DATA = Path(__file__).resolve().parents[2] / "data"

PATH = DATA / "kazanlak-2007-2009"


@pytest.fixture(scope="module")
def strategy() -> Strategy:
    opened = bundled("kazanlak-2007-2009")
    assert opened.strategy is not None, [d.as_text() for d in opened.report.diagnostics]
    return opened.strategy


def test_validates_and_counts_levels_by_position() -> None:
    report = bundled("kazanlak-2007-2009").report
    assert report.valid
    summary = report.summary
    assert (summary.directions, summary.general_objectives, summary.specific_objectives) == (2, 18, 48)
    assert (summary.measures, summary.activities, summary.services) == (0, 0, 16)


def test_own_levels(strategy: Strategy) -> None:
    assert [level.key for level in strategy.strategy.levels] == ["goal", "immediate_objective", "measure"]
    assert strategy.strategy.adoption is not None
    assert (strategy.strategy.adoption.decision, strategy.strategy.adoption.date) == ("№ 690", "2007-06-28")


def test_objectives_keep_printed_numbers(strategy: Strategy) -> None:
    """Goal 1's objectives are printed 1, 1, 1, 1, 1, 6, 7, 8, 1; goal 2's 1–6, 1, 8, 9."""
    goals = {g.id: g for g in strategy.framework.nodes}
    assert [o.code for o in goals["g1"].children] == ["1", "1", "1", "1", "1", "6", "7", "8", "1"]
    assert [o.code for o in goals["g2"].children] == ["1", "2", "3", "4", "5", "6", "1", "8", "9"]
    assert sum(1 for n in iter_nodes(strategy.framework.nodes) if n.level == "measure") == 48


def test_swot_and_trends(strategy: Strategy) -> None:
    swot = strategy.context.swot
    assert swot is not None
    assert (len(swot.strengths), len(swot.weaknesses), len(swot.opportunities), len(swot.threats)) == (14, 12, 0, 3)
    assert len(strategy.context.trends) == 5


def test_monitoring_and_results(strategy: Strategy) -> None:
    impl = strategy.implementation
    assert [g.code for g in impl.monitoring_indicators if g.goal == "g2"] == ["1", "2", "3", "4", "5", "8", "9", "10", "11"]
    assert len(impl.monitoring_indicators) == 18
    assert [len(r.results) for r in impl.expected_results] == [9, 9]
    assert len(impl.responsible_institutions) == 7


def test_services_figures(strategy: Strategy) -> None:
    """Казанлък, т. 6: capacities, users and staff of the services in operation."""
    s = {svc.id: svc for svc in strategy.services.services}
    assert capacity_number(s["dvd-papazov"].capacity[2007]) == 96
    assert capacity_number(s["dmsg-maria-luiza"].capacity[2007]) == 105
    assert capacity_number(s["dsp-kazanlak"].capacity[2007]) == 270
    assert capacity_number(s["dsh-margarita-asebo"].users[2007]) == 122
    assert capacity_number(s["social-assistant"].users[2007]) == 185
    assert capacity_number(s["dsp-kazanlak"].staff[2007]) == 32


def test_context_figures(strategy: Strategy) -> None:
    """Demography, economy, disability and social assistance (Казанлък, т. 1–5)."""
    figures = list(all_figures(strategy.context.sections))
    values = {f.value for f in figures}
    assert {85974, 79871, 6103, 2534, 6.33, 3269, 1904, 726, 259, 179, 1519} <= values
    children = next(f for f in figures if f.value == 259 and f.parts)
    assert sorted(p.value for p in children.parts) == sorted([23, 93, 18, 22, 9, 40, 7, 15, 32])
    assert sum(p.value for p in children.parts) == 259


def test_stated_count_of_clubs(strategy: Strategy) -> None:
    clubs = next(c for c in strategy.context.stated_counts if c.id == "pensioners-clubs-count")
    assert clubs.count == 11 and len(clubs.items) == 12


# --- issue 18: fidelity of the transcription ------------------------------------------


def test_title_as_printed(strategy: Strategy) -> None:
    """l.1 "СТРАТЕГИЯ ЗА РАЗВИТИЕ НА СОЦИАЛНИ УСЛУГИ В ОБЩИНА КАЗАНЛЪК /2007-2009 г./"."""
    assert strategy.strategy.title == "СТРАТЕГИЯ ЗА РАЗВИТИЕ НА СОЦИАЛНИ УСЛУГИ В ОБЩИНА КАЗАНЛЪК /2007-2009 г./"


def test_natural_growth_unit_as_printed(strategy: Strategy) -> None:
    """l.36 "в диапазона от -4,9 %0 до – 5,4 %0": the unit is printed '%0'."""
    figures = {f.id: f for f in all_figures(strategy.context)}
    assert (figures["natural-growth-2001-2004-from"].value, figures["natural-growth-2001-2004-from"].unit) == (-4.9, "%0")
    assert figures["natural-growth-2001-2004-to"].unit == "%0"


def test_closing_signature_is_kept(strategy: Strategy) -> None:
    """The file ends (after its last newline) with the chairman's signature "/В. Самарски/"."""
    conclusion = strategy.strategy.conclusion[0]
    assert conclusion.paragraphs[-2:] == ["ПРЕДСЕДАТЕЛ НА ОБЩИНСКИ СЪВЕТ - КАЗАНЛЪК:", "/В. Самарски/"]


def test_editorial_label_is_marked(strategy: Strategy) -> None:
    """The SWOT group headings are printed (l.115 "Силни страни :"); the block's title is the transcription's."""
    blocks = {b.id: b for b in strategy.context.sections}
    swot = blocks["swot-headings"]
    assert swot.editorial is True
    assert swot.paragraphs[0] == "Силни страни :"
    assert [b.id for b in blocks.values() if b.editorial] == ["swot-headings"]


def test_service_values_come_from_the_place_named(strategy: Strategy) -> None:
    """l.90–91 "Социални услуги за пенсионери- клубна форма." / "11 клуба на пенсионерите"; l.103 the Catholic
    church project appointed an organiser (no financing); l.110–113 state no location for the children's club."""
    s = {svc.id: svc for svc in strategy.services.services}
    assert s["pensioners-clubs"].name == "Социални услуги за пенсионери- клубна форма."
    assert not any("Католическа" in f for f in s["club-sib"].financing)
    assert s["club-sib"].financing == ["средства от бюджета на Общината"]  # l.109
    assert "ред 109" in s["club-sib"].field_src["financing"]
    assert s["club-children-disabilities"].location is None
    assert s["dsh-margarita-asebo"].financing == ["държавния бюджет"]  # l.74 "се осъществява от държавния бюджет"
    assert "ред 74" in s["dsh-margarita-asebo"].field_src["financing"]


def test_years_of_experience_and_swot_are_reported(tmp_path) -> None:
    """l.60 "80-годишен опит … /от 1925 г. /" for a 2007 strategy (82 years); the SWOT analysis
    (l.115–151) has strengths, weaknesses and threats but no opportunities."""
    import shutil

    figures = {f.id: f for f in all_figures(bundled("kazanlak-2007-2009").strategy.context)}  # type: ignore[union-attr]
    assert (figures["elderly-care-experience-years"].value, figures["elderly-care-since-year"].value) == (80, 1925)
    copy = tmp_path / "kazanlak"
    shutil.copytree(PATH, copy)
    (copy / "acknowledgements.yaml").unlink()
    report = validate_path(str(copy), select=["A006", "Q005"])
    assert [(d.code, d.path) for d in report.diagnostics] == [
        ("A006", "services_in_operation[0].children[0].children[0].figures[0].value"),
        ("Q005", "swot.opportunities"),
    ]


def test_about_a_hundred_keeps_its_qualifier(strategy: Strategy) -> None:
    """l.104 "В клуба членуват около 100" (Клуб на Съюза на слепите): the users cell and the stated figure both keep "около"."""
    club = {s.id: s for s in strategy.services.services}["club-blind"]
    users = club.users[2007]
    assert not isinstance(users, int) and (users.value, users.printed) == (100, "около 100")
    stated = {f.id: f for f in club.stated}["club-blind-users-2007"]
    assert (stated.value, stated.qualifier) == (100, "около")


def test_responsible_institutions_heading_is_stored(strategy: Strategy) -> None:
    """l.268 "ОТГОВОРНИ ИНСТИТУЦИИ" heads the list of l.269–275, which is stored as responsible_institutions."""
    assert [h.title for h in strategy.strategy.headings] == ["ОТГОВОРНИ ИНСТИТУЦИИ"]
    assert strategy.implementation.responsible_institutions[0] == "Община Казанлък"  # l.269
    assert len(strategy.implementation.responsible_institutions) == 7  # l.269–275
