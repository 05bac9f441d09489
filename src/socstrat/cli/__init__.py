"""The ``socstrat`` command line: one module per command, each thin.

A command parses its options, calls one core function, prints through the renderer
registry and maps the outcome to an exit code (:mod:`.common`). Heavy modules
(pandas, jinja2) are imported inside the commands that need them, so ``--help`` and
``validate`` stay fast in pre-commit hooks and CI.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Annotated, Optional

import typer

from socstrat.cli import helpstyle
from socstrat.cli.compare import compare
from socstrat.cli.deltas import deltas
from socstrat.cli.diff import diff
from socstrat.cli.export import export
from socstrat.cli.fmt import fmt
from socstrat.cli.plan import plan
from socstrat.cli.progress import progress
from socstrat.cli.report import report
from socstrat.cli.rules import rules
from socstrat.cli.schema import schema
from socstrat.cli.validate import validate, validate_changed

helpstyle.apply()

app = typer.Typer(
    help="Keep a municipal social-services strategy as checked YAML data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain click help: typer's rich help imports rich's Markdown machinery (markdown-it,
    # pygments' lexers via rich.syntax), which is most of the cost of `socstrat --help`.
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from socstrat import __version__

        typer.echo(f"socstrat {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Keep a municipal social-services strategy as checked YAML data."""


for command in (validate, export, rules, deltas, compare, diff, progress, report, plan, schema, fmt):
    app.command()(command)
app.command("validate-changed")(validate_changed)


OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, errno.EDQUOT})


def main() -> None:
    """Run the CLI; an output that cannot be written (a full disk, ``> /dev/full``, a closed pipe) is one line and exit 2."""
    try:
        try:
            app(prog_name="socstrat")
        finally:
            sys.stdout.flush()
    except OSError as exc:
        if exc.errno not in OUTPUT_ERRORS:
            raise
        _output_failed(exc)


def _output_failed(exc: OSError) -> None:
    # Standard output is unusable: point it at /dev/null so that Python's own flush at exit stays quiet.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    sys.stderr.write(f"socstrat: cannot write the output: {exc.strerror}\n")
    sys.exit(2)
