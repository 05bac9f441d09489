"""Output formats: for each kind of result, the formats it can be written in.

A renderer module registers each of its formats with :func:`renderer`; the CLI takes
its ``--format`` choices from :func:`formats` and writes with :func:`write`. Adding a
format is one decorated function in the renderer module of its result kind, plus its
name in :data:`FORMAT_NAMES`. The names are declared here because every command's
``--format`` choices are needed to build the command line, even for ``--help``, and
importing the renderer modules for them would import the models, the analyses and
pydantic; :func:`renderer` refuses a name that is not declared, and a test checks that
each declared name is registered.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any, TypeVar

RENDERER_MODULES: dict[str, str] = {
    "validation": "socstrat.render.validation",
    "rules": "socstrat.render.rules",
    "export": "socstrat.render.export",
    "deltas": "socstrat.render.deltas",
    "diff": "socstrat.render.diff",
    "report": "socstrat.render.report.formats",
}
"""Result kind → the module whose decorated functions are its formats."""

FORMAT_NAMES: dict[str, tuple[str, ...]] = {
    "validation": ("text", "json", "github", "sarif"),
    "rules": ("text", "md", "json"),
    "export": ("json",),
    "deltas": ("table", "md", "csv", "json"),
    "diff": ("text", "md", "json"),
    "report": ("html", "md"),
}
"""Result kind → its format names, in the order listings show them; known without importing the renderers."""


@dataclass(frozen=True)
class Options:
    """What a renderer may need besides the result: the language and the stream it writes to."""

    lang: str = "bg"
    stream: IO[str] | None = None
    colour: bool = False


Render = Callable[[Any, Options], str]
RenderT = TypeVar("RenderT", bound=Render)

_FORMATS: dict[str, dict[str, Render]] = {}


def renderer(kind: str, name: str) -> Callable[[RenderT], RenderT]:
    """Register the decorated function as format ``name`` of results of ``kind``."""

    if name not in FORMAT_NAMES.get(kind, ()):
        raise ValueError(f"format {name!r} of {kind!r} results is not declared in FORMAT_NAMES")

    def decorate(function: RenderT) -> RenderT:
        _FORMATS.setdefault(kind, {})[name] = function
        return function

    return decorate


def formats(kind: str) -> list[str]:
    """The format names of ``kind``, as declared (the renderer module is not imported)."""
    return list(FORMAT_NAMES[kind])


def render(kind: str, name: str, result: Any, options: Options | None = None) -> str:
    """``result`` rendered in format ``name``."""
    importlib.import_module(RENDERER_MODULES[kind])
    return _FORMATS[kind][name](result, options or Options())


def write(kind: str, name: str, result: Any, options: Options | None = None) -> None:
    """Render ``result`` and write it to the options' stream (standard output by default)."""
    options = options or Options()
    stream = options.stream or sys.stdout
    stream.write(render(kind, name, result, Options(options.lang, stream, options.colour)))
