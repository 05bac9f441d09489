"""Render a whole validated strategy for other programs and for analysts.

``json`` is the lossless model, Cyrillic kept as is. ``csv``, ``xlsx`` and
``datapackage`` write the strategy's tidy tables (:mod:`socstrat.analysis.tables`),
computed once per call, through the shared writers of :mod:`socstrat.render.tables`;
``csv`` and ``datapackage`` are directories of files, ``xlsx`` one workbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from socstrat.io.terminal import json_safe
from socstrat.model import Strategy
from socstrat.render.registry import Options, renderer

if TYPE_CHECKING:
    from socstrat.analysis.tables import TidyTable
    from socstrat.render.tables import About


@renderer("export", "json")
def render_json(strategy: Strategy, options: Options) -> str:
    return json_safe(strategy.model_dump_json(indent=2)) + "\n"


@renderer("export", "csv")
def render_csv(strategy: Strategy, options: Options) -> dict[str, str]:
    """One CSV per table; with ``options.excel``, the form for a Bulgarian Excel."""
    from socstrat.render.tables import csv_files

    return csv_files(_tables(strategy), excel=options.excel, lang=options.lang)


@renderer("export", "xlsx")
def render_xlsx(strategy: Strategy, options: Options) -> bytes:
    """One workbook: a sheet about the file, then one sheet per table."""
    from socstrat.render import tables

    return tables.xlsx_bytes(_tables(strategy), about(strategy), lang=options.lang)


@renderer("export", "datapackage")
def render_datapackage(strategy: Strategy, options: Options) -> dict[str, str]:
    """The plain CSVs and a Frictionless ``datapackage.json``."""
    from socstrat import __version__
    from socstrat.model.queries import cached
    from socstrat.render.tables import csv_files, datapackage_files

    meta = strategy.strategy
    tables = _tables(strategy)
    plain = cached(strategy, "export.plain_csv", lambda: csv_files(tables))  # the same in every language
    return datapackage_files(tables, plain=plain, name=meta.id, title=meta.title, lang=options.lang, version=__version__)


def _tables(strategy: Strategy) -> list[TidyTable]:
    """The strategy's tidy tables, once per index of it (:func:`~socstrat.model.queries.cached`): a site writes
    them as a workbook and as a data package, in two languages."""
    from socstrat.analysis.tables import strategy_tables
    from socstrat.model.queries import cached

    return cached(strategy, "export.tables", lambda: strategy_tables(strategy))


def about(strategy: Strategy) -> About:
    from socstrat import __version__
    from socstrat.render.tables import About, generation_date

    meta = strategy.strategy
    return About(
        strategy=meta.id, title=meta.title, version=__version__, generated=generation_date(),
        lines=[("municipality", meta.municipality), ("period", f"{meta.period.start}–{meta.period.end}")],
    )
