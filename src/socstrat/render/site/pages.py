"""What the site's pages across strategies need of each strategy.

A :class:`StrategySummary` is small (a few dozen fields): the main process keeps one per strategy
for the home and coverage pages, and the manifest stores them, so a rebuild that reuses a
strategy's pages need not open it again. What is larger per strategy (its services by kind, its
search entries, the files it wrote) is a :class:`StrategyRecord` on disk, read one strategy at a
time, so the build's memory does not grow with the number of strategies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict

from socstrat.analysis.site import KindRow, ReportingCompleteness


class SearchEntry(BaseModel):
    """One line of the client-side search index: a strategy, a service or an indicator."""

    kind: str
    title: str
    sub: str
    href: str
    """Relative to the language's root of the site."""


class StrategySummary(BaseModel):
    """One strategy as the home page, the coverage page, the services page and the search see it."""

    id: str
    key: str
    """The strategy's directory name, which ``--monitoring NAME=DIR`` names."""
    title: str
    municipality: str
    region: str
    start: int
    end: int
    valid: bool
    errors: int
    warnings: int
    first_error: str | None = None
    """The first error as ``validate`` prints it, for the command's standard error."""
    monitored: list[int]
    completeness: ReportingCompleteness | None
    illustrative: bool
    synthetic: bool
    population: float | None
    """Inhabitants as the strategy's situation analysis states them (the figure ``socstrat compare`` uses)."""
    population_as_of: str | None


class StrategyRecord(BaseModel):
    """``.socstrat/<key hash>-<input hash>.json`` in the output: what is large per strategy, read one at a time."""

    model_config = ConfigDict(cache_strings="keys")
    """Not the values: the JSON parser would keep thousands of titles and file names of every strategy read in its cache."""

    key: str
    """The input path, as the manifest names it."""
    digest: str
    """The hash of the input the pages were rendered from."""
    kinds: list[KindRow]
    """The services of the plan of the year the site is built for, by kind, for the services page."""
    search: list[SearchEntry]
    files: list[str]
    """Every file written for the strategy, relative to the site's root."""


class SiteProblem(BaseModel):
    """A path the site could not publish, with the one line that says why."""

    path: str
    message: str


class Manifest(BaseModel):
    """``manifest.json`` in the output: the hash of each strategy's input and what its pages need across strategies."""

    model_config = ConfigDict(cache_strings="keys")

    fingerprint: str
    strategies: dict[str, tuple[str, StrategySummary]]
    """Input path → (hash of its files and options, summary); the rest is in the strategy's :class:`StrategyRecord`."""


# --- what the templates of one strategy's pages read -----------------------------------------------


@dataclass(frozen=True)
class SiteFinding:
    """A finding of ``validate`` on the strategy's page, told in the page's language."""

    severity: str
    code: str
    where: str
    message: str
    acknowledged: bool


@dataclass(frozen=True)
class IndicatorValue:
    """A value the monitoring file of ``year`` reports for an indicator, as given."""

    year: int
    value: float | int | None
    unit: str | None
    source: str | None
    date: object
    assessment: str | None
    baseline: object
    illustrative: bool


@dataclass(frozen=True)
class ChartBar:
    """A bar of an indicator's chart: its value and its width as a percentage of the largest."""

    year: int
    value: float | int
    width: float


@dataclass(frozen=True)
class ServiceYear:
    """A service in one year of the plan: the plan's figures, the register's cell as printed, and what monitoring reported."""

    year: int
    planned: Any
    printed: str | None
    actual: Any
    monitored: bool


@dataclass(frozen=True)
class HistoryEntry:
    """A commit that changed the strategy, with its semantic diff against the commit before (None for the first or an unreadable side)."""

    sha: str
    date: str
    subject: str
    diff: Any
    first: bool
