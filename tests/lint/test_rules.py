"""Each check on a fixture that passes it and one that fails it, with code and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, validate_path

MINIMAL_STAFFING = (FIXTURES / "minimal" / "staffing.yaml").read_text(encoding="utf-8")
MINIMAL_FRAMEWORK = (FIXTURES / "minimal" / "framework.yaml").read_text(encoding="utf-8")


def test_minimal_passes_every_check(strategy_dir) -> None:
    report = validate_path(str(strategy_dir()))
    assert [d.code for d in report.diagnostics] == ["Q003"]






def test_a001_declared_total(strategy_dir) -> None:
    staffing = MINIMAL_STAFFING.replace("      baseline: {capacity: 40, staff: 8}\n      plan", "      baseline: {capacity: 41, staff: 8}\n      plan", 1)
    path = strategy_dir(staffing=staffing)
    report = validate_path(str(path), select=["A001"])
    assert [(d.line, d.path, d.message) for d in report.diagnostics] == [
        (16, "groups[0].declared_total.baseline.capacity",
         "declared baseline capacity total of group 'Услуги в общността' is 41, but its rows add up to 40"),
    ]


def test_x001_staffing_vs_register(strategy_dir) -> None:
    path = strategy_dir(staffing=MINIMAL_STAFFING.replace("plan: {capacity: 40, staff: 8}\n        src", "plan: {capacity: 45, staff: 8}\n        src"))
    report = validate_path(str(path), select=["X001"])
    assert [(d.line, d.message) for d in report.diagnostics] == [
        (13, "capacity of 'cop' in 2020 is 45 in the staffing table but 40 in the service register"),
    ]



def test_x004_indicator_targets(strategy_dir, tmp_path: Path) -> None:
    path = strategy_dir()
    logframe = (path / "logframe.yaml").read_text(encoding="utf-8").replace("target: 30%, same_as", "target: 20%, same_as")
    (path / "logframe.yaml").write_text(logframe, encoding="utf-8")
    report = validate_path(str(path), select=["X004"])
    assert [(d.line, d.message) for d in report.diagnostics] == [
        (5, "target '20%' differs from '30%' of key indicator 'ki-1'"),
    ]



def test_acknowledged_finding_is_info_with_reason(strategy_dir) -> None:
    path = strategy_dir(
        framework=MINIMAL_FRAMEWORK.replace("value: 40", "value: 50"),
        acknowledgements="acknowledgements:\n  - rule: X002\n    entity: d1-a1.1.1.1-f1\n    reason: §4.1 says 50, Раздел Г says 40\n",
    )
    report = validate_path(str(path), select=["X002", "M001"])
    assert [(d.code, d.severity) for d in report.diagnostics] == [("X002", "info")]
    assert report.diagnostics[0].message.endswith("[acknowledged: §4.1 says 50, Раздел Г says 40]")



def test_acknowledgement_of_a_rule_that_did_not_run_is_not_unused(strategy_dir) -> None:
    ack = "acknowledgements:\n  - rule: Q003\n    entity: lf-d1-so1.1-r1\n    reason: no number\n"
    path = strategy_dir(acknowledgements=ack)
    assert validate_path(str(path), select=["X", "M"]).diagnostics == []


def test_acknowledgement_of_an_unknown_rule_is_an_error_with_the_closest_codes(strategy_dir) -> None:
    """A typo in an acknowledgement's code silences nothing while looking as if it did (issue 16, item 2)."""
    path = strategy_dir(acknowledgements="acknowledgements:\n  - rule: X999\n    entity: cop\n    reason: typo\n")
    report = validate_path(str(path), select=["M"])
    assert [(d.code, d.severity, d.line, d.message) for d in report.diagnostics] == [
        ("M002", "error", 2, "the acknowledgement for 'cop' names the rule X999, which socstrat does not have; did you mean X009?")
    ]
    assert not report.valid


# --- one passing and one failing fixture per rule ------------------------------------
#
# tests/fixtures/rules/<CODE>/{pass,fail}/ hold files that replace those of the minimal
# strategy. A failing fixture marks each line the rule must report with "# expect: CODE".

RULE_FIXTURES = FIXTURES / "rules"
WITHOUT_FIXTURES = {
    "S004": "a missing strategy.yaml cannot be an overlay; see test_loading.test_missing_directory",
    "S008": "links, FIFOs and 2 MiB files are built at run time; see tests/hostile/test_filesystem.py",
    "S009": "reported by fmt only, not by validate; see tests/hostile/test_filesystem.py",
    "P101": "reported by `monitoring import` about a workbook, not by validate; see tests/cli/test_monitoring_cli.py",
    "P102": "reported by `monitoring import` about a workbook, not by validate; see tests/cli/test_monitoring_cli.py",
    "P103": "reported by `monitoring import` about a workbook, not by validate; see tests/cli/test_monitoring_cli.py",
    "P104": "reported by `monitoring import` about a workbook, not by validate; see tests/cli/test_monitoring_cli.py",
    "P105": "reported by `monitoring import` about a workbook, not by validate; see tests/cli/test_monitoring_cli.py",
    "P106": "reported by `monitoring import` about a workbook, not by validate; see tests/cli/test_monitoring_cli.py",
}


def marked_lines(directory: Path, code: str) -> list[tuple[str, int]]:
    marks = []
    for file in sorted(p for p in directory.rglob("*") if p.is_file()):
        text = file.read_bytes().decode("utf-8", errors="replace")
        marks += [(file.name, n) for n, line in enumerate(text.splitlines(), 1) if f"# expect: {code}" in line]
    return sorted(marks)


def reported_lines(path: Path, code: str) -> list[tuple[str, int]]:
    report = validate_path(str(path))
    return sorted((Path(d.file).name, d.line) for d in report.diagnostics if d.code == code)


def test_every_rule_has_fixtures() -> None:
    from socstrat.lint.registry import rules_by_code

    have = {p.name for p in RULE_FIXTURES.iterdir() if (p / "pass").is_dir() and (p / "fail").is_dir()}
    assert have == set(rules_by_code()) - set(WITHOUT_FIXTURES)


@pytest.mark.parametrize("code", sorted(p.name for p in RULE_FIXTURES.iterdir()))
def test_rule_passes_its_passing_fixture(strategy_dir, code: str) -> None:
    assert reported_lines(strategy_dir(RULE_FIXTURES / code / "pass"), code) == []


@pytest.mark.parametrize("code", sorted(p.name for p in RULE_FIXTURES.iterdir()))
def test_rule_reports_the_marked_lines_of_its_failing_fixture(strategy_dir, code: str) -> None:
    fixture = RULE_FIXTURES / code / "fail"
    expected = marked_lines(fixture, code)
    assert expected, f"{fixture} marks no line with '# expect: {code}'"
    assert reported_lines(strategy_dir(fixture), code) == expected


def test_an_unresolved_reference_suggests_the_closest_id(strategy_dir) -> None:
    """The R002 fail fixture's staffing row names 'cop-x'; the minimal register has the service 'cop'."""
    from socstrat.api import open_strategy

    report = open_strategy(strategy_dir(FIXTURES / "rules" / "R002" / "fail")).report
    messages = [d.message for d in report.diagnostics if d.code == "R002"]
    assert "refers to service 'cop-x', which does not exist; did you mean 'cop'?" in messages
