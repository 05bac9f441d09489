"""Render a whole validated strategy for other programs and for analysts.

``json`` is the lossless model, Cyrillic kept as is. ``csv``, ``xlsx`` and
``datapackage`` write the strategy's tidy tables (:mod:`socstrat.analysis.tables`),
computed once per call, through the shared writers of :mod:`socstrat.render.tables`;
``csv`` and ``datapackage`` are directories of files, ``xlsx`` one workbook.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    from socstrat.render.tables import csv_files, datapackage_files

    meta = strategy.strategy
    derived = _derived(strategy)
    if derived.plain is None:
        derived.plain = csv_files(derived.tables)
    return datapackage_files(derived.tables, plain=derived.plain, name=meta.id, title=meta.title, lang=options.lang, version=__version__)


@dataclass
class _Derived:
    """What the export formats compute from one strategy: its tidy tables, and their plain CSVs once asked for."""

    strategy: Strategy
    tables: list[TidyTable]
    plain: dict[str, str] | None = None


_LAST: list[_Derived] = []


def _derived(strategy: Strategy) -> _Derived:
    """The tables of the strategy last asked for (by identity; a loaded strategy is not changed): a site writes
    them as a workbook and as a data package, in two languages."""
    from socstrat.analysis.tables import strategy_tables

    if not _LAST or _LAST[0].strategy is not strategy:
        _LAST[:] = [_Derived(strategy, strategy_tables(strategy))]
    return _LAST[0]


def _tables(strategy: Strategy) -> list[TidyTable]:
    return _derived(strategy).tables


def about(strategy: Strategy) -> About:
    from socstrat import __version__
    from socstrat.render.tables import About, generation_date

    meta = strategy.strategy
    return About(
        strategy=meta.id, title=meta.title, version=__version__, generated=generation_date(),
        lines=[("municipality", meta.municipality), ("period", f"{meta.period.start}–{meta.period.end}")],
    )
