"""The checks share one index of the strategy, built once per validation."""

from __future__ import annotations

import pytest

from conftest import ROOT
from socstrat.io.loading import load_strategy
from socstrat.lint import engine
from socstrat.model import queries


def test_validation_walks_the_strategy_once(monkeypatch: pytest.MonkeyPatch) -> None:
    walks = []
    walk = queries.walk_models

    def counted(obj):
        if obj is loaded.strategy:
            walks.append(obj)
        return walk(obj)

    loaded = load_strategy(ROOT / "data" / "kazanlak-2007-2009")
    monkeypatch.setattr(queries, "walk_models", counted)
    report = engine.validate_loaded(loaded)
    assert report.valid
    assert len(walks) == 1


def test_index_outside_the_engine_is_fresh() -> None:
    strategy = load_strategy(ROOT / "data" / "kazanlak-2007-2009").strategy
    assert strategy is not None
    with queries.indexed(strategy) as index:
        assert queries.index_of(strategy) is index
    assert queries.index_of(strategy) is not index
