"""References between entities, declared on the model fields that hold them.

A field that names another entity by id is annotated with :class:`RefTo`, e.g.
``service: ServiceRef | None`` (the aliases are in :mod:`.base`). :func:`iter_references` finds every such value in a
strategy, so one generic check (R002) covers every file kind, present and future,
without code of its own.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

RefKind = Literal["service", "node", "indicator", "figure", "level", "stage"]


@dataclass(frozen=True)
class RefTo:
    """Marks a field whose value is the id of an entity of ``kind``.

    ``noun`` is what the field calls its target where that is narrower than the kind
    (a logframe row's ``objective`` is a node); messages use it.
    """

    kind: RefKind
    noun: str | None = None

    @property
    def term(self) -> str:
        return self.noun or self.kind


@dataclass(frozen=True)
class Reference:
    """One reference found in a strategy: who holds it, where, and what it names."""

    owner: str | None
    """Id of the nearest enclosing entity that has one."""
    loc: tuple[int | str, ...]
    """Path from that entity to the value."""
    to: RefTo
    target: str


def _marker(annotation: Any) -> RefTo | None:
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, RefTo):
            return meta
    for arg in typing.get_args(annotation):
        found = _marker(arg)
        if found is not None:
            return found
    return None


def _holds_models(annotation: Any) -> bool:
    """Whether a value of ``annotation`` can hold a model; an annotation not resolved yet may."""
    if annotation is Any or annotation is object or isinstance(annotation, (str, typing.ForwardRef)):
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    if typing.get_origin(annotation) is Literal:
        return False
    return any(_holds_models(arg) for arg in typing.get_args(annotation))


@functools.cache
def nested_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``model`` whose values can hold models (a model, or a list or mapping of them).

    Walks of a strategy visit these and skip the text and number fields, which are most of
    them; asked once per class.
    """
    return tuple(name for name, info in model.__pydantic_fields__.items() if _holds_models(info.annotation))


@functools.cache
def ref_fields(model: type[BaseModel]) -> dict[str, RefTo]:
    """Field name → its reference marker, for the fields of ``model`` that refer to entities."""
    found = {}
    for name, info in model.__pydantic_fields__.items():
        marker = next((m for m in info.metadata if isinstance(m, RefTo)), None) or _marker(info.annotation)
        if marker is not None:
            found[name] = marker
    return found


def iter_references(obj: Any, owner: str | None = None, loc: tuple[int | str, ...] = ()) -> Iterator[Reference]:
    """Every declared reference inside ``obj``, in document order."""
    if isinstance(obj, BaseModel):
        ident = getattr(obj, "id", None)
        if isinstance(ident, str):
            owner, loc = ident, ()
        cls = type(obj)
        refs, nested = ref_fields(cls), nested_fields(cls)
        for name in cls.__pydantic_fields__:
            marker = refs.get(name)
            if marker is not None:
                value = getattr(obj, name)
                if isinstance(value, str):
                    yield Reference(owner, loc + (name,), marker, value)
                elif isinstance(value, list):
                    for i, item in enumerate(value):
                        if isinstance(item, str):
                            yield Reference(owner, loc + (name, i), marker, item)
            elif name in nested:
                yield from iter_references(getattr(obj, name), owner, loc + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            if isinstance(item, (BaseModel, list, dict)):
                yield from iter_references(item, owner, loc + (i,))
    elif isinstance(obj, dict):
        for key, item in obj.items():
            if isinstance(item, (BaseModel, list, dict)):
                yield from iter_references(item, owner, loc + (key,))


class ServiceName(BaseModel):
    """A service as results name it for people: its id and its name as printed (a diff entry, a report row)."""

    id: str
    name: str
