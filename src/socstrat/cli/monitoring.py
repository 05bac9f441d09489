"""``socstrat monitoring template`` and ``socstrat monitoring import``: the yearly workbook and its import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, LangOption, MonitoringOption, configured, fail, open_for

monitoring = typer.Typer(
    help=(
        "The yearly monitoring workbook: a template for the people who have the figures, and its import.\n\n"
        "docs/monitoring.md describes the yearly workflow.\n\n"
        "Example: socstrat monitoring template data/haskovo-2016-2020 --year 2019 -o monitoring-2019.xlsx"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)


@monitoring.command("template")
def template(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    year: Annotated[int, typer.Option("--year", metavar="YEAR", help="Reporting year.")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="FILE.xlsx", help="Workbook to write.")],
    monitoring: MonitoringOption = None,
    lang: LangOption = None,
) -> None:
    """Write the monitoring workbook of one year: services, activities, indicators and instructions.

    The planned places and staff are the annual plan's (socstrat plan); last year's actuals
    are shown for reference; an existing monitoring file of the year prefills the cells.
    Identifier and reference columns are locked; number cells take non-negative numbers
    only; statuses are drop-downs. docs/monitoring.md describes the yearly workflow.

    Exit status: 0 when written; 1 when the strategy has errors; 2 when the year is
    outside the period or a path cannot be read or written.

    Example: socstrat monitoring template data/haskovo-2016-2020 --year 2019 -o monitoring-2019.xlsx
    """
    from socstrat import __version__
    from socstrat.analysis.plan import PlanError
    from socstrat.analysis.workbook import template_content
    from socstrat.i18n.catalog import label
    from socstrat.render.workbook import write_workbook

    config = configured("monitoring template", path, lang)
    language = config.settings.lang
    _, strategy, _ = open_for("monitoring template", path, monitoring, config=config)
    try:
        content = template_content(strategy, year)
    except PlanError as exc:
        raise fail("monitoring template", f"{path}: {exc}", EXIT_USAGE) from None
    try:
        write_workbook(content, output, __version__, language)
    except OSError as exc:
        raise fail("monitoring template", f"{output}: {exc.strerror or exc}", EXIT_USAGE) from None
    typer.echo(label("wb.wrote", language).format(path=output))


@monitoring.command("import")
def import_(
    workbook: Annotated[Path, typer.Argument(help="The filled workbook (.xlsx).")],
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    year: Annotated[Optional[int], typer.Option("--year", metavar="YEAR", help="Refuse a workbook of another year.")] = None,
    monitoring: MonitoringOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the findings and what would change; write nothing.")] = False,
    lang: LangOption = None,
) -> None:
    """Write monitoring/YEAR.yaml from a filled workbook, checking every cell.

    Each problem is one line located by sheet and cell (Услуги!E7) with a rule code: the
    workbook's own (P101–P106) and the rules a hand-written monitoring file meets. A
    workbook of another strategy or year, a changed or unknown id, a formula, an error value
    or text in a number cell are refused and nothing is written. Into an existing file the
    values the workbook carries are written and everything else (comments, dates,
    baselines, evidence) is kept; the file is written atomically in the canonical fmt
    layout. What changes is printed value by value, by id and field; --dry-run prints it
    and writes nothing.

    Exit status: 0 when written (or unchanged) without errors or warnings; 1 when refused
    or when the new file has findings of the rules; 2 when a path cannot be read or written.

    Example: socstrat monitoring import monitoring-2019.xlsx data/haskovo-2016-2020 --dry-run
    """
    from socstrat.analysis.workbook import import_workbook
    from socstrat.i18n.catalog import label
    from socstrat.io.terminal import one_line
    from socstrat.io.workbook import WorkbookError, read_workbook
    from socstrat.io.writing import write_text_atomically
    from socstrat.model import MONITORING_DIR
    from socstrat.render.workbook import changes_text

    config = configured("monitoring import", path, lang)
    language = config.settings.lang
    _, strategy, _ = open_for("monitoring import", path, monitoring, config=config)
    try:
        filled = read_workbook(workbook)
    except (WorkbookError, OSError) as exc:
        raise fail("monitoring import", str(exc), EXIT_USAGE) from None
    directory = monitoring or path / MONITORING_DIR
    target = directory / f"{filled.year}.yaml"
    existing = target.read_text(encoding="utf-8") if filled.year is not None and target.is_file() else None
    outcome = import_workbook(filled, strategy, existing, year)
    for problem in outcome.problems:
        typer.echo(f"{one_line(problem.path)}: {problem.severity_word(language)}: {problem.code} {one_line(problem.text(language))}", err=True)
    if outcome.text is None:
        typer.echo(label("wb.refused", language), err=True)
        raise typer.Exit(EXIT_FINDINGS)
    if dry_run:
        typer.echo(changes_text(outcome.changes, language), nl=False)
        typer.echo(label("wb.dry_run", language))
    elif outcome.changed:
        typer.echo(changes_text(outcome.changes, language), nl=False)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            write_text_atomically(target, outcome.text)
        except OSError as exc:
            raise fail("monitoring import", f"{target}: {exc.strerror or exc}", EXIT_USAGE) from None
        typer.echo(label("wb.wrote", language).format(path=target))
    else:
        typer.echo(label("wb.unchanged", language).format(path=target))
    failing = any(p.severity in ("error", "warning") for p in outcome.problems)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_OK)
