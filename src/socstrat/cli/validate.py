"""``socstrat validate`` and ``socstrat validate-changed``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import EXIT_USAGE, Language, chosen, format_choices

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
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", min=1, help="Processes to validate several strategies on; default: one per CPU."),
    ] = None,
) -> None:
    """Check strategy directories: schema, references, totals and cross-table agreement.

    Exit status: 0 when every strategy passes, 1 when any has an error (or, with
    --strict, a warning), 2 when a path cannot be read. NO_COLOR turns colour off.
    Several strategies are validated in parallel and reported in the order given.
    """
    from socstrat.api import validate_many
    from socstrat.render import registry
    from socstrat.render.validation import StreamWriter, resolve_format

    fmt, colour = resolve_format(chosen(format), os.environ, sys.stdout.isatty())
    writer = StreamWriter(fmt, registry.Options(lang=lang.value, colour=colour), step_summary=os.environ)
    # Each report is written as it comes, in the order of the paths, and dropped.
    for report in validate_many(paths, select=select or (), ignore=ignore or (), jobs=jobs):
        writer.add(report)
    writer.close()
    raise typer.Exit(writer.exit_code(strict=strict, exit_zero=exit_zero))


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
        validate(directories, format="text", select=None, ignore=None, strict=False, exit_zero=False, lang=Language.en, jobs=None)


__all__ = ["EXIT_USAGE", "validate", "validate_changed"]
