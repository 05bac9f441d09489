"""The ``socstrat`` command line: parse options, call one core function, print.

Heavy modules (pandas, jinja2) are imported inside the commands that need them, so
``--help`` and ``validate`` stay fast in pre-commit hooks and CI.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat import __version__

app = typer.Typer(
    help="Keep a municipal social-services strategy as checked YAML data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class ValidateFormat(str, Enum):
    auto = "auto"
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class RulesFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


class ExportFormat(str, Enum):
    json = "json"


def _version(value: bool) -> None:
    if value:
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


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Strategy directories to validate.")],
    format: Annotated[
        ValidateFormat,
        typer.Option("--format", "-f", help="Output format; auto = github under GitHub Actions, else text (coloured on a terminal)."),
    ] = ValidateFormat.auto,
    select: Annotated[
        Optional[list[str]], typer.Option("--select", help="Only these rule codes or prefixes (repeatable).")
    ] = None,
    ignore: Annotated[
        Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes or prefixes (repeatable).")
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail (2 still means unreadable input).")] = False,
) -> None:
    """Check strategy directories: schema, references, totals and cross-table agreement.

    Exit status: 0 when every strategy passes, 1 when any has an error (or, with
    --strict, a warning), 2 when a path cannot be read. NO_COLOR turns colour off.
    """
    from socstrat.render import validation as output
    from socstrat.lint.engine import validate_path

    reports = [validate_path(str(path), select or (), ignore or ()) for path in paths]
    fmt, colour = output.resolve_format(format.value, os.environ, sys.stdout.isatty())
    if fmt == "json":
        sys.stdout.write(output.render_json(reports))
    elif fmt == "sarif":
        sys.stdout.write(output.render_sarif(reports, __version__))
    elif fmt == "github":
        sys.stdout.write(output.render_github(reports))
        output.write_step_summary(reports)
    else:
        sys.stdout.write(output.render_text(reports, colour))
    unreadable = any(not Path(path).is_dir() for path in paths)
    raise typer.Exit(output.exit_code(reports, strict=strict, exit_zero=exit_zero, unreadable=unreadable))


@app.command()
def export(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.json,
) -> None:
    """Print the whole validated strategy as JSON (UTF-8, lossless)."""
    from socstrat.io.loading import load_strategy

    loaded = load_strategy(path)
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if loaded.strategy is None or errors:
        for diagnostic in errors:
            typer.echo(diagnostic.as_text(), err=True)
        raise typer.Exit(EXIT_USAGE if not path.is_dir() else EXIT_FINDINGS)
    sys.stdout.write(loaded.strategy.model_dump_json(indent=2) + "\n")


@app.command()
def rules(
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="Output format.")] = RulesFormat.text,
) -> None:
    """List every rule: code, default severity and what it reports."""
    from socstrat.lint.registry import all_rules, rules_markdown

    registry = all_rules()
    if format is RulesFormat.md:
        sys.stdout.write(rules_markdown(registry))
    elif format is RulesFormat.json:
        rows = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary, "rationale": r.rationale} for r in registry]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in registry:
            typer.echo(f"{r.code}  {r.severity:<7}  {r.name}: {r.summary}")


class DeltasView(str, Enum):
    services = "services"
    staffing = "staffing"


class DeltasBy(str, Enum):
    group = "group"
    financing = "financing"
    status = "status"


class DeltasFormat(str, Enum):
    table = "table"
    md = "md"
    csv = "csv"
    json = "json"


class Language(str, Enum):
    bg = "bg"
    en = "en"


@app.command()
def deltas(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    from_year: Annotated[
        Optional[int], typer.Option("--from", help="First year [default: the baseline year, else the first year with figures].")
    ] = None,
    to_year: Annotated[Optional[int], typer.Option("--to", help="Second year [default: the last year with figures].")] = None,
    view: Annotated[DeltasView, typer.Option("--view", help="The service register or the staffing table.")] = DeltasView.services,
    by: Annotated[DeltasBy, typer.Option("--by", help="Group rows by group (category or table group), financing source or status.")] = DeltasBy.group,
    format: Annotated[DeltasFormat, typer.Option("--format", "-f", help="Output format.")] = DeltasFormat.table,
    lang: Annotated[Language, typer.Option("--lang", help="Language of headings and notes.")] = Language.bg,
) -> None:
    """Show capacity and staff at two years, their changes and totals.

    Exit status: 0 on success, 1 when the strategy has errors (printed as validate
    prints them), 2 when the path cannot be read or a year has no figures.
    """
    from socstrat.analysis.deltas import DeltasError, InvalidStrategy, load_and_compute
    from socstrat.render import registry

    try:
        report = load_and_compute(path, view=view.value, from_year=from_year, to_year=to_year, by=by.value)
    except InvalidStrategy as exc:
        from socstrat.render.validation import render_text

        sys.stderr.write(render_text([exc.report]))
        raise typer.Exit(EXIT_FINDINGS if path.is_dir() else EXIT_USAGE)
    except DeltasError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    registry.write("deltas", format.value, report, registry.Options(lang=lang.value, stream=sys.stdout, colour=sys.stdout.isatty()))


class DiffFormat(str, Enum):
    text = "text"
    md = "md"
    json = "json"


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Old side: a strategy directory or REV:PATH, e.g. HEAD~1:data/haskovo-2016-2020.")],
    new: Annotated[str, typer.Argument(help="New side: a strategy directory or REV:PATH.")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format; md is a pull-request comment.")] = DiffFormat.text,
) -> None:
    """Show what changed between two versions of a strategy, entity by entity.

    Compared: services, capacity and staff figures, framework nodes, indicators, acknowledgements.

    An existing directory is read from disk; REV:PATH is read from git objects, leaving the work tree and index as they are.

    Exit status: 0 when both sides load, whether or not they differ; 1 when a side has errors; 2 when a side cannot be read.
    """
    from socstrat.analysis.diff import diff_sides, render_json, render_markdown, render_text
    from socstrat.io.sources import SourceError

    try:
        outcome = diff_sides(old, new)
    except SourceError as exc:
        typer.echo(f"socstrat diff: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    if outcome.diff is None:
        for diagnostic in outcome.errors:
            typer.echo(diagnostic.as_text(), err=True)
        raise typer.Exit(EXIT_FINDINGS)
    render = {DiffFormat.text: render_text, DiffFormat.md: render_markdown, DiffFormat.json: render_json}[format]
    sys.stdout.write(render(outcome.diff))


class ReportFormat(str, Enum):
    md = "md"
    html = "html"


@app.command()
def report(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.html,
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Write the report to this file (default: standard output).")
    ] = None,
    lang: Annotated[Language, typer.Option("--lang", help="Language of headings and labels; the data's text is never translated.")] = Language.bg,
    templates: Annotated[
        Optional[Path], typer.Option("--templates", help="Directory whose templates replace the defaults of the same name.")
    ] = None,
    from_year: Annotated[Optional[int], typer.Option("--from", help="First year of the capacity and staffing comparison.")] = None,
    to_year: Annotated[Optional[int], typer.Option("--to", help="Last year of the capacity and staffing comparison.")] = None,
) -> None:
    """Write a Markdown or self-contained HTML report of a strategy.

    Exit status: 0 when the report was written for a valid strategy, 1 when the
    strategy has errors (the report is still written if the strategy loads), 2 for a
    path, template directory or year that cannot be used.
    """
    from socstrat.render.report.context import ReportError, make_report
    from socstrat.io.writing import write_text_atomically

    if templates is not None and not templates.is_dir():
        typer.echo(f"{templates}: not a directory of templates", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        result = make_report(
            path, format=format.value, lang=lang.value, templates=templates, from_year=from_year, to_year=to_year
        )
    except ReportError as exc:
        typer.echo(f"{path}: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    if not result.validation.valid:
        from socstrat.render.validation import render_text

        sys.stderr.write(render_text([result.validation]))
    if result.text is None:
        raise typer.Exit(EXIT_USAGE if not path.is_dir() else EXIT_FINDINGS)
    if output is None:
        sys.stdout.write(result.text)
    else:
        try:
            write_text_atomically(output, result.text)
        except OSError as exc:
            typer.echo(f"{output}: cannot write the report: {exc.strerror}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        typer.echo(f"wrote {output}")
    raise typer.Exit(EXIT_OK if result.validation.valid else EXIT_FINDINGS)


@app.command()
def schema(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Directory for every schema, or one <stem>.schema.json file."),
    ] = Path("schema"),
) -> None:
    """Write the JSON Schema of each strategy file, for editor completion and other validators."""
    from socstrat.io.schema import write_schemas

    try:
        written = write_schemas(output)
    except (ValueError, OSError) as exc:
        typer.echo(f"{output}: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    for path in written:
        typer.echo(f"wrote {path}")


@app.command()
def fmt(
    paths: Annotated[list[Path], typer.Argument(help="Strategy directories or YAML files.")],
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; print a diff of each file that would change.")
    ] = False,
) -> None:
    """Rewrite YAML files into the canonical layout, keeping every value and comment.

    Exit status: 0 when every file is formatted, 1 when a file is not valid YAML or
    (with --check) would change, 2 when a path cannot be read or written, or a file was
    left alone because formatting it would have lost something.
    """
    from socstrat.io.formatting import format_paths

    run = format_paths(paths, write=not check)
    for diagnostic in run.diagnostics:
        typer.echo(diagnostic.as_text(), err=True)
    for file in run.refused:
        typer.echo(f"{file.path}: left unformatted: {file.refusal} (a defect of socstrat; please report it)", err=True)
    if check:
        for file in run.changed:
            sys.stdout.write(file.diff())
    typer.echo(run.summary(check=check), err=True)
    raise typer.Exit(run.exit_code(check=check))


@app.command("validate-changed")
def validate_changed(
    files: Annotated[list[Path], typer.Argument(help="Files, e.g. those a commit changes.")],
) -> None:
    """Validate every strategy directory that holds one of FILES; other files are ignored.

    This is the pre-commit hook's entry: pre-commit passes changed files, validation
    needs whole strategies.
    """
    from socstrat.io.loading import strategy_directories

    directories = strategy_directories(files)
    if directories:
        validate(directories, format=ValidateFormat.text, select=None, ignore=None)


def main() -> None:
    app(prog_name="socstrat")
