"""The ``socstrat`` command line: parse options, call one core function, print.

Heavy modules (pandas, jinja2) are imported inside the commands that need them, so
``--help`` and ``validate`` stay fast in pre-commit hooks and CI.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    help="Keep a municipal social-services strategy as checked YAML data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"


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
    format: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] = ValidateFormat.text,
    select: Annotated[
        Optional[list[str]], typer.Option("--select", help="Only these rule codes or prefixes (repeatable).")
    ] = None,
    ignore: Annotated[
        Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes or prefixes (repeatable).")
    ] = None,
) -> None:
    """Check strategy directories: schema, references, totals and cross-table agreement.

    Exit status: 0 when every strategy is valid, 1 when any has an error, 2 when a
    path cannot be read.
    """
    from .validation import validate_path

    reports = [validate_path(str(path), select or (), ignore or ()) for path in paths]
    if format is ValidateFormat.json:
        payload = {"strategies": [report.model_dump(mode="json") for report in reports]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for report in reports:
            for diagnostic in report.diagnostics:
                typer.echo(diagnostic.as_text())
            typer.echo(_summary_line(report))
    unreadable = any(not Path(path).is_dir() for path in paths)
    if unreadable:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_OK if all(report.valid for report in reports) else EXIT_FINDINGS)


def _summary_line(report: object) -> str:
    from .validation import StrategyReport

    assert isinstance(report, StrategyReport)
    counts = report.summary.model_dump()
    parts = ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())
    by_severity = {s: sum(1 for d in report.diagnostics if d.severity == s) for s in ("error", "warning", "info")}
    findings = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s, n in by_severity.items())
    verdict = "valid" if report.valid else "INVALID"
    return f"{report.path}: {verdict} ({findings}) — {parts}"


@app.command()
def export(
    path: Annotated[Path, typer.Argument(help="Strategy directory.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.json,
) -> None:
    """Print the whole validated strategy as JSON (UTF-8, lossless)."""
    from .loading import load_strategy

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
    from .rules import all_rules, rules_markdown

    registry = all_rules()
    if format is RulesFormat.md:
        sys.stdout.write(rules_markdown(registry))
    elif format is RulesFormat.json:
        rows = [{"code": r.code, "name": r.name, "severity": r.severity, "summary": r.summary, "rationale": r.rationale} for r in registry]
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for r in registry:
            typer.echo(f"{r.code}  {r.severity:<7}  {r.name}: {r.summary}")


@app.command()
def schema(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Directory for every schema, or one <stem>.schema.json file."),
    ] = Path("schema"),
) -> None:
    """Write the JSON Schema of each strategy file, for editor completion and other validators."""
    from .schema import write_schemas

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
    from .formatting import format_paths

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
    from .loading import strategy_directories

    directories = strategy_directories(files)
    if directories:
        validate(directories, format=ValidateFormat.text, select=None, ignore=None)


def main() -> None:
    app(prog_name="socstrat")
