"""``socstrat progress``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    LangOption,
    MonitoringOption,
    chosen,
    configured,
    default_format,
    emit,
    fail,
    format_choices,
    open_for,
    say,
)

ProgressFormat = format_choices("progress")


def progress(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", help="Reporting year [default: the latest reported].")] = None,
    monitoring: MonitoringOption = None,
    format: Annotated[ProgressFormat, typer.Option("--format", "-f", help="Output format.")] = default_format("progress"),  # type: ignore[valid-type]
    lang: LangOption = None,
) -> None:
    """Show progress in a reporting year: services planned vs actual, indicators toward targets, activities, roll-up.

    Exit status: 0 on success and for a strategy with no monitoring files (it says
    so; json and csv then print a JSON object with no years and the CSV header, and
    say it on standard error); 1 when the strategy has errors; 2 when the path cannot be read or the year
    has no monitoring file. The measures are defined in docs/progress.md.

    Example: socstrat progress data/haskovo-2016-2020 --monitoring examples/haskovo-monitoring --year 2018
    """
    from socstrat.analysis.progress import NoMonitoring, YearNotReported, compute_progress
    from socstrat.i18n.catalog import label
    from socstrat.render import registry
    from socstrat.render.progress import ProgressInput, no_monitoring

    config = configured("progress", path, lang)
    language = config.settings.lang
    _, strategy, _ = open_for("progress", path, monitoring, config=config)
    try:
        report = compute_progress(strategy, year, config.thresholds_for(strategy.strategy.thresholds))
    except NoMonitoring:
        note = label("progress.no_monitoring", language).format(path=path)
        meta = strategy.strategy
        machine = no_monitoring(chosen(format), meta.id, meta.municipality, (meta.period.start, meta.period.end))
        typer.echo(note, err=machine is not None)
        if machine is not None:
            sys.stdout.write(machine)
        raise typer.Exit(EXIT_OK) from None
    except YearNotReported as exc:
        years = ", ".join(map(str, exc.available))
        raise fail("progress", f"{path}: {say('not_reported', language, year=exc.year, years=years)}", EXIT_USAGE) from None
    options = registry.Options(lang=language, stream=sys.stdout, colour=sys.stdout.isatty())
    emit("progress", "progress", chosen(format), ProgressInput(report, str(path)), options, None, "progress")
