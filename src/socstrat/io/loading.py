"""Load a strategy directory, keeping the file, line and column of every value.

Each file is parsed once, by :mod:`socstrat.io.reader` (libyaml when installed), into
dicts and lists that record where each key and value starts; the reader also rejects
what a data file has no use for (anchors and aliases, which can expand without bound;
tags, which could name Python objects; numbers too long to convert; duplicate keys).
Pydantic errors are mapped back to positions through their ``loc`` tuples. Nothing is
raised for bad input: every problem becomes a :class:`Diagnostic`, and all of them are
collected before returning.
"""

from __future__ import annotations

import difflib
import functools
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from pydantic import BaseModel, ValidationError

from socstrat.i18n.catalog import Localized, term
from socstrat.i18n.messages import PYDANTIC, TERMS
from socstrat.io.reader import YamlMapping, YamlSequence, read_yaml
from socstrat.lint.diagnostics import Diagnostic, Location
from socstrat.model import FILE_MODELS, MONITORING_DIR, MonitoringFile, Strategy

Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class SourceFile:
    """One parsed YAML file of a strategy: its data (:class:`YamlMapping`) keeps positions."""

    stem: str
    display: str
    data: Any


@dataclass
class LoadedStrategy:
    """The result of loading a directory: the model if it validated, and every diagnostic."""

    path: str
    strategy: Strategy | None
    diagnostics: list[Diagnostic]
    files: dict[str, SourceFile] = field(default_factory=dict)
    index: dict[str, tuple[str, Loc]] = field(default_factory=dict)
    unreadable: bool = False
    """The path names no directory: a usage mistake (exit 2), not a finding about a strategy."""

    @property
    def valid(self) -> bool:
        return self.strategy is not None and not any(d.severity == "error" for d in self.diagnostics)

    def locate(self, stem: str, loc: Loc, *, key: bool = False) -> Location:
        """Position of ``loc`` inside file ``stem`` (the file's start if it is not loaded)."""
        source = self.files.get(stem)
        if source is None:
            return Location(file=str(Path(self.path) / f"{stem}.yaml"), path="")
        return resolve(source, loc, key=key).location

    def locate_entity(self, entity: str, sub: Loc = ()) -> Location | None:
        """Position of the entity with id ``entity``, or of ``sub`` inside it."""
        found = self.index.get(entity)
        if found is None:
            return None
        stem, loc = found
        return self.locate(stem, loc + sub)


# --- reading -------------------------------------------------------------------------


def load_strategy(path: str | Path, monitoring: str | Path | None = None) -> LoadedStrategy:
    """Read, parse and validate the strategy directory at ``path``.

    Monitoring files (``<YEAR>.yaml``) are read from ``monitoring`` when given, else from
    the strategy's own ``monitoring/`` subdirectory if it has one.
    """
    root = Path(path)
    result = LoadedStrategy(path=str(path), strategy=None, diagnostics=[])
    if not root.is_dir():
        result.unreadable = True
    if not root.exists():
        result.diagnostics.append(_error(str(path), "S004", "S004.missing"))
        return result
    if not root.is_dir():
        result.diagnostics.append(_error(str(path), "S004", "S004.not_directory"))
        return result
    names = [file.name for file in sorted(root.iterdir()) if file.is_file()]
    folder = Path(monitoring) if monitoring is not None else root / MONITORING_DIR
    if monitoring is not None and not folder.is_dir():
        result.diagnostics.append(_error(str(folder), "S004", "S004.no_monitoring"))
    elif folder.is_dir():
        names += [f"{MONITORING_DIR}/{file.name}" for file in sorted(folder.iterdir()) if file.is_file()]

    def where(name: str) -> Path:
        prefix = f"{MONITORING_DIR}/"
        return folder / name.removeprefix(prefix) if name.startswith(prefix) else root / name

    return _load(result, names, lambda name: str(where(name)), lambda name, stem: parse_file(where(name), stem))


def load_contents(label: str, contents: Mapping[str, bytes]) -> LoadedStrategy:
    """Parse and validate a strategy held in memory as ``{file name: bytes}``.

    This is how a strategy is read from git objects without checking it out; every
    diagnostic names its file ``label/name`` (e.g. ``HEAD~1:data/x/services.yaml``).
    """
    result = LoadedStrategy(path=label, strategy=None, diagnostics=[])

    joiner = "" if label.endswith((":", "/")) else "/"

    def display(name: str) -> str:
        return f"{label}{joiner}{name}"

    return _load(result, sorted(contents), display, lambda name, stem: parse_bytes(contents[name], display(name), stem))


def _load(
    result: LoadedStrategy,
    names: list[str],
    display: Callable[[str], str],
    parse: Callable[[str, str], tuple[SourceFile | None, list[Diagnostic]]],
) -> LoadedStrategy:
    """Validate the files ``names`` of one strategy, wherever their bytes come from."""
    if "strategy.yaml" not in names:
        result.diagnostics.append(_error(display("strategy.yaml"), "S004", "S004.no_strategy"))
    for name in names:
        file = PurePath(name)
        if file.suffix in {".yaml", ".yml"} and file.stem not in FILE_MODELS and file.parent.name != MONITORING_DIR:
            known = known_files()
            result.diagnostics.append(
                Diagnostic.found(Location(file=display(name)), "S007", "warning", "S007", {"known": known})
            )
    parts: dict[str, BaseModel] = {}
    for stem, model in FILE_MODELS.items():
        if f"{stem}.yaml" not in names:
            continue
        source, problems = parse(f"{stem}.yaml", stem)
        result.diagnostics.extend(problems)
        if source is None:
            continue
        result.files[stem] = source
        result.index.update(_index_ids(source))
        try:
            parts[stem] = model.model_validate(source.data)
        except ValidationError as exc:
            result.diagnostics.extend(validation_diagnostics(source, exc))
    monitoring = _load_monitoring(result, names, display, parse)
    if "strategy" in parts and not any(d.severity == "error" for d in result.diagnostics):
        result.strategy = Strategy.model_validate({**parts, "monitoring": monitoring})
    return result


def known_files() -> str:
    """The files a strategy directory may hold, for S007's message."""
    return ", ".join(f"{stem}.yaml" for stem in FILE_MODELS)


def monitoring_stem(year: int | str) -> str:
    """The key of a monitoring file in :attr:`LoadedStrategy.files`: ``monitoring/2016``."""
    return f"{MONITORING_DIR}/{year}"


def _load_monitoring(
    result: LoadedStrategy,
    names: list[str],
    display: Callable[[str], str],
    parse: Callable[[str, str], tuple[SourceFile | None, list[Diagnostic]]],
) -> dict[int, MonitoringFile]:
    """The monitoring files among ``names`` (``monitoring/<YEAR>.yaml``), by the year each reports."""
    found: dict[int, MonitoringFile] = {}
    for name in names:
        file = PurePath(name)
        if file.parent.name != MONITORING_DIR or file.suffix not in {".yaml", ".yml"}:
            continue
        if not re.fullmatch(r"(19|20)\d\d", file.stem):
            result.diagnostics.append(
                Diagnostic.found(Location(file=display(name)), "P001", "error", "P001.name", {"name": file.name})
            )
            continue
        stem = monitoring_stem(file.stem)
        source, problems = parse(name, stem)
        result.diagnostics.extend(problems)
        if source is None:
            continue
        result.files[stem] = source
        try:
            report = MonitoringFile.model_validate(source.data)
        except ValidationError as exc:
            result.diagnostics.extend(validation_diagnostics(source, exc))
            continue
        if report.year != int(file.stem):
            where = resolve(source, ("year",)).location
            result.diagnostics.append(
                Diagnostic.found(where, "P001", "error", "P001.mismatch", {"name": file.name, "year": report.year})
            )
            continue
        found[report.year] = report
    return found


def strategy_directories(files: Iterable[Path]) -> list[Path]:
    """The strategy directories (those holding ``strategy.yaml``) that hold any of ``files``.

    Pre-commit and CI know which files changed; validation needs whole strategies.
    """
    found: dict[Path, None] = {}
    for file in files:
        directory = file if file.is_dir() else file.parent
        if directory.name == MONITORING_DIR and not (directory / "strategy.yaml").is_file():
            directory = directory.parent
        if (directory / "strategy.yaml").is_file():
            found[directory] = None
    return list(found)


def parse_file(file: Path, stem: str) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Parse one YAML file into data that keeps positions, or explain why it cannot be read."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [_error(str(file), "S004", "S004.unreadable", reason=exc.strerror or str(exc))]
    return parse_bytes(raw, str(file), stem)


def parse_bytes(raw: bytes, display: str, stem: str) -> tuple[SourceFile | None, list[Diagnostic]]:
    """Parse the bytes of one YAML file, shown to the user as ``display``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Diagnostic.found(Location(file=display, line=line, column=column), "S005", "error", "S005", {"byte": f"{raw[exc.start]:02x}"})
        ]
    data, problems = read_yaml(text.removeprefix("\ufeff"))
    if problems:
        return None, [
            Diagnostic.at(Location(file=display, line=p.line, column=p.column), p.code, "error", p.message) for p in problems
        ]
    if data is None:
        return None, [_error(display, "S003", "S003")]
    if not isinstance(data, YamlMapping):
        kind = term("form.list" if isinstance(data, YamlSequence) else "form.single")
        return None, [_error(display, "S101", "S101.file_kind", kind=kind)]
    return SourceFile(stem=stem, display=display, data=data), []


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _error(file: str, code: str, key: str, **args: Any) -> Diagnostic:
    return Diagnostic.found(Location(file=file), code, "error", key, args)


# --- positions -----------------------------------------------------------------------


@dataclass(frozen=True)
class Resolved:
    """How far a loc got into the data: the deepest node found and its position."""

    location: Location
    depth: int
    """How many loc elements matched data; union tags and absent keys do not."""


def resolve(source: SourceFile, loc: Sequence[int | str], *, key: bool = False) -> Resolved:
    """Map a pydantic-style ``loc`` to the position of the value it names.

    Elements that are not in the data are skipped: pydantic puts union member names
    and discriminator tags into ``loc``, and a missing key is absent by definition,
    so the deepest node that exists is the best place to point at. With ``key``
    the position of the last mapping key is returned instead of its value's.
    """
    node: Any = source.data
    line, column = 0, 0
    path = ""
    depth = 0
    last_key_pos: tuple[int, int] | None = None
    for element in loc:
        if element == "[key]":
            if last_key_pos is not None:
                line, column = last_key_pos
            continue
        if isinstance(node, YamlMapping):
            found = _find_key(node, element)
            if found is _MISSING:
                continue
            last_key_pos = node.key_position(found)
            line, column = node.value_position(found) if not key else last_key_pos
            path += f".{found}" if path else str(found)
            node = node[found]
            depth += 1
        elif isinstance(node, YamlSequence) and isinstance(element, int) and 0 <= element < len(node):
            line, column = node.item_position(element)
            last_key_pos = None
            path += f"[{element}]"
            node = node[element]
            depth += 1
    if key and last_key_pos is not None:
        line, column = last_key_pos
    return Resolved(Location(file=source.display, line=line + 1, column=column + 1, path=path), depth)


_MISSING = object()


def _find_key(mapping: YamlMapping, element: int | str) -> Any:
    if element in mapping:
        return element
    if isinstance(element, str) and element.lstrip("-").isdigit() and int(element) in mapping:
        return int(element)
    if isinstance(element, int) and str(element) in mapping:
        return str(element)
    return _MISSING


def _index_ids(source: SourceFile) -> dict[str, tuple[str, Loc]]:
    """Map every ``id`` in a file to its loc; the duplicate check lives with the rules."""
    index: dict[str, tuple[str, Loc]] = {}

    def walk(node: Any, loc: Loc) -> None:
        if isinstance(node, YamlMapping):
            ident = node.get("id")
            if isinstance(ident, str) and ident not in index:
                index[ident] = (source.stem, loc)
            for k, v in node.items():
                walk(v, loc + (k,))
        elif isinstance(node, YamlSequence):
            for i, v in enumerate(node):
                walk(v, loc + (i,))

    walk(source.data, ())
    return index


# --- pydantic errors -----------------------------------------------------------------


def validation_diagnostics(source: SourceFile, exc: ValidationError) -> list[Diagnostic]:
    """Turn pydantic errors into located diagnostics, one per problem in the file.

    A value that fails every member of a union yields one error per member; those
    are merged into one diagnostic, unless one member got deeper into the value
    (the user evidently meant that form), in which case only the deepest is kept.
    """
    groups: dict[tuple[str, int, int], list[tuple[Resolved, dict[str, Any]]]] = {}
    for details in exc.errors(include_url=False):
        error: dict[str, Any] = dict(details)
        loc = tuple(error["loc"])
        resolved = resolve(source, loc, key=error["type"] == "extra_forbidden")
        anchor = resolve(source, _union_prefix(source, loc)).location
        groups.setdefault((anchor.path, anchor.line, anchor.column), []).append((resolved, error))
    diagnostics: list[Diagnostic] = []
    for members in groups.values():
        deepest = max(resolved.depth for resolved, _ in members)
        chosen = [(r, e) for r, e in members if r.depth == deepest]
        if len(chosen) > 1 and all(_is_union_member(source, e["loc"]) for _, e in chosen):
            matching = [(r, e) for r, e in chosen if _member_fits_input(source, e)]
            if matching and len(matching) < len(chosen):
                diagnostics.extend(_one_diagnostic(r.location, e) for r, e in matching)
                continue
            resolved, _ = chosen[0]
            forms = _forms(_describe_member(e["loc"], source) for _, e in chosen)
            diagnostics.append(
                Diagnostic.found(resolved.location, "S101", "error", "S101.forms", {"value": _value_repr(chosen[0][1]), "forms": forms})
            )
            continue
        for resolved, member in chosen:
            diagnostics.append(_one_diagnostic(resolved.location, member))
    return diagnostics


def _union_prefix(source: SourceFile, loc: Loc) -> Loc:
    """The loc up to the first element that names no data (a union member's tag)."""
    node: Any = source.data
    for i, element in enumerate(loc):
        if isinstance(node, YamlMapping):
            found = _find_key(node, element)
            if found is _MISSING:
                return loc[:i]
            node = node[found]
        elif isinstance(node, YamlSequence) and isinstance(element, int) and 0 <= element < len(node):
            node = node[element]
        else:
            return loc[:i]
    return loc


def _is_union_member(source: SourceFile, loc: Sequence[int | str]) -> bool:
    prefix = _union_prefix(source, tuple(loc))
    return len(prefix) < len(loc) and not (len(prefix) == len(loc) - 1 and isinstance(loc[-1], str) and not _looks_like_tag(loc[-1]))


def _looks_like_tag(element: str) -> bool:
    return bool(re.match(r"^(int|str|float|bool|none|literal\[|list\[|dict\[|constrained-|[A-Z])", element))


def _member_fits_input(source: SourceFile, error: dict[str, Any]) -> bool:
    """Whether the union member that failed expects the input's own shape (mapping, list)."""
    loc = tuple(error["loc"])
    prefix = _union_prefix(source, loc)
    tag = str(loc[len(prefix)])
    value = resolve_value(source, prefix)
    if isinstance(value, YamlMapping):
        return tag[:1].isupper() or tag.startswith("dict[")
    if isinstance(value, YamlSequence):
        return tag.startswith("list[")
    return False


def resolve_value(source: SourceFile, loc: Loc) -> Any:
    """The data at ``loc``; ``loc`` must name existing data."""
    node: Any = source.data
    for element in loc:
        node = node[_find_key(node, element)] if isinstance(node, YamlMapping) else node[element]
    return node


def _describe_member(loc: Sequence[int | str], source: SourceFile) -> tuple[str, str]:
    """One allowed form of a union, as (Bulgarian, English) words."""
    prefix = _union_prefix(source, tuple(loc))
    tag = str(loc[len(prefix)]) if len(prefix) < len(loc) else ""
    if tag.startswith("literal["):
        values = tag[len("literal[") : -1].split(",")
        return " или ".join(values), " or ".join(values)
    if tag.startswith("dict[") or tag[:1].isupper():
        bg, en = TERMS["form.mapping"]
        return (f"{bg} ({tag})", f"{en} ({tag})") if tag[:1].isupper() else (bg, en)
    key = "form.list" if tag.startswith("list[") else {
        "int": "form.int", "float": "form.float", "str": "form.str", "bool": "form.bool", "none": "form.none", "constrained-int": "form.int",
    }.get(tag, "")
    if not key:
        return (tag, tag) if tag else TERMS["form.other"]
    return TERMS[key]


def _forms(members: Iterable[tuple[str, str]]) -> Localized:
    unique = list(dict.fromkeys(members))
    return {"bg": ", ".join(bg for bg, _ in unique), "en": ", ".join(en for _, en in unique)}


def _value_repr(error: dict[str, Any]) -> Localized:
    value = error.get("input")
    shown = f"{_shown(value)} " if isinstance(value, (str, int, float)) else ""
    bg, en = TERMS["value"]
    return {"bg": bg + shown, "en": en + shown}


def _shown(value: str | int | float) -> str:
    """A scalar as the user wrote it in YAML: text quoted, numbers and booleans bare."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(str(value)) if isinstance(value, str) else str(value)


def _one_diagnostic(where: Location, error: dict[str, Any]) -> Diagnostic:
    kind = error["type"]
    loc = error["loc"]
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return Diagnostic.found(where, "S102", "error", "S102", {"key": name})
    if kind == "extra_forbidden":
        hint = difflib.get_close_matches(name, _all_field_names(), n=1)
        if hint:
            return Diagnostic.found(where, "S103", "error", "S103.hint", {"key": name, "hint": hint[0]})
        return Diagnostic.found(where, "S103", "error", "S103", {"key": name})
    english = _one_line(str(error["msg"])).removeprefix("Value error, ").replace("Input should be", "should be")
    template = PYDANTIC.get(kind)
    bulgarian = template.format(**(error.get("ctx") or {})) if template else english
    value = error.get("input")
    if kind not in {"value_error", "assertion_error"} and isinstance(value, (str, int, float)):
        english += f" (got {_shown(value)})"
        bulgarian += f" (дадено: {_shown(value)})"
    return Diagnostic.found(where, "S101", "error", "S101", {"detail": {"bg": bulgarian, "en": english}})


@functools.cache
def _all_field_names() -> tuple[str, ...]:
    """Every key any strategy file may use, for 'did you mean' hints."""
    names: set[str] = set()
    pending: list[type[BaseModel]] = list(FILE_MODELS.values())
    seen: set[type[BaseModel]] = set()
    while pending:
        model = pending.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            names.add(name)
            pending.extend(_model_types(info.annotation))
    return tuple(sorted(names))


def _model_types(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _model_types(arg)
