"""Render a whole validated strategy for other programs and for analysts.

``json`` is the lossless model, Cyrillic kept as is. ``csv``, ``xlsx`` and
``datapackage`` write the strategy's tidy tables (:mod:`socstrat.analysis.tables`),
computed once per call, through the shared writers of :mod:`socstrat.render.tables`;
they write files, so they are file renderers: ``csv`` and ``datapackage`` into a
directory, ``xlsx`` into one file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from socstrat.io.terminal import json_safe
from socstrat.model import Strategy
from socstrat.render.registry import Options, file_renderer, renderer

if TYPE_CHECKING:
    from socstrat.render.tables import About


@renderer("export", "json")
def render_json(strategy: Strategy, options: Options) -> str:
    return json_safe(strategy.model_dump_json(indent=2)) + "\n"


@file_renderer("export", "csv")
def write_csv(strategy: Strategy, options: Options, target: Path) -> list[Path]:
    """One CSV per table in the directory ``target``; with ``options.excel``, the form for a Bulgarian Excel."""
    from socstrat.analysis.tables import strategy_tables
    from socstrat.render.tables import write_csv_files

    return write_csv_files(strategy_tables(strategy), target, excel=options.excel, lang=options.lang)


@file_renderer("export", "xlsx")
def write_xlsx(strategy: Strategy, options: Options, target: Path) -> list[Path]:
    """One workbook: a sheet about the file, then one sheet per table."""
    from socstrat.analysis.tables import strategy_tables
    from socstrat.render import tables

    return tables.write_xlsx(target, strategy_tables(strategy), about(strategy), lang=options.lang)


@file_renderer("export", "datapackage")
def write_datapackage(strategy: Strategy, options: Options, target: Path) -> list[Path]:
    """The plain CSVs and a Frictionless ``datapackage.json`` in the directory ``target``."""
    from socstrat import __version__
    from socstrat.analysis.tables import strategy_tables
    from socstrat.render.tables import write_datapackage as write

    meta = strategy.strategy
    return write(strategy_tables(strategy), target, name=meta.id, title=meta.title, lang=options.lang, version=__version__)


def about(strategy: Strategy) -> About:
    from socstrat import __version__
    from socstrat.render.tables import About, generation_date

    meta = strategy.strategy
    return About(
        strategy=meta.id, title=meta.title, version=__version__, generated=generation_date(),
        lines=[("municipality", meta.municipality), ("period", f"{meta.period.start}–{meta.period.end}")],
    )
