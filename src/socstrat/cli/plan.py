"""``socstrat plan``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import (
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

PlanFormat = format_choices("plan")


def plan(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    year: Annotated[int, typer.Option("--year", "-y", metavar="YEAR", help="Year of the plan, within the strategy's period.")],
    format: Annotated[PlanFormat, typer.Option("--format", "-f", help="Output format.")] = default_format("plan"),  # type: ignore[valid-type]
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="File to write [default: standard output unless it is a terminal; docx, xlsx: STRATEGY-plan-YEAR.EXT]."),
    ] = None,
    lang: LangOption = None,
    templates: Annotated[
        Optional[Path], typer.Option("--templates", metavar="DIR", help="Directory whose templates replace the defaults of the same name (HTML).")
    ] = None,
) -> None:
    """Write the annual plan of a strategy for one year: services, activities, totals.

    Every figure is marked with where it comes from: stated for the year, carried from
    an earlier stated year, or derived from a start year (docs/plan.md). Exit status: 0
    for a valid strategy, 1 when it has errors (the plan is still written if it loads),
    2 for a path or year that cannot be used.

    Example: socstrat plan data/haskovo-2016-2020 --year 2017 --format docx -o plan-2017.docx
    """
    from socstrat.analysis.plan import PlanError, compute_plan
    from socstrat.render import registry
    from socstrat.render.plan import PlanInput
    from socstrat.render.report.views import ReportError

    name = chosen(format)
    config = configured("plan", path, lang)
    language = config.settings.lang
    stem = f"{path.resolve().name}-plan-{year}"
    check_output("plan", "plan", name, output, stem, lang=language)
    if templates is not None and not templates.is_dir():
        raise fail("plan", say("no_templates", language, templates=templates))
    _, strategy, code = open_for("plan", path, keep_invalid=True, config=config)
    try:
        result = compute_plan(strategy, year)
        emit("plan", "plan", name, PlanInput(result, templates), registry.Options(lang=language), output, stem)
    except PlanError:
        period = strategy.strategy.period
        raise fail("plan", f"{path}: {say('outside_period', language, year=year, start=period.start, end=period.end)}") from None
    except ReportError as exc:
        raise fail("plan", f"{path}: {exc}") from None
    raise typer.Exit(code)
