"""``socstrat report``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    LangOption,
    Language,
    chosen,
    exit_code,
    fail,
    format_choices,
    print_errors,
)

ReportFormat = format_choices("report")


def report(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = "html",  # type: ignore[valid-type]
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Write the report to this file, a regular file or a new path (default, or -: standard output)."),
    ] = None,
    lang: LangOption = Language.bg,
    templates: Annotated[
        Optional[Path], typer.Option("--templates", help="Directory whose templates replace the defaults of the same name.")
    ] = None,
    from_year: Annotated[Optional[int], typer.Option("--from", help="First year of the capacity and staffing comparison.")] = None,
    to_year: Annotated[Optional[int], typer.Option("--to", help="Last year of the capacity and staffing comparison.")] = None,
) -> None:
    """Write a Markdown or self-contained HTML report of a strategy.

    Exit status: 0 when the report was written for a valid strategy, 1 when the
    strategy has errors (the report is still written if the strategy loads), 2 for a
    path, template directory or year that cannot be used.

    Example: socstrat report data/haskovo-2016-2020 -o build/haskovo.html
    """
    from socstrat.api import open_strategy
    from socstrat.io.writing import write_text_atomically
    from socstrat.render import registry
    from socstrat.render.report.context import ReportError, build_context
    from socstrat.render.report.formats import ReportInput
    from socstrat.render.text import one_line

    if templates is not None and not templates.is_dir():
        raise fail("report", f"{templates}: not a directory of templates")
    opened = open_strategy(path)
    code = exit_code(opened.report)
    if code != EXIT_OK:
        print_errors(opened.report)
    if opened.strategy is None:
        raise typer.Exit(code)
    try:
        context = build_context(opened.strategy, opened.report, lang=lang.value, from_year=from_year, to_year=to_year)
        text = registry.render("report", chosen(format), ReportInput(context, templates))
    except ReportError as exc:
        raise fail("report", f"{path}: {exc}") from None
    if output is None or str(output) == "-":
        sys.stdout.write(text)
    else:
        try:
            write_text_atomically(output, text)
        except OSError as exc:
            raise fail("report", f"{output}: cannot write the report: {exc.strerror}") from None
        typer.echo(f"wrote {one_line(output)}")
    raise typer.Exit(EXIT_FINDINGS if code == EXIT_FINDINGS else EXIT_OK)


__all__ = ["EXIT_USAGE", "report"]
