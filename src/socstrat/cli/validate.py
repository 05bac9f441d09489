"""``socstrat validate`` and ``socstrat validate-changed``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import EXIT_USAGE, Language, MonitoringOption, chosen, fail, format_choices, missing_directory, names_no_directory

ValidateFormat = format_choices("validation", "auto")


def validate(
    paths: Annotated[list[Path], typer.Argument(help="Strategy directories to validate.")],
    format: Annotated[
        ValidateFormat,  # type: ignore[valid-type]
        typer.Option("--format", "-f", help="Output format; auto = github under GitHub Actions, else text (coloured on a terminal)."),
    ] = "auto",
    select: Annotated[Optional[list[str]], typer.Option("--select", help="Only these rule codes or prefixes (repeatable).")] = None,
    ignore: Annotated[Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes or prefixes (repeatable).")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail (2 still means unreadable input).")] = False,
    lang: Annotated[Language, typer.Option("--lang", help="Language of the messages in text output; JSON, SARIF and GitHub keep English.")] = Language.en,
    monitoring: MonitoringOption = None,
) -> None:
    """Check strategy directories: schema, references, totals and cross-table agreement.

    Exit status: 0 when every strategy passes, 1 when any has an error (or, with
    --strict, a warning), 2 when a path cannot be read. NO_COLOR turns colour off.
    """
    from socstrat.api import open_strategy
    from socstrat.lint.registry import UnknownRule, check_codes
    from socstrat.render import registry
    from socstrat.render.validation import exit_code, resolve_format, write_step_summary

    for option, codes in (("--select", select or ()), ("--ignore", ignore or ())):
        try:
            check_codes(codes)
        except UnknownRule as exc:
            hint = f"; did you mean {', '.join(exc.suggestions)}?" if exc.suggestions else "; `socstrat rules` lists them"
            raise fail("validate", f"{option} {exc.given}: no rule has this code or prefix{hint}") from None
    if monitoring is not None and len(paths) > 1:
        raise fail("validate", "--monitoring belongs to one strategy; give one PATH with it")
    reports = [open_strategy(path, select=select or (), ignore=ignore or (), monitoring=monitoring).report for path in paths]
    fmt, colour = resolve_format(chosen(format), os.environ, sys.stdout.isatty())
    if fmt == "text":
        missing = [report for report in reports if report.unreadable and names_no_directory(Path(report.path))]
        for report in missing:
            typer.echo(f"socstrat validate: {missing_directory(Path(report.path))}", err=True)
        shown = [report for report in reports if report not in missing]
    else:
        shown = reports
    registry.write("validation", fmt, shown, registry.Options(lang=lang.value, colour=colour))
    if fmt == "github":
        try:
            write_step_summary(reports)
        except OSError as exc:
            raise fail("validate", f"cannot write the step summary to $GITHUB_STEP_SUMMARY ({os.environ.get('GITHUB_STEP_SUMMARY')}): {exc.strerror}") from None
    unreadable = any(report.unreadable for report in reports)
    raise typer.Exit(exit_code(reports, strict=strict, exit_zero=exit_zero, unreadable=unreadable))


def validate_changed(
    files: Annotated[list[Path], typer.Argument(help="Files, e.g. those a commit changes.")],
) -> None:
    """Validate every strategy directory that holds one of FILES; other files are ignored.

    This is the pre-commit hook's entry: pre-commit passes changed files, validation
    needs whole strategies.
    """
    from socstrat.io.loading import strategy_directories

    directories = strategy_directories(files)
    if directories:
        validate(directories, format="text", select=None, ignore=None, strict=False, exit_zero=False, lang=Language.en, monitoring=None)


__all__ = ["EXIT_USAGE", "validate", "validate_changed"]
