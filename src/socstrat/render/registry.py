"""Output formats: for each kind of result, the formats it can be written in and what each makes.

Every format is declared here as a :class:`Format`: what it makes (``text``, ``bytes``
or a ``directory`` of files), its file extension (and so its default file name), and
whether it may go to a terminal or a pipe. The declarations live here, not in the
renderer modules, because every command's ``--format`` choices are needed to build the
command line, even for ``--help``, and importing the renderers for them would import the
models, the analyses and pydantic. A renderer module registers each format's function
with :func:`renderer`; the decorator refuses an undeclared name, and a test checks that
each declared format is registered.

There is one renderer protocol: ``(result, options) -> output``, where the output is a
``str`` for a text format, ``bytes`` for a binary one (Word, Excel), and for a
directory format a mapping of file name to text or bytes. Renderers never write: the
one CLI writer (:func:`socstrat.cli.common.emit`) puts the output where it belongs.

A command offers, in each of its modes, the formats of one result kind (:data:`FORMATS`):
``report`` offers the strategy report's formats, ``report --year`` the monitoring
report's. Adding a format is its :class:`Format` here and one decorated function in the
renderer module of its result kind (:data:`RENDERER_MODULES`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, Any, Literal, TypeVar

RENDERER_MODULES: dict[str, str] = {
    "validation": "socstrat.render.validation",
    "rules": "socstrat.render.rules",
    "export": "socstrat.render.export",
    "deltas": "socstrat.render.deltas",
    "diff": "socstrat.render.diff",
    "report": "socstrat.render.report.formats",
    "summary": "socstrat.render.report.formats",
    "monitoring": "socstrat.render.report.monitoring",
    "compare": "socstrat.render.compare",
    "progress": "socstrat.render.progress",
    "plan": "socstrat.render.plan",
    "config": "socstrat.render.config",
}
"""Result kind → the module whose decorated functions are its formats."""

Makes = Literal["text", "bytes", "directory"]


@dataclass(frozen=True)
class Format:
    """What a format makes and where it may go.

    Text may go to standard output: on a terminal if ``terminal``, to a pipe or file
    always. Bytes go to a pipe only when asked for (``-o -``), never to a terminal. A
    directory is always written to a path. Without ``-o``, what may not go to standard
    output is written to :meth:`default_name`, except a document (text that is not for a
    terminal), which asks for ``-o`` instead of leaving a file where nobody expects one.
    """

    name: str
    makes: Makes = "text"
    extension: str = ""
    """The file name's ending: ``.xlsx``; for a directory, the suffix of its name (``-csv``)."""
    terminal: bool = True
    excel: bool = False
    """Has a variant for a Bulgarian Excel (``--excel``)."""

    def default_name(self, stem: str) -> str:
        return f"{stem}{self.extension}"


_TABLE = Format("table")
_TEXT = Format("text")
_MD = Format("md", extension=".md")
_JSON = Format("json", extension=".json")
_CSV = Format("csv", extension=".csv", excel=True)
_HTML = Format("html", extension=".html", terminal=False)
_DOCX = Format("docx", "bytes", ".docx", terminal=False)
_XLSX = Format("xlsx", "bytes", ".xlsx", terminal=False)

FORMATS: dict[str, tuple[Format, ...]] = {
    "validation": (_TEXT, _JSON, Format("github"), Format("sarif", extension=".sarif")),
    "rules": (_TEXT, _MD, _JSON),
    "export": (_JSON, Format("csv", "directory", "-csv", excel=True), _XLSX, Format("datapackage", "directory", "-datapackage")),
    "deltas": (_TABLE, _MD, _CSV, _JSON, _XLSX),
    "diff": (_TEXT, _MD, _JSON),
    "report": (_HTML, _MD, _DOCX),
    "summary": (_MD,),
    "monitoring": (_HTML, _MD, _DOCX),
    "compare": (_TABLE, _MD, _JSON, _CSV, _XLSX, _HTML),
    "progress": (_TABLE, _MD, _CSV, _JSON),
    "plan": (_HTML, _MD, _JSON, _DOCX, _XLSX),
    "config": (_TEXT, _JSON),
}
"""Result kind → its formats, in the order listings show them (the first is the default);
known without importing the renderers."""

FORMAT_NAMES: dict[str, tuple[str, ...]] = {kind: tuple(f.name for f in specs) for kind, specs in FORMATS.items()}

MODES: dict[str, dict[str, str]] = {
    "report": {"strategy": "report", "summary": "summary", "year": "monitoring"},
}
"""Command → its modes → the result kind whose formats each mode offers, for a command whose
options change what it writes (``report --summary``, ``report --year``); every other command
offers the formats of the one kind it is named after."""


def kinds_of(command: str) -> list[str]:
    """The result kinds a command writes, in all its modes."""
    return list(MODES.get(command, {command: command}).values())


def spec(kind: str, name: str) -> Format:
    """The declaration of format ``name`` of ``kind``; ``KeyError`` when ``kind`` does not offer it."""
    for candidate in FORMATS[kind]:
        if candidate.name == name:
            return candidate
    raise KeyError(name)


def _declared(kind: str, name: str) -> None:
    if name not in FORMAT_NAMES.get(kind, ()):
        raise ValueError(f"format {name!r} of {kind!r} results is not declared in FORMATS")


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


Output = str | bytes | Mapping[str, str | bytes]
RenderT = TypeVar("RenderT", bound=Callable[[Any, Options], Any])

_RENDERERS: dict[str, dict[str, Callable[[Any, Options], Output]]] = {}


def renderer(kind: str, name: str) -> Callable[[RenderT], RenderT]:
    """Register the decorated function ``(result, options) -> output`` as format ``name`` of ``kind``."""

    _declared(kind, name)

    def decorate(function: RenderT) -> RenderT:
        _RENDERERS.setdefault(kind, {})[name] = function
        return function

    return decorate


def formats(kind: str) -> list[str]:
    """The format names of ``kind``, as declared (the renderer module is not imported)."""
    return list(FORMAT_NAMES[kind])


def registered(kind: str) -> list[str]:
    """The format names the renderer module of ``kind`` registers, in registration order."""
    importlib.import_module(RENDERER_MODULES[kind])
    return list(_RENDERERS.get(kind, {}))


def render(kind: str, name: str, result: Any, options: Options | None = None) -> Any:
    """``result`` rendered in format ``name``: text, bytes or a mapping of file name to content, as declared."""
    importlib.import_module(RENDERER_MODULES[kind])
    output = _RENDERERS[kind][name](result, options or Options())
    expected = {"text": str, "bytes": bytes, "directory": Mapping}[spec(kind, name).makes]
    if not isinstance(output, expected):
        raise TypeError(f"{kind} format {name!r} returned {type(output).__name__}, not {spec(kind, name).makes}")
    return output
