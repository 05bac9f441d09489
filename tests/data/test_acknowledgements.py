"""Every acknowledged inconsistency of the bundled data is still found by a rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from socstrat.validation import validate_path

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.mark.parametrize("name", ["haskovo-2016-2020", "kazanlak-2007-2009"])
def test_each_acknowledgement_matches_a_finding(name: str) -> None:
    report = validate_path(str(DATA / name))
    assert [d for d in report.diagnostics if d.severity == "warning"] == []
    acknowledged = [d for d in report.diagnostics if "[acknowledged:" in d.message]
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
