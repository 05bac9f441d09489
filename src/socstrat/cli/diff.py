"""``socstrat diff``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from socstrat.cli.common import EXIT_FINDINGS, EXIT_USAGE, LangOption, chosen, configured, default_format, emit, fail, format_choices

DiffFormat = format_choices("diff")


def diff(
    old: Annotated[str, typer.Argument(help="Old side: a strategy directory or REV:PATH, e.g. HEAD~1:data/haskovo-2016-2020.")],
    new: Annotated[str, typer.Argument(help="New side: a strategy directory or REV:PATH.")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format; md is a pull-request comment.")] = default_format("diff"),  # type: ignore[valid-type]
    lang: LangOption = None,
) -> None:
    """Show what changed between two versions of a strategy, entity by entity.

    Compared: services, capacity and staff figures, framework nodes, indicators, acknowledgements.

    An existing directory is read from disk; REV:PATH is read from git objects, leaving the work tree and index as they are.

    --lang sets the language of the labels in text and md, and of the errors; json is the same in every language.

    Exit status: 0 when both sides are valid, whether or not they differ; 1 when a side has errors (from any rule);
    2 when a side, or one of its files, cannot be read.

    Example: socstrat diff --format md origin/main:data/haskovo-2016-2020 data/haskovo-2016-2020
    """
    from socstrat.analysis.diff import diff_sides
    from socstrat.io.sources import SourceError
    from socstrat.render import registry

    language = configured("diff", Path(new) if os.path.exists(new) else None, lang).settings.lang
    try:
        outcome = diff_sides(old, new)
    except SourceError as exc:
        from socstrat.i18n.catalog import reader_detail

        raise fail("diff", reader_detail(str(exc))[language], EXIT_USAGE) from None
    if outcome.diff is None:
        for diagnostic in outcome.errors:
            typer.echo(diagnostic.as_text(language), err=True)
        raise typer.Exit(EXIT_USAGE if outcome.unreadable else EXIT_FINDINGS)
    emit("diff", "diff", chosen(format), outcome.diff, registry.Options(lang=language), None, "diff")
