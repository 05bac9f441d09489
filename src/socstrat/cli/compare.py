"""``socstrat compare``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import (
    EXIT_OK,
    LangOption,
    check_output,
    chosen,
    configured,
    default_format,
    emit,
    exit_code,
    format_choices,
    print_errors,
)

CompareFormat = format_choices("compare")


def compare(
    paths: Annotated[list[Path], typer.Argument(help="Strategy directories.")],
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", help="Compare this one year [default: each strategy's baseline and last year].")] = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f", help="Output format.")] = default_format("compare"),  # type: ignore[valid-type]
    lang: LangOption = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", metavar="FILE", help="File to write [default: standard output; xlsx: compare.xlsx].")] = None,
    excel: Annotated[bool, typer.Option("--excel", help="csv only: UTF-8 with BOM, ';' separators, headers and codes in --lang.")] = False,
) -> None:
    """Put strategies side by side: population and area, places and staff per 1,000 inhabitants,
    places per staff member, share in specialised institutions, services by category, the
    change over each plan period, counts of levels and indicators, validation status.

    A figure a strategy does not state is shown as missing with the reason, never as 0.
    A strategy that does not load exits 1 (2 for a path that is no directory); one that
    loads with errors is compared, marked invalid, and its errors are printed (exit 1).

    Example: socstrat compare data/haskovo-2016-2020 data/kazanlak-2007-2009 --format md
    """
    from socstrat.analysis.compare import compare as compute
    from socstrat.api import open_strategy
    from socstrat.render import registry

    name = chosen(format)
    config = configured("compare", paths[0] if paths else None, lang)
    language = config.settings.lang
    check_output("compare", "compare", name, output, "compare", excel=excel, lang=language)
    rules = config.settings.rules
    opened = [
        open_strategy(p, select=rules.select, ignore=rules.ignore, severity=rules.severity, monitoring=config.monitoring_dir(p)) for p in paths
    ]
    broken = [o for o in opened if o.strategy is None]
    for o in opened:
        if exit_code(o.report) != EXIT_OK:
            print_errors("compare", o.report, language)
    if broken:
        raise typer.Exit(max(exit_code(o.report) for o in broken))
    report = compute(opened, year, config.thresholds_for(None))
    options = registry.Options(lang=language, stream=sys.stdout, colour=output is None and sys.stdout.isatty(), excel=excel)
    emit("compare", "compare", name, report, options, output, "compare")
    if any(exit_code(o.report) != EXIT_OK for o in opened):
        raise typer.Exit(1)
