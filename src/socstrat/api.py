"""The functions a library user calls, and every command calls: open a strategy, get one verdict.

Every command opens a strategy the same way, so ``valid`` means the same everywhere:
the files load and no rule reports an error once acknowledgements are applied.

>>> from socstrat.api import open_strategy
>>> opened = open_strategy("data/kazanlak-2007-2009")
>>> opened.valid, opened.report.summary.services
(True, 16)
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from socstrat.io.loading import LoadedStrategy, load_strategy
from socstrat.lint.diagnostics import Diagnostic
from socstrat.lint.engine import StrategyReport, validate_loaded
from socstrat.model import Strategy


@dataclass(frozen=True)
class Opened:
    """A strategy as loaded, with its validation report."""

    loaded: LoadedStrategy
    report: StrategyReport

    @property
    def path(self) -> str:
        return self.loaded.path

    @property
    def strategy(self) -> Strategy | None:
        """The model, when every file loaded; it may still have findings of any severity."""
        return self.loaded.strategy

    @property
    def valid(self) -> bool:
        return self.report.valid

    @property
    def unreadable(self) -> bool:
        """The path names no strategy directory at all."""
        return self.loaded.unreadable

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.report.diagnostics if d.severity == "error"]


def validated(loaded: LoadedStrategy, select: Collection[str] = (), ignore: Collection[str] = ()) -> Opened:
    """Run the rules on a strategy already loaded (from a directory or from git)."""
    return Opened(loaded, validate_loaded(loaded, select, ignore))


def open_strategy(
    path: str | Path, *, select: Collection[str] = (), ignore: Collection[str] = (), monitoring: str | Path | None = None
) -> Opened:
    """Load the strategy directory at ``path`` and validate it with the selected rules.

    Monitoring files come from ``monitoring`` when given, else from ``PATH/monitoring/``.
    """
    return validated(load_strategy(path, monitoring), select, ignore)


def open_side(spec: str, repo: Path | None = None) -> Opened:
    """Open a strategy directory or ``REV:PATH`` read from git objects.

    Raises :class:`socstrat.io.sources.SourceError` when ``spec`` names neither.
    """
    from socstrat.io.sources import load_side

    return validated(load_side(spec, repo))
