"""``socstrat report``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from socstrat.cli.common import (
    EXIT_FINDINGS,
    EXIT_USAGE,
    LangOption,
    MonitoringOption,
    check_output,
    chosen,
    configured,
    emit,
    fail,
    format_choices,
    open_for,
    say,
)
from socstrat.render.registry import MODES, kinds_of

if TYPE_CHECKING:
    from socstrat.model.thresholds import Thresholds

ReportFormat = format_choices(*kinds_of("report"))


def report(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    format: Annotated[
        Optional[ReportFormat],  # type: ignore[valid-type]
        typer.Option("--format", "-f", help="Output format [default: html; md with --summary]."),
    ] = None,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o",
            help="Write the report to this file, a regular file or a new path (default, or -: standard output, unless it is a terminal).",
        ),
    ] = None,
    lang: LangOption = None,
    templates: Annotated[
        Optional[Path], typer.Option("--templates", metavar="DIR", help="Directory whose templates replace the defaults of the same name.")
    ] = None,
    from_year: Annotated[Optional[int], typer.Option("--from", metavar="YEAR", help="First year of the capacity and staffing comparison.")] = None,
    to_year: Annotated[Optional[int], typer.Option("--to", metavar="YEAR", help="Last year of the capacity and staffing comparison.")] = None,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Write a short Markdown summary (headline figures, validation status, top findings) that fits a GitHub comment.",
        ),
    ] = False,
    year: Annotated[
        Optional[int], typer.Option("--year", metavar="YEAR", help="Write the annual monitoring report of this reporting year instead.")
    ] = None,
    monitoring: MonitoringOption = None,
) -> None:
    """Write a Markdown, self-contained HTML or Word (.docx) report of a strategy.

    Exit status: 0 when the report was written for a valid strategy, 1 when the
    strategy has errors (the report is still written if the strategy loads), 2 for a
    path, template directory or year that cannot be used.

    With --summary the output is Markdown, shorter than GitHub's 65,536-character
    limit for a comment.

    With --year, writes the annual monitoring report of that year from the monitoring
    files (PATH/monitoring/ or --monitoring DIR); the third year of the period is titled
    the mid-term and the fifth the final evaluation. A strategy without monitoring files
    says so in one line and exits 1.

    Example: socstrat report data/haskovo-2016-2020 -o build/haskovo.html
    """
    from socstrat.render import registry
    from socstrat.render.report.context import build_context
    from socstrat.render.report.formats import ReportInput
    from socstrat.render.report.views import ReportError

    config = configured("report", path, lang)
    language = config.settings.lang
    kind = MODES["report"]["year" if year is not None else "summary" if summary else "strategy"]
    name = chosen(format, kind)
    stem = path.resolve().name or "report"
    check_output("report", kind, name, output, stem, lang=language)
    if templates is not None and not templates.is_dir():
        raise fail("report", say("no_templates", language, templates=templates))
    opened, strategy, code = open_for("report", path, monitoring, keep_invalid=True, config=config)
    options = registry.Options(lang=language)
    try:
        if year is not None:
            thresholds = config.thresholds_for(strategy.strategy.thresholds)
            emit("report", kind, name, _monitoring_input(opened, path, year, language, templates, thresholds), options, output, f"{stem}-{year}")
        else:
            context = build_context(strategy, opened.report, lang=language, from_year=from_year, to_year=to_year)
            emit("report", kind, name, ReportInput(context, templates), options, output, stem)
    except ReportError as exc:
        raise fail("report", f"{path}: {exc}") from None
    raise typer.Exit(code)


def _monitoring_input(opened: object, path: Path, year: int, lang: str, templates: Path | None, thresholds: Thresholds) -> object:
    """The monitoring report's input; a strategy without monitoring files cannot have one: one line, exit 1."""
    from socstrat.analysis.progress import NoMonitoring, YearNotReported, compute_progress
    from socstrat.api import Opened
    from socstrat.i18n.catalog import label
    from socstrat.render.report.monitoring import MonitoringInput, build_monitoring_context
    from socstrat.render.report.views import ReportError

    assert isinstance(opened, Opened) and opened.strategy is not None
    try:
        progress = compute_progress(opened.strategy, year, thresholds)
    except NoMonitoring:
        raise fail("report", label("progress.no_monitoring", lang).format(path=path), EXIT_FINDINGS) from None
    except YearNotReported as exc:
        raise ReportError(say("not_reported", lang, year=exc.year, years=", ".join(map(str, exc.available)))) from None
    context = build_monitoring_context(progress, opened.report, opened.strategy.strategy.title, lang)  # type: ignore[arg-type]
    return MonitoringInput(context, templates)


__all__ = ["EXIT_USAGE", "report"]
