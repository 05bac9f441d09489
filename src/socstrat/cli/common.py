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
    from socstrat.render.registry import Format, Options

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


def format_choices(*kinds: str, extra: tuple[str, ...] = ()) -> type[Enum]:
    """An Enum of the formats the registry declares for ``kinds`` (plus ``extra``), for typer's choices.

    A command with several modes takes the formats of every mode's result kind; :func:`offered`
    then refuses one its mode does not offer.
    """
    from socstrat.render.registry import formats

    names = dict.fromkeys([*extra, *(name for kind in kinds for name in formats(kind))])
    return Enum(f"{kinds[0].title()}Format", {name: name for name in names}, type=str)  # type: ignore[return-value]


def default_format(kind: str) -> str:
    """The format a command of ``kind`` writes when none is chosen: the first declared."""
    from socstrat.render.registry import formats

    return formats(kind)[0]


def chosen(choice: object, kind: str | None = None) -> str:
    """The name of a format chosen from a registry Enum (or given as its default string);
    None (no ``--format``) is the first format of ``kind``."""
    if choice is None and kind is not None:
        return default_format(kind)
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


def offered(command: str, kind: str, name: str, *, excel: bool = False, lang: str = "bg") -> Format:
    """The declaration of format ``name`` if this mode of ``command`` offers it; else one line listing those it does, exit 2."""
    from socstrat.render import registry

    try:
        spec = registry.spec(kind, name)
    except KeyError:
        raise fail(command, say("not_offered", lang, name=name, choices=", ".join(registry.formats(kind)))) from None
    if excel and not spec.excel:
        with_excel = [f.name for f in registry.FORMATS[kind] if f.excel]
        raise fail(command, say("excel_only", lang, formats=" / ".join(with_excel) or "csv"))
    return spec


def check_output(command: str, kind: str, name: str, output: Path | None, stem: str, *, excel: bool = False, lang: str = "bg") -> Format:
    """Refuse, before any work, a format this mode does not offer and output that cannot go where it would go."""
    spec = offered(command, kind, name, excel=excel, lang=lang)
    dash = output is not None and str(output) == "-"
    if dash and spec.makes == "directory":
        raise fail(command, say("directory_not_stdout", lang, name=name, example=spec.default_name(stem)))
    if (dash or (output is None and spec.makes == "text")) and stdout_is_terminal() and not (spec.makes == "text" and spec.terminal):
        raise fail(command, say("not_terminal_output", lang, name=name, example=spec.default_name(stem)))
    return spec


def emit(command: str, kind: str, name: str, result: object, options: Options, output: Path | None, stem: str) -> None:
    """The one way a command writes its result: render it in format ``name`` of ``kind`` and put it where it goes.

    Text goes to ``output``, else to standard output; bytes to ``output`` (``-``: standard
    output when it is no terminal), else to the format's default file name from ``stem``;
    a directory format to the directory ``output``, else its default name. Files are
    written atomically and named on standard error; a path that cannot be written is one
    line and exit 2. Every line is in ``options.lang``.
    """
    from socstrat.io.terminal import one_line
    from socstrat.io.writing import write_bytes_atomically
    from socstrat.render import registry

    spec = check_output(command, kind, name, output, stem, excel=options.excel, lang=options.lang)
    data = registry.render(kind, name, result, options)
    to_stdout = (output is not None and str(output) == "-") or (output is None and spec.makes == "text")
    if to_stdout:
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            (options.stream or sys.stdout).write(data)
        sys.stdout.flush()
        return
    target = output if output is not None else Path(spec.default_name(stem))
    try:
        if spec.makes == "directory":
            if target.exists() and not target.is_dir():
                raise fail(command, say("file_not_directory", options.lang, target=one_line(str(target)), name=name))
            written = [_write_file(target / file, content) for file, content in data.items()]
            key = "wrote_one_file" if len(written) == 1 else "wrote_files"
            typer.echo(f"socstrat {command}: {say(key, options.lang, count=len(written), target=one_line(str(target)))}", err=True)
            return
        write_bytes_atomically(target, data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as exc:
        raise fail(command, say("cannot_write_path", options.lang, target=one_line(str(target)), reason=exc.strerror or exc)) from None
    typer.echo(f"socstrat {command}: {say('wrote', options.lang, target=one_line(str(target)))}", err=True)


def _write_file(path: Path, content: str | bytes) -> Path:
    from socstrat.io.writing import write_bytes_atomically

    write_bytes_atomically(path, content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


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
