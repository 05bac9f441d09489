"""Reporting completeness of a monitoring year, and the threshold a strategy may set for it."""
from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, validate_path
from socstrat.io.loading import load_strategy
from socstrat.model.completeness import completeness

REPORT = """year: 2016
reported: 2017-03-15
reported_by: Звено за мониторинг и оценка
services:
  - {service: cop, status: operating, places: 40, users: 52}
  - {service: pa}
activities:
  - {activity: d1-a1.1.1.1, status: delayed, due: 2016}
"""


def with_report(strategy_dir, text: str = REPORT, **files: str) -> Path:
    path = strategy_dir(**files)
    (path / "monitoring").mkdir()
    (path / "monitoring" / "2016.yaml").write_text(text, encoding="utf-8")
    return path


def test_shares_of_the_minimal_strategy(strategy_dir) -> None:
    strategy = load_strategy(with_report(strategy_dir)).strategy
    found = completeness(strategy, 2016)
    # The register has cop (40 places in 2016) and pa (2016 not stated, so not known to be 0): both expected;
    # pa's entry carries no value, so 1 of 2.
    assert (found.services.expected, found.services.reported, found.services.missing, found.services.share) == (2, 1, ["pa"], 0.5)
    # The one activity runs over the period (ends 2020), but the file sets its due year to 2016: due and reported.
    assert (found.activities.expected, found.activities.reported) == (1, 1)
    # No indicator has a target reading and no earlier year reported one: nothing expected, no share.
    assert (found.indicators.expected, found.indicators.share) == (0, None)
    assert (found.threshold, found.below()) == (0.8, ["services"])


def test_a_strategy_sets_its_own_threshold(strategy_dir) -> None:
    strategy_yaml = (FIXTURES / "minimal" / "strategy.yaml").read_text(encoding="utf-8") + "thresholds: {monitoring_completeness: 0.5}\n"
    path = with_report(strategy_dir, strategy=strategy_yaml)
    assert completeness(load_strategy(path).strategy, 2016).below() == []
    assert [d.code for d in validate_path(str(path), select=["P011"]).diagnostics] == []
    assert [d.code for d in validate_path(str(with_report(strategy_dir)), select=["P011"]).diagnostics] == ["P011"]


def test_an_unknown_threshold_is_a_located_error(strategy_dir) -> None:
    strategy_yaml = (FIXTURES / "minimal" / "strategy.yaml").read_text(encoding="utf-8") + "thresholds: {monitoring_completenes: 0.5}\n"
    report = validate_path(str(strategy_dir(strategy=strategy_yaml)))
    assert not report.valid and any(d.file.endswith("strategy.yaml") and d.line == 19 for d in report.diagnostics)


def test_progress_shows_the_numbers_the_rule_checks(strategy_dir) -> None:
    from socstrat.analysis.progress import compute_progress

    strategy = load_strategy(with_report(strategy_dir)).strategy
    shown = compute_progress(strategy, 2016).completeness
    assert shown == completeness(strategy, 2016)
    assert shown.model_dump()["services"] == {"expected": 2, "reported": 1, "missing": ["pa"], "share": 0.5}
