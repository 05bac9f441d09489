"""What every command shares: exit codes, choices taken from the registries, printing findings."""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:  # the models and the engine load pydantic: not for --help
    from socstrat.lint.engine import StrategyReport

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Language(str, Enum):
    bg = "bg"
    en = "en"


LangOption = Annotated[Language, typer.Option("--lang", help="Language of labels and messages; the data's own text is never translated.")]


def format_choices(kind: str, *extra: str) -> type[Enum]:
    """An Enum of the formats the renderer registry has for ``kind`` (plus ``extra``), for typer's choices."""
    from socstrat.render.registry import formats

    names = [*extra, *formats(kind)]
    return Enum(f"{kind.title()}Format", {name: name for name in names}, type=str)  # type: ignore[return-value]


def chosen(choice: object) -> str:
    """The name of a format chosen from a registry Enum (or given as its default string)."""
    return str(getattr(choice, "value", choice))


def exit_code(report: StrategyReport) -> int:
    """The one map from a strategy's outcome to an exit code: 2 unreadable path, 1 errors, else 0."""
    if report.unreadable:
        return EXIT_USAGE
    return EXIT_OK if report.valid else EXIT_FINDINGS


def print_errors(report: StrategyReport, lang: str = "en") -> None:
    """The errors of an invalid strategy and its summary line on standard error, as ``validate`` prints them.

    Warnings and notes are left to ``validate``: a command that refuses a strategy shows why.
    """
    from socstrat.render.validation import render_text

    errors = [d for d in report.diagnostics if d.severity == "error"]
    sys.stderr.write(render_text([report.model_copy(update={"diagnostics": errors})], lang=lang))


def fail(command: str, message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """A one-line error in the one style every command uses (``socstrat COMMAND: message``), and the exit to raise."""
    typer.echo(f"socstrat {command}: {message}", err=True)
    return typer.Exit(code)
