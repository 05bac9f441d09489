"""``socstrat site``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import EXIT_FINDINGS, EXIT_OK, collect_from_now, fail


def site(
    paths: Annotated[list[Path], typer.Argument(help="Strategy directories, or folders searched for strategies (directories holding strategy.yaml).")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="Directory to write the site into; a rebuild re-renders only what changed.")],
    monitoring: Annotated[
        Optional[list[str]],
        typer.Option("--monitoring", metavar="NAME=DIR", help="Monitoring files of the strategy in directory NAME, where they are not in NAME/monitoring; repeatable."),
    ] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Processes that render strategies [default: the number of CPUs].")] = None,
    synthetic: Annotated[bool, typer.Option("--synthetic", help="Label every page as synthetic data (a generated corpus).")] = False,
    word: Annotated[bool, typer.Option("--word/--no-word", help="Write the Word (.docx) reports among the downloads.")] = True,
    history: Annotated[bool, typer.Option("--history/--no-history", help="Show each strategy's history from git, when it is in a git repository.")] = True,
) -> None:
    """Write a static site of strategies and their progress: no server, no external request.

    Home (every strategy, its state and reporting completeness, coverage of the 28
    districts and 265 municipalities), per strategy the report, annual plans, monitoring
    reports, progress, findings, downloads and history from git; a page per indicator
    and per service; services by kind and district; an offline search. Every page in
    Bulgarian and in English (under en/). Exit status: 0 when every strategy was
    published, 1 when a path could not be published or a strategy has errors, 2 for an
    output that cannot be used.

    Example: socstrat site data --monitoring haskovo-2016-2020=examples/haskovo-monitoring -o build/site
    """
    import os

    from socstrat.io.terminal import one_line
    from socstrat.render.site.builder import SiteError, SiteOptions, build_site

    pairs = {}
    for item in monitoring or []:
        name, equals, folder = item.partition("=")
        if not equals or not name or not folder:
            raise fail("site", f"--monitoring {item}: give NAME=DIR, e.g. haskovo-2016-2020=examples/haskovo-monitoring")
        if not os.path.isdir(folder):
            raise fail("site", f"--monitoring {item}: {folder} is not a directory")
        pairs[name] = folder
    collect_from_now()
    options = SiteOptions(jobs=jobs or os.cpu_count() or 1, synthetic=synthetic, monitoring=pairs, word=word, history=history)
    try:
        result = build_site(paths, output, options)
    except SiteError as exc:
        raise fail("site", str(exc)) from None
    except OSError as exc:
        raise fail("site", f"cannot write: {exc.strerror or exc} ({exc.filename or ''})".replace(" ()", "")) from None
    for problem in result.problems:
        typer.echo(f"socstrat site: {one_line(problem.path)}: {one_line(problem.message)}", err=True)
    for summary in result.strategies:
        if summary.first_error:
            typer.echo(f"{one_line(summary.first_error)} ({summary.errors} errors; published with its findings)", err=True)
    typer.echo(
        f"socstrat site: {len(result.strategies)} strategies in {one_line(str(output))} "
        f"({result.rendered} rendered, {result.reused} unchanged)",
        err=True,
    )
    invalid = any(not s.valid for s in result.strategies)
    raise typer.Exit(EXIT_FINDINGS if result.problems or invalid else EXIT_OK)
