"""``socstrat config``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from socstrat.cli.common import LangOption, chosen, configured, default_format, emit, format_choices

ConfigFormat = format_choices("config")


def config(
    path: Annotated[Path, typer.Argument(help="A strategy directory, or any path in the repository.")] = Path("."),
    format: Annotated[ConfigFormat, typer.Option("--format", "-f", help="Output format; json is the same in every language.")] = default_format("config"),  # type: ignore[valid-type]
    lang: LangOption = None,
) -> None:
    """Show the settings in effect for PATH and where each comes from.

    Settings are read from the nearest socstrat.toml, or [tool.socstrat] in pyproject.toml,
    in PATH's directory or any above it (docs/configuration.md); a setting the file does
    not make has its default. Options given to a command win over the file. A file with
    an unknown key or a value out of range is a usage error, located (exit 2).

    Example: socstrat config data/haskovo-2016-2020
    """
    from socstrat.render import registry

    settings = configured("config", path, lang)
    emit("config", "config", chosen(format), settings, registry.Options(lang=settings.settings.lang), None, "config")
