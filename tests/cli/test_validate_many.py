"""Several strategies: validated on several processes, written one at a time, in the order given."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from socstrat.api import validate_many, validate_report
from socstrat.render.registry import Options, render
from socstrat.render.validation import StreamWriter, render_step_summary

PATHS = [
    str(ROOT / "data" / "kazanlak-2007-2009"),
    str(FIXTURES / "rules" / "R001" / "fail"),
    "no/such/dir",
    str(FIXTURES / "loading" / "syntax-error"),
    str(ROOT / "data" / "haskovo-2016-2020"),
]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_reports_come_in_the_order_of_the_paths(jobs: int) -> None:
    reports = list(validate_many(PATHS, jobs=jobs))
    assert [r.path for r in reports] == [validate_report(p).path for p in PATHS]
    assert reports == [validate_report(p) for p in PATHS]


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_stream_writer_writes_what_the_renderers_give_for_the_list(fmt: str, tmp_path: Path) -> None:
    reports = [validate_report(p) for p in PATHS]
    summary = tmp_path / "summary.md"
    stream = io.StringIO()
    writer = StreamWriter(fmt, Options(lang="en", stream=stream), step_summary={"GITHUB_STEP_SUMMARY": str(summary)})  # type: ignore[arg-type]
    for report in reports:
        writer.add(report)
    writer.close()
    assert stream.getvalue() == render("validation", fmt, reports, Options(lang="en"))
    if fmt == "github":
        assert summary.read_text(encoding="utf-8") == render_step_summary(reports) + "\n"
    else:
        assert not summary.exists()
    assert writer.exit_code(strict=False, exit_zero=False) == 2


def test_stream_writer_of_no_reports_writes_an_empty_json_document() -> None:
    stream = io.StringIO()
    writer = StreamWriter("json", Options(stream=stream))
    writer.close()
    assert stream.getvalue() == render("validation", "json", [], Options())


@pytest.mark.parametrize("jobs", [1, 2])
def test_monitoring_files_are_validated_with_and_without_a_pool(jobs: int) -> None:
    """The illustrative 2016–2018 set adds findings of its own; a pool must not drop them."""
    haskovo = str(ROOT / "data" / "haskovo-2016-2020")
    monitoring = ROOT / "examples" / "haskovo-monitoring"
    without = validate_report(haskovo)
    with_monitoring = validate_report(haskovo, monitoring=monitoring)
    assert with_monitoring != without
    assert list(validate_many([haskovo, haskovo], jobs=jobs, monitoring=monitoring)) == [with_monitoring, with_monitoring]
