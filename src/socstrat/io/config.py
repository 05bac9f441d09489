"""The configuration of a repository of strategies: found, read and checked once per run.

Like ruff's, it is the nearest ``socstrat.toml``, or ``pyproject.toml`` with a
``[tool.socstrat]`` table, in the directory of the path a command is given or any
directory above it; a ``pyproject.toml`` without that table is passed over. Nothing
found means the defaults. Every value remembers where it came from (``socstrat config``
shows it), and options given on the command line win (:meth:`Config.given`).

Errors are located (``file:line:col``) and told through the catalog in both languages,
so that a wrong configuration reads like any other finding; they are usage errors.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from socstrat.i18n.catalog import Lang
from socstrat.model.thresholds import Thresholds

CONFIG_FILE = "socstrat.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = ("tool", "socstrat")

Severity = Literal["error", "warning", "info"]


class RuleSettings(BaseModel):
    """``[rules]``: which rules run and how severe their findings are."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    select: tuple[str, ...] = Field(default=(), description="Only these rule codes or prefixes; empty: every rule.")
    ignore: tuple[str, ...] = Field(default=(), description="Skip these rule codes or prefixes.")
    severity: dict[str, Severity] = Field(default_factory=dict, description="Rule code → the severity its findings get instead of its own.")


class Settings(BaseModel):
    """Every setting a repository can make, with the defaults a run without configuration has.

    Built on first use (``defer_build``): a run without a configuration file never validates
    one, so it takes the defaults as they are (:func:`default_settings`) and pays nothing.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    lang: Lang = Field(default="bg", description="Language of every command's labels and messages.")
    strict: bool = Field(default=False, strict=True, description="Warnings fail validation too (exit 1), as with --strict.")
    monitoring: str = Field(default="monitoring", min_length=1, description="Directory of monitoring files, relative to each strategy directory.")
    rules: RuleSettings = Field(default_factory=RuleSettings)
    thresholds: Thresholds = Field(default_factory=Thresholds)


def default_settings() -> Settings:
    """The defaults, without building the validators (they are the fields' own defaults)."""
    from socstrat.model.thresholds import DEFAULT_THRESHOLDS

    return Settings.model_construct(rules=RuleSettings.model_construct(), thresholds=DEFAULT_THRESHOLDS)


KEYS: tuple[str, ...] = (
    "lang", "strict", "monitoring", "rules.select", "rules.ignore", "rules.severity",
    *(f"thresholds.{name}" for name in Thresholds.model_fields),
)
"""Every setting by its dotted key, in the order ``socstrat config`` lists them."""


@dataclass(frozen=True)
class Origin:
    """Where a value came from: the defaults, a line of a file, or a command-line option."""

    kind: Literal["default", "file", "option"]
    file: str = ""
    line: int = 0
    option: str = ""


DEFAULT = Origin("default")


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong with a configuration file, located, as a catalog message key and its arguments."""

    file: str
    line: int
    column: int
    key: str
    args: dict[str, Any] = field(default_factory=dict)

    def as_text(self, lang: str = "bg") -> str:
        from socstrat.i18n.catalog import label, message
        from socstrat.io.terminal import one_line

        return f"{one_line(self.file)}:{self.line}:{self.column}: {label('severity.error', lang)}: {one_line(message(self.key, self.args, lang))}"


class ConfigError(Exception):
    """A configuration file that cannot be used; each problem is located."""

    def __init__(self, problems: list[ConfigProblem]) -> None:
        super().__init__("; ".join(p.as_text("en") for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Config:
    """The settings in effect, the file they were read from (if any), and the origin of each value."""

    settings: Settings = field(default_factory=default_settings)
    file: Path | None = None
    origins: Mapping[str, Origin] = field(default_factory=dict)
    locator: Locator | None = field(default=None, repr=False, compare=False)
    start: Path | None = None
    """The path the search began from."""

    @property
    def shown_file(self) -> str | None:
        """The file read, as messages name it (relative to the working directory when below it)."""
        return _shown(self.file) if self.file is not None else None

    def origin(self, key: str) -> Origin:
        return self.origins.get(key, DEFAULT)

    def value(self, key: str) -> Any:
        """The value of a dotted key, e.g. ``thresholds.unknown_share``."""
        value: Any = self.settings
        for part in key.split("."):
            value = getattr(value, part)
        return value

    def given(self, **options: tuple[str, Any]) -> Config:
        """These settings with the options given on the command line put over them.

        Each keyword is a dotted key with ``_`` for ``.`` (``rules_select``), and its value is
        ``(option name, value)``; a value of None (an option not given) leaves the setting as it is.
        """
        settings, origins = self.settings, dict(self.origins)
        for name, (option, value) in options.items():
            if value is None:
                continue
            key = name.replace("_", ".", 1) if name.startswith(("rules_", "thresholds_")) else name
            settings = _with(settings, key, value)
            origins[key] = Origin("option", option=option)
        return replace(self, settings=settings, origins=origins)

    def check_codes(self, known: Sequence[str], fixed: Collection[str]) -> None:
        """Raise :class:`ConfigError` for a rule code of the file that names no rule, or a severity
        given to a rule in ``fixed`` (the reader's and the engine's own, which no severity can change).

        The codes are checked here rather than when the file is read because the registry of rules
        is the lint layer's; the CLI passes it in. Codes given on the command line are its own to check.
        """
        if self.locator is None or self.file is None:
            return
        shown, problems = _shown(self.file), []
        rules = self.settings.rules
        for name, codes in (("select", rules.select), ("ignore", rules.ignore), ("severity", tuple(rules.severity))):
            if self.origin(f"rules.{name}").kind != "file":
                continue
            for code in codes:
                line, column = self.locator.position(("rules", name, code) if name == "severity" else ("rules", name))
                args = {"key": f"rules.{name}", "code": code}
                if not any(rule.startswith(code) for rule in known):
                    near = difflib.get_close_matches(code.upper(), list(known), n=3, cutoff=0.5)
                    problems.append(ConfigProblem(shown, line, column, "config.rule_hint" if near else "config.rule", args | {"hint": ", ".join(near)}))
                elif name == "severity" and any(rule.startswith(code) for rule in fixed):
                    problems.append(ConfigProblem(shown, line, column, "config.rule_fixed", args))
        if problems:
            raise ConfigError(problems)

    def monitoring_dir(self, strategy: Path) -> Path | None:
        """The monitoring directory of ``strategy`` as configured, where it exists; None leaves it to the loader
        (``monitoring/`` when there is one), so that a repository whose strategies have no monitoring yet is fine."""
        if self.origin("monitoring").kind == "default":
            return None
        folder = strategy / self.settings.monitoring
        return folder if folder.is_dir() else None

    def thresholds_for(self, own: Thresholds | None) -> Thresholds:
        """The thresholds in effect for a strategy whose ``strategy.yaml`` sets ``own``: each bound the
        repository's configuration file gives wins, then the strategy's own, then the documented default."""
        from_file = {name: getattr(self.settings.thresholds, name) for name in Thresholds.model_fields if self.origin(f"thresholds.{name}").kind != "default"}
        from_strategy = own.model_dump(exclude_unset=True) if own is not None else {}
        return Thresholds(**{**from_strategy, **from_file})

    @property
    def monitoring_under(self) -> str | None:
        """The configured monitoring directory's name inside each strategy, or None for the default."""
        return None if self.origin("monitoring").kind == "default" else self.settings.monitoring


def _with(settings: Settings, key: str, value: Any) -> Settings:
    head, _, rest = key.partition(".")
    if not rest:
        return settings.model_copy(update={head: value})
    inner = getattr(settings, head)
    return settings.model_copy(update={head: inner.model_copy(update={rest: value})})


def find_config(start: Path) -> tuple[Path, tuple[str, ...]] | None:
    """The nearest configuration file from ``start`` (a directory or a file) upwards, and the table that holds it.

    A path that cannot be looked at (too long, a loop) is searched from the nearest directory
    above it that can; ``os.path`` answers False where ``pathlib`` would raise.
    """
    here = Path(os.path.abspath(start))
    if not os.path.isdir(here):
        here = here.parent
    for directory in (here, *here.parents):
        candidate = directory / CONFIG_FILE
        if os.path.isfile(candidate):
            return candidate, ()
        pyproject = directory / PYPROJECT
        if os.path.isfile(pyproject) and _has_tool_table(pyproject):
            return pyproject, TOOL_TABLE
    return None


def _has_tool_table(path: Path) -> bool:
    """Whether ``pyproject.toml`` has ``[tool.socstrat]``: a cheap look at its text first, parsed only then."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "socstrat" not in text:
        return False
    try:
        return isinstance(tomllib.loads(text).get("tool", {}).get("socstrat"), dict)
    except tomllib.TOMLDecodeError:
        return True  # the error is reported when it is read


def load_config(start: Path) -> Config:
    """The configuration in effect for ``start``: read from the nearest file, or the defaults.

    Raises :class:`ConfigError` when the file found is not valid TOML or holds unknown keys
    or values out of range.
    """
    found = find_config(start)
    if found is None:
        return Config(start=start)
    return replace(read_config(*found), start=start)


def read_config(path: Path, table: tuple[str, ...] = ()) -> Config:
    """Read and check one configuration file; ``table`` is where the settings are in it (``tool.socstrat``)."""
    shown = _shown(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError([ConfigProblem(shown, 1, 1, "config.unreadable", {"reason": exc.strerror or str(exc)})]) from None
    except UnicodeDecodeError:
        raise ConfigError([ConfigProblem(shown, 1, 1, "config.encoding")]) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column = _decode_position(str(exc))
        detail = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", str(exc))
        raise ConfigError([ConfigProblem(shown, line, column, "config.syntax", {"detail": {"bg": "", "en": f": {detail}"}})]) from None
    data: Any = document
    for part in table:
        data = data.get(part, {})
    where = Locator(text, table)
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        raise ConfigError([_problem(shown, where, error) for error in exc.errors()]) from None
    origins = {key: Origin("file", shown, where.line((key,) if "." not in key else tuple(key.split(".")))) for key in _given_keys(data)}
    return Config(settings, path, origins, where)


def _given_keys(data: Mapping[str, Any]) -> Iterator[str]:
    for key in KEYS:
        head, _, rest = key.partition(".")
        if head in data and (not rest or rest in data[head]):
            yield key


def _shown(path: Path) -> str:
    """The file as a message names it: relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _decode_position(text: str) -> tuple[int, int]:
    match = re.search(r"at line (\d+), column (\d+)", text)
    if match is None:
        return 1, 1
    return int(match.group(1)), int(match.group(2))


ERROR_KEYS = {
    "bool_type": "config.bool",
    "bool_parsing": "config.bool",
    "float_type": "config.number",
    "float_parsing": "config.number",
    "greater_than_equal": "config.range",
    "less_than_equal": "config.range",
    "literal_error": "config.choice",
    "string_type": "config.text",
    "string_too_short": "config.text",
    "tuple_type": "config.list",
    "dict_type": "config.table",
    "model_type": "config.table",
}
"""pydantic's error types as the catalog's configuration messages; any other is ``config.invalid``."""


def _problem(file: str, where: Locator, error: Mapping[str, Any]) -> ConfigProblem:
    loc = tuple(str(part) for part in error["loc"])
    key = ".".join(loc)
    line, column = where.position(loc)
    if error["type"] == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = list(model.model_fields) if model is not None else []
        near = difflib.get_close_matches(loc[-1], known, n=1, cutoff=0.6)
        args: dict[str, Any] = {"key": key, "known": ", ".join(known)}
        return ConfigProblem(file, line, column, "config.unknown_hint" if near else "config.unknown", args | {"hint": near[0] if near else ""})
    message_key = ERROR_KEYS.get(error["type"], "config.invalid")
    context = error.get("ctx") or {}
    choices = ", ".join(str(c) for c in _choices(loc)) if message_key == "config.choice" else ""
    bound = context.get("ge", context.get("le", ""))
    return ConfigProblem(file, line, column, message_key, {"key": key, "value": _short(error.get("input")), "choices": choices, "bound": bound})


def _model_at(loc: tuple[str, ...]) -> type[BaseModel] | None:
    model: Any = Settings
    for part in loc:
        annotation = model.model_fields.get(part).annotation if part in model.model_fields else None
        if not (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
            return None
        model = annotation
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _choices(loc: tuple[str, ...]) -> tuple[str, ...]:
    return ("error", "warning", "info") if loc[:2] == ("rules", "severity") else ("bg", "en")


def _short(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "…"


class Locator:
    """Lines and columns of keys in a TOML text, for located errors: tomllib keeps no positions.

    It knows table headers (``[rules]``, ``[tool.socstrat.thresholds]``), ``key = value`` lines
    and dotted keys (``rules.select = …``), which is what a configuration holds; a key it cannot
    find is located at its table's header, or at the first line.
    """

    HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\s\"'-]+?)\s*\]\s*(#.*)?$")
    ASSIGN = re.compile(r"^(\s*)([A-Za-z0-9_\-.\s\"']+?)\s*=")

    def __init__(self, text: str, prefix: tuple[str, ...] = ()) -> None:
        self.prefix = prefix
        self.entries: list[tuple[tuple[str, ...], int, int]] = []
        table: tuple[str, ...] = ()
        for number, line in enumerate(text.splitlines(), start=1):
            header = self.HEADER.match(line)
            if header:
                table = _dotted(header.group(1))
                self.entries.append((table, number, line.index("[") + 1))
                continue
            assign = self.ASSIGN.match(line)
            if assign:
                self.entries.append(((*table, *_dotted(assign.group(2))), number, len(assign.group(1)) + 1))

    def position(self, loc: tuple[str, ...]) -> tuple[int, int]:
        """Where the key ``loc`` (below the prefix) is given, or the nearest enclosing table."""
        for length in range(len(loc), -1, -1):
            wanted = (*self.prefix, *loc[:length])
            for key, line, column in self.entries:
                if key == wanted:
                    return line, column
        return 1, 1

    def line(self, loc: tuple[str, ...]) -> int:
        return self.position(loc)[0]


def _dotted(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in text.split("."))
