"""Usage errors (an unknown option, a missing argument, a bad choice) in the language of the run.

typer's bundled click writes them in English, as f-strings that no translation catalog
reaches, so :func:`socstrat.cli._run` catches them and writes them here: in English as
click would, in Bulgarian from the exception's parts and the patterns of its messages.
The language is ``--lang`` when the command line gives one, else the configuration's.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from socstrat.i18n.catalog import label

KINDS = {"argument": "usage.kind.argument", "option": "usage.kind.option"}

VALUE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Input should be greater than or equal to (?P<bound>.+)$"), "usage.at_least"),
    (re.compile(r"^Input should be less than or equal to (?P<bound>.+)$"), "usage.at_most"),
    (re.compile(r"^Input should be a valid integer\b.*$"), "usage.integer"),
    (re.compile(r"^Input should be a valid number\b.*$"), "usage.number"),
    (re.compile(r"^(?P<value>.+) is not one of (?P<choices>.+)\.$"), "usage.not_one_of"),
    (re.compile(r"^(?P<value>.+) is not in the range (?P<range>.+)\.$"), "usage.range"),
    (re.compile(r"^Value (?P<value>.+) is not a valid (?P<kind>\w+)\.$"), "usage.not_valid"),
    (re.compile(r"^(?P<kind>File|Directory|Path) (?P<value>.+) does not exist\.$"), "usage.no_path"),
    (re.compile(r"^(?P<kind>File|Directory|Path) (?P<value>.+) is a file\.$"), "usage.is_file"),
    (re.compile(r"^(?P<kind>File|Directory|Path) (?P<value>.+) is a directory\.$"), "usage.is_directory"),
)
"""The messages of typer's parameter types, as (pattern, catalog label with the pattern's groups)."""

MESSAGE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)$"), "usage.extra"),
    (re.compile(r"^No such command (?P<name>.+)\.$"), "usage.no_command"),
    (re.compile(r"^Missing command\.$"), "usage.missing_command"),
    (re.compile(r"^Option (?P<name>.+) requires (?:an argument|\d+ arguments)\.$"), "usage.needs_value"),
    (re.compile(r"^Option (?P<name>.+) does not take a value\.$"), "usage.takes_no_value"),
)
"""Other usage messages, whole."""


def language(argv: list[str]) -> str:
    """The language of this run's messages: ``--lang`` if the command line gives it, else the configuration's."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("bg", "en"):
            return argv[i + 1]
        if arg in ("--lang=bg", "--lang=en"):
            return arg.split("=", 1)[1]
    from socstrat.io.config import ConfigError, load_config

    start = next((Path(arg) for arg in argv[1:] if not arg.startswith("-") and os.path.exists(arg)), Path.cwd())
    try:
        return load_config(start).settings.lang
    except ConfigError:
        return "bg"


def show(exc: Any, argv: list[str]) -> None:
    """Write a usage error (or another click exception) to standard error as click would, in the run's language."""
    lang = language(argv)
    if lang == "en" or type(exc).__name__ == "NoArgsIsHelpError":  # the help itself is English, as docs/cli.md
        exc.show()
        return
    ctx = getattr(exc, "ctx", None)
    out = []
    if ctx is not None:
        usage = ctx.get_usage()
        out.append(re.sub(r"^Usage:", label("usage.usage", "bg"), usage))
        if ctx.command.get_help_option(ctx) is not None:
            out.append(label("usage.try_help", "bg").format(command=f"{ctx.command_path} {ctx.help_option_names[0]}"))
        out.append("")
    out.append(f"{label('usage.error', 'bg')}: {message(exc)}")
    sys.stderr.write("\n".join(out) + "\n")


def message(exc: Any) -> str:
    """The message of a click exception in Bulgarian; a message of no known shape is kept as it is."""
    from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption

    if isinstance(exc, NoSuchOption):
        text = label("usage.no_option", "bg").format(name=exc.option_name)
        if exc.possibilities:
            text += " " + label("usage.possible", "bg").format(options=", ".join(sorted(exc.possibilities)))
        return text
    if isinstance(exc, MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        hint = _hint(exc)
        return label(KINDS.get(kind, "usage.kind.parameter"), "bg") + (f" {hint}" if hint else "")
    if isinstance(exc, BadParameter):
        hint = _hint(exc)
        told = _told(exc.message, VALUE_PATTERNS)
        return label("usage.bad_value", "bg").format(hint=hint, message=told) if hint else told
    return _told(exc.format_message(), MESSAGE_PATTERNS)


def _hint(exc: Any) -> str:
    from typer._click.exceptions import _join_param_hints

    hint = exc.param_hint if exc.param_hint is not None else (exc.param.get_error_hint() if exc.param is not None else None)
    return (_join_param_hints(hint) or "") if hint else ""


def _told(text: str, patterns: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    text = text.removeprefix("Value error, ")  # pydantic's prefix of a validator's own message
    for pattern, key in patterns:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            if "kind" in groups:
                groups["kind"] = label(f"usage.type.{groups['kind'].lower()}", "bg") if f"usage.type.{groups['kind'].lower()}" in _TYPES else groups["kind"]
            return label(key, "bg").format(**groups)
    return text


_TYPES = {f"usage.type.{name}" for name in ("integer", "float", "boolean", "file", "directory", "path")}
