"""Walks of a whole strategy (model.queries, model.refs) visit every model and reference, in document order."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from conftest import bundled
from socstrat.model import Figure, Node, Service, TextBlock
from socstrat.model.queries import iter_nodes, walk_models
from socstrat.model.refs import iter_references, nested_fields, ref_fields


def _every_model(obj: Any) -> list[BaseModel]:
    """The plain recursive walk over every field, which the walks must agree with."""
    if isinstance(obj, BaseModel):
        return [obj, *(m for name in type(obj).__pydantic_fields__ for m in _every_model(getattr(obj, name)))]
    if isinstance(obj, (list, tuple)):
        return [m for item in obj for m in _every_model(item)]
    if isinstance(obj, dict):
        return [m for item in obj.values() for m in _every_model(item)]
    return []


def test_nested_fields_are_the_fields_that_hold_models() -> None:
    assert {"children", "figures", "indicators", "prose"} <= set(nested_fields(Node))
    assert not {"id", "title", "services", "src"} & set(nested_fields(Node))
    assert set(nested_fields(Figure)) == {"share_of", "parts", "change"}
    assert "children" in nested_fields(TextBlock)
    assert "category" not in nested_fields(Service) and "capacity" in nested_fields(Service)


def test_walk_models_visits_what_a_walk_of_every_field_visits() -> None:
    for name in ("haskovo-2016-2020", "kazanlak-2007-2009"):
        strategy = bundled(name).strategy
        assert strategy is not None
        walked = list(walk_models(strategy))
        assert [id(m) for m in walked] == [id(m) for m in _every_model(strategy)]
        nodes = [m for m in walked if isinstance(m, Node)]
        assert [n.id for n in nodes] == [n.id for n in iter_nodes(strategy.framework.nodes)]


def test_every_reference_is_found() -> None:
    strategy = bundled("haskovo-2016-2020").strategy
    assert strategy is not None
    expected = 0
    for model in _every_model(strategy):
        for name in ref_fields(type(model)):
            value = getattr(model, name)
            expected += len([v for v in value if isinstance(v, str)]) if isinstance(value, list) else isinstance(value, str)
    found = list(iter_references(strategy))
    assert len(found) == expected > 400


def test_cached_answers_once_per_index_and_every_time_outside_one() -> None:
    from socstrat.model.queries import cached, indexed

    strategy = bundled("kazanlak-2007-2009").strategy
    assert strategy is not None
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert (cached(strategy, "k", compute), cached(strategy, "k", compute)) == (1, 2)
    with indexed(strategy):
        assert (cached(strategy, "k", compute), cached(strategy, "k", compute)) == (3, 3)
        other = bundled("haskovo-2016-2020").strategy
        assert other is not None
        assert cached(other, "k", compute) == 4  # another strategy is not answered from this index
    assert cached(strategy, "k", compute) == 5  # the index is gone with its block
