"""Lifecycle: services and plans over time, against the strategy's period."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socstrat.i18n.catalog import term
from socstrat.lint.registry import Finding, rule
from socstrat.lint.texts import YEAR, YEAR_RANGE, plan_texts, texts
from socstrat.model import Strategy
from socstrat.model.values import capacity_number


@rule("L001", "new-with-baseline", "warning", "A new service has a baseline capacity.",
      rationale="A service that does not exist yet cannot have places in the baseline year.")
@rule("L002", "closed-with-target", "warning",
      "A closed or transformed service keeps a target capacity, or a transformed one names no successor.",
      rationale="Closing or transforming a service moves its users somewhere; the data should say where.")
@rule("L003", "start-year-outside", "warning", "A service's start year lies outside the strategy's period (or the year before it).",
      rationale="A start year far from the period is a typo or text carried over from another plan.")
@rule("L005", "existing-without-capacity", "warning", "A service described as existing has a capacity of 0 in the baseline year.",
      rationale="'Налична' with no places is either a service that does not run yet or a missing figure; either way the baseline is wrong.")
def check_service_lifecycle(strategy: Strategy) -> Iterator[Finding]:
    """A service's status (new, existing, transformed, closed, planned) against its capacities and start year."""
    period = strategy.strategy.period
    baseline = strategy.strategy.baseline_year
    services = {s.id for s in strategy.services.services}
    for service in strategy.services.services:
        status = service.status
        if status is None:
            continue
        if status.kind == "new" and baseline is not None:
            value = capacity_number(service.capacity.get(baseline))
            if value:
                yield Finding(code="L001", entity=service.id, loc=("capacity", baseline), message="L001",
                              args={"value": value, "year": baseline})
        if status.kind in {"closed", "transformed"}:
            last = max(service.capacity) if service.capacity else None
            value = capacity_number(service.capacity.get(last)) if last is not None else None
            if last is not None and last > (baseline or period.start - 1) and value:
                yield Finding(code="L002", entity=service.id, loc=("capacity", last), message="L002",
                              args={"status": term(f"status.{status.kind}"), "value": value, "year": last})
            if status.kind == "transformed" and not (status.successor and status.successor in services):
                yield Finding(code="L002", entity=service.id, loc=("status",), message="L002.successor")
        if status.kind == "existing" and baseline is not None and service.capacity.get(baseline) == 0:
            yield Finding(code="L005", entity=service.id, loc=("capacity", baseline), message="L005", args={"year": baseline})
        planned = status.kind in {"new", "planned", "transformed"}
        if planned and status.start_year is not None and not (period.start - 1 <= status.start_year <= period.end):
            yield Finding(code="L003", entity=service.id, loc=("status", "start_year"), message="L003",
                          args={"year": status.start_year, "start": period.start, "end": period.end})


@rule("L004", "period-backwards", "warning", "A year range in text ends before it starts.")
def check_year_ranges(strategy: Strategy) -> Iterator[Finding]:
    """'2016г. -2010' is a typo for a period; it is flagged so that nobody plans by it."""
    for ident, text, loc in texts(strategy, dated=True):
        for match in YEAR_RANGE.finditer(text):
            if int(match.group(1)) > int(match.group(2)):
                yield Finding(code="L004", entity=ident, loc=loc, message="L004", args={"period": match.group(0).strip()})


@rule("L006", "outside-period", "warning",
      "Planning text or an implementation stage is dated after the strategy's period (stages also before it).")
def check_years_after_period(strategy: Strategy) -> Iterator[Finding]:
    """A strategy plans its own period; later dates belong to the next strategy or are typos, and
    earlier plans are C002's business."""
    period = strategy.strategy.period
    for ident, text, loc in plan_texts(strategy, dated=True):
        late = sorted({int(y) for y in YEAR.findall(text) if int(y) > period.end})
        if late:
            yield Finding(code="L006", entity=ident, loc=loc, message="L006",
                          args={"years": ", ".join(map(str, late)), "start": period.start, "end": period.end})
    for stage in strategy.implementation.stages:
        years = stage.years
        if years is not None and (years.start < period.start - 1 or years.end > period.end):
            yield Finding(code="L006", entity=stage.id, loc=("years",), message="L006.stage",
                          args={"from": years.start, "to": years.end, "start": period.start, "end": period.end})


@rule("L007", "closed-but-running", "warning",
      "The text dates the closure of services that the register still gives places after that year.")
def check_closure_dates(strategy: Strategy) -> Iterator[Finding]:
    """'The institutions for children were closed by the end of 2015' and an institution for children with
    places in 2016 cannot both be true: either the closure is not finished or the register is wrong. The
    services a closure statement covers are listed in the year figure's ``closes``."""
    from socstrat.model.queries import index_of

    services = {s.id: s for s in strategy.services.services}
    for figure in index_of(strategy).figures:
        if not figure.closes or not isinstance(figure.value, int):
            continue
        for service_id in figure.closes:
            service = services.get(service_id)
            if service is None:
                continue
            later = [(year, capacity_number(value)) for year, value in sorted(service.capacity.items()) if year > figure.value]
            running = [(year, value) for year, value in later if value]
            if running:
                year, value = running[0]
                yield Finding(code="L007", entity=figure.id, loc=("closes", figure.closes.index(service_id)), message="L007",
                              args={"service": service_id, "closed": figure.value, "year": year, "value": value})


CONTINUING = re.compile(
    r"(?<!\w)(?:продължаван\w*|продължаващ\w*|поддържан\w*|запазван\w*|разширяван\w*|увеличаван\w*)", re.IGNORECASE
)
"""Words with which Bulgarian plans continue, keep or extend what already runs."""


@rule("L008", "continued-but-not-existing", "warning",
      "A framework entity continues, keeps or extends a service that the register does not give as existing.")
def check_continued_services(strategy: Strategy) -> Iterator[Finding]:
    """'Продължаване работата на …' or 'увеличаване на капацитета на …' presupposes a running service; if the
    register calls the same service new or planned, one of the two places misdescribes it. Only strategies
    written in Bulgarian are checked (the verbs are Bulgarian)."""
    from socstrat.model.queries import iter_nodes

    if strategy.strategy.language != "bg":
        return
    services = {s.id: s for s in strategy.services.services}
    for node in iter_nodes(strategy.framework.nodes):
        match = CONTINUING.search(node.title)
        if match is None:
            continue
        for i, service_id in enumerate(node.services):
            service = services.get(service_id)
            if service is not None and service.status is not None and service.status.kind in {"new", "planned"}:
                yield Finding(code="L008", entity=node.id, loc=("services", i), message="L008",
                              args={"word": match.group(0), "service": service_id, "status": service.status.kind})


@rule("L009", "next-strategy-overlaps", "warning",
      "Text names a strategy whose period starts before this strategy's period ends and runs past it.")
def check_next_strategy_overlap(strategy: Strategy) -> Iterator[Finding]:
    """The next strategy takes over where this one ends. One dated '2020-2025' in a 2016–2020 strategy
    covers 2020 twice (two plans for one year) and is typically the period of another document carried
    over. Only ranges in a text that speaks of a strategy ('стратеги…') are checked, so that a programme
    period such as 'ОП РЧР 2014-2020' is not taken for a plan."""
    period = strategy.strategy.period
    for ident, text, loc in texts(strategy, dated=True):
        if "стратеги" not in text.lower():
            continue
        for match in YEAR_RANGE.finditer(text):
            first, last = int(match.group(1)), int(match.group(2))
            if period.start <= first <= period.end < last:
                yield Finding(code="L009", entity=ident, loc=loc, message="L009",
                              args={"range": match.group(0).strip(), "start": period.start, "end": period.end,
                                    "overlap": f"{first}–{period.end}" if first < period.end else str(first)})


_NUMBERS = {"дву": 2, "две": 2, "два": 2, "три": 3, "четири": 4, "пет": 5, "шест": 6}
_ORDINALS = {"първата": 1, "втората": 2, "третата": 3, "четвъртата": 4, "петата": 5}
_NEXT_CYCLE = re.compile(r"следващ\w*\s+(\d+|дву|три|четири|пет|шест)\s*-?\s*годиш\w*\s+(?:етап|период|цикъл)", re.IGNORECASE)
_FIRST_YEARS = re.compile(r"(?:първите\s+(\d+|две|три|четири|пет)\s+години|в\s+края\s+на\s+(\w+)\s+година)", re.IGNORECASE)


def _years_so_far(text: str) -> int | None:
    match = _FIRST_YEARS.search(text)
    if match is None:
        return None
    if match.group(1):
        word = match.group(1).lower()
        return int(word) if word.isdigit() else _NUMBERS.get(word)
    return _ORDINALS.get(match.group(2).lower())


@rule("L010", "cycle-exceeds-period", "warning",
      "Planning text starts a next N-year cycle after the first M years, and M + N exceeds the strategy's period.")
def check_planning_cycles(strategy: Strategy) -> Iterator[Finding]:
    """'Междинна оценка в края на третата година … и планиране на следващ тригодишен период' fits a six-year
    plan, not a five-year one: the cycles are those of another document. The first years are taken from
    the same text, else from the first planning text that states them ('през първите 3 години')."""
    period = strategy.strategy.period
    length = period.end - period.start + 1
    # Both patterns need a form of 'година' ('годишен', 'години'), so plan texts without one are skipped.
    found = list(plan_texts(strategy, word="годи")) + [(s.id, text, ("activities", i)) for s in strategy.implementation.stages
                                          for i, text in enumerate(s.activities)]
    seen: set[tuple[str, tuple[int | str, ...]]] = set()
    default = next((n for _, text, _ in found if (n := _years_so_far(text)) is not None), None)
    for ident, text, loc in found:
        match = _NEXT_CYCLE.search(text)
        if match is None or (ident, loc) in seen:
            continue
        seen.add((ident, loc))
        word = match.group(1).lower()
        cycle = int(word) if word.isdigit() else _NUMBERS.get(word)
        first = _years_so_far(text) or default
        if cycle is not None and first is not None and first + cycle > length:
            yield Finding(code="L010", entity=ident, loc=loc, message="L010",
                          args={"first": first, "cycle": cycle, "length": length,
                                "start": period.start, "end": period.end})
