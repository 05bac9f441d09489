"""``socstrat progress`` on the illustrative Haskovo set and on a strategy without monitoring."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import DATA, ROOT
from socstrat.cli import app

EXAMPLES = ROOT / "examples" / "haskovo-monitoring"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


def test_no_monitoring_says_so_plainly_and_exits_0() -> None:
    result = run("progress", str(DATA / "kazanlak-2007-2009"), "--lang", "en")
    assert result.exit_code == 0
    assert "no monitoring files (monitoring/<YEAR>.yaml)" in result.output


def test_illustrative_set_every_status_and_the_note() -> None:
    result = run("progress", str(DATA / "haskovo-2016-2020"), "--monitoring", str(EXAMPLES), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["illustrative"] is True and data["year"] == 2018 and data["evaluation"] == "mid_term"
    assert {"on_plan", "behind", "ahead", "not_opened", "closed", "not_reporting"} <= set(data["counts"]["services"])
    assert {"achieved", "on_track", "regressing", "not_reporting"} <= set(data["counts"]["indicators"])
    assert {"done", "in_progress", "not_started", "delayed", "cancelled", "merged"} <= set(data["counts"]["activities"])
    for fmt, lang, note in (("table", "bg", "ИЛЮСТРАТИВНИ ДАННИ"), ("md", "en", "ILLUSTRATIVE DATA")):
        shown = run("progress", str(DATA / "haskovo-2016-2020"), "--monitoring", str(EXAMPLES), "--format", fmt, "--lang", lang)
        assert shown.exit_code == 0 and note in shown.output.splitlines()[0]
    csv_out = run("progress", str(DATA / "haskovo-2016-2020"), "--monitoring", str(EXAMPLES), "--format", "csv").output
    assert all(line.endswith(",True") for line in csv_out.splitlines()[1:])


def test_unreported_year_is_a_usage_error() -> None:
    result = run("progress", "--lang", "en", str(DATA / "haskovo-2016-2020"), "--monitoring", str(EXAMPLES), "--year", "2020")
    assert result.exit_code == 2
    assert "reported years: 2016, 2017, 2018" in result.output
