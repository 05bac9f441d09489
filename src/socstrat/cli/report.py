"""``socstrat report``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli import common
from socstrat.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    LangOption,
    MonitoringOption,
    chosen,
    configured,
    fail,
    format_choices,
    open_for,
    say,
    write_document,
)

ReportFormat = format_choices("report")


def report(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = "html",  # type: ignore[valid-type]
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

    With --summary the output is always Markdown, shorter than GitHub's 65,536-character
    limit for a comment.

    With --year, writes the annual monitoring report of that year from the monitoring
    files (PATH/monitoring/ or --monitoring DIR); the third year of the period is titled
    the mid-term and the fifth the final evaluation. A strategy without monitoring files
    says so and exits 0.

    Example: socstrat report data/haskovo-2016-2020 -o build/haskovo.html
    """
    from socstrat.render import registry
    from socstrat.render.report.context import ReportError, build_context, render_summary
    from socstrat.render.report.formats import ReportInput

    config = configured("report", path, lang)
    language = config.settings.lang
    if output is None and common.stdout_is_terminal():
        example = f"{path.name or 'report'}.{chosen(format)}"
        raise fail("report", say("report_is_file", language, example=example))
    if templates is not None and not templates.is_dir():
        raise fail("report", say("no_templates", language, templates=templates))
    opened, strategy, code = open_for("report", path, monitoring, keep_invalid=True, config=config)
    try:
        if year is not None:
            data = _monitoring_report(opened, path, year, chosen(format), language, templates).encode("utf-8")
        else:
            context = build_context(strategy, opened.report, lang=language, from_year=from_year, to_year=to_year)
            if summary:
                data = render_summary(context, templates).encode("utf-8")
            else:
                data = registry.render_bytes("report", chosen(format), ReportInput(context, templates), registry.Options(lang=language))
    except ReportError as exc:
        raise fail("report", f"{path}: {exc}") from None
    write_document("report", data, output, "report", language)
    raise typer.Exit(code)


def _monitoring_report(opened: object, path: Path, year: int, format: str, lang: str, templates: Path | None) -> str:
    from socstrat.analysis.progress import NoMonitoring, YearNotReported, compute_progress
    from socstrat.api import Opened
    from socstrat.i18n.catalog import label
    from socstrat.render.report.context import ReportError
    from socstrat.render.report.monitoring import build_monitoring_context, render_monitoring

    assert isinstance(opened, Opened) and opened.strategy is not None
    try:
        progress = compute_progress(opened.strategy, year)
    except NoMonitoring:
        typer.echo(label("progress.no_monitoring", lang).format(path=path))
        raise typer.Exit(EXIT_OK) from None
    except YearNotReported as exc:
        raise ReportError(say("not_reported", lang, year=exc.year, years=", ".join(map(str, exc.available)))) from None
    context = build_monitoring_context(progress, opened.report, opened.strategy.strategy.title, lang)  # type: ignore[arg-type]
    return render_monitoring(context, "md" if format == "md" else "html", templates)


__all__ = ["EXIT_USAGE", "report"]
