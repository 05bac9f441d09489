"""The annual monitoring report: its numbers are those of `progress --format json`; illustrative data says so."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from conftest import DATA, ROOT
from socstrat.cli import app
from socstrat.render.progress import fmt

EXAMPLES = ROOT / "examples" / "haskovo-monitoring"
HASKOVO = str(DATA / "haskovo-2016-2020")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_report_numbers_equal_progress_json() -> None:
    progress = json.loads(run("progress", HASKOVO, "--monitoring", str(EXAMPLES), "--year", "2018", "--format", "json"))
    md = run("report", HASKOVO, "--monitoring", str(EXAMPLES), "--year", "2018", "--format", "md", "--lang", "en")
    table = md.split("## Services: planned and actual")[1].split("\n\n")[1].splitlines()[2:]
    assert len(table) == len(progress["services"])
    for service, row in zip(progress["services"], table):
        cells = [c.strip().replace("&#42;", "") for c in row.strip("|").split(" | ")]
        assert cells[1] == fmt(service["planned_places"], "en")
        assert cells[2] == fmt(service["places"], "en")
        assert cells[3] == fmt(service["places_gap"], "en", signed=True)
    summary = md.split("## Summary")[1].split("##")[0]
    for group in ("services", "indicators", "activities"):
        for code, count in progress["counts"][group].items():
            assert re.search(rf"{count}(;|\n|$)", summary), (group, code)
    assert f"**Overdue activities:** {progress['counts']['overdue']['activities']}" in summary
    shares = progress["completeness"]
    assert f"services {shares['services']['reported']} of {shares['services']['expected']}" in summary
    assert f"indicators {shares['indicators']['reported']} of {shares['indicators']['expected']}" in summary
    for indicator in progress["indicators"]:
        if indicator["progress"] is not None:
            assert fmt(indicator["progress"], "en", percent=True) in md


def test_mid_term_title_and_illustrative_banner() -> None:
    html = run("report", HASKOVO, "--monitoring", str(EXAMPLES), "--year", "2018")
    assert '<p class="banner" role="note">ИЛЮСТРАТИВНИ ДАННИ' in html
    assert "<h1>Междинна оценка: доклад за мониторинг за 2018 г.</h1>" in html
    assert "<svg" in html and 'class="spark"' in html
    md = run("report", HASKOVO, "--monitoring", str(EXAMPLES), "--year", "2017", "--format", "md", "--lang", "en")
    assert md.startswith("> **ILLUSTRATIVE DATA")
    assert "# Annual monitoring report 2017" in md


def test_lights_read_without_colour() -> None:
    html = run("report", HASKOVO, "--monitoring", str(EXAMPLES), "--year", "2018")
    # Each traffic light carries a symbol and a word, not a colour alone.
    assert '<span class="light light-bad"><span aria-hidden="true">✖</span> влошаване</span>' in html


def test_no_monitoring_report_is_one_line_and_exit_1(tmp_path) -> None:
    target = tmp_path / "m.html"
    result = CliRunner().invoke(app, ["report", str(DATA / "kazanlak-2007-2009"), "--year", "2008", "--lang", "en", "-o", str(target)])
    assert result.exit_code == 1
    assert result.stderr.startswith("socstrat report: ") and "no monitoring files" in result.stderr and result.stderr.count("\n") == 1
    assert result.stdout == "" and not target.exists()


def test_a_format_the_mode_does_not_offer_is_refused_with_those_it_does(tmp_path) -> None:
    target = tmp_path / "s.html"
    result = CliRunner().invoke(app, ["report", HASKOVO, "--summary", "-f", "html", "--lang", "en", "-o", str(target)])
    assert result.exit_code == 2 and not target.exists()
    assert result.stderr == "socstrat report: --format html is not offered here; choose one of: md\n"
