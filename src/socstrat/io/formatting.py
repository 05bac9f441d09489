"""The canonical layout of strategy YAML files, and a rewrite into it that loses nothing.

The layout is the one the bundled data is written in, so that formatting it is a no-op
and a pull request's diff shows edits, not reflowed text:

- keys in the order of the model's fields; keys the model does not know follow them;
- 2-space indentation; a sequence is indented under its key (``key:`` / ``  - item``);
- no line wrapping: a sentence of the source stays on one line, so an edit is one line;
- strings plain where YAML allows; a string that needs quotes, or that its author
  quoted, is double-quoted; block scalars (``|``, ``>``) stay block scalars;
- flow collections (``{…}``, ``[…]``) stay flow, block collections stay block;
- an empty value is written ``null``;
- every comment is kept with its text and indentation; when keys are reordered, the
  comment lines above a key move with it.

Rewriting goes through ruamel.yaml's round-trip mode, which keeps comments; the fast
reader that validation uses does not, so a file is read twice: first by
:func:`loading.parse_bytes`, for the same diagnostics ``validate`` gives, then by
ruamel.yaml. The result is re-read and compared with the input, values and comments,
before anything is written.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import io
import os
import re
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.emitter import RoundTripEmitter
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.tokens import CommentToken, ScalarToken

from socstrat.i18n.catalog import reader_detail
from socstrat.io.loading import YAML_SUFFIXES, known_files, list_strategy, monitoring_folder, parse_bytes, read_regular_file
from socstrat.io.writing import RefusedWrite, write_text_atomically
from socstrat.lint.diagnostics import Diagnostic, Location, Severity
from socstrat.model import FILE_MODELS, MONITORING_DIR, MonitoringFile


class _Emitter(RoundTripEmitter):
    """Writes double quotes wherever ruamel.yaml would write single quotes."""

    def choose_scalar_style(self) -> Any:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


class _Representer(RoundTripRepresenter):
    """Writes ``null`` for an empty value, where round-trip mode would leave it blank."""

    def represent_none(self, data: Any) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:null", "null")


_Representer.add_representer(type(None), _Representer.represent_none)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Emitter = _Emitter
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000
    yaml.allow_unicode = True
    return yaml


# --- formatting text -----------------------------------------------------------------


class FormattingError(Exception):
    """The rewrite would change a value or drop a comment; the file is left alone.

    ``line`` and ``column`` (1-based) say where in the file the trouble is.
    """

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


LOST_COMMENT = (
    "fmt cannot keep this comment where it is (a comment inside a flow collection, [ ] or { }, or after the "
    "document end '...'); the file is left unformatted: move the comment to a line of its own in block layout"
)


def format_text(text: str, model: type[BaseModel] | None = None) -> str:
    """Return ``text`` in the canonical layout; ``model`` orders the keys.

    The text must be YAML that :func:`loading.parse_bytes` accepts. Raises
    :class:`FormattingError` if the result would not hold the same values and comments.
    """
    return _rewrite(text, _yaml().load(text), model)


def _rewrite(text: str, data: Any, model: type[BaseModel] | None) -> str:
    """Dump ``data``, loaded from ``text``, in the canonical layout, and check what changed."""
    _canonicalise(data, model, functools.partial(_place_above_collection, data))
    stream = io.StringIO()
    _yaml().dump(data, stream)
    formatted = stream.getvalue()
    if formatted == text:
        return formatted
    if _values(formatted) != _values(text):
        raise FormattingError("fmt cannot rewrite this file without changing a value; the file is left unformatted")
    kept = sorted(_comments(formatted))
    if kept != sorted(_comments(text)):
        remaining = list(kept)
        for comment, line, column in _located_comments(text):
            if comment in remaining:
                remaining.remove(comment)
            else:
                raise FormattingError(LOST_COMMENT, line, column)
        raise FormattingError("fmt cannot rewrite this file without changing a comment; the file is left unformatted")
    return formatted


def _values(text: str) -> Any:
    """The data of a document, with every scalar's type kept and mapping order ignored."""

    def plain(node: Any) -> Any:
        if isinstance(node, dict):
            return sorted((repr(plain(k)), repr(plain(v))) for k, v in node.items())
        if isinstance(node, list):
            return [plain(item) for item in node]
        return (type(node).__name__, node)

    return plain(YAML(typ="safe", pure=True).load(text))


def _comments(text: str) -> list[str]:
    """Every comment of a YAML document, in order, without its indentation."""
    return [comment for comment, _, _ in _located_comments(text)]


def _located_comments(text: str) -> list[tuple[str, int, int]]:
    """Every comment of a YAML document with its 1-based line and column."""
    masked = list(text)
    for token in YAML(typ="rt").scan(text):
        if isinstance(token, ScalarToken):
            start, end = token.start_mark.index, token.end_mark.index
            masked[start:end] = " " * (end - start)
    found = []
    for m in re.finditer(r"(?:^|(?<=[ \t]))(#[^\n]*)", "".join(masked), re.MULTILINE):
        line_start = text.rfind("\n", 0, m.start(1)) + 1
        found.append((m.group(1), text.count("\n", 0, m.start(1)) + 1, m.start(1) - line_start + 1))
    return found


# --- key order -----------------------------------------------------------------------


def _canonicalise(node: Any, annotation: Any, place_above: Callable[[str], None]) -> None:
    """Put every mapping that a model describes into the model's field order.

    ``place_above`` puts comment lines above ``node``; where ruamel.yaml keeps such
    lines depends on what precedes the node, which only the parent knows.
    """
    if isinstance(node, CommentedMap):
        model = next(_members(annotation, BaseModel), None)
        fields = model.model_fields if model is not None else {}
        if model is not None:
            _reorder(node, list(fields), place_above)
        values = next(_members(annotation, dict), None)
        for key, value in node.items():
            if model is not None:
                child = fields[key].annotation if key in fields else None
            else:
                child = typing.get_args(values)[1] if values is not None else None
            _canonicalise(value, child, functools.partial(_place_above_value, node, key))
    elif isinstance(node, CommentedSeq):
        items = next(_members(annotation, list), None)
        for i, item in enumerate(node):
            place = place_above if i == 0 else functools.partial(_attach_following_lines, node, i - 1)
            _canonicalise(item, typing.get_args(items)[0] if items is not None else None, place)


def _members(annotation: Any, kind: type) -> Iterator[Any]:
    """The alternatives of a (possibly annotated, optional or union) type that are ``kind``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        yield from _members(typing.get_args(annotation)[0], kind)
    elif origin is typing.Union or origin is types.UnionType:
        for arg in typing.get_args(annotation):
            yield from _members(arg, kind)
    elif origin is kind:
        yield annotation
    elif isinstance(annotation, type) and issubclass(annotation, kind) and origin is None:
        yield annotation


def _reorder(mapping: CommentedMap, order: list[str], place_above: Callable[[str], None]) -> None:
    """Reorder keys; comment lines above a key move with it.

    ruamel.yaml stores the comment lines between two keys after the end of the first
    key's value (or, after a flow collection, before the second key), so they are
    detached first and re-attached after the key that now precedes their key, or above
    the mapping if their key now comes first. Lines above the mapping and below its
    last key stay in place.
    """
    keys = list(mapping)
    rank = {name: i for i, name in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (0, rank[k]) if k in rank else (1, keys.index(k)))
    if wanted == keys:
        return
    above = {keys[0]: ""} | {key: _detach_following_lines(mapping, previous) for previous, key in zip(keys, keys[1:])}
    for key in keys:
        above[key] += _detach_leading_lines(mapping, key)
    below = _detach_following_lines(mapping, keys[-1])
    for key in wanted:
        mapping.move_to_end(key)
    for previous, key in zip(wanted, wanted[1:]):
        _attach_following_lines(mapping, previous, above[key])
    _attach_following_lines(mapping, wanted[-1], below)
    if above[wanted[0]]:
        place_above(above[wanted[0]])


def _tail(container: CommentedMap | CommentedSeq, key: Any) -> tuple[CommentedMap | CommentedSeq, Any]:
    """The innermost last entry of ``container[key]``: where ruamel.yaml keeps what follows it."""
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value) and not value.fa.flow_style():
        return _tail(value, list(value)[-1] if isinstance(value, CommentedMap) else len(value) - 1)
    return container, key


def _slot(container: CommentedMap | CommentedSeq) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _detach_following_lines(container: CommentedMap | CommentedSeq, key: Any) -> str:
    """Remove and return the full comment lines after ``key``'s value, keeping its end-of-line comment."""
    holder, last = _tail(container, key)
    entry = holder.ca.items.get(last)
    token = entry[_slot(holder)] if entry else None
    if token is None:
        return ""
    own_line, _, following = token.value.partition("\n")
    token.value = own_line + "\n"
    return following


def _detach_leading_lines(mapping: CommentedMap, key: Any) -> str:
    """Remove and return the comment lines that ruamel.yaml keeps before ``key`` itself."""
    entry = mapping.ca.items.get(key)
    tokens = entry[1] if entry else None
    if not tokens:
        return ""
    entry[1] = None
    return "".join(" " * token.start_mark.column + token.value for token in tokens)


def _attach_following_lines(container: CommentedMap | CommentedSeq, key: Any, lines: str) -> None:
    if not lines:
        return
    holder, last = _tail(container, key)
    entry = holder.ca.items.setdefault(last, [None, None, None, None])
    token = entry[_slot(holder)]
    if token is None:
        entry[_slot(holder)] = CommentToken("\n" + lines, CommentMark(0), None)
    else:
        token.value = token.value + lines


def _place_above_collection(collection: CommentedMap, lines: str) -> None:
    """Add comment lines above the first key of the document, after its header comments."""
    if collection.ca.comment is None:
        collection.ca.comment = [None, None]
    if collection.ca.comment[1] is None:
        collection.ca.comment[1] = []
    collection.ca.comment[1].append(CommentToken(lines, CommentMark(0), None))


def _place_above_value(mapping: CommentedMap, key: Any, lines: str) -> None:
    """Add comment lines between ``key:`` and the first entry of its (block) value.

    When the key has comments of its own, ruamel.yaml prints them in place of the
    value's, so the lines go there: after the comment on the ``key:`` line if there
    is one, else among the lines above the value.
    """
    entry = mapping.ca.items.get(key)
    if entry is None:
        value = mapping[key]
        if value.ca.comment is None:
            value.ca.comment = [None, None]
        entry = mapping.ca.items[key] = [None, None, value.ca.comment[0], value.ca.comment[1]]
    if entry[2] is not None:
        entry[2].value = entry[2].value + lines
    else:
        entry[3] = [*(entry[3] or []), CommentToken(lines, CommentMark(0), None)]


# --- files ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FileFormat:
    """One file: its text as read and as formatted, or why it could not be formatted.

    ``diagnostics`` say what is wrong with the file, or (S009) why fmt left a readable
    file alone because the rewrite would have lost something. ``target`` is where the
    text is written: the file itself, or the target of a link inside its directory.
    """

    path: Path
    original: str = ""
    formatted: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    target: Path | None = None

    @property
    def changed(self) -> bool:
        return not self.diagnostics and self.formatted != self.original

    def diff(self) -> str:
        """A unified diff from the file as read to the file as formatted (CRLF shown as line ends)."""
        return "".join(
            difflib.unified_diff(
                self.original.replace("\r\n", "\n").splitlines(keepends=True),
                self.formatted.replace("\r\n", "\n").splitlines(keepends=True),
                fromfile=str(self.path),
                tofile=f"{self.path} (formatted)",
            )
        )


@dataclass(frozen=True)
class FormatRun:
    """The outcome of formatting several paths."""

    files: list[FileFormat]
    unreadable: list[Diagnostic]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.unreadable + [d for f in self.files for d in f.diagnostics]

    @property
    def changed(self) -> list[FileFormat]:
        return [f for f in self.files if f.changed]

    def exit_code(self, *, check: bool) -> int:
        """2 when a path cannot be read or written (S004), 1 for a finding about a file (bad YAML,
        a file fmt cannot keep, a link out of the directory) or (with ``check``) a file that would change, else 0.

        These agree with ``validate``: a ``strategy.yaml`` that cannot be read is 2 in both.
        """
        if any(d.code == "S004" for d in self.diagnostics):
            return 2
        return 1 if any(d.severity == "error" for d in self.diagnostics) or (check and self.changed) else 0

    def summary(self, *, check: bool, lang: str = "en") -> str:
        """One line: how many files changed (or would), how many were already formatted."""
        from socstrat.i18n.catalog import label

        changed = len(self.changed)
        unchanged = sum(1 for f in self.files if not f.changed and not f.diagnostics)
        failed = len(self.files) - changed - unchanged
        if lang == "en":
            verb = "would be reformatted" if check else "reformatted"
            line = f"{changed} file{'s' if changed != 1 else ''} {verb}, {unchanged} already formatted"
            return line + (f", {failed} not formatted" if failed else "")
        line = label("fmt.would" if check else "fmt.did", lang).format(changed=changed, unchanged=unchanged)
        return line + (label("fmt.failed", lang).format(failed=failed) if failed else "")


def parse_roundtrip(path: Path, target: Path | None = None) -> tuple[str, Any, list[Diagnostic]]:
    """The text of a file and its round-trip data (comments kept), or why it cannot be read.

    The file is checked by the validation reader first, so that ``fmt`` refuses what
    ``validate`` refuses (anchors, tags, duplicate keys, …) with the same diagnostics.
    ``target`` is the file to open when ``path`` is a link inside its directory.
    """
    raw, problem, _ = read_regular_file(target or path, path)
    if problem is not None:
        return "", None, [problem]
    assert raw is not None
    source, problems = parse_bytes(raw, str(path), path.stem)
    if source is None:
        return "", None, problems
    original = raw.decode("utf-8")
    lone_cr = re.search("\r(?!\n)", original)
    if lone_cr is not None:
        line = original.count("\n", 0, lone_cr.start()) + original.count("\r", 0, lone_cr.start()) + 1
        message = "fmt cannot keep line breaks that are a lone CR (carriage return); save the file with LF or CRLF line breaks"
        return "", None, [_at(Location(file=str(path), line=line), "S009", "error", message)]
    try:
        return original, _yaml().load(_unix(original).removeprefix("\ufeff")), []
    except (YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = Location(file=str(path), line=mark.line + 1, column=mark.column + 1) if mark is not None else Location(file=str(path))
        message = f"fmt cannot read this file: {' '.join(str(getattr(exc, 'problem', None) or exc).split())}"
        return "", None, [_at(where, "S009", "error", message)]


def _at(where: Location, code: str, severity: Severity, message: str) -> Diagnostic:
    """A diagnostic of ``fmt`` told in both languages (``reader_detail`` knows its messages)."""
    return Diagnostic.found(where, code, severity, "reader", {"detail": reader_detail(message)})


def file_model(path: Path) -> type[BaseModel] | None:
    """The model of a strategy file: by its stem, or a monitoring file by its directory or its name.

    A file named after a year (``2016.yaml``) is a monitoring file wherever it is, so that a
    monitoring directory kept apart from its strategy (``validate --monitoring DIR``) formats
    without S007 warnings.
    """
    if path.parent.name == MONITORING_DIR or (path.stem.isdigit() and len(path.stem) == 4):
        return MonitoringFile
    return FILE_MODELS.get(path.stem)


def _unix(text: str) -> str:
    return text.replace("\r\n", "\n")


_DIRECTIVE = re.compile(r"\A\ufeff?((?:#[^\n]*\n|[ \t]*\n)*)(%YAML 1\.2[ \t]*\n)")


def format_file(path: Path, target: Path | None = None) -> FileFormat:
    """Format one file in memory; a file that cannot be parsed or kept gets diagnostics instead.

    A CRLF file stays CRLF, and a ``%YAML 1.2`` directive is kept.
    """
    original, data, problems = parse_roundtrip(path, target)
    if problems:
        return FileFormat(path=path, diagnostics=problems, target=target)
    text = _unix(original).removeprefix("\ufeff")
    try:
        formatted = _rewrite(text, data, file_model(path))
    except FormattingError as exc:
        problem = _at(Location(file=str(path), line=exc.line, column=exc.column), "S009", "error", str(exc))
        return FileFormat(path=path, original=original, diagnostics=[problem], target=target)
    directive = _DIRECTIVE.match(text)
    if directive is not None and not formatted.startswith("%YAML"):
        formatted = f"%YAML 1.2\n---\n{formatted}"
    if original.startswith("\ufeff"):
        formatted = "\ufeff" + formatted
    if "\r\n" in original:
        formatted = formatted.replace("\n", "\r\n")
    return FileFormat(path=path, original=original, formatted=formatted, target=target)


def format_paths(paths: Iterable[Path], *, write: bool) -> FormatRun:
    """Format files and the YAML files of strategy directories; ``write`` rewrites changed files.

    A link inside a strategy directory is formatted through: its target is rewritten in
    place and the link stays a link. Files are written only where
    :func:`write_text_atomically` allows (regular, writable, owner kept, hard links kept).
    """
    files: list[FileFormat] = []
    unreadable: list[Diagnostic] = []
    for path in paths:
        targets, problems = _yaml_files(path)
        unreadable.extend(problems)
        for shown, target in targets:
            result = format_file(shown, target)
            if write and result.changed:
                try:
                    write_text_atomically(target, result.formatted)
                except OSError as exc:
                    code = "S008" if isinstance(exc, RefusedWrite) else "S004"
                    problem = _at(Location(file=str(shown)), code, "error", f"cannot write the file: {exc.strerror}")
                    result = dataclasses.replace(result, diagnostics=[problem])
            files.append(result)
    return FormatRun(files=files, unreadable=unreadable)


def _yaml_files(path: Path) -> tuple[list[tuple[Path, Path]], list[Diagnostic]]:
    """(path shown, path to open and write) of each file to format, and why others are not formatted.

    A directory is listed as the loader lists a strategy (links must stay inside it), with
    its ``monitoring/`` files when that folder is inside it (:func:`monitoring_folder`), so
    ``fmt`` never writes outside the strategy; its YAML files that validate does not read get validate's
    S007 warning, so that both commands agree on them. A file named on the command line
    must be a YAML file, and a regular file or a link to one in its own directory.
    """
    where = Location(file=str(path))
    try:
        is_directory = path.is_dir()
        exists = is_directory or os.path.lexists(path)
    except (OSError, ValueError) as exc:
        return [], [_at(where, "S004", "error", f"cannot read the path: {getattr(exc, 'strerror', None) or exc}")]
    if path.name == MONITORING_DIR and (is_directory or exists):
        folder, refused, _ = monitoring_folder(path.parent)
        if folder is None and refused:
            return [], refused
    if is_directory:
        listing = list_strategy(path)
        if listing.files is None:
            return [], listing.diagnostics
        found = [(path / name, target) for name, target in sorted(listing.files.items())]
        problems = list(listing.diagnostics)
        folder, refused, _ = monitoring_folder(path)
        problems += refused
        if folder is not None:
            monitoring = list_strategy(folder)
            problems += monitoring.diagnostics
            found += [(folder / name, target) for name, target in sorted((monitoring.files or {}).items())]
        if not found and not problems:
            return [], [_at(where, "S004", "error", "no .yaml files in this directory; give strategy directories or files")]
        known = [(shown, target) for shown, target in found if file_model(shown) is not None and shown.suffix == ".yaml"]
        problems += [
            Diagnostic.found(Location(file=str(shown)), "S007", "warning", "S007", {"known": known_files()})
            for shown, _ in found if (shown, _) not in known
        ]
        return known, problems
    if not exists:
        return [], [_at(where, "S004", "error", "no such file or directory")]
    if not path.name.endswith(YAML_SUFFIXES):
        return [], [_at(where, "S004", "error", "not a YAML file (.yaml or .yml): not formatted")]
    if path.parent.name == MONITORING_DIR:
        folder, refused, _ = monitoring_folder(path.parent.parent)
        if folder is None and refused:
            return [], refused
    around = list_strategy(path.parent)
    if around.files is not None:
        if path.name in around.files:
            return [(path, around.files[path.name])], []
        mine = [d for d in around.diagnostics if Path(d.file).name == path.name]
        return [], mine or [_at(where, "S004", "error", "not a file that can be formatted")]
    try:
        if path.is_symlink() or not path.is_file():
            return [], [_at(where, "S008", "error", "not formatted: not a regular file")]
    except OSError as exc:
        return [], [_at(where, "S004", "error", f"cannot read the path: {exc.strerror}")]
    return [(path, path)], []
