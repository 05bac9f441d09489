"""Output formats: for each kind of result, the formats it can be written in.

A renderer module registers each of its formats with :func:`renderer`; the CLI takes
its ``--format`` choices from :func:`formats` and writes with :func:`write`. Adding a
format is one decorated function in the renderer module of its result kind, and
nothing else. Renderer modules import only what their result needs at import time,
so that listing the formats of a command stays fast.
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
    "plan": "socstrat.render.plan",
}
"""Result kind → the module whose decorated functions are its formats."""


@dataclass(frozen=True)
class Options:
    """What a renderer may need besides the result: the language and the stream it writes to."""

    lang: str = "bg"
    stream: IO[str] | None = None
    colour: bool = False


Render = Callable[[Any, Options], str]
RenderT = TypeVar("RenderT", bound=Callable[[Any, Options], Any])

_FORMATS: dict[str, dict[str, Render]] = {}
_BINARY: dict[str, dict[str, Callable[[Any, Options], bytes]]] = {}


def renderer(kind: str, name: str, *, binary: bool = False) -> Callable[[RenderT], RenderT]:
    """Register the decorated function as format ``name`` of results of ``kind``.

    A ``binary`` format (a Word or Excel file) returns bytes; :func:`render_bytes` gives
    any format as bytes, text formats encoded as UTF-8.
    """

    def decorate(function: RenderT) -> RenderT:
        (_BINARY if binary else _FORMATS).setdefault(kind, {})[name] = function
        return function

    return decorate


def is_binary(kind: str, name: str) -> bool:
    importlib.import_module(RENDERER_MODULES[kind])
    return name in _BINARY.get(kind, {})


def render_bytes(kind: str, name: str, result: Any, options: Options | None = None) -> bytes:
    """``result`` rendered in format ``name`` as the bytes of a file."""
    importlib.import_module(RENDERER_MODULES[kind])
    binary = _BINARY.get(kind, {})
    if name in binary:
        return binary[name](result, options or Options())
    return _FORMATS[kind][name](result, options or Options()).encode("utf-8")


def formats(kind: str) -> list[str]:
    """The format names of ``kind``, in the order its module registers them."""
    importlib.import_module(RENDERER_MODULES[kind])
    return [*_FORMATS.get(kind, {}), *_BINARY.get(kind, {})]


def render(kind: str, name: str, result: Any, options: Options | None = None) -> str:
    """``result`` rendered in format ``name``."""
    importlib.import_module(RENDERER_MODULES[kind])
    return _FORMATS[kind][name](result, options or Options())


def write(kind: str, name: str, result: Any, options: Options | None = None) -> None:
    """Render ``result`` and write it to the options' stream (standard output by default)."""
    options = options or Options()
    stream = options.stream or sys.stdout
    stream.write(render(kind, name, result, Options(options.lang, stream, options.colour)))
