"""``socstrat export``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from socstrat.cli.common import (
    EXIT_OK,
    LangOption,
    MonitoringOption,
    check_output,
    chosen,
    configured,
    default_format,
    emit,
    format_choices,
    open_for,
)

ExportFormat = format_choices("export")

if TYPE_CHECKING:
    from socstrat.io.config import Config


def export(
    path: Annotated[Path, typer.Argument(help="Strategy directory, or a directory of strategies below it.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = default_format("export"),  # type: ignore[valid-type]
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="File (json, xlsx) or directory (csv, datapackage) to write [default: json to standard output; ID.xlsx, ID-csv/, ID-datapackage/]."),
    ] = None,
    lang: LangOption = None,
    excel: Annotated[bool, typer.Option("--excel", help="csv only: UTF-8 with BOM, ';' separators, headers and codes in --lang, for a double-click in Excel.")] = False,
    monitoring: MonitoringOption = None,
) -> None:
    """Export the whole validated strategy: JSON (lossless), or its tables as CSV, XLSX or a data package.

    json prints the model (UTF-8, Cyrillic as is). csv writes one file per table into a
    directory (plain RFC 4180 UTF-8; --excel for Excel); xlsx writes one workbook with a
    sheet per table; datapackage writes the CSVs with a Frictionless datapackage.json.
    Unknown figures are empty cells, never 0. A strategy with errors is not exported:
    its findings go to standard error and the exit status is 1.

    A directory that is no strategy stands for every strategy below it, in path order:
    each is written into -o DIR (default: the current directory) as ID.json, ID.xlsx,
    ID-csv/ or ID-datapackage/; one with errors is skipped and the exit status is 1.

    Example: socstrat export data/haskovo-2016-2020 --format xlsx -o haskovo.xlsx
    """
    from socstrat.io.loading import expand_strategy_paths
    from socstrat.render import registry

    name = chosen(format)
    config = configured("export", path, lang)
    language = config.settings.lang
    strategies = expand_strategy_paths([path])
    if strategies != [path]:
        check_output("export", "export", name, None, "export", excel=excel, lang=language)
        raise typer.Exit(_export_each(strategies, name, output or Path("."), config, excel))
    check_output("export", "export", name, output, path.resolve().name, excel=excel, lang=language)
    _, strategy, _ = open_for("export", path, monitoring, config=config)
    emit("export", "export", name, strategy, registry.Options(lang=language, excel=excel), output, strategy.strategy.id)


def _export_each(paths: list[Path], name: str, directory: Path, config: Config, excel: bool) -> int:
    """Export each strategy of a folder into ``directory``, named after its id; the exit status of them all."""
    from socstrat.render import registry

    status, options = EXIT_OK, registry.Options(lang=config.settings.lang, excel=excel)
    spec = registry.spec("export", name)
    for path in paths:
        try:
            _, strategy, _ = open_for("export", path, config=config)
        except typer.Exit as exc:
            status = max(status, exc.exit_code)
            continue
        emit("export", "export", name, strategy, options, directory / spec.default_name(strategy.strategy.id), strategy.strategy.id)
    return status
