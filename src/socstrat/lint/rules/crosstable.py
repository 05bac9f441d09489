"""Cross-table agreement: one fact stated in two places of the document must say the same."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socstrat.lint.registry import Finding, rule
from socstrat.lint.rules.numbering import last_number, level_term
from socstrat.lint.texts import number
from socstrat.model import Figure, StatedCount, Strategy
from socstrat.model.queries import index_of
from socstrat.model.values import capacity_number, capacity_numbers


@rule("X001", "staffing-vs-register", "warning",
      "The staffing table and the service register give different capacities for the same service and year.")
def check_staffing_vs_register(strategy: Strategy) -> Iterator[Finding]:
    """The two tables are the document's own statement of the same plan; an analyst needs to know which figure to trust."""
    table = strategy.staffing
    if table is None:
        return
    services = {s.id: s for s in strategy.services.services}
    for group in table.groups:
        for row in group.rows:
            service = services.get(row.service or "")
            if service is None:
                continue
            for year, phase in table.column_years().items():
                stated = getattr(row, phase).capacity
                if not isinstance(stated, int) or year not in service.capacity:
                    continue
                register = capacity_number(service.capacity[year])
                if register is not None and stated not in capacity_numbers(service.capacity[year]):
                    yield Finding(code="X001", entity=row.id, loc=(phase, "capacity"), message="X001",
                                  args={"service": service.id, "year": year, "stated": stated, "register": register})


def _stated_capacities(strategy: Strategy) -> Iterator[tuple[Figure, str]]:
    for service in strategy.services.services:
        for figure in service.stated:
            yield figure, service.id
    for figure in index_of(strategy).figures:
        if figure.service:
            yield figure, figure.service


@rule("X002", "text-vs-register", "warning",
      "A capacity stated in text (activity, status, description) matches none of the register's figures for that service.")
def check_text_vs_register(strategy: Strategy) -> Iterator[Finding]:
    """Narrative text and tables are written separately and drift apart; the disagreement is shown with both numbers."""
    services = {s.id: s for s in strategy.services.services}
    seen: set[str] = set()
    for figure, service_id in _stated_capacities(strategy):
        if figure.id in seen or figure.kind != "capacity" or figure.value is None:
            continue
        seen.add(figure.id)
        service = services.get(figure.service or service_id)
        if service is None or not service.capacity:
            continue
        known: set[int] = set()
        for value in service.capacity.values():
            known |= capacity_numbers(value)
        if known and figure.value not in known:
            stated = ", ".join(f"{y}: {capacity_number(v)}" for y, v in service.capacity.items() if capacity_number(v) is not None)
            yield Finding(code="X002", entity=figure.id, loc=("value",), message="X002",
                          args={"value": number(figure.value), "service": service.id, "register": stated})


@rule("X003", "stated-count", "warning", "A count stated in text does not match the list it introduces.")
def check_stated_counts(strategy: Strategy) -> Iterator[Finding]:
    """'11 clubs' followed by twelve names means one of the two is wrong."""
    for stated in index_of(strategy).models:
        if isinstance(stated, StatedCount) and stated.count != len(stated.items):
            yield Finding(code="X003", entity=stated.id, loc=("count",), message="X003",
                          args={"count": stated.count, "listed": len(stated.items)})


@rule("X004", "indicator-target", "warning", "The same indicator is stated in two places with different targets.")
def check_indicator_targets(strategy: Strategy) -> Iterator[Finding]:
    """Key indicators are repeated in the logical framework; different targets make success impossible to judge."""
    found = index_of(strategy).indicators
    stated: dict[str, tuple[str | None, str]] = {k.id: (k.target, "key_indicator") for k in strategy.strategy.key_indicators}
    stated |= {ident: (indicator.target, "indicator") for ident, indicator in found.items()}
    for indicator in found.values():
        if indicator.same_as not in stated:
            continue
        target, kind = stated[indicator.same_as]
        if indicator.target and target and _norm(indicator.target) != _norm(target):
            yield Finding(code="X004", entity=indicator.id, loc=("target",), message=f"X004.{kind}",
                          args={"target": indicator.target, "other_target": target, "other": indicator.same_as})


@rule("X005", "monitoring-misaligned", "warning", "A monitoring item's number differs from the number of the objective it measures.")
def check_monitoring_alignment(strategy: Strategy) -> Iterator[Finding]:
    """Monitoring lists are read side by side with the objectives; a shifted number sends the reader to the wrong objective."""
    nodes = index_of(strategy).nodes_by_id
    for group in strategy.implementation.monitoring_indicators:
        node = nodes.get(group.objective or "")
        if node is None or group.code is None or node.code is None:
            continue
        if last_number(group.code) != last_number(node.code):
            yield Finding(code="X005", entity=group.id, loc=("code",), message="X005",
                          args={"code": group.code, "level": level_term(strategy, node.level), "node_code": node.code, "node": node.id})


@rule("X006", "same-fact-differs", "warning",
      "Two figures that state the same fact (linked by same_as) give different values or qualifiers.")
def check_same_facts(strategy: Strategy) -> Iterator[Finding]:
    """A year or number repeated in another section drifts when only one place is edited
    ('през 2016' in §4.1, 'за 2017' in §5.2); the plan needs one answer."""
    figures = {figure.id: figure for figure in index_of(strategy).figures}
    for figure in figures.values():
        other = figures.get(figure.same_as or "")
        if other is None:
            continue
        if (figure.value, _norm(figure.qualifier or "")) != (other.value, _norm(other.qualifier or "")):
            yield Finding(code="X006", entity=figure.id, loc=("value",), message="X006",
                          args={"label": figure.label, "here": _stated(figure), "there": _stated(other),
                                "other": other.id, "src": other.src})


def _stated(figure: Figure) -> str:
    value = "—" if figure.value is None else number(figure.value)
    return f"'{figure.qualifier} {value}'" if figure.qualifier else value


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)
