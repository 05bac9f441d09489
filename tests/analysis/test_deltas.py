"""Capacity and staffing deltas: change classes, sums, unknowns, years, outputs, the JSON contract.

Fixture expectations are worked out by hand from tests/fixtures/deltas/changes (each
service's comment names its class; group keys are its categories, statuses, staffing
group ids and financing as printed); Haskovo and Kazanlak figures are read off the data
files or, for declared totals, off the loaded model.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT, bundled
from socstrat.analysis.deltas import (
    DeltaNoteCode,
    DeltaReport,
    NoFigures,
    YearNotFound,
    classify,
    compute_deltas,
)
from socstrat.cli import app
from socstrat.i18n.catalog import LANGUAGES, label
from socstrat.io.loading import load_strategy
from socstrat.model import Strategy
from socstrat.render import registry
from socstrat.render.deltas import note_texts, render_csv, render_markdown
from socstrat.render.registry import Options

CHANGES = FIXTURES / "deltas" / "changes"
HASKOVO = ROOT / "data" / "haskovo-2016-2020"
KAZANLAK = ROOT / "data" / "kazanlak-2007-2009"
NBSP = "\u00a0"
MINUS = "\u2212"

ROW_KEYS = {
    "id", "name", "group", "capacity_from", "capacity_to", "capacity_delta",
    "staff_from", "staff_to", "staff_delta", "change",
}
ROW_EXTRAS = {"capacity_relative", "places_per_staff_from", "places_per_staff_to", "status", "category", "service", "financing"}
TOTAL_KEYS = {
    "capacity_from", "capacity_from_unknown", "capacity_to", "capacity_to_unknown", "capacity_delta", "capacity_relative",
    "capacity_delta_rows", "capacity_delta_left_out",
    "staff_from", "staff_from_unknown", "staff_to", "staff_to_unknown", "staff_delta", "staff_delta_left_out",
}

runner = CliRunner()


def load(path: Path) -> Strategy:
    loaded = load_strategy(path)
    assert loaded.strategy is not None, [d.as_text() for d in loaded.diagnostics]
    return loaded.strategy


@pytest.fixture(scope="module")
def changes() -> Strategy:
    return load(CHANGES)


@pytest.fixture(scope="module")
def haskovo() -> Strategy:
    strategy = bundled("haskovo-2016-2020").strategy
    assert strategy is not None
    return strategy


def rows_by_id(report: DeltaReport) -> dict[str, dict]:
    return {row.id: row.model_dump() for row in report.rows}


def groups_by_key(report: DeltaReport) -> dict[str, dict]:
    return {g.key: g.model_dump(exclude={"key", "name"}) for g in report.groups}


def notes_of(report: DeltaReport) -> list[dict]:
    return [note.model_dump() for note in report.notes]


# --- change classes ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "change", "before", "after", "delta"),
    [
        ("home", "reduced", 100, 60, -40),
        ("infant-home", "transformed", 30, 0, -30),
        ("family-centre", "new", 0, 12, 12),
        ("crisis-centre", "new", None, 8, None),
        ("sheltered-home", "unchanged", 8, 8, 0),
        ("old-club", "closed", 12, 0, -12),
        ("day-centre", "expanded", 1200, 1500, 300),
        ("support-centre", "expanded", 40, 50, 10),
        ("pensioners-club", "unknown", None, None, None),
        ("mediators", "unknown", 3, None, None),
        ("assistant", "expanded", 117, 130, 13),
    ],
)
def test_each_change_class(changes: Strategy, service: str, change: str, before, after, delta) -> None:
    row = rows_by_id(compute_deltas(changes))[service]
    assert (row["change"], row["capacity_from"], row["capacity_to"], row["capacity_delta"]) == (change, before, after, delta)


@pytest.mark.parametrize(
    ("status", "before", "after", "change"),
    [
        ("transformed", 20, 20, "unchanged"),
        ("transformed", 20, None, "transformed"),
        ("closed", 5, None, "closed"),
        ("existing", 0, 0, "unchanged"),
        ("existing", None, 5, "unknown"),
        ("new", 0, None, "unknown"),
        (None, 10, 0, "closed"),
    ],
)
def test_classify_uses_status_and_numbers(status, before, after, change: str) -> None:
    assert classify(status, before, after) == change


def test_relative_change_and_places_per_staff(changes: Strategy) -> None:
    rows = rows_by_id(compute_deltas(changes))
    assert rows["day-centre"]["capacity_relative"] == pytest.approx(0.25)
    assert rows["day-centre"]["places_per_staff_from"] == pytest.approx(20.0)
    assert rows["day-centre"]["places_per_staff_to"] == pytest.approx(25.0)
    assert rows["home"]["staff_from"] == 40 and rows["home"]["staff_to"] == 30, "staff from the linked staffing row"
    assert rows["home"]["places_per_staff_to"] == pytest.approx(2.0)
    assert rows["family-centre"]["capacity_relative"] is None, "no relative change from 0"


# --- sums, unknowns, grouping ----------------------------------------------------------


def test_group_and_overall_sums_exclude_unknowns(changes: Strategy) -> None:
    report = compute_deltas(changes)
    groups = groups_by_key(report)
    assert list(groups) == ["specialised_institution", "residential", "community", "home_care", "club"]
    assert all(g.name is None for g in report.groups), "a category has no name in the data"
    assert groups["specialised_institution"] == {
        "capacity_from": 130, "capacity_from_unknown": 0, "capacity_to": 60, "capacity_to_unknown": 0,
        "capacity_delta": -70, "capacity_relative": pytest.approx(-70 / 130), "capacity_delta_rows": 2, "capacity_delta_left_out": 0,
        "staff_from": 60, "staff_from_unknown": 0, "staff_to": 30, "staff_to_unknown": 0, "staff_delta": -30, "staff_delta_left_out": 0,
    }
    # Residential: family-centre 0 → 12, crisis-centre '-' → 8, sheltered-home 8 → 8. The sums are the
    # known parts (8 with 1 unknown; 28); the change is like for like: 0 + 8 → 12 + 8 = +12, crisis left out.
    # Staff (staffing table): family-centre '-' → 9, sheltered-home 4 → 4, crisis none: 4 (2 unknown) → 13 (1 unknown);
    # like for like only sheltered-home, 4 → 4.
    assert groups["residential"] == {
        "capacity_from": 8, "capacity_from_unknown": 1, "capacity_to": 28, "capacity_to_unknown": 0,
        "capacity_delta": 12, "capacity_relative": pytest.approx(12 / 8), "capacity_delta_rows": 2, "capacity_delta_left_out": 1,
        "staff_from": 4, "staff_from_unknown": 2, "staff_to": 13, "staff_to_unknown": 1, "staff_delta": 0, "staff_delta_left_out": 2,
    }
    # The club is 'МД' in both years: unknown, never 0.
    assert groups["club"] == {
        "capacity_from": None, "capacity_from_unknown": 1, "capacity_to": None, "capacity_to_unknown": 1,
        "capacity_delta": None, "capacity_relative": None, "capacity_delta_rows": 0, "capacity_delta_left_out": 1,
        "staff_from": None, "staff_from_unknown": 1, "staff_to": None, "staff_to_unknown": 1, "staff_delta": None, "staff_delta_left_out": 1,
    }
    total = report.total
    # Known parts: 1610 (crisis '-' and the club unknown) and 1878 (the club and mediators unknown).
    assert (total.capacity_from, total.capacity_from_unknown, total.capacity_to, total.capacity_to_unknown) == (1610, 2, 1878, 2)
    # Like for like, the nine rows known in both years: 100+30+0+8+12+1200+40+117+100 = 1607 →
    # 60+0+12+8+0+1500+50+130+110 = 1870, +263; not 1878 − 1610 = +268, which adds crisis's 8 and drops mediators' 3.
    assert (total.capacity_delta, total.capacity_delta_rows, total.capacity_delta_left_out) == (263, 9, 3)
    assert total.capacity_relative == pytest.approx(263 / 1607)
    # Staff: day-centre 60/60, home 40/30, infant-home 20/0, sheltered-home 4/4, family-centre —/9:
    # sums 124 and 103; like for like the first four, 124 → 94, −30.
    assert (total.staff_from, total.staff_from_unknown, total.staff_to, total.staff_to_unknown) == (124, 8, 103, 7)
    assert (total.staff_delta, total.staff_delta_left_out) == (-30, 8)


def test_unknown_figures_are_counted_in_a_note(changes: Strategy) -> None:
    report = compute_deltas(changes)
    notes = notes_of(report)
    # Unknown capacity: crisis-centre and pensioners-club in 2015, pensioners-club and mediators in 2020.
    assert {"code": "unknown_figures", "figure": "capacity", "year": 2015, "count": 2} in notes
    assert {"code": "unknown_figures", "figure": "capacity", "year": 2020, "count": 2} in notes
    assert {"code": "one_sided_rows", "count": 2} in notes
    texts = note_texts(report, "en")
    assert "Unknown capacity ('МД', '-' or missing), left out of the sums: 2015 – 2 rows; 2020 – 2 rows." in texts
    assert any(note.startswith("Rows with a capacity in one year only") and note.endswith(": 2.") for note in texts)
    assert "Неизвестен капацитет („МД“, „-“ или липсваща стойност), изключен от сборовете: 2015 г. – 2 реда; 2020 г. – 2 реда." in note_texts(report, "bg")


def test_institutional_share(changes: Strategy) -> None:
    share = compute_deltas(changes).institutional_share
    assert share.from_ == pytest.approx(130 / (130 + 8 + 1255))
    assert share.to == pytest.approx(60 / (60 + 28 + 1550))


def test_split_capacity_by_financing(changes: Strategy) -> None:
    report = compute_deltas(changes, by="financing")
    groups = groups_by_key(report)
    assert list(groups) == ["no_financing", "НП АХУ", "ОП РЧР", "общински бюджет"]
    assert [g.name for g in report.groups] == [None, "НП АХУ", "ОП РЧР", "общински бюджет"], "financing as printed is data"
    assert (groups["НП АХУ"]["capacity_from"], groups["НП АХУ"]["capacity_to"], groups["НП АХУ"]["capacity_delta"]) == (25, 30, 5)
    assert (groups["ОП РЧР"]["capacity_from"], groups["ОП РЧР"]["capacity_to"], groups["ОП РЧР"]["capacity_delta"]) == (92, 100, 8)
    assert groups["общински бюджет"]["capacity_delta"] == 10
    rows = rows_by_id(report)
    assert rows["assistant"]["group"] is None, "a split row belongs to no single group"
    assert rows["patronage"]["group"] == "общински бюджет"
    assert [(f["financing"], f["capacity_delta"]) for f in rows["assistant"]["financing"]] == [("НП АХУ", 5), ("ОП РЧР", 8)]
    assert report.total.capacity_from == 1610, "grouping does not change the total"


def test_split_capacity_shown_under_each_source_in_markdown(changes: Strategy) -> None:
    text = render_markdown(compute_deltas(changes, by="financing"), Options())
    assert "| **НП АХУ** |" in text and "| **ОП РЧР** |" in text
    assert "| **Финансиране не е посочено** |" in text
    assert "| Личен асистент | 25 | 30 | +5 | +20,0% |" in text
    assert "| Личен асистент | 92 | 100 | +8 | +8,7% |" in text


def test_group_by_status(changes: Strategy) -> None:
    report = compute_deltas(changes, by="status")
    groups = groups_by_key(report)
    assert list(groups) == ["existing", "new", "transformed", "closed", "planned"]
    assert (groups["existing"]["capacity_from"], groups["existing"]["capacity_to"]) == (1568, 1858)
    # crisis-centre alone: '-' in 2015 is unknown, not 0.
    assert (groups["planned"]["capacity_from"], groups["planned"]["capacity_from_unknown"], groups["planned"]["capacity_to"]) == (None, 1, 8)
    text = render_markdown(report, Options())
    assert "| **трансформирана** |" in text, "a status heading uses the change class's word"


def test_staffing_view_of_the_fixture(changes: Strategy) -> None:
    report = compute_deltas(changes, view="staffing")
    assert [(g.key, g.name) for g in report.groups] == [("community", "Услуги в общността"), ("institutions", "Специализирани институции")]
    rows = rows_by_id(report)
    assert rows["st-family-centre"]["capacity_from"] is None and rows["st-family-centre"]["change"] == "new"
    total = report.total
    # Rows: ЦНСТ '-' → 12 (staff '-' → 9), ЗЖ 8 → 8 (4 → 4), ДСХ 100 → 60 (40 → 30), ДМСГД 30 → 0 (20 → 0).
    assert (total.capacity_from, total.capacity_from_unknown, total.capacity_to, total.staff_from, total.staff_to) == (138, 1, 80, 64, 43)
    # Like for like, without ЦНСТ: 138 → 68 places, 64 → 34 staff.
    assert (total.capacity_delta, total.capacity_delta_left_out, total.staff_delta, total.staff_delta_left_out) == (-70, 1, -30, 1)
    # Declared: community 8/4 → 20/13, institutions 130/60 → 60/30, the table 138/64 → 80/43: 12 figures.
    assert {"code": "declared_total_agrees", "compared": 12} in notes_of(report)
    assert "Изчислените сборове съвпадат с обявените редове „Общо“ на таблицата." in note_texts(report, "bg")


def test_staffing_view_notes_a_declared_total_that_differs(changes: Strategy) -> None:
    strategy = changes.model_copy(deep=True)
    assert strategy.staffing is not None and strategy.staffing.groups[1].declared_total is not None
    strategy.staffing.groups[1].declared_total.baseline.capacity = 131
    report = compute_deltas(strategy, view="staffing")
    assert {
        "code": "declared_total_differs", "group": "institutions", "figure": "capacity", "year": 2015, "declared": 131, "computed": 130,
    } in notes_of(report)
    assert "declared_total_agrees" not in [note.code for note in report.notes]
    texts = note_texts(report, "en")
    assert "The declared total 'Специализирани институции' (capacity, 2015) is 131, but its rows add up to 130." in texts


# --- years -----------------------------------------------------------------------------


def test_default_years_are_baseline_and_last(changes: Strategy) -> None:
    report = compute_deltas(changes)
    assert (report.from_year, report.to_year) == (2015, 2020)
    report = compute_deltas(changes, from_year=2016)
    assert rows_by_id(report)["infant-home"]["capacity_from"] == 30
    assert rows_by_id(report)["home"]["capacity_from"] is None


def test_missing_year_raises_with_available_years(changes: Strategy) -> None:
    with pytest.raises(YearNotFound) as caught:
        compute_deltas(changes, to_year=2018)
    assert caught.value.available == [2015, 2016, 2020]
    with pytest.raises(YearNotFound) as caught:
        compute_deltas(changes, view="staffing", from_year=2016)
    assert caught.value.available == [2015, 2020]


def test_missing_year_on_the_command_line_exits_2() -> None:
    result = runner.invoke(app, ["deltas", "--lang", "en", str(CHANGES), "--to", "2018"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == ["socstrat deltas: no services figures for 2018; years with figures: 2015, 2016, 2020"]
    assert "Traceback" not in result.output


def test_from_after_to_exits_2() -> None:
    result = runner.invoke(app, ["deltas", "--lang", "en", str(CHANGES), "--from", "2020", "--to", "2015"])
    assert result.exit_code == 2
    assert "--from 2020 is after --to 2015" in result.output


def test_staffing_view_without_a_table_exits_2() -> None:
    result = runner.invoke(app, ["deltas", "--lang", "en", str(KAZANLAK), "--view", "staffing"])
    assert result.exit_code == 2
    assert result.output.strip() == "socstrat deltas: the strategy has no staffing table (staffing.yaml)"
    with pytest.raises(NoFigures):
        compute_deltas(load(KAZANLAK), view="staffing")


def test_same_year_is_a_snapshot(changes: Strategy) -> None:
    report = compute_deltas(changes, from_year=2020, to_year=2020)
    assert {"code": "snapshot", "year": 2020, "reason": "same_year"} in notes_of(report)
    assert "From and to are the same year (2020): no change can be computed." in note_texts(report, "en")
    assert all(row.capacity_delta is None and row.change == "unknown" for row in report.rows)


# --- Kazanlak: a single year ------------------------------------------------------------


def test_kazanlak_is_a_single_snapshot() -> None:
    report = compute_deltas(load(KAZANLAK))
    assert (report.from_year, report.to_year) == (2007, 2007)
    assert notes_of(report)[0] == {"code": "snapshot", "year": 2007, "reason": "only_year"}
    assert note_texts(report, "en")[0] == "The strategy has figures for 2007 only: no change can be computed."
    rows = rows_by_id(report)
    # services.yaml: ДВД „Димитър Папазов“ 96 places and 44 staff; ДСП 270 places, staff 27 + 5.
    assert (rows["dvd-papazov"]["capacity_from"], rows["dvd-papazov"]["staff_from"]) == (96, 44)
    assert (rows["dsp-kazanlak"]["capacity_from"], rows["dsp-kazanlak"]["staff_from"]) == (270, 32)
    assert all(row["capacity_delta"] is None and row["change"] == "unknown" for row in rows.values())


def test_kazanlak_markdown_shows_one_year() -> None:
    result = runner.invoke(app, ["deltas", str(KAZANLAK), "--format", "md"])
    assert result.exit_code == 0
    assert "| Услуга | Капацитет 2007 | Персонал 2007 | Места на служител 2007 |" in result.output
    assert "Стратегията има данни само за 2007 г.: промяна не може да се изчисли." in result.output


def test_kazanlak_unknowns_print_honestly() -> None:
    """services.yaml, 2007: the six clubs state no capacity; of 16 services only ДВД 96, ДМСГ 105 and ДСП 270
    have one (471). The institutional share would be 201 / 201 = 100 % over 2 of 7 rows: withheld."""
    result = runner.invoke(app, ["deltas", str(KAZANLAK), "--format", "md"])
    assert "| **Общо – Клубове** | **н.д.** | **н.д.** |" in result.output
    assert "| **Общо – за всички услуги** | **≥ 471, 13 н.д.** |" in result.output
    assert "100,0%" not in result.output
    assert "услугите в общността и резидентните услуги: н.д. (2007)" in result.output
    assert "5 от 7 реда, на които се основава, са с неизвестна стойност (над прага от 25,0%)" in result.output


# --- Haskovo ----------------------------------------------------------------------------


def test_haskovo_staffing_view_reproduces_the_declared_totals(haskovo: Strategy) -> None:
    """§7.1.1: every group's 'Общо' and 'Общо – за всички услуги', computed from the rows."""
    report = compute_deltas(haskovo, view="staffing")
    table = haskovo.staffing
    assert table is not None and (report.from_year, report.to_year) == (table.baseline_year, table.plan_period.end)
    computed = {g.key: g for g in report.groups}
    assert list(computed) == [g.id for g in table.groups]
    assert [g.name for g in report.groups] == [g.name for g in table.groups]

    def declared(totals) -> dict:
        return {
            "capacity_from": totals.baseline.capacity, "staff_from": totals.baseline.staff,
            "capacity_to": totals.plan.capacity, "staff_to": totals.plan.staff,
        }

    for group in table.groups:
        assert group.declared_total is not None
        assert computed[group.id].model_dump(include=set(declared(group.declared_total))) == declared(group.declared_total)
    assert table.declared_total is not None
    assert report.total.model_dump(include=set(declared(table.declared_total))) == declared(table.declared_total)


def test_haskovo_services_view_figures(haskovo: Strategy) -> None:
    """Figures read off data/haskovo-2016-2020/services.yaml and staffing.yaml by hand."""
    report = compute_deltas(haskovo)
    assert (report.from_year, report.to_year) == (2015, 2020)
    rows = rows_by_id(report)
    # ДСХ „Кенана“ (Раздел Г, ред 22): 160 → 130; §7.1.1 staff 70 → 57.
    assert {k: rows["dsh-kenana"][k] for k in ("capacity_from", "capacity_to", "capacity_delta", "staff_from", "staff_to", "change")} == {
        "capacity_from": 160, "capacity_to": 130, "capacity_delta": -30, "staff_from": 70, "staff_to": 57, "change": "reduced",
    }
    assert rows["dsh-kenana"]["capacity_relative"] == pytest.approx(-30 / 160)
    # Личен асистент: 25 НП АХУ + 92 ОП РЧР → 30 + 100.
    assert (rows["personal-assistant"]["capacity_from"], rows["personal-assistant"]["capacity_to"]) == (117, 130)
    # ЦОП Хасково: 2020 printed '.40', the number 40.
    assert (rows["cop-haskovo"]["capacity_to"], rows["cop-haskovo"]["change"]) == (40, "unchanged")
    # ДМСГД: 20 → 0, transformed; Наблюдавано жилище 9 → 0, transformed.
    assert rows["dmsgd"]["change"] == rows["supervised-housing"]["change"] == "transformed"
    # Социално предприемачество: '-' → 300, planned.
    assert (rows["social-enterprise"]["capacity_from"], rows["social-enterprise"]["capacity_to"], rows["social-enterprise"]["change"]) == (None, 300, "new")
    # Специализирани институции: ДМСГД 20 + ДСХ 160 + ДВСУ 30 = 210 → 0 + 130 + 30 = 160.
    institutions = groups_by_key(report)["specialised_institution"]
    assert (institutions["capacity_from"], institutions["capacity_to"]) == (210, 160)


# --- outputs ---------------------------------------------------------------------------


def test_json_contract_key_sets() -> None:
    result = runner.invoke(app, ["deltas", str(CHANGES), "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.output)
    assert set(payload) == {"strategy", "view", "from", "to", "rows", "groups", "total", "institutional_share", "notes"}
    assert (payload["strategy"], payload["view"], payload["from"], payload["to"]) == ("deltas-changes", "services", 2015, 2020)
    for row in payload["rows"]:
        assert set(row) == ROW_KEYS | ROW_EXTRAS
    for group in payload["groups"]:
        assert set(group) == TOTAL_KEYS | {"key", "name"}
    assert set(payload["total"]) == TOTAL_KEYS
    assert set(payload["institutional_share"]) == {"from", "to", "from_basis", "to_basis"}
    assert payload["notes"] and all(isinstance(note, dict) and "code" in note for note in payload["notes"])
    assert payload["total"]["capacity_from"] == 1610 and isinstance(payload["total"]["capacity_from"], int)


def test_model_dump_is_the_json_contract(changes: Strategy) -> None:
    report = compute_deltas(changes, view="staffing")
    dumped = report.model_dump(mode="json", by_alias=True)
    assert (dumped["from"], dumped["to"], dumped["view"]) == (2015, 2020, "staffing")
    assert "by" not in dumped and "lang" not in dumped
    assert DeltaReport.model_validate(dumped).from_year == 2015
    assert DeltaReport.model_validate(dumped).notes == report.notes, "notes round-trip with their numbers"


@pytest.mark.parametrize(
    "args",
    [
        [str(HASKOVO)],
        [str(HASKOVO), "--view", "staffing"],
        [str(HASKOVO), "--by", "status"],
        [str(HASKOVO), "--by", "financing"],
        [str(KAZANLAK)],
    ],
)
def test_json_is_the_same_in_every_language(args: list[str]) -> None:
    outputs = []
    for lang in LANGUAGES:
        result = runner.invoke(app, ["deltas", *args, "-f", "json", "--lang", lang])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout_bytes)
    assert outputs[0] == outputs[1]


def test_every_note_code_has_words_in_both_languages() -> None:
    codes = [code for code in DeltaNoteCode.__args__ if code != "snapshot"] + ["snapshot.only_year", "snapshot.same_year"]
    for code in codes:
        assert all(label(f"deltas.note.{code}", lang) for lang in LANGUAGES), code


def test_deltas_formats_are_registered() -> None:
    assert registry.formats("deltas") == ["table", "md", "csv", "json", "xlsx"]
    stream = io.StringIO()
    report = compute_deltas(load(KAZANLAK))
    stream.write(registry.render("deltas", "md", report, Options(lang="en")))
    assert stream.getvalue().startswith("**kazanlak-2007-2009: capacity and staff, 2007**")


def test_markdown_uses_bulgarian_number_format(changes: Strategy) -> None:
    text = render_markdown(compute_deltas(changes), Options())
    assert f"| Дневен център | 1{NBSP}200 | 1{NBSP}500 | +300 | +25,0% | 60 | 60 | 20 | 25 | разширена |" in text
    assert f"| Дом за стари хора | 100 | 60 | {MINUS}40 | {MINUS}40,0% |" in text
    # Known parts with the unknown rows counted; the change like for like (worked out in test_group_and_overall_sums_exclude_unknowns).
    assert f"| **Общо – за всички услуги** | **≥ 1{NBSP}610, 2 н.д.** | **≥ 1{NBSP}878, 2 н.д.** | **+263** | **+16,4%** |" in text
    assert "| Клуб на пенсионера | н.д. | н.д. |" in text


def test_markdown_in_english(changes: Strategy) -> None:
    text = render_markdown(compute_deltas(changes), Options(lang="en"))
    assert "| Service | Capacity 2015 | Capacity 2020 | Change | Change, % |" in text
    assert "| Дневен център | 1,200 | 1,500 | +300 | +25.0% |" in text


def test_csv_has_rows_groups_and_total(changes: Strategy) -> None:
    lines = list(csv.DictReader(io.StringIO(render_csv(compute_deltas(changes), Options()))))
    by_id = {line["id"]: line for line in lines if line["level"] == "row"}
    assert (by_id["home"]["capacity_from"], by_id["home"]["capacity_to"], by_id["home"]["change"]) == ("100", "60", "reduced")
    assert (by_id["home"]["group"], by_id["home"]["capacity_delta"]) == ("specialised_institution", "-40")
    assert by_id["pensioners-club"]["capacity_from"] == ""
    (total,) = [line for line in lines if line["level"] == "total"]
    assert (total["capacity_from"], total["capacity_to"]) == ("1610", "1878")
    groups = [line for line in lines if line["level"] == "group"]
    assert [(g["group"], g["name"]) for g in groups] == [
        ("specialised_institution", ""), ("residential", ""), ("community", ""), ("home_care", ""), ("club", ""),
    ]


def test_csv_is_the_same_in_every_language(changes: Strategy) -> None:
    report = compute_deltas(changes, view="staffing")
    assert render_csv(report, Options(lang="bg")) == render_csv(report, Options(lang="en"))


def test_csv_neutralises_formulas_in_the_data(changes: Strategy) -> None:
    strategy = changes.model_copy(deep=True)
    strategy.services.services[0].name = '=HYPERLINK("http://x","y")'
    lines = list(csv.DictReader(io.StringIO(render_csv(compute_deltas(strategy), Options()))))
    (home,) = [line for line in lines if line["id"] == "home"]
    assert home["name"] == '\'=HYPERLINK("http://x","y")'
    assert home["capacity_delta"] == "-40", "a negative number is not text"


def test_table_output_signs_changes() -> None:
    result = runner.invoke(app, ["deltas", str(CHANGES), "--view", "staffing"])
    assert result.exit_code == 0
    assert "Общо – за всички услуги" in result.output
    assert f"{MINUS}70" in result.output and f"{MINUS}30" in result.output


def test_invalid_strategy_prints_diagnostics_and_exits_1(strategy_dir) -> None:
    path = strategy_dir("wrong-type")
    result = runner.invoke(app, ["deltas", "--lang", "en", str(path)])
    assert result.exit_code == 1
    assert f"{path}/services.yaml:7:13: error: S101 the value 'много'" in result.output
    assert f"{path}: INVALID" in result.output


def test_missing_path_exits_2() -> None:
    result = runner.invoke(app, ["deltas", "--lang", "en", "no/such/dir"])
    assert result.exit_code == 2
    assert "socstrat deltas: no/such/dir: no such directory" in result.output


def test_models_import_without_babel_or_jinja2() -> None:
    code = "import sys\nimport socstrat.analysis.deltas, socstrat.render.deltas\nprint('jinja2' in sys.modules, 'babel' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_docs_deltas_examples_are_real() -> None:
    """Every `$ socstrat deltas …` block of docs/deltas.md shows lines the command prints ('…' marks a cut)."""
    readme = (ROOT / "docs" / "deltas.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in readme.split("```console\n$ socstrat deltas ")[1:]]
    assert len(blocks) == 2
    for block in blocks:
        args, *shown = block.rstrip("\n").split("\n")
        result = runner.invoke(app, ["deltas", *args.split()])
        assert result.exit_code == 0
        printed = iter(result.output.splitlines())
        missing = [line for line in shown if line != "…" and line not in printed]
        assert not missing, "docs/deltas.md lines not printed, in this order; regenerate them"


def test_help() -> None:
    result = runner.invoke(app, ["deltas", "--help"])
    assert result.exit_code == 0
    assert "--view" in result.output and "--by" in result.output
