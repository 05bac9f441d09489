"""``socstrat export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from socstrat.cli.common import EXIT_OK, chosen, exit_code, format_choices, print_errors

ExportFormat = format_choices("export")


def export(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = "json",  # type: ignore[valid-type]
) -> None:
    """Print the whole validated strategy (UTF-8, lossless).

    A strategy with errors is not exported: its findings go to standard error and the exit status is 1.

    Example: socstrat export data/kazanlak-2007-2009 > kazanlak.json
    """
    from socstrat.api import open_strategy
    from socstrat.render import registry

    opened = open_strategy(path)
    code = exit_code(opened.report)
    if code != EXIT_OK or opened.strategy is None:
        print_errors("export", opened.report)
        raise typer.Exit(code)
    registry.write("export", chosen(format), opened.strategy)
