"""``socstrat export``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, TypeVar

import typer

from socstrat.cli.common import (
    EXIT_OK,
    LangOption,
    MonitoringOption,
    cannot_write,
    chosen,
    configured,
    fail,
    format_choices,
    open_for,
    say,
    wrote,
)

ExportFormat = format_choices("export")
T = TypeVar("T")

if TYPE_CHECKING:
    from socstrat.io.config import Config
    from socstrat.model import Strategy

DEFAULT_TARGETS = {"xlsx": "{id}.xlsx", "csv": "{id}-csv", "datapackage": "{id}-datapackage"}
"""Where a file format writes without ``-o``: in the current directory, named after the strategy's id."""


def export(
    path: Annotated[Path, typer.Argument(help="Strategy directory, or a directory of strategies below it.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = "json",  # type: ignore[valid-type]
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
    file_format = registry.writes_files("export", name)
    config = configured("export", path, lang)
    language = config.settings.lang
    if excel and name != "csv":
        raise fail("export", say("excel_csv_only", language))
    strategies = expand_strategy_paths([path])
    if strategies != [path]:
        raise typer.Exit(_export_each(strategies, name, output or Path("."), config, excel))
    _, strategy, _ = open_for("export", path, monitoring, config=config)
    options = registry.Options(lang=config.settings.lang, excel=excel)
    if not file_format:
        if output is None:
            registry.write("export", name, strategy, options)
            return
        from socstrat.io.writing import write_text_atomically

        _guarded(lambda: write_text_atomically(output, registry.render("export", name, strategy, options)), language)
        return
    target = output or Path(DEFAULT_TARGETS[name].format(id=strategy.strategy.id))
    if name != "xlsx" and target.exists() and not target.is_dir():
        raise fail("export", say("file_not_directory", language, target=target, name=name))
    written = _guarded(lambda: registry.write_files("export", name, strategy, target, options), language)
    typer.echo(f"socstrat export: {wrote(written, target, language)}", err=True)


def _export_each(paths: list[Path], name: str, directory: Path, config: Config, excel: bool) -> int:
    """Export each strategy of a folder into ``directory``, named after its id; the exit status of them all."""
    from socstrat.io.writing import write_text_atomically
    from socstrat.render import registry

    language, status = config.settings.lang, EXIT_OK
    options = registry.Options(lang=language, excel=excel)
    for path in paths:
        try:
            _, strategy, _ = open_for("export", path, config=config)
        except typer.Exit as exc:
            status = max(status, exc.exit_code)
            continue
        target = directory / (DEFAULT_TARGETS | {"json": "{id}.json"})[name].format(id=strategy.strategy.id)

        def write(strategy: Strategy = strategy, target: Path = target) -> list[Path]:
            if registry.writes_files("export", name):
                return registry.write_files("export", name, strategy, target, options)
            write_text_atomically(target, registry.render("export", name, strategy, options))
            return [target]

        typer.echo(f"socstrat export: {wrote(_guarded(write, language), target, language)}", err=True)
    return status


def _guarded(action: Callable[[], T], lang: str) -> T:
    """Run a write; a path that cannot be written is a usage error with one line, not a traceback."""
    try:
        return action()
    except OSError as exc:
        raise fail("export", cannot_write(exc, lang)) from None
