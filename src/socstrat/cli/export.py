"""``socstrat export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import (
    LangOption,
    Language,
    MonitoringOption,
    check_output,
    chosen,
    default_format,
    emit,
    format_choices,
    open_for,
)

ExportFormat = format_choices("export")


def export(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = default_format("export"),  # type: ignore[valid-type]
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="File (json, xlsx) or directory (csv, datapackage) to write [default: json to standard output; ID.xlsx, ID-csv/, ID-datapackage/]."),
    ] = None,
    lang: LangOption = Language.bg,
    excel: Annotated[bool, typer.Option("--excel", help="csv only: UTF-8 with BOM, ';' separators, headers and codes in --lang, for a double-click in Excel.")] = False,
    monitoring: MonitoringOption = None,
) -> None:
    """Export the whole validated strategy: JSON (lossless), or its tables as CSV, XLSX or a data package.

    json prints the model (UTF-8, Cyrillic as is). csv writes one file per table into a
    directory (plain RFC 4180 UTF-8; --excel for Excel); xlsx writes one workbook with a
    sheet per table; datapackage writes the CSVs with a Frictionless datapackage.json.
    Unknown figures are empty cells, never 0. A strategy with errors is not exported:
    its findings go to standard error and the exit status is 1.

    Example: socstrat export data/haskovo-2016-2020 --format xlsx -o haskovo.xlsx
    """
    from socstrat.render import registry

    name = chosen(format)
    stem = path.resolve().name
    check_output("export", "export", name, output, stem, excel=excel)
    _, strategy, _ = open_for("export", path, monitoring)
    emit("export", "export", name, strategy, registry.Options(lang=lang.value, excel=excel), output, strategy.strategy.id)
