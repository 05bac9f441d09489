"""``socstrat validate`` and ``socstrat validate-changed``."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from socstrat.cli.common import (
    EXIT_USAGE,
    LangOption,
    Language,
    MonitoringOption,
    chosen,
    collect_from_now,
    configured,
    fail,
    format_choices,
    missing_directory,
    names_no_directory,
    say,
)

ValidateFormat = format_choices("validation", extra=("auto",))


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Strategy directories, or directories holding strategies below them, to validate.", metavar="PATH...")
    ],
    format: Annotated[
        ValidateFormat,  # type: ignore[valid-type]
        typer.Option("--format", "-f", help="Output format; auto = github under GitHub Actions, else text (coloured on a terminal)."),
    ] = "auto",
    select: Annotated[
        Optional[list[str]], typer.Option("--select", metavar="CODE", help="Only these rule codes or prefixes (repeatable); replaces the configuration's.")
    ] = None,
    ignore: Annotated[
        Optional[list[str]], typer.Option("--ignore", metavar="CODE", help="Skip these rule codes or prefixes (repeatable); replaces the configuration's.")
    ] = None,
    strict: Annotated[
        Optional[bool], typer.Option("--strict/--no-strict", help="Warnings fail too (exit 1) [default: the configuration's strict, else no].", show_default=False)
    ] = None,
    exit_zero: Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when findings fail (2 still means unreadable input).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="List errors and warnings only (the summary line still counts every finding).")] = False,
    severity: Annotated[
        Severity, typer.Option("--severity", help="Least severe finding to list: error, warning or info.")
    ] = Severity.info,
    lang: Annotated[
        Optional[Language],
        typer.Option("--lang", help="Language of the messages in text output [default: the configuration's lang, else bg]; JSON, SARIF and GitHub keep English."),
    ] = None,
    show_acknowledged: Annotated[
        bool, typer.Option("--show-acknowledged", help="List acknowledged findings in text output too; by default they are counted only.")
    ] = False,
    monitoring: MonitoringOption = None,
    jobs: Annotated[
        Optional[int],
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Processes to validate several strategies on; default: one per CPU."),
    ] = None,
) -> None:
    """Check strategy directories: schema, references, totals and cross-table agreement.

    Exit status: 0 when every strategy passes, 1 when any has an error (or, with
    --strict, a warning), 2 when a path cannot be read. NO_COLOR turns colour off.
    Several strategies are validated in parallel and reported in the order given; a
    directory that is no strategy stands for every strategy below it, in path order.
    Settings come from the nearest socstrat.toml or [tool.socstrat] above the first
    PATH (`socstrat config` shows them); options given here win.

    Example: socstrat validate --strict data/haskovo-2016-2020 data/kazanlak-2007-2009
    """
    from socstrat.api import validate_many
    from socstrat.io.loading import expand_strategy_paths
    from socstrat.lint.registry import UnknownRule, check_codes
    from socstrat.render import registry
    from socstrat.render.validation import StreamWriter, resolve_format

    config = configured(
        "validate", paths[0] if paths else None, lang,
        rules_select=("--select", tuple(select) if select else None),
        rules_ignore=("--ignore", tuple(ignore) if ignore else None),
        strict=("--strict", strict),
    )
    settings = config.settings
    for option, codes in (("--select", select or ()), ("--ignore", ignore or ())):
        try:
            check_codes(codes)
        except UnknownRule as exc:
            key = "unknown_rule_hint" if exc.suggestions else "unknown_rule"
            raise fail("validate", say(key, settings.lang, option=option, code=exc.given, hint=", ".join(exc.suggestions))) from None
    paths = expand_strategy_paths(paths)
    if monitoring is not None and len(paths) > 1:
        raise fail("validate", say("monitoring_one", settings.lang))
    if len(paths) > 1:
        collect_from_now()
    fmt, colour = resolve_format(chosen(format), os.environ, sys.stdout.isatty())
    least = "warning" if quiet and severity is Severity.info else severity.value
    options = registry.Options(lang=settings.lang, colour=colour, min_severity=least, show_acknowledged=show_acknowledged)
    writer = StreamWriter(fmt, options, step_summary=os.environ)
    reports = validate_many(
        paths, select=settings.rules.select, ignore=settings.rules.ignore, severity=settings.rules.severity,
        jobs=jobs, monitoring=monitoring, monitoring_under=config.monitoring_under,
    )
    # Each report is written as it comes, in the order of the paths, and dropped.
    for report in reports:
        if fmt == "text" and report.unreadable and names_no_directory(Path(report.path)):
            typer.echo(f"socstrat validate: {missing_directory(Path(report.path), settings.lang)}", err=True)
            writer.unreadable = True
            continue
        writer.add(report)
    try:
        writer.close()
    except OSError as exc:
        target = os.environ.get("GITHUB_STEP_SUMMARY")
        raise fail("validate", say("step_summary", settings.lang, target=target, reason=exc.strerror)) from None
    raise typer.Exit(writer.exit_code(strict=settings.strict, exit_zero=exit_zero))


def validate_changed(
    files: Annotated[list[Path], typer.Argument(help="Files, e.g. those a commit changes.", metavar="FILE...")],
    lang: LangOption = None,
) -> None:
    """Validate every strategy directory that holds one of FILES; other files are ignored.

    This is the pre-commit hook's entry: pre-commit passes changed files, validation
    needs whole strategies.

    Example: socstrat validate-changed data/haskovo-2016-2020/services.yaml
    """
    from socstrat.io.loading import strategy_directories

    directories = strategy_directories(files)
    if directories:
        validate(
            directories, format="text", select=None, ignore=None, strict=None, exit_zero=False, quiet=False,
            severity=Severity.info, lang=lang, show_acknowledged=False, monitoring=None, jobs=None,
        )


__all__ = ["EXIT_USAGE", "validate", "validate_changed"]
