"""Read one YAML document into plain data that remembers where every key and value is.

Validation reads every file of a strategy each time it runs, and parsing used to be
most of its time, so this reader parses each file once, in C: PyYAML's libyaml binding
(``CSafeLoader``) produces the parser events and the data is built from them here, in
one pass. Without libyaml, PyYAML's pure-Python parser produces the same events.

The data is built from events rather than from PyYAML's composed node tree because an
event says where each anchor, alias and tag was written, while the composer replaces
an alias by the anchored node and keeps neither. What a data file has no use for is
rejected at its own position: anchors and aliases (which can expand without bound),
tags outside the core schema (which could name Python objects), merge keys, integers
too long to convert, duplicate keys, nesting deeper than any strategy needs, and a
%YAML directive other than 1.2 (ruamel.yaml would have read YAML 1.1's booleans).

Scalars are resolved with the YAML 1.2 core schema exactly as ruamel.yaml's round-trip
loader resolves them, since that loader read these files before and still reads them
for ``socstrat fmt``: ``yes``, ``no``, ``on``, ``off`` are text; ``010`` is 10;
``0o17``, ``0x1F``, ``0b101`` are numbers and ``_`` inside a number is ignored;
``2016-01-01`` is a date. Only values pydantic rejected anyway read differently:
``!!str 12`` and ``=`` are text here, tagged-scalar objects in ruamel.yaml. Positions
are ruamel.yaml's too, so diagnostics stay where they were: an empty value (``key:``)
is placed at what follows it, as ruamel.yaml placed it, not after the colon.

Syntax errors are reported in the words of the pure-Python parser, which are
ruamel.yaml's: a text libyaml rejects is parsed again in Python. So is a text with a
tab (libyaml accepts one after ``key:``, the Python parser and ruamel.yaml do not) or
with a byte-order mark after its start (libyaml does not count it as a column). The
Python scanner is PyYAML's, changed to read ``?`` inside a flow scalar as libyaml and
ruamel.yaml do.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

CORE = "tag:yaml.org,2002:"
CORE_TAGS = frozenset(CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq"))
MAX_DIGITS = 4000
"""Longest number, in characters, that is converted at all (Python refuses 4 300 digits)."""
MAX_DEPTH = 100
"""Deepest nesting of collections; the bundled strategies need 12."""
MAX_NODES = 100_000
"""Most values (scalars and collections) in one file; the largest bundled file has about 3 000."""
MAX_ITEMS = 2_000
"""Most entries in one list or mapping; the largest bundled list has a few hundred."""
MAX_INTEGER = 2**53 - 1
"""Largest magnitude of an integer: what every JSON reader and spreadsheet holds exactly."""

FAST_LOADER: type | None = getattr(yaml, "CSafeLoader", None)


class _Scanner(yaml.scanner.Scanner):
    """PyYAML's scanner, except that a plain scalar in a flow collection may hold ``?``.

    libyaml and ruamel.yaml (YAML 1.2) read ``{text: Защо?}`` as text; PyYAML's
    Python scanner follows YAML 1.1 and stops the scalar at the ``?``.
    """

    def scan_plain(self) -> yaml.tokens.ScalarToken:
        chunks: list[str] = []
        start_mark = self.get_mark()
        end_mark = start_mark
        indent = self.indent + 1
        spaces: list[str] = []
        while True:
            length = 0
            if self.peek() == "#":
                break
            while True:
                ch = self.peek(length)
                if (
                    ch in "\0 \t\r\n\x85\u2028\u2029"
                    or (ch == ":" and self.peek(length + 1) in "\0 \t\r\n\x85\u2028\u2029" + (",[]{}" if self.flow_level else ""))
                    or (self.flow_level and ch in ",[]{}")
                ):
                    break
                length += 1
            if length == 0:
                break
            self.allow_simple_key = False
            chunks.extend(spaces)
            chunks.append(self.prefix(length))
            self.forward(length)
            end_mark = self.get_mark()
            spaces = self.scan_plain_spaces(indent, start_mark) or []
            if not spaces or self.peek() == "#" or (not self.flow_level and self.column < indent):
                break
        return yaml.tokens.ScalarToken("".join(chunks), True, start_mark, end_mark)


class _PythonLoader(yaml.reader.Reader, _Scanner, yaml.parser.Parser):
    """The pure-Python parser, for when libyaml is missing or rejects a text."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        _Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)


class YamlMapping(dict):
    """A mapping that knows where each of its keys and values starts (0-based line, column)."""

    __slots__ = ("positions",)

    def __init__(self) -> None:
        super().__init__()
        self.positions: dict[Any, tuple[int, int, int, int]] = {}

    def key_position(self, key: Any) -> tuple[int, int]:
        line, column, _, _ = self.positions[key]
        return line, column

    def value_position(self, key: Any) -> tuple[int, int]:
        _, _, line, column = self.positions[key]
        return line, column


class YamlSequence(list):
    """A sequence that knows where each of its items starts (0-based line, column)."""

    __slots__ = ("positions",)

    def __init__(self) -> None:
        super().__init__()
        self.positions: list[tuple[int, int]] = []

    def item_position(self, index: int) -> tuple[int, int]:
        return self.positions[index]


@dataclass(frozen=True)
class Problem:
    """Why a text cannot be read, at a 1-based line and column."""

    code: str
    message: str
    line: int = 1
    column: int = 1


def read_yaml(text: str, *, fast: bool = True) -> tuple[Any, list[Problem]]:
    """The data of the one document in ``text``, or the problems that prevent reading it.

    ``fast=False`` uses the pure-Python parser even when libyaml is available.
    """
    if fast and FAST_LOADER is not None and "\t" not in text and "\ufeff" not in text:
        try:
            return _Builder().build(text, FAST_LOADER)
        except (yaml.YAMLError, ValueError, RecursionError):
            pass
    builder = _Builder()
    try:
        return builder.build(text, _PythonLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [*builder.problems, _syntax_problem(exc)]
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = f"cannot parse YAML: unacceptable character #x{ord(character):04x}: {exc.reason}"
        return None, [*builder.problems, Problem("S001", message, line, column)]
    except yaml.YAMLError as exc:
        return None, [*builder.problems, Problem("S001", f"cannot parse YAML: {_one_line(str(exc))}", 1, 1)]
    except RecursionError:
        return None, [Problem("S006", "the file is nested too deeply to be read", 1, 1)]


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = _one_line(exc.problem or exc.context or "invalid YAML")
    context = ""
    if exc.context and exc.problem:
        opened = exc.context_mark
        if opened is not None and mark is not None and (opened.line, opened.column) != (mark.line, mark.column):
            context = f" ({_one_line(exc.context)} opened at line {opened.line + 1}, column {opened.column + 1})"
        else:
            context = f" ({_one_line(exc.context)})"
    return Problem("S001", f"YAML syntax error: {problem}{context}", line, column)


_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index``, counting line breaks as YAML does."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- building the data from events ---------------------------------------------------

_NO_KEY = object()


class _Frame:
    """A collection being filled: where it started and, for a mapping, the key awaiting its value."""

    __slots__ = ("block", "column", "container", "key", "key_column", "key_line", "line")

    def __init__(self, container: YamlMapping | YamlSequence, line: int, column: int, block: bool) -> None:
        self.container = container
        self.line = line
        self.column = column
        self.block = block
        self.key: Any = _NO_KEY
        self.key_line = 0
        self.key_column = 0


class _Builder:
    """Builds the data of one document from parser events, collecting every problem."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.text = ""
        self.fast = False
        self._lines: list[str] | None = None

    def build(self, text: str, loader_class: type) -> tuple[Any, list[Problem]]:
        self.text = text
        self.fast = loader_class is not _PythonLoader
        loader = loader_class(text)
        try:
            root = self._walk(loader)
        finally:
            loader.dispose()
        if self.problems:
            return None, self.problems
        return root, []

    def _walk(self, loader: Any) -> Any:
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        nodes = 0
        empty_value: tuple[Any, Any] | None = None
        while True:
            event = loader.get_event()
            if event is None:
                return root
            kind = event.__class__
            mark = event.start_mark
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                nodes += 1
                if nodes > MAX_NODES:
                    self._problem("S006", f"the file holds more than {MAX_NODES} values, the most a strategy file may hold", mark)
                    return None
                if stack and len(stack[-1].container) >= MAX_ITEMS:
                    frame = stack[-1]
                    kind_name = "mapping" if isinstance(frame.container, YamlMapping) else "list"
                    self._problem("S006", f"a {kind_name} of more than {MAX_ITEMS} entries is not allowed", mark)
                    return None
            if empty_value is not None:
                self._place_empty_value(*empty_value, event)
                empty_value = None
            if kind is ScalarEvent:
                # Most scalars are plain or quoted text with neither tag nor anchor: resolved here
                # without the checks of _scalar (a double-quoted one may still escape a surrogate).
                if event.tag is None and event.anchor is None and event.style != '"':
                    try:
                        value = _resolve_plain(event.value) if event.implicit[0] else event.value
                    except ValueError:  # a number out of range, a merge key: _scalar says so
                        value = self._scalar(event)
                else:
                    value = self._scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._check_node(event)
                is_mapping = kind is MappingStartEvent
                self._check_collection_tag(event, "mapping" if is_mapping else "sequence")
                if len(stack) >= MAX_DEPTH:
                    self._problem("S006", f"nesting deeper than {MAX_DEPTH} levels is not allowed", mark)
                    return None
                container = YamlMapping() if is_mapping else YamlSequence()
                stack.append(_Frame(container, mark.line, mark.column, not event.flow_style))
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                value = frame.container
                if not stack:
                    root = value
                    continue
                self._place(stack[-1], value, frame.line, frame.column)
                continue
            elif kind is AliasEvent:
                self._problem("S006", "aliases (*name) are not allowed: write the value out", mark)
                value = None
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self._problem("S001", "YAML syntax error: but found another document (expected a single document in the stream)", mark)
                    return None
                if event.version is not None and event.version != (1, 2):
                    version = ".".join(map(str, event.version))
                    self._problem("S006", f"the %YAML {version} directive is not supported: files are read as YAML 1.2", mark)
                continue
            else:
                continue
            if not stack:
                root = value
                continue
            frame = stack[-1]
            if value is None and frame.key is not _NO_KEY and kind is ScalarEvent and event.value == "" and event.tag is None:
                if frame.block:
                    empty_value = (frame.container, frame.key)
                elif self.fast:
                    self._place(frame, value, *self._after_colon(mark.line, mark.column))
                    continue
            container = frame.container
            if frame.key is _NO_KEY and container.__class__ is YamlMapping and value.__class__ is str:
                frame.key = value
                frame.key_line, frame.key_column = mark.line, mark.column
            else:
                self._place(frame, value, mark.line, mark.column)

    def _place(self, frame: _Frame, value: Any, line: int, column: int) -> None:
        container = frame.container
        if isinstance(container, YamlSequence):
            container.append(value)
            container.positions.append((line, column))
        elif frame.key is _NO_KEY:
            if isinstance(value, (YamlMapping, YamlSequence)):
                kind = "mapping" if isinstance(value, YamlMapping) else "list"
                self.problems.append(Problem("S006", f"a {kind} cannot be a key: keys are text or numbers", line + 1, column + 1))
            frame.key = _hashable(value)
            frame.key_line, frame.key_column = line, column
        else:
            key = frame.key
            frame.key = _NO_KEY
            if key in container:
                message = f'found duplicate key "{key}" with value "{value}" (original value: "{container[key]}")'
                self.problems.append(Problem("S002", _one_line(message), frame.key_line + 1, frame.key_column + 1))
                return
            container[key] = value
            container.positions[key] = (frame.key_line, frame.key_column, line, column)

    def _place_empty_value(self, mapping: YamlMapping, key: Any, following: Any) -> None:
        """Put an empty value written ``key:`` where ruamel.yaml put it.

        The parser places it just after the colon. ruamel.yaml places it at the start of
        what follows (the next key, or where the mapping ends), except before a next key
        when a comment follows the colon; an explicit next key (``? k``) starts after its
        ``?``.
        """
        positions = mapping.positions.get(key)
        if positions is None:
            return
        key_line, key_column, line, column = positions
        lines = self._text_lines()
        text = lines[line] if line < len(lines) else ""
        if column == 0 or text[column - 1 : column] != ":":
            return
        next_line, next_column = following.start_mark.line, following.start_mark.column
        if following.__class__ is not MappingEndEvent:
            if text[column:].lstrip(" ").startswith("#"):
                return
            before = lines[next_line][:next_column].rstrip(" ") if next_line < len(lines) else ""
            if before.endswith("?") and not before[:-1].strip(" "):
                next_column = len(before)
        mapping.positions[key] = (key_line, key_column, next_line, next_column)

    def _after_colon(self, line: int, column: int) -> tuple[int, int]:
        """Where the pure-Python parser puts an empty value in a flow mapping: after its colon.

        libyaml puts it at the token that follows (``,`` or ``}``).
        """
        lines = self._text_lines()
        row, text = line, lines[line][:column] if line < len(lines) else ""
        while not text.strip(" ") and row > 0:
            row -= 1
            text = lines[row]
        text = text.rstrip(" ")
        return (row, len(text)) if text.endswith(":") else (line, column)

    def _text_lines(self) -> list[str]:
        if self._lines is None:
            self._lines = _BREAK.split(self.text)
        return self._lines

    def _problem(self, code: str, message: str, mark: Any) -> None:
        self.problems.append(Problem(code, message, mark.line + 1, mark.column + 1))

    def _check_node(self, event: Any) -> None:
        if event.anchor is not None:
            self._problem("S006", "anchors (&name) are not allowed: write the value out", event.start_mark)
        tag = event.tag
        if tag is not None and tag != "!" and tag not in CORE_TAGS:
            self._problem("S006", f"the tag {tag} is not allowed", event.start_mark)

    def _check_collection_tag(self, event: Any, found: str) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag not in CORE_TAGS:
            return
        wanted = {CORE + "map": "mapping", CORE + "seq": "sequence"}.get(tag, "scalar")
        if wanted != found:
            self._problem("S001", f"YAML syntax error: expected a {wanted} node, but found {found}", event.start_mark)

    def _scalar(self, event: Any) -> Any:
        self._check_node(event)
        text = event.value
        tag = event.tag
        if event.style == '"' and _SURROGATE.search(text):
            found = _SURROGATE.search(text)
            assert found is not None
            self._problem("S005", f"the escape of a lone surrogate (U+{ord(found.group()):04X}) is not a character; write the character itself", event.start_mark)
            return text
        try:
            if tag is None or tag == "!":
                return _resolve_plain(text) if event.implicit[0] else text
            if tag not in CORE_TAGS:
                return text
            name = tag[len(CORE) :]
            if name in ("map", "seq"):
                wanted = "mapping" if name == "map" else "sequence"
                self._problem("S001", f"YAML syntax error: expected a {wanted} node, but found scalar", event.start_mark)
                return text
            return _CONSTRUCTORS[name](text)
        except _NotFinite:
            self._problem("S006", f"{text} is not a finite number: write the number, or leave the value empty", event.start_mark)
        except _TooLarge:
            self._problem("S006", f"the number {_abbreviated(text)} is too large: numbers are limited to ±{MAX_INTEGER}", event.start_mark)
        except _TooLong:
            self._problem("S006", f"a number of {len(text)} digits is too long", event.start_mark)
        except _MergeKey:
            self._problem("S006", "merge keys (<<) are not allowed: write the keys out", event.start_mark)
        except ValueError as exc:
            self._problem("S001", f"cannot parse YAML: {_one_line(str(exc))}", event.start_mark)
        return text


def _hashable(key: Any) -> Any:
    """A collection used as a mapping key, as a tuple (ruamel.yaml makes it a key-sequence)."""
    if isinstance(key, dict):
        return tuple((_hashable(k), _hashable(v)) for k, v in key.items())
    if isinstance(key, list):
        return tuple(_hashable(item) for item in key)
    return key


# --- scalars: the YAML 1.2 core schema, as ruamel.yaml's round-trip loader reads it ---


class _TooLong(ValueError):
    pass


class _MergeKey(ValueError):
    pass


class _NotFinite(ValueError):
    pass


class _TooLarge(ValueError):
    pass


def _abbreviated(text: str) -> str:
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]} ({len(text)} characters)"


_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FLOAT = re.compile(
    r"""^(?:
     [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$""",
    re.VERBOSE,
)
_INT = re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TIMESTAMP = re.compile(
    r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
    (?:[Tt]|[ \t]+)[0-9][0-9]?
    :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
    (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
    re.VERBOSE,
)
_TIMESTAMP_PARTS = re.compile(
    r"""^(?P<year>[0-9][0-9][0-9][0-9])
    -(?P<month>[0-9][0-9]?)
    -(?P<day>[0-9][0-9]?)
    (?:((?P<t>[Tt])|[ \t]+)
    (?P<hour>[0-9][0-9]?)
    :(?P<minute>[0-9][0-9])
    :(?P<second>[0-9][0-9])
    (?:\.(?P<fraction>[0-9]*))?
    (?:[ \t]*(?P<tz>Z|(?P<tz_sign>[-+])(?P<tz_hour>[0-9][0-9]?)
    (?::(?P<tz_minute>[0-9][0-9]))?))?)?$""",
    re.VERBOSE,
)
_NUMBER_START = frozenset("-+0123456789.")


def _resolve_plain(text: str) -> Any:
    """The value of a plain scalar: ruamel.yaml's YAML 1.2 resolvers, tried in its order."""
    first = text[:1]
    if first in _NUMBER_START and first:
        if _FLOAT.match(text):
            return _float(text)
        if first != "." and _INT.match(text):
            return _int(text)
        if first.isdigit() and _TIMESTAMP.match(text):
            return _timestamp(text)
        return text
    if first in "tTfF" and first:
        return _bool(text) if _BOOL.match(text) else text
    if first in "~nN" and _NULL.match(text):
        return None
    if text == "<<":
        raise _MergeKey(text)
    return text


def _int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise _TooLong(text)
    digits = text.replace("_", "")
    sign = 1
    if digits[:1] in ("+", "-") and digits:
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:]
    for prefix, base in (("0b", 2), ("0x", 16), ("0o", 8)):
        if digits.startswith(prefix):
            value = int(digits[2:], base)
            break
    else:
        value = int(digits)
    if value > MAX_INTEGER:
        raise _TooLarge(text)
    return sign * value


def _float(text: str) -> float:
    digits = text.replace("_", "").lower()
    sign = 1
    if digits[:1] in ("+", "-") and digits:
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:]
    if digits in (".inf", ".nan"):
        raise _NotFinite(text)
    if len(digits) > MAX_DIGITS:
        raise _TooLong(text)
    value = float(digits)
    if not math.isfinite(value):
        raise _NotFinite(text)
    return sign * value


_BOOLS = {"yes": True, "no": False, "y": True, "n": False, "true": True, "false": False, "on": True, "off": False}


def _bool(text: str) -> bool:
    try:
        return _BOOLS[text.lower()]
    except KeyError:
        raise ValueError(f"{text!r} is not a boolean") from None


def _timestamp(text: str) -> datetime.date:
    found = _TIMESTAMP_PARTS.match(text)
    if found is None:
        raise ValueError(f'failed to construct timestamp from "{text}"')
    parts = found.groupdict()
    year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
    if parts["hour"] is None:
        return datetime.date(year, month, day)
    fraction = parts["fraction"] or ""
    microseconds = int(fraction[:6].ljust(6, "0")) if fraction else 0
    if len(fraction) > 6 and int(fraction[6]) > 4:
        microseconds += 1
    carry = microseconds > 999_999
    tzinfo = None
    if parts["tz_sign"]:
        offset = datetime.timedelta(hours=int(parts["tz_hour"]), minutes=int(parts["tz_minute"] or 0))
        tzinfo = datetime.timezone(-offset if parts["tz_sign"] == "-" else offset, name=parts["tz"])
    elif parts["tz"] == "Z":
        tzinfo = datetime.timezone(datetime.timedelta(0), name="Z")
    value = datetime.datetime(
        year, month, day, int(parts["hour"]), int(parts["minute"]), int(parts["second"]), 0 if carry else microseconds, tzinfo
    )
    return value + datetime.timedelta(seconds=1) if carry else value


_CONSTRUCTORS: dict[str, Callable[[str], Any]] = {
    "str": str,
    "int": _int,
    "float": _float,
    "bool": _bool,
    "null": lambda text: None,
}
