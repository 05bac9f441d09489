"""validate's plain text, joined without rich, is what rich prints."""

from __future__ import annotations

import pytest

from conftest import FIXTURES, ROOT
from socstrat.api import validate_report
from socstrat.lint.diagnostics import Diagnostic, Location
from socstrat.lint.engine import StrategyReport, Summary
from socstrat.render.validation import _render_text_rich, render_text

PATHS = [
    ROOT / "data" / "haskovo-2016-2020",
    ROOT / "data" / "kazanlak-2007-2009",
    *sorted(p.parent for p in (FIXTURES / "rules").glob("*/fail/*.yaml")),
    *sorted(p.parent for p in (FIXTURES / "loading").glob("*/*.yaml")),
    ROOT / "no" / "such" / "dir",
]


@pytest.mark.parametrize("lang", ["en", "bg"])
def test_plain_text_is_what_rich_prints(lang: str) -> None:
    reports = [validate_report(path) for path in PATHS]
    assert render_text(reports, False, lang) == _render_text_rich(reports, False, lang)


def test_text_with_control_characters_goes_through_rich() -> None:
    where = Location(file="a\tb.yaml", line=1, column=2)
    d = Diagnostic.at(where, "S101", "error", "a value\twith a tab and a\rcarriage return")
    report = StrategyReport(path="a\tb", valid=False, summary=Summary(), diagnostics=[d])
    assert render_text([report]) == _render_text_rich([report], False, "en")
