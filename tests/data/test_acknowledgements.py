"""Every acknowledged inconsistency of the bundled data is still found by a rule."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import bundled, validate_path

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_each_acknowledgement_matches_a_finding(name: str) -> None:
    report = bundled(name).report
    assert [d for d in report.diagnostics if d.severity == "warning"] == []
    acknowledged = [d for d in report.diagnostics if d.acknowledged is not None]
    text = (DATA / name / "acknowledgements.yaml").read_text(encoding="utf-8")
    assert len(acknowledged) == text.count("rule:")


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_without_acknowledgements_the_findings_are_warnings(name: str, tmp_path: Path) -> None:
    copy = tmp_path / name
    shutil.copytree(DATA / name, copy)
    (copy / "acknowledgements.yaml").unlink()
    report = validate_path(str(copy))
    assert report.valid
    warnings = [d for d in report.diagnostics if d.severity == "warning"]
    text = (DATA / name / "acknowledgements.yaml").read_text(encoding="utf-8")
    assert len(warnings) == text.count("rule:")


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_strict_is_green_only_because_of_the_acknowledgements(name: str, tmp_path: Path) -> None:
    from ruamel.yaml import YAML
    from typer.testing import CliRunner

    from socstrat.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["validate", "--strict", "--format", "text", str(DATA / name)]).exit_code == 0
    copy = tmp_path / name
    shutil.copytree(DATA / name, copy)
    yaml = YAML()
    document = yaml.load(copy / "acknowledgements.yaml")
    removed = document["acknowledgements"].pop(0)
    yaml.dump(document, copy / "acknowledgements.yaml")
    result = runner.invoke(app, ["validate", "--strict", "--lang", "en", "--format", "text", str(copy)])
    assert result.exit_code == 1
    assert len([line for line in result.output.splitlines() if f" {removed['rule']} " in line and "acknowledged" not in line]) == 1
    assert "(0 errors, 1 warning," in result.output


REFERENCE = re.compile(r"\blines? (\d+(?:[–-]\d+)?(?:(?:, | and )\d+(?:[–-]\d+)?)*)")


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_each_reason_quotes_both_places(name: str) -> None:
    """`validate --strict` is green only through acknowledgements; each must send the reader to both
    places of the disagreement (issue 27), so its reason names at least two lines of the source
    (or says that both stand on the same line)."""
    from ruamel.yaml import YAML

    document = YAML(typ="safe").load(DATA / name / "acknowledgements.yaml")
    for ack in document["acknowledgements"]:
        reason = ack["reason"]
        lines = [n for found in REFERENCE.findall(reason) for n in re.findall(r"\d+(?:[–-]\d+)?", found)]
        assert len(lines) >= 2 or ("the same line" in reason and lines), (ack["rule"], ack["entity"], reason)


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_each_reason_exists_in_bulgarian_with_the_same_numbers_and_quotations(name: str) -> None:
    """The reasons are the project's words, told in both languages (issue 28). A reason edited in
    one language only shows here: its Bulgarian must cite the same lines, counts and quotations."""
    import re

    acknowledgements = bundled(name).loaded.strategy.acknowledgements.acknowledgements  # type: ignore[union-attr]
    missing = [(a.rule, a.entity) for a in acknowledgements if not a.reason_bg]
    assert not missing, f"no reason_bg: {missing}"
    for a in acknowledgements:
        assert a.reason_bg is not None
        numbers = sorted(re.findall(r"\d+(?:[.,]\d+)*", a.reason)), sorted(re.findall(r"\d+(?:[.,]\d+)*", a.reason_bg))
        assert numbers[0] == numbers[1], (a.rule, a.entity)
        quoted = re.findall(r"'[^']*[А-Яа-я][^']*'|„[^“]+“", a.reason)  # the source's words, quoted as printed
        assert [q for q in quoted if q not in a.reason_bg] == [], (a.rule, a.entity)
