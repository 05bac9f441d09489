"""Abbreviations: marked on escaped text only, every abbreviation of the bundled data explained."""

from __future__ import annotations

from collections import Counter

import pytest
from markupsafe import Markup

from conftest import bundled
from socstrat.render.report.abbreviations import ABBREVIATIONS, mark_abbreviations, unexplained, used_in
from socstrat.render.report.context import all_strings


def test_marks_after_escaping() -> None:
    marked = mark_abbreviations('<script>alert("ЦОП")</script> & ЦОП')
    assert isinstance(marked, Markup)
    assert "<script>" not in marked
    assert marked.startswith("&lt;script&gt;alert(&#34;")
    assert marked.count('<abbr title="Център за обществена подкрепа">ЦОП</abbr>') == 2
    assert "&amp; <abbr" in marked


def test_entities_and_words_are_left_alone() -> None:
    assert mark_abbreviations("ЦОПА Центрове lt gt") == "ЦОПА Центрове lt gt"
    assert mark_abbreviations("проект №2014BG05M9OP001-2") == "проект №2014BG05M9OP001-2"
    assert mark_abbreviations("<СИ>") == '&lt;<abbr title="специализирана институция">СИ</abbr>&gt;'


def test_ambiguous_abbreviation_shows_every_meaning() -> None:
    marked = mark_abbreviations("ДСП")
    assert 'title="1) Домашен социален патронаж; 2) Дирекция „Социално подпомагане“"' in marked
    english = mark_abbreviations("ДСП", lang="en")
    assert "1) home social patronage, a municipal home-care service (Домашен социален патронаж)" in english


def test_variant_spellings_map_to_one_entry() -> None:
    assert [a.short for a in used_in(["HЖ Хасково", "ДМСДГ"])] == ["ДМСГД", "НЖ"]
    assert 'title="Наблюдавано жилище">HЖ</abbr>' in mark_abbreviations("HЖ Хасково")


def test_spellings_are_unique_and_complete() -> None:
    spellings = Counter(s for a in ABBREVIATIONS for s in a.spellings)
    assert [s for s, n in spellings.items() if n > 1] == []
    for a in ABBREVIATIONS:
        assert len(a.expansions) == len(a.meanings_en) >= 1


def test_unexplained_finds_a_new_abbreviation() -> None:
    assert unexplained(["Нов ЗЗЗ център към ЦОП, ОБЩИНА, глава ІІ и III"]) == {"ЗЗЗ"}


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_every_abbreviation_of_the_data_is_explained(name: str) -> None:
    strategy = bundled(name).strategy
    assert strategy is not None
    assert unexplained(all_strings(strategy)) == set()
