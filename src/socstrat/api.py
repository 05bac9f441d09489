"""The functions a library user calls, and every command calls: open a strategy, get one verdict.

Every command opens a strategy the same way, so ``valid`` means the same everywhere:
the files load and no rule reports an error once acknowledgements are applied.

>>> from socstrat.api import open_strategy
>>> opened = open_strategy("data/kazanlak-2007-2009")
>>> opened.valid, opened.report.summary.services
(True, 16)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Collection, Iterator, Mapping, Sequence
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


def validated(
    loaded: LoadedStrategy, select: Collection[str] = (), ignore: Collection[str] = (), severity: Mapping[str, str] | None = None
) -> Opened:
    """Run the rules on a strategy already loaded (from a directory or from git)."""
    return Opened(loaded, validate_loaded(loaded, select, ignore, severity))


def open_strategy(
    path: str | Path,
    *,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    monitoring: str | Path | None = None,
    severity: Mapping[str, str] | None = None,
) -> Opened:
    """Load the strategy directory at ``path`` and validate it with the selected rules.

    Monitoring files come from ``monitoring`` when given, else from ``PATH/monitoring/``;
    ``severity`` overrides rules' severities by code or prefix (``[rules.severity]``).
    """
    return validated(load_strategy(path, monitoring), select, ignore, severity)


def open_side(spec: str, repo: Path | None = None) -> Opened:
    """Open a strategy directory or ``REV:PATH`` read from git objects.

    Raises :class:`socstrat.io.sources.SourceError` when ``spec`` names neither.
    """
    from socstrat.io.sources import load_side

    return validated(load_side(spec, repo))


def validate_report(
    path: str | Path,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    monitoring: str | Path | None = None,
    severity: Mapping[str, str] | None = None,
) -> StrategyReport:
    """The validation report of the strategy directory at ``path``; the loaded models are dropped."""
    return open_strategy(path, select=select, ignore=ignore, monitoring=monitoring, severity=severity).report


def validate_many(
    paths: Sequence[str | Path],
    *,
    select: Collection[str] = (),
    ignore: Collection[str] = (),
    jobs: int | None = None,
    monitoring: str | Path | None = None,
    severity: Mapping[str, str] | None = None,
    monitoring_under: str | None = None,
) -> Iterator[StrategyReport]:
    """The report of each path, in the order of ``paths``, validated on up to ``jobs`` processes.

    ``jobs`` defaults to the number of CPUs. One path, or one job, is validated in this
    process: a pool only pays off for several strategies. Workers send back only the
    report (never the models), and at most two reports per worker wait to be taken, so
    the caller that writes and drops each report as it comes keeps memory flat in the
    number of strategies. ``monitoring_under`` names the monitoring directory inside each
    strategy directory (a repository's ``monitoring`` setting), used where it exists; ``monitoring`` is
    one directory, for one path.
    """
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    select, ignore, severity = tuple(select), tuple(ignore), dict(severity or {})

    def monitoring_of(path: str | Path) -> str | Path | None:
        if monitoring is not None or monitoring_under is None:
            return monitoring
        folder = Path(path) / monitoring_under
        return folder if folder.is_dir() else None

    if jobs == 1 or len(paths) < 2:
        for path in paths:
            yield validate_report(path, select, ignore, monitoring_of(path), severity)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    workers = min(jobs, len(paths))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[StrategyReport]] = deque()
        queued = iter(paths)
        for path in queued:
            pending.append(pool.submit(validate_report, path, select, ignore, monitoring_of(path), severity))
            if len(pending) >= 2 * workers:
                break
        while pending:
            report = pending.popleft().result()
            for path in queued:
                pending.append(pool.submit(validate_report, path, select, ignore, monitoring_of(path), severity))
                break
            yield report
