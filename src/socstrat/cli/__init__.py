"""The ``socstrat`` command line: one module per command, each thin.

A command parses its options, calls one core function, prints through the renderer
registry and maps the outcome to an exit code (:mod:`.common`). Heavy modules
(pandas, jinja2) are imported inside the commands that need them, so ``--help`` and
``validate`` stay fast in pre-commit hooks and CI.
"""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from socstrat.cli.deltas import deltas
from socstrat.cli.diff import diff
from socstrat.cli.export import export
from socstrat.cli.fmt import fmt
from socstrat.cli.report import report
from socstrat.cli.rules import rules
from socstrat.cli.schema import schema
from socstrat.cli.validate import validate, validate_changed

app = typer.Typer(
    help="Keep a municipal social-services strategy as checked YAML data.",
    no_args_is_help=True,
    add_completion=False,
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


for command in (validate, export, rules, deltas, diff, report, schema, fmt):
    app.command()(command)
app.command("validate-changed")(validate_changed)


def main() -> None:
    app(prog_name="socstrat")
