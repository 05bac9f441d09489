"""``socstrat schema``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from socstrat.cli.common import LangOption, configured, fail, say


def schema(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", metavar="PATH", help="Directory for every schema, or one <stem>.schema.json file (required: nothing is written by default)."),
    ],
    lang: LangOption = None,
) -> None:
    """Write the JSON Schema of each strategy file, for editor completion and other validators.

    Example: socstrat schema -o schema
    """
    from socstrat.io.schema import write_schemas

    language = configured("schema", None, lang).settings.lang
    try:
        written = write_schemas(output)
    except (ValueError, OSError) as exc:
        raise fail("schema", f"{output}: {exc}") from None
    for path in written:
        typer.echo(say("wrote", language, target=path))
