"""Questions asked of a whole strategy, answered in one place.

Which nodes, indicators and figures a strategy has, what its levels are called and
which model owns an id: rules, analyses and renderers all ask these, so each is
answered here once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar, cast

from pydantic import BaseModel

from .base import Figure, Indicator, Level
from .framework import Node
from .refs import nested_fields
from .strategy import KeyIndicator

if TYPE_CHECKING:
    from . import Strategy

T = TypeVar("T")


def iter_nodes(nodes: list[Node]) -> Iterator[Node]:
    """Yield every node of a tree depth-first, parents before children."""
    for node in nodes:
        yield node
        yield from iter_nodes(node.children)


def walk_models(obj: Any) -> Iterator[BaseModel]:
    """Every pydantic model inside ``obj``, depth-first, parents before children."""
    stack = [obj]
    pop, push = stack.pop, stack.extend
    while stack:
        item = pop()
        if isinstance(item, BaseModel):
            yield item
            push([getattr(item, name) for name in reversed(nested_fields(type(item)))])
        elif isinstance(item, (list, tuple)):
            push(reversed(item))
        elif isinstance(item, dict):
            push(reversed(item.values()))


def all_figures(obj: Any) -> Iterator[Figure]:
    """Every figure inside ``obj`` (a model or a list of models), breakdown parts included."""
    for model in walk_models(obj):
        if isinstance(model, Figure):
            yield model


def indicators(strategy: Strategy) -> dict[str, Indicator]:
    """Every indicator statement by id: on framework nodes and in the logframe matrix."""
    return dict(index_of(strategy).indicators)


def key_indicators(strategy: Strategy) -> dict[str, KeyIndicator]:
    return {k.id: k for k in strategy.strategy.key_indicators}


def indicator_count(strategy: Strategy) -> int:
    """Indicators of every kind: framework and logframe statements, key indicators and monitoring indicators."""
    monitoring = sum(len(group.indicators) for group in strategy.implementation.monitoring_indicators)
    return len(index_of(strategy).indicators) + len(strategy.strategy.key_indicators) + monitoring


def nodes_by_id(strategy: Strategy) -> dict[str, Node]:
    return {node.id: node for node in iter_nodes(strategy.framework.nodes)}


def level_index(strategy: Strategy) -> dict[str, int]:
    """Level key → its position, 0 for the top level."""
    return {level.key: i for i, level in enumerate(strategy.strategy.levels)}


def level(strategy: Strategy, key: str) -> Level | None:
    return next((lv for lv in strategy.strategy.levels if lv.key == key), None)


def level_name(levels: list[Level], key: str, lang: str = "bg") -> str:
    """The name a strategy gives one of its levels, in English where it states one; the key if undeclared."""
    for lv in levels:
        if lv.key == key:
            return (lv.name_en or lv.name) if lang == "en" else lv.name
    return key


class Index:
    """What the checks ask of one strategy, gathered in one walk of its models.

    Each check used to walk the whole strategy again for its figures, indicators, ids or
    texts; the engine now builds one index per strategy (:func:`indexed`) and the checks
    look it up with :func:`index_of`. Every list keeps document order, as the walks did.
    Derived answers that only some checks need (the texts the text rules scan) are
    computed on first use and kept in :attr:`derived`.
    """

    def __init__(self, strategy: Strategy) -> None:
        self.strategy = strategy
        self.models: list[BaseModel] = list(walk_models(strategy))
        self.figures: list[Figure] = [m for m in self.models if isinstance(m, Figure)]
        self.owners: list[tuple[str, BaseModel]] = [
            (ident, m) for m in self.models if isinstance(ident := getattr(m, "id", None), str)
        ]
        self.indicators: dict[str, Indicator] = {m.id: m for m in self.models if isinstance(m, Indicator)}
        self.nodes: list[Node] = list(iter_nodes(strategy.framework.nodes))
        self.nodes_by_id: dict[str, Node] = {node.id: node for node in self.nodes}
        self.derived: dict[object, Any] = {}


_current: ContextVar[Index | None] = ContextVar("socstrat_index", default=None)


def index_of(strategy: Strategy) -> Index:
    """The index of ``strategy``: the engine's while it runs the checks, else a fresh one."""
    current = _current.get()
    if current is not None and current.strategy is strategy:
        return current
    return Index(strategy)


def cached(strategy: Strategy, key: object, compute: Callable[[], T]) -> T:
    """``compute()`` once per index of ``strategy`` while one is active (:func:`indexed`), such as a
    site rendering all the plans of a strategy; every time otherwise, without building an index."""
    current = _current.get()
    if current is None or current.strategy is not strategy:
        return compute()
    if key not in current.derived:
        current.derived[key] = compute()
    return cast(T, current.derived[key])


@contextmanager
def indexed(strategy: Strategy) -> Iterator[Index]:
    """Build the index of ``strategy`` once; checks run inside share it. It is dropped on exit,
    so a strategy changed afterwards is never answered from a stale index. Inside an index
    of the same strategy, that one is used."""
    current = _current.get()
    if current is not None and current.strategy is strategy:
        yield current
        return
    token = _current.set(Index(strategy))
    try:
        index = _current.get()
        assert index is not None
        yield index
    finally:
        _current.reset(token)
