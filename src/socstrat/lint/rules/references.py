"""Identity and references: ids are unique, and every declared reference resolves."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterator

from socstrat.i18n.catalog import term
from socstrat.lint.registry import Finding, rule
from socstrat.model import Strategy
from socstrat.model.queries import index_of, key_indicators
from socstrat.model.refs import RefKind, iter_references


@rule("R001", "duplicate-id", "error", "Two entities share an id.")
def check_unique_ids(strategy: Strategy) -> Iterator[Finding]:
    """References use ids; a shared id makes every reference to it ambiguous."""
    counts = Counter(ident for ident, _ in index_of(strategy).owners)
    for ident, n in counts.items():
        if n > 1:
            yield Finding(code="R001", entity=ident, message="R001", args={"id": ident, "count": n})


def targets(strategy: Strategy) -> dict[RefKind, set[str]]:
    """The ids each kind of reference may name."""
    index = index_of(strategy)
    return {
        "service": {s.id for s in strategy.services.services},
        "node": set(index.nodes_by_id),
        "indicator": set(index.indicators) | set(key_indicators(strategy)),
        "figure": {f.id for f in index.figures},
        "level": {lv.key for lv in strategy.strategy.levels},
        "stage": {st.id for st in strategy.implementation.stages},
    }


@rule("R002", "unresolved-reference", "error", "A reference names an id or level that does not exist.")
def check_references(strategy: Strategy) -> Iterator[Finding]:
    """Activities, staffing rows, logframe rows and indicators link to services and objectives by id;
    a broken link loses the connection the report relies on. Every field that holds a reference
    is declared as one in the models (``ServiceRef``, ``ObjectiveRef`` …), so a new file kind is
    checked without code of its own."""
    known = targets(strategy)
    for found in iter_references(strategy):
        if found.target in known[found.to.kind]:
            continue
        if found.to.kind == "level":
            yield Finding(code="R002", entity=found.owner, loc=found.loc, message="R002.level", args={"target": found.target})
        else:
            near = difflib.get_close_matches(found.target, sorted(known[found.to.kind]), n=1, cutoff=0.6)
            yield Finding(code="R002", entity=found.owner, loc=found.loc, message="R002.hint" if near else "R002",
                          args={"kind": term(f"noun.{found.to.term}"), "target": found.target, "hint": near[0] if near else ""})
