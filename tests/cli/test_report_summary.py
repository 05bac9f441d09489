"""Issue 16, item 7: `socstrat report --summary` fits a GitHub pull-request comment."""

from __future__ import annotations

from datetime import date

from typer.testing import CliRunner

from conftest import DATA, bundled
from socstrat.cli import app
from socstrat.render.report.context import build_context
from socstrat.render.report.summary import GITHUB_COMMENT_LIMIT, render_summary

runner = CliRunner()


def test_haskovo_summary_fits_a_comment_and_carries_the_headlines() -> None:
    """The full Haskovo Markdown report is about 150 000 characters; its summary must stay under 65 536.
    Headline capacity ≥ 953 (2015) → ≥ 1 473 (2020): the register's known sums, with 5 and 4 of 28 unknown."""
    full = runner.invoke(app, ["report", str(DATA / "haskovo-2016-2020"), "--format", "md"])
    assert len(full.output) > GITHUB_COMMENT_LIMIT  # why the summary exists
    result = runner.invoke(app, ["report", str(DATA / "haskovo-2016-2020"), "--summary"])
    assert result.exit_code == 0, result.output
    text = result.output
    assert len(text) < GITHUB_COMMENT_LIMIT
    assert text.startswith("### Стратегия за развитие на социалните услуги в община Хасково")
    assert "≥ 953, 5 н.д. (2015) → ≥ 1\xa0473, 4 н.д. (2020)" in text
    infos = sum(1 for d in bundled("haskovo-2016-2020").report.diagnostics if d.severity == "info")
    assert f"Резултат от проверката: **валидна** — грешки: 0, предупреждения: 0, бележки: {infos}" in text
    assert "| бележка: " in text  # top findings
    assert "<html" not in text


def test_a_summary_is_cut_to_the_limit_dropping_findings_first() -> None:
    opened = bundled("haskovo-2016-2020")
    assert opened.strategy is not None
    context = build_context(opened.strategy, opened.report, generated=date(2026, 1, 2))
    roomy = render_summary(context)
    tight = render_summary(context, limit=4_000)
    assert len(tight) < 4_000 < len(roomy)
    assert "≥ 953, 5 н.д. (2015)" in tight  # the headlines stay; findings go first
    tiny = render_summary(context, limit=500)
    assert len(tiny) < 500 and tiny.rstrip().endswith("(съкратено, за да се побере в коментар)")
