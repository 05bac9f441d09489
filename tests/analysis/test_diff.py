"""The semantic diff: each kind of change on small fixtures, and a real change in git.

tests/fixtures/diff/old and new are overlays on tests/fixtures/minimal; each test below
names the edit between them that it expects to see, as written in the fixture files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import DATA, FIXTURES, ROOT, GitRepo
from socstrat.analysis.diff import (
    FigureChange,
    IndicatorChange,
    NetChange,
    NodeMove,
    NodeReword,
    PlacedIndicator,
    PlacedNode,
    SemanticDiff,
    ServiceName,
    ServiceRename,
    compare,
    diff_sides,
)
from socstrat.io.loading import load_strategy
from socstrat.model import Strategy
from socstrat.render.diff import _md, _plural, _text_entry, headline_text, render_json, render_markdown, render_text
from socstrat.render.registry import Options, render

DIFF_DOC = ROOT / "docs" / "diff.md"
HASKOVO = "data/haskovo-2016-2020"


def side(tmp_path: Path, overlay: str) -> Strategy:
    target = tmp_path / overlay
    shutil.copytree(FIXTURES / "minimal", target)
    for file in (FIXTURES / "diff" / overlay).iterdir():
        shutil.copy(file, target / file.name)
    loaded = load_strategy(target)
    assert loaded.strategy is not None, [d.as_text() for d in loaded.diagnostics]
    return loaded.strategy


@pytest.fixture
def changes(tmp_path: Path) -> SemanticDiff:
    return compare(side(tmp_path, "old"), side(tmp_path, "new"), "old", "new")


def test_identical_strategies_have_no_changes(strategy_dir) -> None:
    strategy = load_strategy(strategy_dir()).strategy
    assert strategy is not None
    diff = compare(strategy, strategy)
    assert diff.empty
    assert headline_text(diff.headline_parts, "en") == "No semantic changes"
    assert render_markdown(diff).splitlines()[0] == "**No semantic changes**"
    assert "####" not in render_markdown(diff)


def test_services_added_removed_and_renamed(changes: SemanticDiff) -> None:
    assert changes.services.added == [ServiceName(id="cnst", name="Център за настаняване от семеен тип")]
    assert changes.services.removed == [ServiceName(id="pensioners-club", name="Клуб на пенсионера")]
    assert changes.services.renamed == [
        ServiceRename(old_id="cop", new_id="cop", old_name="Център за обществена подкрепа (ЦОП)", new_name="Център за обществена подкрепа „Детство“"),
        ServiceRename(old_id="pa", new_id="personal-assistant", old_name="Личен асистент", new_name="Личен асистент"),
    ]


def test_capacity_and_staff_changes_carry_deltas(changes: SemanticDiff) -> None:
    def cell(table: str, entity: str, measure: str, year: int, old: str | None, new: str | None, delta: int | None) -> FigureChange:
        service = {"st-cop": "cop"}.get(entity, entity)
        names = {"cop": "Център за обществена подкрепа „Детство“", "personal-assistant": "Личен асистент",
                 "cnst": "Център за настаняване от семеен тип", "pensioners-club": "Клуб на пенсионера",
                 "st-cop": "Център за обществена подкрепа"}
        return FigureChange(table=table, entity=entity, service=service, name=names[entity], measure=measure,
                            year=year, old=old, new=new, delta=delta)

    assert changes.figures == [
        cell("register", "cop", "capacity", 2020, "40", "50", 10),
        cell("register", "personal-assistant", "capacity", 2020, "МД", "30", None),
        cell("register", "cnst", "capacity", 2020, None, "8", 8),
        cell("register", "pensioners-club", "capacity", 2015, "30", None, -30),
        cell("register", "pensioners-club", "capacity", 2020, "30", None, -30),
        cell("staffing", "st-cop", "capacity", 2020, "40", "50", 10),
        cell("staffing", "st-cop", "staff", 2020, "8", "10", 2),
    ]


def test_capacity_totals_count_the_register_and_staff_totals_the_table(changes: SemanticDiff) -> None:
    assert changes.totals == [
        NetChange(measure="capacity", year=2015, delta=-30),
        NetChange(measure="capacity", year=2020, delta=10 + 8 - 30),
        NetChange(measure="staff", year=2020, delta=2),
    ]


def test_a_year_missing_from_an_existing_service_has_no_delta(strategy_dir) -> None:
    old = load_strategy(strategy_dir()).strategy
    new = load_strategy(strategy_dir(services=(FIXTURES / "minimal" / "services.yaml").read_text(encoding="utf-8").replace(
        "capacity: {2015: 40, 2016: 40, 2020: 40}", "capacity: {2015: 40, 2016: 40, 2018: 45, 2020: 40}"))).strategy
    assert old is not None and new is not None
    (change,) = compare(old, new).figures
    assert (change.year, change.old, change.new, change.delta) == (2018, None, "45", None)
    assert headline_text(compare(old, new).headline_parts, "en") == "1 capacity figure changed"


def test_nodes_added_and_removed(changes: SemanticDiff) -> None:
    assert [(n.id, n.level, n.parent, n.position, n.title) for n in changes.nodes.added] == [
        ("d1-a1.1.2.3", "activity", "d1-m1.1.2", 1, "Разкриване на ЦНСТ"),
    ]
    assert [(n.id, n.parent, n.position) for n in changes.nodes.removed] == [("d1-a1.1.2.2", "d1-m1.1.2", 2)]


def test_nodes_moved_to_another_parent_or_place(changes: SemanticDiff) -> None:
    moved = {m.id: m for m in changes.nodes.moved}
    assert set(moved) == {"d1-a1.1.1.3", "d1-a1.1.2.1"}, "siblings shifted by the moves are not moved themselves"
    assert moved["d1-a1.1.1.3"].model_dump(include={"old_parent", "new_parent", "old_position", "new_position"}) == {
        "old_parent": "d1-m1.1.1", "new_parent": "d1-m1.1.1", "old_position": 3, "new_position": 1,
    }
    assert moved["d1-a1.1.2.1"].model_dump(include={"old_parent", "new_parent", "old_position", "new_position"}) == {
        "old_parent": "d1-m1.1.2", "new_parent": "d1-m1.1.1", "old_position": 1, "new_position": 4,
    }


def test_node_renumbered(changes: SemanticDiff) -> None:
    assert [(r.id, r.old_code, r.new_code) for r in changes.nodes.renumbered] == [("d1-m1.1.2", "1.1.2", "1.1.3")]


def test_nodes_reworded_show_old_and_new_text(changes: SemanticDiff) -> None:
    assert changes.nodes.reworded == [
        NodeReword(
            id="d1-a1.1.1.1", level="activity", level_name="activity", level_name_bg="Дейност", code="1.1.1.1", field="title",
            old="Продължаване на дейността на ЦОП с капацитет 40 места",
            new="Продължаване на дейността на ЦОП с капацитет 50 места",
        ),
        NodeReword(
            id="d1-a1.1.1.1", level="activity", level_name="activity", level_name_bg="Дейност", code="1.1.1.1", field="description",
            old="ЦОП работи с деца и семейства в риск.\nЕкипът е от 8 специалисти.",
            new="ЦОП работи с деца и семейства в риск.\nЕкипът е от 10 специалисти.",
        ),
    ]


def test_indicators_added_and_changed(changes: SemanticDiff) -> None:
    assert changes.indicators.added == [
        PlacedIndicator(id="ki-2", where="key indicators", text="Създадена мрежа от услуги в общността", target=None),
        PlacedIndicator(id="mon-g1#3", where="monitoring mon-g1", text="Брой специалисти", target=None),
    ]
    assert changes.indicators.removed == []
    assert changes.indicators.changed == [
        IndicatorChange(id="d1-a1.1.1.1-i1", where="node d1-a1.1.1.1", field="target", old="40", new="50"),
        IndicatorChange(id="lf-d1-so1.1-r1", where="logframe lf-d1-so1.1, direct result", field="text",
                        old="Продължаване на дейността на ЦОП", new="Разширяване на дейността на ЦОП"),
        IndicatorChange(id="mon-g1#2", where="monitoring mon-g1", field="text", old="Брой семейства", new="Брой подкрепени семейства"),
    ]


def test_acknowledgements_added_and_removed(changes: SemanticDiff) -> None:
    assert [(a.rule, a.entity) for a in changes.acknowledgements.added] == [("X001", "st-cop")]
    assert [(a.rule, a.entity) for a in changes.acknowledgements.removed] == [("R003", "d1-a1.1.2.2")]
    assert changes.acknowledgements.changed == []


def test_headline_names_every_kind_of_change(changes: SemanticDiff) -> None:
    assert headline_text(changes.headline_parts, "en") == (
        "+1 service, −1 service, 2 services renamed, capacity −30 in 2015, −12 in 2020, staff +2 in 2020, "
        "+1 activity, −1 activity, 2 activities moved, 1 measure renumbered, 1 activity reworded, "
        "+2 indicators, 1 indicator target changed, 2 indicators reworded, +1 acknowledgement, −1 acknowledgement"
    )


def test_headline_parts_are_codes_and_numbers(changes: SemanticDiff) -> None:
    parts = [part.model_dump() for part in changes.headline_parts]
    assert parts[:6] == [
        {"kind": "services_added", "count": 1},
        {"kind": "services_removed", "count": 1},
        {"kind": "services_renamed", "count": 2},
        {"kind": "measure_delta", "measure": "capacity", "year": 2015, "delta": -30},
        {"kind": "measure_delta", "measure": "capacity", "year": 2020, "delta": -12},
        {"kind": "measure_delta", "measure": "staff", "year": 2020, "delta": 2},
    ]
    assert parts[9] == {"kind": "nodes_renumbered", "level": "measure", "level_name": "measure", "level_name_bg": "Мярка", "count": 1}
    assert [p["kind"] for p in parts[6:]] == [
        "nodes_added", "nodes_removed", "nodes_moved", "nodes_renumbered", "nodes_reworded",
        "indicators_added", "indicator_targets_changed", "indicators_reworded", "acknowledgements_added", "acknowledgements_removed",
    ]
    assert headline_text(changes.headline_parts, "en") == headline_text(changes.headline_parts, "en")
    assert SemanticDiff.model_validate_json(render_json(changes)) == changes, "the parts read back from the JSON"


def test_headline_in_bulgarian(changes: SemanticDiff) -> None:
    """Worked out from the fixture: the same parts as the English headline, level names from strategy.yaml."""
    assert headline_text(changes.headline_parts, "bg") == (
        "услуги: +1; услуги: −1; преименувани услуги: 2; капацитет: −30 през 2015, −12 през 2020; персонал: +2 през 2020; "
        "Дейност: +1; Дейност: −1; Дейност, преместени: 2; Мярка, преномерирани: 1; Дейност, преформулирани: 1; "
        "индикатори: +2; променени целеви стойности на индикатори: 1; преформулирани индикатори: 2; признавания: +1; признавания: −1"
    )


def test_headline_counts_figures_without_a_net_change_in_both_languages(strategy_dir) -> None:
    old = load_strategy(strategy_dir()).strategy
    new = load_strategy(strategy_dir(services=(FIXTURES / "minimal" / "services.yaml").read_text(encoding="utf-8").replace(
        "capacity: {2015: 40, 2016: 40, 2020: 40}", "capacity: {2015: 40, 2016: 40, 2018: 45, 2020: 40}"))).strategy
    assert old is not None and new is not None
    diff = compare(old, new)
    assert [p.model_dump() for p in diff.headline_parts] == [{"kind": "measure_figures_changed", "measure": "capacity", "count": 1}]
    assert headline_text(diff.headline_parts, "bg") == "променени стойности за капацитет: 1"
    assert headline_text([], "bg") == "Няма промени в съдържанието"


@pytest.mark.parametrize(
    ("name", "count", "expected"),
    [("activity", 1, "activity"), ("activity", 2, "activities"), ("priority direction", 5, "priority directions"),
     ("activity or measure", 3, "activities or measures"), ("service", 2, "services")],
)
def test_level_names_are_made_plural(name: str, count: int, expected: str) -> None:
    assert _plural(name, count) == expected


def test_markdown_is_a_pull_request_comment(changes: SemanticDiff) -> None:
    md = render_markdown(changes)
    lines = md.splitlines()
    assert lines[0] == f"**{_md(headline_text(changes.headline_parts, 'en'))}**"
    assert lines[2] == "`old` → `new`"
    assert "#### Services added" in lines and "#### Framework: reworded" in lines
    assert "- `cnst` Център за настаняване от семеен тип" in lines
    assert "- `pa` → `personal-assistant`: Личен асистент (id changed)" in lines
    reworded = md.split("#### Framework: reworded")[1].split("####")[0]
    assert "  - Продължаване на дейността на ЦОП с капацитет 40 места" in reworded
    assert "  + Продължаване на дейността на ЦОП с капацитет 50 места" in reworded
    assert "ЦОП работи с деца" not in reworded, "unchanged paragraphs are left out"
    figures = md.split("#### Capacity and staff")[1].split("####")[0]
    assert figures.count("<details>") == 1, "seven figure changes are folded"


def test_markdown_escapes_data_text() -> None:
    assert _md("a|b <script> *x*\nnext") == "a\\|b \\<script\\> \\*x\\* next"


def test_text_lists_every_change_on_its_own_line(changes: SemanticDiff) -> None:
    text = render_text(changes).splitlines()
    assert text[:2] == ["old → new", headline_text(changes.headline_parts, "en")]
    assert "  cop  capacity 2020: 40 → 50 (+10) [register]" in text
    assert "  cop  staff 2020: 8 → 10 (+2) [staffing table st-cop]" in text
    assert "  - pensioners-club  Клуб на пенсионера" in text


def test_text_and_markdown_in_bulgarian(changes: SemanticDiff) -> None:
    """Labels from the catalog, level names from the fixture's strategy.yaml; the data's text as it is."""
    text = render_text(changes, "bg").splitlines()
    assert text[1] == headline_text(changes.headline_parts, "bg")
    sections = [line for line in text if line and not line.startswith(" ") and line != text[0] and line != text[1]]
    assert sections == [
        "Добавени услуги", "Премахнати услуги", "Преименувани услуги", "Капацитет и персонал",
        "Рамка: добавени", "Рамка: премахнати", "Рамка: преместени", "Рамка: преномерирани", "Рамка: преформулирани",
        "Добавени индикатори", "Променени индикатори", "Добавени признавания", "Премахнати признавания",
    ]
    assert "  cop  капацитет 2020: 40 → 50 (+10) [регистър]" in text
    assert "  cop  персонал 2020: 8 → 10 (+2) [таблица за персонала st-cop]" in text
    assert "  + Дейност 1.1.3.1 d1-a1.1.2.3 (под d1-m1.1.2): Разкриване на ЦНСТ" in text
    assert "  Дейност 1.1.2.1 d1-a1.1.2.1: от d1-m1.1.2 към d1-m1.1.1, позиция 1 → 4" in text
    assert "  Мярка d1-m1.1.2 Разкриване на нови услуги: 1.1.2 → 1.1.3" in text
    assert "  Дейност 1.1.1.1 d1-a1.1.1.1, заглавие:" in text
    assert "  d1-a1.1.1.1-i1 (елемент d1-a1.1.1.1), целева стойност: 40 → 50" in text
    md = render_markdown(changes, "bg").splitlines()
    assert md[0] == f"**{_md(headline_text(changes.headline_parts, 'bg'))}**"
    assert "#### Преименувани услуги" in md and "#### Капацитет и персонал" in md
    assert "- `pa` → `personal-assistant`: Личен асистент (променен идентификатор)" in md
    assert "<summary>промени: 7</summary>" in md
    assert "| Услуга | Показател | Година | Преди | След | Δ | Таблица |" in md
    assert "| Център за обществена подкрепа `cop` | персонал | 2020 | 8 | 10 | +2 | таблица за персонала `st-cop` |" in md
    assert "- `ki-2` в ключовите индикатори: Създадена мрежа от услуги в общността" in md
    assert not {"Services added", "Framework: moved", "capacity", "register", "position", "under"} & {
        word for line in md for word in (line, *line.replace("|", " ").split())
    }


def test_english_wording_of_the_root_the_empty_cell_and_a_level_change() -> None:
    node = dict(id="d1", level="direction", level_name="priority direction", level_name_bg="Приоритетно направление",
                code="1", title="Деца")
    added = PlacedNode(**node, parent=None, position=1)
    moved = NodeMove(**node, old_parent="x", new_parent=None, old_position=2, new_position=1, old_level="measure", new_level="direction")
    cell = FigureChange(table="register", entity="cop", service="cop", name="ЦОП", measure="users", year=2020, old="", new="5", delta=None)
    assert _text_entry("added", added, "en") == "+ Priority direction 1 d1 (under the root): Деца"
    assert _text_entry("added", added, "bg") == "+ Приоритетно направление 1 d1 (на най-горното ниво): Деца"
    assert _text_entry("moved", moved, "en") == "Priority direction 1 d1: level measure → direction; from x to the root, position 2 → 1"
    assert _text_entry("moved", moved, "bg") == "Приоритетно направление 1 d1: ниво measure → direction; от x към най-горното ниво, позиция 2 → 1"
    assert _text_entry("figure", cell, "en") == "cop  users 2020: (empty) → 5 [register]"
    assert _text_entry("figure", cell, "bg") == "cop  потребители 2020: (празно) → 5 [регистър]"


def test_json_is_the_same_in_both_languages(changes: SemanticDiff) -> None:
    rendered = {lang: render("diff", "json", changes, Options(lang=lang)) for lang in ("bg", "en")}
    assert rendered["bg"] == rendered["en"] == render_json(changes)
    assert json.loads(rendered["bg"])["headline"] == headline_text(changes.headline_parts, "en"), "the compatibility headline stays English"


def test_english_is_the_default_of_the_renderers(changes: SemanticDiff) -> None:
    assert render("diff", "md", changes, Options(lang="en")) == render_markdown(changes)
    assert render("diff", "text", changes, Options(lang="en")) == render_text(changes)
    assert render_text(changes).splitlines()[1] == headline_text(changes.headline_parts, "en")


def test_json_has_the_documented_shape(changes: SemanticDiff) -> None:
    payload = json.loads(render_json(changes))
    assert list(payload) == ["old", "new", "headline", "headline_parts", "services", "figures", "totals", "nodes", "indicators", "acknowledgements"]
    assert set(payload["nodes"]) == {"added", "removed", "moved", "renumbered", "reworded"}
    assert payload["figures"][0] == {
        "table": "register", "entity": "cop", "service": "cop", "name": "Център за обществена подкрепа „Детство“",
        "measure": "capacity", "year": 2020, "old": "40", "new": "50", "delta": 10,
    }
    docs = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    for key in payload:
        assert f"`{key}`" in docs


# --- a real change in git ------------------------------------------------------------

DAY_CENTRE_TITLE = "Продължаване дейността на Дневен център за стари хора, с капацитет за 20 потребителя;"
NEW_SERVICE = """\
  - id: day-centre-dementia
    code: "29"
    name: Дневен център за хора с деменция
    category: community
    target_groups:
      - Хора с деменция и техните семейства
    capacity:
      2020: 15
    status:
      kind: planned
      text: Разкриване през 2018 г.
      start_year: 2018
    src: Раздел Г, ред 29
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def expand_day_centre(strategy: Path) -> None:
    """The municipality plans 30 places instead of 20 in the day centre for the elderly, with 4
    staff instead of 2, rewords the activity accordingly and adds a day centre for dementia."""
    edit(strategy / "services.yaml", "      2016: 20\n      2020: 20\n    content:\n      - Осигуряване на храна",
         "      2016: 20\n      2020: 30\n    content:\n      - Осигуряване на храна")
    edit(strategy / "staffing.yaml", "        plan:\n          capacity: 20\n          staff: 2\n        src: §7.1.1, ред „Дневен център за стари хора",
         "        plan:\n          capacity: 30\n          staff: 4\n        src: §7.1.1, ред „Дневен център за стари хора")
    edit(strategy / "framework.yaml", DAY_CENTRE_TITLE,
         "Разширяване на Дневен център за стари хора до капацитет за 30 потребителя;")
    with (strategy / "services.yaml").open("a", encoding="utf-8") as file:
        file.write(NEW_SERVICE)


@pytest.fixture
def haskovo_repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(DATA / "haskovo-2016-2020", git_repo.root / HASKOVO)
    git_repo.commit_all("Haskovo as adopted")
    expand_day_centre(git_repo.root / HASKOVO)
    git_repo.commit_all("Expand the day centre for the elderly; plan a day centre for dementia")
    return git_repo


def test_git_revisions_are_compared_without_touching_the_work_tree(haskovo_repo: GitRepo) -> None:
    assert haskovo_repo.status() == ""
    index = (haskovo_repo.root / ".git" / "index").read_bytes()
    outcome = diff_sides(f"HEAD~1:{HASKOVO}", f"HEAD:{HASKOVO}", haskovo_repo.root)
    assert (haskovo_repo.root / ".git" / "index").read_bytes() == index
    assert haskovo_repo.status() == ""
    assert outcome.errors == []
    diff = outcome.diff
    assert diff is not None
    assert (diff.old, diff.new) == (f"HEAD~1:{HASKOVO}", f"HEAD:{HASKOVO}")
    assert headline_text(diff.headline_parts, "en") == "+1 service, capacity +25 in 2020, staff +2 in 2020, 1 activity reworded"
    assert [s.id for s in diff.services.added] == ["day-centre-dementia"]
    assert [(f.table, f.entity, f.measure, f.year, f.old, f.new, f.delta) for f in diff.figures] == [
        ("register", "day-centre-elderly", "capacity", 2020, "20", "30", 10),
        ("register", "day-centre-dementia", "capacity", 2020, None, "15", 15),
        ("staffing", "st-day-centre-elderly", "capacity", 2020, "20", "30", 10),
        ("staffing", "st-day-centre-elderly", "staff", 2020, "2", "4", 2),
    ]
    (reworded,) = diff.nodes.reworded
    assert (reworded.id, reworded.level_name, reworded.old) == ("d3-a2.1.3.1", "activity", DAY_CENTRE_TITLE)
    assert diff.nodes.added == diff.nodes.removed == diff.nodes.moved == []
    assert diff.indicators.model_dump() == {"added": [], "removed": [], "changed": []}


def test_git_side_matches_the_work_tree_side(haskovo_repo: GitRepo) -> None:
    outcome = diff_sides(f"HEAD:{HASKOVO}", str(haskovo_repo.root / HASKOVO), haskovo_repo.root)
    assert outcome.diff is not None and outcome.diff.empty


def test_docs_diff_shows_the_real_markdown_of_this_change(haskovo_repo: GitRepo) -> None:
    outcome = diff_sides(f"HEAD~1:{HASKOVO}", f"HEAD:{HASKOVO}", haskovo_repo.root)
    assert outcome.diff is not None
    assert render_markdown(outcome.diff) in DIFF_DOC.read_text(encoding="utf-8")


def test_docs_show_the_real_bulgarian_text_of_this_change(haskovo_repo: GitRepo) -> None:
    outcome = diff_sides(f"HEAD~1:{HASKOVO}", f"HEAD:{HASKOVO}", haskovo_repo.root)
    assert outcome.diff is not None
    assert headline_text(outcome.diff.headline_parts, "bg") == (
        "услуги: +1; капацитет: +25 през 2020; персонал: +2 през 2020; Дейност, преформулирани: 1"
    )
    assert f"```text\n{render_text(outcome.diff, 'bg')}```" in (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
