"""Render a whole validated strategy for other programs: JSON, lossless, Cyrillic kept as is."""

from __future__ import annotations

from socstrat.model import Strategy
from socstrat.render.registry import Options, renderer


@renderer("export", "json")
def render_json(strategy: Strategy, options: Options) -> str:
    return strategy.model_dump_json(indent=2) + "\n"
