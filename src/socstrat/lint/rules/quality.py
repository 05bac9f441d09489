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


@rule("Q004", "key-indicator-unmeasured", "warning",
      "A key indicator of the strategy is restated by no indicator of the logical framework matrix.")
def check_key_indicators_measured(strategy: Strategy) -> Iterator[Finding]:
    """The key indicators say what the strategy will have achieved; the matrix is where each is given a
    source and a verification period. A key indicator that no matrix indicator restates (``same_as``) is
    promised but never monitored, or names something the plan does not build. Checked only where the
    strategy has a matrix."""
    from socstrat.model.queries import indicators

    if strategy.logframe is None or not strategy.logframe.rows:
        return
    restated = {indicator.same_as for indicator in indicators(strategy).values() if indicator.same_as}
    for key in strategy.strategy.key_indicators:
        if key.id not in restated:
            yield Finding(code="Q004", entity=key.id, loc=("text",), message="Q004")


@rule("Q005", "swot-incomplete", "warning", "One of the four groups of the SWOT analysis is empty.")
def check_swot_complete(strategy: Strategy) -> Iterator[Finding]:
    """A SWOT analysis without opportunities (or threats, strengths, weaknesses) leaves a quarter of the
    situation unassessed; the strategies that follow from it cannot use what was never listed."""
    from socstrat.i18n.catalog import term

    swot = strategy.context.swot
    if swot is None:
        return
    for group in ("strengths", "weaknesses", "opportunities", "threats"):
        if not getattr(swot, group):
            yield Finding(code="Q005", entity=swot.id, file=None if swot.id else "context",
                          loc=(group,) if swot.id else ("swot", group), message="Q005", args={"group": term(f"swot.{group}")})
