"""``socstrat deltas``."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import (
    EXIT_USAGE,
    LangOption,
    check_output,
    chosen,
    configured,
    default_format,
    emit,
    fail,
    format_choices,
    open_for,
    say,
)


class DeltasView(str, Enum):
    services = "services"
    staffing = "staffing"


class DeltasBy(str, Enum):
    group = "group"
    financing = "financing"
    status = "status"


DeltasFormat = format_choices("deltas")


def deltas(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    from_year: Annotated[
        Optional[int], typer.Option("--from", metavar="YEAR", help="First year [default: the baseline year, else the first year with figures].")
    ] = None,
    to_year: Annotated[Optional[int], typer.Option("--to", metavar="YEAR", help="Second year [default: the last year with figures].")] = None,
    view: Annotated[DeltasView, typer.Option("--view", help="The service register or the staffing table.")] = DeltasView.services,
    by: Annotated[DeltasBy, typer.Option("--by", help="Group rows by group (category or table group), financing source or status.")] = DeltasBy.group,
    format: Annotated[DeltasFormat, typer.Option("--format", "-f", help="Output format.")] = default_format("deltas"),  # type: ignore[valid-type]
    lang: LangOption = None,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="File to write [default: standard output; xlsx: STRATEGY-deltas-VIEW.xlsx].")
    ] = None,
    excel: Annotated[bool, typer.Option("--excel", help="csv only: UTF-8 with BOM, ';' separators, headers and codes in --lang, for Excel.")] = False,
) -> None:
    """Show capacity and staff at two years, their changes and totals.

    Exit status: 0 on success, 1 when the strategy has errors (printed as validate
    prints them), 2 when the path cannot be read or a year has no figures.

    xlsx writes a workbook (a sheet about it, then the table); csv --excel is the CSV a
    Bulgarian Excel opens with a double-click.

    Example: socstrat deltas data/haskovo-2016-2020 --view staffing --format md
    """
    from socstrat.analysis.deltas import DeltasError, compute_deltas
    from socstrat.render import registry

    name = chosen(format)
    config = configured("deltas", path, lang)
    language = config.settings.lang
    check_output("deltas", "deltas", name, output, f"{path.resolve().name}-deltas-{view.value}", excel=excel, lang=language)
    _, strategy, _ = open_for("deltas", path, config=config)
    try:
        report = compute_deltas(
            strategy, view=view.value, from_year=from_year, to_year=to_year, by=by.value, thresholds=config.thresholds_for(strategy.strategy.thresholds),
        )
    except DeltasError as exc:
        raise fail("deltas", _told(exc, view.value, from_year, to_year, language), EXIT_USAGE) from None
    options = registry.Options(lang=language, stream=sys.stdout, colour=output is None and sys.stdout.isatty(), excel=excel)
    emit("deltas", "deltas", name, report, options, output, f"{report.strategy}-deltas-{report.view}")


def _told(exc: Exception, view: str, from_year: int | None, to_year: int | None, lang: str) -> str:
    """Why the figures cannot answer the request, in ``lang``."""
    from socstrat.analysis.deltas import NoFigures, YearNotFound

    if isinstance(exc, YearNotFound):
        years = ", ".join(map(str, exc.available)) or say("none", lang)
        return say("no_year_figures.staffing" if view == "staffing" else "no_year_figures.services", lang, year=exc.year, years=years)
    if isinstance(exc, NoFigures):
        return say("no_figures.staffing" if view == "staffing" else "no_figures.services", lang)
    return say("from_after_to", lang, start=from_year, end=to_year)
