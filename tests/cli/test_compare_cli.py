"""``socstrat compare`` end to end: the table says what Kazanlak does not state; every format works."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from conftest import DATA
from socstrat.cli import app

runner = CliRunner()
BOTH = [str(DATA / "haskovo-2016-2020"), str(DATA / "kazanlak-2007-2009")]


def run(*args: str):
    return runner.invoke(app, ["compare", *BOTH, *args])


def test_markdown_side_by_side() -> None:
    result = run("--format", "md")
    assert result.exit_code == 0, result.output
    rows = {line.split(" | ")[0].lstrip("| "): line for line in result.stdout.splitlines() if line.startswith("|")}
    assert "| 95 950 | 85 974 |" in rows["Население"].replace("\u00a0", " ")
    assert "н.д. – не е посочено" in rows["Територия, кв.км"]
    assert "| 2015 → 2020 | 2007 |" in rows["Сравнени години"]
    assert "9,93 (2015" in rows["Места на 1000 жители, първа година"]
    assert "kazanlak-2007-2009 не посочва: територия (кв.км)." in result.stdout


def test_json_is_language_neutral() -> None:
    bg, en = run("--format", "json"), run("--format", "json", "--lang", "en")
    assert bg.stdout == en.stdout
    data = json.loads(bg.stdout)
    assert [s["not_stated"] for s in data["strategies"]] == [[], ["area"]]


def test_html_has_a_chart_per_key_measure() -> None:
    result = run("--format", "html")
    assert result.exit_code == 0
    assert result.stdout.count("<svg") == 5 and "<table class=\"compare\">" in result.stdout


def test_csv_and_xlsx_through_the_table_writers(tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("--format", "csv").stdout)))
    population = next(r for r in rows if r["strategy"] == "haskovo-2016-2020" and r["metric"] == "population")
    assert population["value"] == "95950"
    area = next(r for r in rows if r["strategy"] == "kazanlak-2007-2009" and r["metric"] == "area")
    assert (area["value"], area["missing"]) == ("", "not_stated")
    target = tmp_path / "c.xlsx"
    assert run("--format", "xlsx", "-o", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target)["Сравнение"]
    assert sheet.freeze_panes == "A2"


def test_an_unreadable_path_exits_2() -> None:
    result = runner.invoke(app, ["compare", BOTH[0], "no/such/dir"])
    assert result.exit_code == 2


def test_docs_compare_md_shows_the_real_output() -> None:
    from conftest import ROOT

    docs = (ROOT / "docs" / "compare.md").read_text(encoding="utf-8")
    result = runner.invoke(app, ["compare", "data/haskovo-2016-2020", "data/kazanlak-2007-2009", "--format", "md"])
    assert result.stdout.strip() in docs
