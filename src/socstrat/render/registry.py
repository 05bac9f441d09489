"""Output formats: for each kind of result, the formats it can be written in.

A renderer module registers each of its formats with :func:`renderer`; the CLI takes
its ``--format`` choices from :func:`formats` and writes with :func:`write`. Adding a
format is one decorated function in the renderer module of its result kind, plus its
name in :data:`FORMAT_NAMES`. The names are declared here because every command's
``--format`` choices are needed to build the command line, even for ``--help``, and
importing the renderer modules for them would import the models, the analyses and
pydantic; the decorators refuse a name that is not declared, and a test checks that
each declared name is registered.

Most formats are text for a stream (:func:`renderer`). A format that is files rather
than text (an XLSX workbook, a directory of CSV files with a data package) registers
with :func:`file_renderer` instead: its function gets a target path, writes there and
returns the paths it wrote. Both kinds share one list of format names, so
``--format`` offers them together; :func:`writes_files` tells a command which it has. Renderer modules import only what their result needs at import time,
so that listing the formats of a command stays fast.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, TypeVar

RENDERER_MODULES: dict[str, str] = {
    "validation": "socstrat.render.validation",
    "rules": "socstrat.render.rules",
    "export": "socstrat.render.export",
    "deltas": "socstrat.render.deltas",
    "diff": "socstrat.render.diff",
    "report": "socstrat.render.report.formats",
    "compare": "socstrat.render.compare",
    "progress": "socstrat.render.progress",
    "plan": "socstrat.render.plan",
    "config": "socstrat.render.config",
}
"""Result kind → the module whose decorated functions are its formats."""

FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    "validation": ("text", "json", "github", "sarif"),
    "rules": ("text", "md", "json"),
    "export": ("json", "csv", "xlsx", "datapackage"),
    "deltas": ("table", "md", "csv", "json", "xlsx"),
    "diff": ("text", "md", "json"),
    "report": ("html", "md", "docx"),
    "compare": ("table", "md", "json", "csv", "xlsx", "html"),
    "progress": ("table", "md", "csv", "json"),
    "plan": ("html", "md", "json", "docx", "xlsx"),
    "config": ("text", "json"),
}
"""Result kind → its format names, in the order listings show them; known without importing the renderers."""


def _declared(kind: str, name: str) -> None:
    if name not in FORMAT_NAMES.get(kind, ()):
        raise ValueError(f"format {name!r} of {kind!r} results is not declared in FORMAT_NAMES")


@dataclass(frozen=True)
class Options:
    """What a renderer may need besides the result: the language, the stream it writes to, and variants."""

    lang: str = "bg"
    stream: IO[str] | None = None
    colour: bool = False
    excel: bool = False
    """CSV for a spreadsheet: UTF-8 with a byte-order mark, ``;`` separators, headers and codes in ``lang``."""
    min_severity: str = "info"
    """The least severe finding a human format (text, GitHub annotations) lists; counts still cover every finding."""
    show_acknowledged: bool = False
    """Text lists acknowledged findings too; without it they are counted in the summary line only."""


Render = Callable[[Any, Options], str]
RenderT = TypeVar("RenderT", bound=Callable[[Any, Options], Any])
WriteFiles = Callable[[Any, Options, Path], list[Path]]
WriteT = TypeVar("WriteT", bound=WriteFiles)

_FORMATS: dict[str, dict[str, Render | WriteFiles]] = {}
_FILE_FORMATS: set[tuple[str, str]] = set()
_BINARY: dict[str, dict[str, Callable[[Any, Options], bytes]]] = {}


def renderer(kind: str, name: str, *, binary: bool = False) -> Callable[[RenderT], RenderT]:
    """Register the decorated function as format ``name`` of results of ``kind``.

    A ``binary`` format (a Word or Excel file) returns bytes; :func:`render_bytes` gives
    any format as bytes, text formats encoded as UTF-8.
    """

    _declared(kind, name)

    def decorate(function: RenderT) -> RenderT:
        (_BINARY if binary else _FORMATS).setdefault(kind, {})[name] = function
        return function

    return decorate


def file_renderer(kind: str, name: str) -> Callable[[WriteT], WriteT]:
    """Register the decorated function ``(result, options, target) -> paths written`` as format ``name`` of ``kind``."""

    _declared(kind, name)

    def decorate(function: WriteT) -> WriteT:
        _FORMATS.setdefault(kind, {})[name] = function
        _FILE_FORMATS.add((kind, name))
        return function

    return decorate


def writes_files(kind: str, name: str) -> bool:
    """Whether format ``name`` of ``kind`` writes files to a path instead of text to a stream."""
    importlib.import_module(RENDERER_MODULES[kind])
    return (kind, name) in _FILE_FORMATS


def write_files(kind: str, name: str, result: Any, target: Path, options: Options | None = None) -> list[Path]:
    """Write ``result`` in the file format ``name`` at ``target``; the paths written."""
    importlib.import_module(RENDERER_MODULES[kind])
    if (kind, name) not in _FILE_FORMATS:
        raise ValueError(f"{kind} format {name!r} renders text; use render() or write()")
    function: WriteFiles = _FORMATS[kind][name]  # type: ignore[assignment]
    return function(result, options or Options(), target)


def is_binary(kind: str, name: str) -> bool:
    importlib.import_module(RENDERER_MODULES[kind])
    return name in _BINARY.get(kind, {})


def render_bytes(kind: str, name: str, result: Any, options: Options | None = None) -> bytes:
    """``result`` rendered in format ``name`` as the bytes of a file."""
    importlib.import_module(RENDERER_MODULES[kind])
    binary = _BINARY.get(kind, {})
    if name in binary:
        return binary[name](result, options or Options())
    return render(kind, name, result, options).encode("utf-8")


def formats(kind: str) -> list[str]:
    """The format names of ``kind``, as declared (the renderer module is not imported)."""
    return list(FORMAT_NAMES[kind])


def render(kind: str, name: str, result: Any, options: Options | None = None) -> str:
    """``result`` rendered in format ``name``."""
    importlib.import_module(RENDERER_MODULES[kind])
    if (kind, name) in _FILE_FORMATS:
        raise ValueError(f"{kind} format {name!r} writes files; use write_files()")
    function: Render = _FORMATS[kind][name]  # type: ignore[assignment]
    return function(result, options or Options())


def write(kind: str, name: str, result: Any, options: Options | None = None) -> None:
    """Render ``result`` and write it to the options' stream (standard output by default)."""
    options = options or Options()
    stream = options.stream or sys.stdout
    stream.write(render(kind, name, result, replace(options, stream=stream)))
