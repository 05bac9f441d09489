"""``socstrat fmt``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from socstrat.cli.common import LangOption, configured


def fmt(
    paths: Annotated[list[Path], typer.Argument(help="Strategy directories (or directories holding strategies below them) or YAML files.")],
    check: Annotated[bool, typer.Option("--check", help="Change nothing; print a diff of each file that would change.")] = False,
    lang: LangOption = None,
) -> None:
    """Rewrite YAML files into the canonical layout, keeping every value and comment.

    Exit status: 0 when every file is formatted; 1 when a file is not valid YAML, cannot
    be formatted without losing a comment (S009), is a link out of its directory or may
    not be written (read-only, not a regular file), or (with --check) would change; 2 when
    a path cannot be read or written.

    Example: socstrat fmt --check data/haskovo-2016-2020
    """
    from socstrat.io.formatting import format_paths
    from socstrat.io.loading import expand_strategy_paths

    language = configured("fmt", paths[0] if paths else None, lang).settings.lang
    run = format_paths(expand_strategy_paths(paths), write=not check)
    for diagnostic in run.diagnostics:
        typer.echo(diagnostic.as_text(language), err=True)
    if check:
        for file in run.changed:
            sys.stdout.write(file.diff())
    typer.echo(run.summary(check=check, lang=language), err=True)
    raise typer.Exit(run.exit_code(check=check))
