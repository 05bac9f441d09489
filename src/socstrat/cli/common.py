"""What every command shares: exit codes, choices taken from the registries, printing findings."""

from __future__ import annotations

import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

if TYPE_CHECKING:  # the models and the engine load pydantic: not for --help
    from socstrat.api import Opened
    from socstrat.io.config import Config
    from socstrat.lint.engine import StrategyReport
    from socstrat.model import Strategy

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Language(str, Enum):
    bg = "bg"
    en = "en"


MonitoringOption = Annotated[
    Optional[Path],
    typer.Option("--monitoring", metavar="DIR", help="Directory of monitoring files (<YEAR>.yaml) [default: PATH/monitoring].", file_okay=False),
]
LangOption = Annotated[
    Optional[Language],
    typer.Option("--lang", help="Language of labels and messages; the data's own text is never translated [default: the configuration's lang, else bg]."),
]


def format_choices(kind: str, *extra: str) -> type[Enum]:
    """An Enum of the formats the renderer registry has for ``kind`` (plus ``extra``), for typer's choices."""
    from socstrat.render.registry import formats

    names = [*extra, *formats(kind)]
    return Enum(f"{kind.title()}Format", {name: name for name in names}, type=str)  # type: ignore[return-value]


def chosen(choice: object) -> str:
    """The name of a format chosen from a registry Enum (or given as its default string)."""
    return str(getattr(choice, "value", choice))


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def exit_code(report: StrategyReport) -> int:
    """The one map from a strategy's outcome to an exit code: 2 unreadable path, 1 errors, else 0."""
    if report.unreadable:
        return EXIT_USAGE
    return EXIT_OK if report.valid else EXIT_FINDINGS


def say(key: str, lang: str, **args: object) -> str:
    """A line of the catalog's ``cli.*`` texts in ``lang``, with its arguments."""
    from socstrat.i18n.catalog import label

    return label(f"cli.{key}", lang).format(**args)


def print_errors(command: str, report: StrategyReport, lang: str = "bg") -> None:
    """The errors of an invalid strategy and its summary line on standard error, as ``validate`` prints them.

    Warnings and notes are left to ``validate``: a command that refuses a strategy shows why.
    A path that names no directory gets one plain line instead.
    """
    from socstrat.render.validation import render_text

    if report.unreadable and names_no_directory(Path(report.path)):
        typer.echo(f"socstrat {command}: {missing_directory(Path(report.path), lang)}", err=True)
        return
    errors = [d for d in report.diagnostics if d.severity == "error"]
    sys.stderr.write(render_text([report.model_copy(update={"diagnostics": errors})], lang=lang))


def fail(command: str, message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """A one-line error in the one style every command uses (``socstrat COMMAND: message``), and the exit to raise."""
    from socstrat.io.terminal import one_line

    typer.echo(f"socstrat {command}: {one_line(message)}", err=True)
    return typer.Exit(code)


def names_no_directory(path: Path) -> bool:
    """Whether ``path`` is not a directory at all (missing, a file, a name too long): said in one plain line.

    A directory that exists but cannot be read keeps its located findings instead.
    """
    return not os.path.isdir(path)


def missing_directory(path: Path, lang: str = "bg") -> str:
    """Why ``path`` is no strategy directory, in plain words, with the nearest existing sibling directory."""
    import difflib

    from socstrat.io.terminal import one_line

    what = "not_a_directory" if os.path.lexists(path) else "no_such_directory"
    try:
        parent = path.parent if os.path.isdir(path.parent) else None
        siblings = [p.name for p in parent.iterdir() if p.is_dir()] if parent else []
    except OSError:
        parent, siblings = None, []
    near = difflib.get_close_matches(path.name, siblings, n=1, cutoff=0.5)
    hint = say("did_you_mean", lang, near=parent / near[0] if parent and str(parent) != "." else near[0]) if near else ""
    return say(what, lang, path=one_line(str(path))) + hint


def configured(command: str, path: Path | None, lang: Language | None = None, **options: tuple[str, object]) -> Config:
    """The settings in effect for ``path`` (the working directory when None): the repository's
    configuration found from it upwards, with the options given on the command line over it.

    Each option is ``name=(option, value)`` as :meth:`socstrat.io.config.Config.given` takes it; a
    value of None is an option not given. A configuration that cannot be used is a usage error:
    each problem located, in the language given on the command line, else Bulgarian.
    """
    from socstrat.io.config import ConfigError, load_config

    try:
        config = load_config(path if path is not None else Path.cwd())
        if any(config.origin(f"rules.{name}").kind == "file" for name in ("select", "ignore", "severity")):
            from socstrat.lint.registry import all_rules  # the rules' modules: only when the file names codes

            config.check_codes([r.code for r in all_rules()], [r.code for r in all_rules() if r.check is None])
    except ConfigError as exc:
        shown = lang.value if lang is not None else "bg"
        for problem in exc.problems:
            typer.echo(f"socstrat {command}: {problem.as_text(shown)}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    return config.given(lang=("--lang", lang.value if lang is not None else None), **options)


def open_for(
    command: str, path: Path, monitoring: Path | None = None, *, keep_invalid: bool = False, config: Config | None = None
) -> tuple[Opened, Strategy, int]:
    """Open a strategy for ``command``: the opened strategy, its model and the exit code its findings give;
    the one way commands meet an invalid strategy.

    Its errors are printed as ``validate`` prints them, in the configured language. A strategy that
    does not load ends the command; one with errors does too, unless ``keep_invalid`` (a report is
    still written for it). The configuration's rules, severities and monitoring directory apply, so that a
    strategy is valid for every command exactly when ``validate`` passes it.
    """
    from socstrat.api import open_strategy

    if config is None:
        config = configured(command, path)
    if monitoring is None:
        monitoring = config.monitoring_dir(path)
    rules = config.settings.rules
    opened = open_strategy(path, monitoring=monitoring, select=rules.select, ignore=rules.ignore, severity=rules.severity)
    code = exit_code(opened.report)
    if code != EXIT_OK:
        print_errors(command, opened.report, config.settings.lang)
    if opened.strategy is None or (code != EXIT_OK and not keep_invalid):
        raise typer.Exit(code)
    return opened, opened.strategy, code


def write_result(command: str, kind: str, name: str, result: object, options: object, output: Path | None, default: Path) -> None:
    """Write ``result`` in format ``name`` of ``kind``: a format of files to ``output`` (else ``default``),
    a text format to ``output`` or standard output. A path that cannot be written is one line and exit 2."""
    from socstrat.io.writing import write_text_atomically
    from socstrat.render import registry

    assert isinstance(options, registry.Options)
    try:
        if registry.writes_files(kind, name):
            target = output or default
            written = registry.write_files(kind, name, result, target, options)
            typer.echo(f"socstrat {command}: {wrote(written, target, options.lang)}", err=True)
        elif output is not None and str(output) != "-":
            write_text_atomically(output, registry.render(kind, name, result, options))
        else:
            registry.write(kind, name, result, options)
    except OSError as exc:
        raise fail(command, cannot_write(exc, options.lang)) from None


def wrote(written: list[Path], target: Path, lang: str) -> str:
    """The line that says what a format of files wrote: the target, and how many files when they are several."""
    if len(written) == 1 and written[0] == target:
        return say("wrote", lang, target=target)
    return say("wrote_one_file", lang, target=target) if len(written) == 1 else say("wrote_files", lang, count=len(written), target=target)


def cannot_write(exc: OSError, lang: str) -> str:
    reason = f"{exc.strerror or exc} ({exc.filename or ''})".replace(" ()", "")
    return say("cannot_write", lang, reason=reason)


def write_document(command: str, data: bytes, output: Path | None, what: str, lang: str = "bg") -> None:
    """The bytes of a document (a report, a plan) to ``output``, or to standard output when it is None or ``-``."""
    from socstrat.io.terminal import one_line
    from socstrat.io.writing import write_bytes_atomically

    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        write_bytes_atomically(output, data)
    except OSError as exc:
        raise fail(command, say("cannot_write_document", lang, output=output, what=say(f"what.{what}", lang), reason=exc.strerror)) from None
    typer.echo(say("wrote", lang, target=one_line(str(output))))


def collect_from_now() -> None:
    """Turn the cyclic garbage collector back on for a run through many strategies.

    :func:`socstrat.cli.main` starts with it off. What is loaded by now (modules, the
    models' classes) lives until the process ends, so it is frozen out of every later
    collection; what each strategy leaves behind is collected as usual, so memory stays
    flat in the number of strategies. Pool workers are forked with this state.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _print_version(value: bool) -> None:
    if value:
        from socstrat.cli import version_line

        typer.echo(version_line())
        raise typer.Exit()


def main_options(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Keep a municipal social-services strategy as checked YAML data."""
