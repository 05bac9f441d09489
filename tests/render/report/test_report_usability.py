"""Issue 16, items 8–13: reports that their readers (municipal staff, the council) can trust and read.

Expected values are worked out by hand from the YAML under data/ and quoted in each test.
"""

from __future__ import annotations

import functools
from datetime import date

import pytest

from conftest import bundled
from htmldom import Element, parse
from socstrat.render.report.context import build_context
from socstrat.render.report.environment import render
from socstrat.render.report.views import ReportContext

GENERATED = date(2026, 1, 2)


@functools.cache
def context(name: str, lang: str = "bg") -> ReportContext:
    opened = bundled(name)
    assert opened.strategy is not None
    return build_context(opened.strategy, opened.report, lang=lang, generated=GENERATED)  # type: ignore[arg-type]


@functools.cache
def text(name: str, format: str, lang: str = "bg") -> str:
    return render(context(name, lang), format)  # type: ignore[arg-type]


@functools.cache
def html(name: str, lang: str = "bg") -> Element:
    return parse(text(name, "html", lang))


def squash(value: str) -> str:
    return " ".join(value.split())


# --- 9. honest headline figures ------------------------------------------------------


def test_kazanlak_share_over_mostly_unknown_capacities_is_not_a_number() -> None:
    """Kazanlak's register, 2007 (services.yaml): 4 specialised institutions (Маргарита Асебо МД,
    Папазов 96, Дом № 3 МД, Мария Луиза 105) and 3 community services (all МД): 5 of the 7
    capacities behind the share are unknown, so 201 / 201 = "100,0%" must not be printed."""
    share = next(h for h in context("kazanlak-2007-2009").summary.headlines if h.label.startswith("Дял"))
    assert "100" not in share.value
    assert share.value == "н.д. (2007)"
    assert share.note is not None and "5 от 7 реда" in share.note and "25,0%" in share.note
    deltas = context("kazanlak-2007-2009").deltas[0].table
    assert deltas is not None and "100,0" not in deltas.share and "н.д." in deltas.share


def test_kazanlak_totals_say_how_many_capacities_are_unknown() -> None:
    """13 of Kazanlak's 16 services state no capacity for 2007 ('МД'): the known three (96 + 105 + 270 = 471)
    are not the municipality's capacity, so the headline shows them as a lower bound and says 13 of 16."""
    capacity = context("kazanlak-2007-2009").summary.headlines[0]
    assert capacity.value == "≥ 471, 13 н.д. (2007)"
    assert capacity.note is not None and "неизвестни 13 от 16" in capacity.note


def test_a_group_whose_rows_are_all_unknown_is_unknown_not_zero() -> None:
    """Haskovo's two clubs (Клуб на пенсионера, Клуб на инвалида) state no capacity or staff in 2015 or 2020."""
    table = context("haskovo-2016-2020").deltas[0].table
    assert table is not None
    clubs = next(sec for sec in table.sections if sec.group == "Клубове")
    subtotal = clubs.lines[-1]
    assert subtotal.level == "group"
    assert subtotal.cells[1:3] == ["н.д.", "н.д."]
    assert "0" not in subtotal.cells[3]


def test_a_total_with_unknown_baseline_says_how_many_are_missing() -> None:
    """Haskovo 2015: 5 of 28 register capacities are unknown (Масови детски градини, Образователни
    програми, Социално предприемачество, two clubs); 'Социално предприемачество' is unknown in 2015 and
    300 in 2020. Like for like, the change leaves it out: 1 473 − 300 = 1 173 over the same 23 services
    that add up to 953 in 2015, +220 (220 / 953 = 23,1 %), not +520."""
    capacity = context("haskovo-2016-2020").summary.headlines[0]
    assert capacity.note is not None and "2015 г. – неизвестни 5 от 28" in capacity.note
    assert capacity.change == "+220 (+23,1%); само редове, известни и в двете години; изключени: 5"
    table = context("haskovo-2016-2020").deltas[0].table
    assert table is not None
    assert table.total.cells[1] == "≥ 953, 5 н.д."
    # Други: Масови детски градини, Образователни програми (unknown both years), Социално предприемачество ('-' → 300).
    other = next(sec for sec in table.sections if sec.group == "Други").lines[-1]
    assert other.cells[1:4] == ["н.д.", "≥ 300, 2 н.д.", ""]


def test_the_two_institutional_shares_say_why_they_differ() -> None:
    """Register 2015: institutions 20 + 160 + 30 = 210 places; community 47+40+50+80+62+1+80+99+20 = 479;
    residential 9+14+14 = 37 (and four 0): base 726 in 19 services, 210/726 = 28,9 %. Staffing table 2015:
    institutions 210; community-category rows 62+20+40+80 = 202; residential 9+14+14 = 37: base 449 in
    13 rows, 210/449 = 46,8 %."""
    c = context("haskovo-2016-2020")
    register, table = (view.table for view in c.deltas)
    assert register is not None and table is not None
    assert "210 от 726 места" in register.share_basis and "19 услуги" in register.share_basis
    assert "210 от 449 места" in table.share_basis and "13 реда" in table.share_basis
    assert c.shares_differ is not None and "726" in c.shares_differ and "449" in c.shares_differ
    for format in ("html", "md"):
        assert "449 места" in text("haskovo-2016-2020", format)


# --- 8. findings for people ------------------------------------------------------------


def test_findings_name_entities_and_write_numbers_the_bulgarian_way() -> None:
    """context.yaml: 'ctx-edu-structure-higher' is "с висше образование", 15792 people of the 87621 in the five
    groups of 'ctx-edu-structure' ("Образователна структура на населението (брой)"); 15792 / 87621 = 18,02 %."""
    findings = context("haskovo-2016-2020").findings
    higher = next(f for f in findings if f.code == "A004" and "с висше образование" in f.message)
    assert "ctx-edu-structure" not in higher.message
    assert "'с висше образование' (15\xa0792) е 18,02% от 'Образователна структура на населението (брой)' (87\xa0621" in higher.message
    assert "текстът посочва 17,9%" in higher.message
    assert higher.subject == "с висше образование"
    assert higher.where == "context.yaml:365:28"


def test_a_finding_on_a_framework_node_names_it_by_direction_code_and_title() -> None:
    """framework.yaml: direction 1 has two activities coded 2.4.2.1 (R003); the first is "Провеждане на извънкласни …"."""
    r003 = next(f for f in context("haskovo-2016-2020").findings if f.code == "R003")
    assert r003.subject is not None
    assert r003.subject.startswith("Приоритетно направление 1 / Дейност 2.4.2.1 Провеждане на извънкласни")
    assert "d1-" not in r003.message  # the parent measure and the twin activity are named, not given by id
    assert "Приоритетно направление 1 / Мярка 2.4.2" in r003.message


@pytest.mark.parametrize("format", ["html", "md"])
def test_the_file_position_stays_in_small_print(format: str) -> None:
    page = text("haskovo-2016-2020", format)
    if format == "html":
        assert '<small class="where" title="Място"><code>context.yaml:365:28</code></small>' in page
    else:
        assert "<sub>context.yaml:365:28</sub>" in page
    assert "| Правило | Отнася се до | Съобщение |" in text("haskovo-2016-2020", "md")


# --- 10. unambiguous labels -------------------------------------------------------------


def test_every_node_reference_in_the_matrix_carries_its_direction() -> None:
    """Haskovo has five priority directions, each with a general objective coded 1 (framework.yaml):
    in the matrix each "Обща цел 1" is told apart as "Приоритетно направление N / Обща цел 1"."""
    matrix = html("haskovo-2016-2020").by_id("logframe")
    assert matrix is not None
    links = [squash(a.text()) for a in matrix.iter("a") if a.attrs.get("href", "").startswith("#node-")]
    goals = [x for x in links if "Обща цел 1" in x]
    assert len(goals) >= 5
    assert {x for x in goals if x.endswith("Обща цел 1")} >= {f"Приоритетно направление {n} / Обща цел 1" for n in range(1, 6)}
    assert all(x.startswith("Приоритетно направление ") for x in links)
    md = text("haskovo-2016-2020", "md")
    assert "Приоритетно направление 2 / Обща цел 1: " in md


def test_tree_nodes_below_a_direction_show_it() -> None:
    """The tree has an "Дейност 1.1.1.1" in more than one direction; each heading names its direction."""
    tree = html("haskovo-2016-2020").by_id("framework")
    assert tree is not None
    headings = [squash(s.text()) for s in tree.iter("summary")] + [squash(s.text()) for s in tree.iter("span") if s.attrs.get("class") == "leaf"]
    activities = [h for h in headings if " / Дейност 1.1.1.1 " in h]
    assert len({h.split(" / ")[0] for h in activities}) >= 2


# --- 12. formatting consistency -------------------------------------------------------------


def test_numbers_are_grouped_in_the_context_table_as_in_the_summary() -> None:
    """context.yaml: the population at 31.12.2014 is 95950 (ctx-population); the summary prints 1 473."""
    row = html("haskovo-2016-2020").by_id("context")
    assert row is not None
    page = text("haskovo-2016-2020", "html")
    assert '<td class="num">95\xa0950</td>' in page
    assert '<td class="num">95950</td>' not in page
    assert "| 95\xa0950 |" in text("haskovo-2016-2020", "md")


@pytest.mark.parametrize("format", ["html", "md"])
def test_one_date_format_and_a_header_without_slug_or_file_hash(format: str) -> None:
    """Kazanlak was adopted on 2007-06-28 (strategy.yaml, decision № 690); GENERATED is 2 January 2026.
    Data dates read day first (31.12.2014), so these do too; the source file name 001_6f7ec217f66abe05.txt is not shown."""
    page = text("kazanlak-2007-2009", format)
    assert "28.06.2007" in page and "2007-06-28" not in page.replace('datetime="2007-06-28"', "")
    assert "02.01.2026" in page
    assert ">2026-01-02<" not in page and "2026-01-02." not in page
    assert "6f7ec217f66abe05" not in page
    assert "kazanlak-2007-2009:" not in page  # captions name the strategy by its title
    assert "СТРАТЕГИЯ ЗА РАЗВИТИЕ НА СОЦИАЛНИ УСЛУГИ В ОБЩИНА КАЗАНЛЪК /2007-2009 г./: капацитет и персонал, 2007" in page  # the title as l.1 prints it


def test_markdown_tables_have_headers_and_capitalised_column_names() -> None:
    import re

    for name in ("haskovo-2016-2020", "kazanlak-2007-2009"):
        lines = text(name, "md").splitlines()
        headers = [lines[i - 1] for i, line in enumerate(lines) if re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line)]
        assert headers
        for header in headers:
            cells = [c.strip() for c in header.strip("|").split("|")]
            assert all(cells), header  # no empty header row
            assert all(c[0].isupper() or not c[0].isalpha() for c in cells), header


@pytest.mark.parametrize("format", ["html", "md"])
def test_unnamed_stages_have_no_placeholder(format: str) -> None:
    """implementation.yaml: stage-2, stage-4 and stage-6 of Haskovo have no name (name: null)."""
    page = text("haskovo-2016-2020", format)
    assert "… ·" not in page and "| … |" not in page and ">…</th>" not in page
    if format == "html":
        assert ">2017г.</div>" in page  # stage-4: only its period


def test_a_year_in_a_finding_is_not_grouped() -> None:
    """Kazanlak's A006 finding (acknowledged): 'от 1925 г.' in context.yaml; a year prints as 1925, never 1 925."""
    from conftest import DATA, make_report

    text = make_report(DATA / "kazanlak-2007-2009", format="md").text
    assert text is not None
    assert "80 години от 1925 г." in text
    assert "1\u00a0925" not in text and "1 925" not in text


def test_group_charts_draw_no_bar_for_an_unknown_sum() -> None:
    """Haskovo's clubs are 'МД' in 2015 and 2020: no bar, 'н.д.' (it drew 'Клубове 0 / 0'). 'Други' is unknown in 2015
    (Социално предприемачество '-') and 300 with 2 unknown in 2020 (it drew 'Други 0 → 300')."""
    table = context("haskovo-2016-2020").deltas[0].table
    assert table is not None
    charts = {c.id: c for c in table.charts}
    rows = {r.label: r for r in charts["chart-services-capacity-group"].rows}
    assert "Клубове" not in rows  # nothing known in either year: no row at all
    other = rows["Други"]
    assert (other.before.width, other.before.text, other.after.text) == (0, "н.д.", "≥ 300, 2 н.д.")
