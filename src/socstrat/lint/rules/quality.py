"""Quality of the logical framework as a plan: objectives measured, measures with activities."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socstrat.lint.registry import Finding, rule
from socstrat.lint.rules.numbering import level_term
from socstrat.model import Indicator, Strategy
from socstrat.model.queries import index_of, level_index


@rule("Q001", "objective-without-indicator", "warning", "An objective has no indicator with a source and a verification period.")
def check_objectives_measured(strategy: Strategy) -> Iterator[Finding]:
    """An objective that is not measured cannot be monitored or evaluated. Objective levels are those
    between the top and the measures."""
    levels = level_index(strategy)
    if len(levels) < 3:
        return
    objective_levels = {key for key, i in levels.items() if 0 < i < len(levels) - 2 or (len(levels) == 3 and i == 1)}
    rows = strategy.logframe.rows if strategy.logframe else []
    measured = {
        row.objective
        for row in rows
        if (row.impact_indicators or row.direct_results or row.effect_indicators) and row.sources and row.verification_period
    }
    monitored = {g.objective for g in strategy.implementation.monitoring_indicators if g.objective and g.indicators}
    for node in index_of(strategy).nodes:
        if node.level in objective_levels and node.id not in measured | monitored:
            yield Finding(code="Q001", entity=node.id, message="Q001", args={"level": level_term(strategy, node.level)})


@rule("Q002", "measure-without-activity", "warning", "A node on the second-lowest level has no child (a measure with no activity).")
def check_measures_have_activities(strategy: Strategy) -> Iterator[Finding]:
    """A measure without activities is a promise without a plan."""
    levels = strategy.strategy.levels
    if len(levels) < 2:
        return
    parent_level, child_level = levels[-2], levels[-1]
    for node in index_of(strategy).nodes:
        if node.level == parent_level.key and not node.children:
            yield Finding(code="Q002", entity=node.id, message="Q002",
                          args={"level": level_term(strategy, parent_level.key), "code": node.code or node.id,
                                "child_level": level_term(strategy, child_level.key)})


@rule("Q003", "qualitative-indicator", "info", "An indicator names no number or target.")
def check_qualitative_indicators(strategy: Strategy) -> Iterator[Finding]:
    """Qualitative indicators are legitimate but need a judgement to assess; listing them helps plan the evaluation."""
    for model in index_of(strategy).models:
        if isinstance(model, Indicator) and not model.target and not re.search(r"\d", model.text):
            yield Finding(code="Q003", entity=model.id, message="Q003")
