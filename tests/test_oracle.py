"""The oracle: every figure that two outputs show for the same thing is equal.

Each output is produced the way a user gets it (the command line), for both bundled
strategies and the illustrative monitoring set, and read back: JSON and CSV as data,
Markdown and HTML as text. The figures compared are the planned places and staff of
each service and year, the totals with their unknown counts, the like-for-like change,
the institutional share, the per-capita figures, progress values and counts.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from socstrat.cli import app
from socstrat.render.text import format_number, total_text

HASKOVO = str(DATA / "haskovo-2016-2020")
KAZANLAK = str(DATA / "kazanlak-2007-2009")
MONITORING = str(ROOT / "examples" / "haskovo-monitoring")
STRATEGIES = {"haskovo-2016-2020": HASKOVO, "kazanlak-2007-2009": KAZANLAK}
PERIODS = {"haskovo-2016-2020": range(2016, 2021), "kazanlak-2007-2009": range(2007, 2010)}
REPORTED = (2016, 2017, 2018)

runner = CliRunner()


@functools.cache
def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def as_json(*args: str) -> dict:
    return json.loads(run(*args, "--format", "json"))


def as_csv(*args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(*args, "--format", "csv"))))


def number(cell: str) -> float | None:
    return None if cell == "" else float(cell)


@functools.cache
def exported(name: str, tmp: Path) -> dict[str, list[dict[str, str]]]:
    target = tmp / name
    result = runner.invoke(app, ["export", STRATEGIES[name], "--format", "csv", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return {p.stem: list(csv.DictReader(p.open(encoding="utf-8"))) for p in target.glob("*.csv")}


@pytest.fixture(scope="module")
def export_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("export")


# --- planned places and staff per service and year --------------------------------------------


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_plan_and_export_agree_on_every_planned_figure(name: str, export_dir: Path) -> None:
    table = {(r["service_id"], int(r["year"])): r for r in exported(name, export_dir)["service_plan"]}
    for year in PERIODS[name]:
        plan = as_json("plan", STRATEGIES[name], "--year", str(year))
        for s in plan["services"]:
            row = table[(s["id"], year)]
            assert (number(row["places"]), row["places_basis"]) == (s["places"]["value"], s["places"]["basis"]), (s["id"], year)
            assert (number(row["staff"]), row["staff_basis"]) == (s["staff"]["value"], s["staff"]["basis"]), (s["id"], year)


@pytest.mark.parametrize("year", REPORTED)
def test_plan_progress_and_monitoring_report_agree_on_planned_figures(year: int) -> None:
    plan = {s["id"]: s for s in as_json("plan", HASKOVO, "--year", str(year))["services"]}
    progress = as_json("progress", HASKOVO, "--monitoring", MONITORING, "--year", str(year))
    lines = {r["id"]: r for r in as_csv("progress", HASKOVO, "--monitoring", MONITORING, "--year", str(year)) if r["kind"] == "service"}
    report = run("report", HASKOVO, "--monitoring", MONITORING, "--year", str(year), "--format", "md")
    lines_md = report.splitlines()
    head = next(i for i, line in enumerate(lines_md) if line.startswith("| Услуга | План места"))
    rows = lines_md[head + 2: head + 2 + len(progress["services"])]  # the services table, in the register's order
    assert len(rows) == len(progress["services"]) and all(r.startswith("| ") for r in rows)
    for s, row in zip(progress["services"], rows):
        planned = plan[s["id"]]
        assert (s["planned_places"], s["planned_staff"]) == (planned["places"]["value"], planned["staff"]["value"]), s["id"]
        assert (number(lines[s["id"]]["planned"]), number(lines[s["id"]]["planned_staff"])) == (s["planned_places"], s["planned_staff"])
        assert s["planned_places"] is None or float(s["planned_places"]).is_integer(), "no fractional place"
        # The monitoring report's row prints the same planned figure in the one number format.
        assert row.split(" | ")[1].replace("&#42;", "") == format_number(s["planned_places"], "bg"), s["id"]


# --- totals, the like-for-like change, shares, per-capita ----------------------------------------


@pytest.fixture(scope="module")
def compared() -> dict[str, dict]:
    report = as_json("compare", HASKOVO, KAZANLAK)
    return {s["strategy"]: {(m["key"], m["position"]): m for m in s["measures"]} for s in report["strategies"]}


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_totals_are_one_number_in_deltas_compare_csv_and_report(name: str, compared: dict[str, dict]) -> None:
    deltas = as_json("deltas", STRATEGIES[name])
    total = deltas["total"]
    measures = compared[name]
    first = measures[("places", "first")]
    assert (first["value"], first["unknown"]) == (total["capacity_from"], total["capacity_from_unknown"])
    staff = measures[("staff", "first")]
    assert (staff["value"], staff["unknown"]) == (total["staff_from"], total["staff_from_unknown"])
    (line,) = [r for r in as_csv("deltas", STRATEGIES[name]) if r["level"] == "total"]
    assert (number(line["capacity_from"]), int(line["capacity_from_unknown"])) == (total["capacity_from"], total["capacity_from_unknown"])
    assert number(line["capacity_delta"]) == total["capacity_delta"]
    if deltas["from"] != deltas["to"]:
        change = measures[("places_change", None)]
        assert (change["value"], change["unknown"]) == (total["capacity_delta"], total["capacity_delta_left_out"])
        assert measures[("places", "last")]["value"] == total["capacity_to"]
    # The report's headline and its deltas table print the same sums.
    report = run("report", STRATEGIES[name], "--format", "md")
    assert total_text(total["capacity_from"], total["capacity_from_unknown"], "bg") + f" ({deltas['from']})" in report
    markdown = run("deltas", STRATEGIES[name], "--format", "md")
    assert f"**{total_text(total['capacity_from'], total['capacity_from_unknown'], 'bg')}**" in markdown


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_the_institutional_share_is_one_figure_everywhere(name: str, compared: dict[str, dict]) -> None:
    share = as_json("deltas", STRATEGIES[name])["institutional_share"]
    assert compared[name][("institutional_share", "first")]["value"] == share["from"]
    printed = format_number(share["from"], "bg", percent=True)
    for text in (run("deltas", STRATEGIES[name], "--format", "md"), run("report", STRATEGIES[name], "--format", "md")):
        assert f": {printed} (" in text
    if share["from"] is None:
        assert compared[name][("institutional_share", "first")]["missing"] == "unknown_share"


def test_per_capita_rests_on_the_same_total(compared: dict[str, dict]) -> None:
    for name, population in (("haskovo-2016-2020", 95950), ("kazanlak-2007-2009", 85974)):  # context.yaml population figures
        measures = compared[name]
        places, per_capita = measures[("places", "first")], measures[("places_per_1000", "first")]
        assert (per_capita["unknown"], per_capita["rows"]) == (places["unknown"], places["rows"])
        if per_capita["value"] is not None:
            assert per_capita["value"] == pytest.approx(places["value"] * 1000 / population)
            assert places["unknown"] / places["rows"] <= 0.25


# --- progress values and counts ------------------------------------------------------------------


def test_progress_values_agree_between_json_and_csv() -> None:
    progress = as_json("progress", HASKOVO, "--monitoring", MONITORING, "--year", "2018")
    lines = {(r["kind"], r["id"]): r for r in as_csv("progress", HASKOVO, "--monitoring", MONITORING, "--year", "2018")}
    for s in progress["services"]:
        line = lines[("service", s["id"])]
        assert (number(line["actual"]), number(line["gap"]), line["status"]) == (s["places"], s["places_gap"], s["status"])
    for n in progress["rollup"]:
        assert number(lines[("node", n["id"])]["progress"]) == n["completion"]


@pytest.mark.parametrize("name", list(STRATEGIES))
def test_service_counts_agree(name: str, compared: dict[str, dict], export_dir: Path) -> None:
    year = str(PERIODS[name][0])
    services = len(as_json("plan", STRATEGIES[name], "--year", year)["services"])
    assert services == compared[name][("services", None)]["value"] == len(exported(name, export_dir)["services"])
    assert len(as_json("deltas", STRATEGIES[name])["rows"]) == services
