"""Consistency checks that a schema cannot express, each registered as a rule.

Each check is a function from a :class:`Strategy` to the findings it yields. The
source documents contradict themselves in places; these checks make every such
place visible, and a strategy's ``acknowledgements.yaml`` may accept a finding with
a reason (see :mod:`socstrat.validation`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from .models import (
    CapacityPart,
    CapacityValue,
    Figure,
    Indicator,
    Node,
    PrintedNumber,
    Service,
    StaffingFigures,
    StatedCount,
    Strategy,
    TextBlock,
    iter_nodes,
)
from .rules import Finding, Rule

# --- helpers -------------------------------------------------------------------------


def capacity_number(value: CapacityValue) -> int | None:
    """The total number a capacity, users or staff cell states (of the register or the staffing table), or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, PrintedNumber):
        return value.value
    if isinstance(value, list):
        return sum(part.value for part in value)
    return None


def capacity_numbers(value: CapacityValue) -> set[int]:
    """Every number a cell states: its total and, for a split cell, each part."""
    numbers = set()
    total = capacity_number(value)
    if total is not None:
        numbers.add(total)
    if isinstance(value, list):
        numbers.update(part.value for part in value if isinstance(part, CapacityPart))
    return numbers


def _walk_models(obj: Any) -> Iterator[BaseModel]:
    """Every pydantic model inside ``obj``, depth-first."""
    if isinstance(obj, BaseModel):
        yield obj
        for name in type(obj).model_fields:
            yield from _walk_models(getattr(obj, name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            yield from _walk_models(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            yield from _walk_models(item)


def all_figures(obj: Any) -> Iterator[Figure]:
    """Every figure inside ``obj`` (a model or a list of models), breakdown parts included."""
    for model in _walk_models(obj):
        if isinstance(model, Figure):
            yield model


def _owner_ids(strategy: Strategy) -> Iterator[tuple[str, BaseModel]]:
    """(id, model) for every model that has an id."""
    for model in _walk_models(strategy):
        ident = getattr(model, "id", None)
        if isinstance(ident, str):
            yield ident, model


def _level_index(strategy: Strategy) -> dict[str, int]:
    return {level.key: i for i, level in enumerate(strategy.strategy.levels)}


def _level_name(strategy: Strategy, key: str) -> str:
    for level in strategy.strategy.levels:
        if level.key == key:
            return level.name_en or level.name
    return key


# --- identity and references ---------------------------------------------------------


def check_unique_ids(strategy: Strategy) -> Iterator[Finding]:
    counts = Counter(ident for ident, _ in _owner_ids(strategy))
    for ident, n in counts.items():
        if n > 1:
            yield Finding(code="R001", entity=ident, message=f"the id '{ident}' is used by {n} entities; ids must be unique")


def check_references(strategy: Strategy) -> Iterator[Finding]:
    services = {s.id for s in strategy.services.services}
    nodes = {n.id: n for n in iter_nodes(strategy.framework.nodes)}
    indicators = {k.id for k in strategy.strategy.key_indicators} | set(_indicators(strategy))
    figures = {f.id for f in all_figures(strategy)}

    def missing(entity: str, loc: tuple[int | str, ...], kind: str, target: str) -> Finding:
        return Finding(code="R002", entity=entity, loc=loc, message=f"refers to {kind} '{target}', which does not exist")

    for ident, model in _owner_ids(strategy):
        for i, ref in enumerate(getattr(model, "services", []) or []):
            if isinstance(ref, str) and ref not in services:
                yield missing(ident, ("services", i), "service", ref)
        if isinstance(model, Figure) and model.service and model.service not in services:
            yield missing(ident, ("service",), "service", model.service)
        if isinstance(model, Indicator) and model.same_as and model.same_as not in indicators:
            yield missing(ident, ("same_as",), "indicator", model.same_as)
        if isinstance(model, Figure):
            if model.same_as and model.same_as not in figures:
                yield missing(ident, ("same_as",), "figure", model.same_as)
            for end in ("part", "whole"):
                target = getattr(model.share_of, end) if model.share_of else None
                if target and target not in figures:
                    yield missing(ident, ("share_of", end), "figure", target)
    for node in nodes.values():
        if node.level not in _level_index(strategy):
            yield Finding(code="R002", entity=node.id, loc=("level",), message=f"names level '{node.level}', which strategy.yaml does not declare")
    for service in strategy.services.services:
        status = service.status
        for field in ("successor", "predecessor"):
            target = getattr(status, field, None) if status else None
            if target and target not in services:
                yield missing(service.id, ("status", field), "service", target)
    if strategy.logframe:
        for row in strategy.logframe.rows:
            if row.objective not in nodes:
                yield missing(row.id, ("objective",), "objective", row.objective)
            for i, measure in enumerate(row.measures):
                if measure not in nodes:
                    yield missing(row.id, ("measures", i), "measure", measure)
    if strategy.staffing:
        for group in strategy.staffing.groups:
            for row in group.rows:
                if row.service and row.service not in services:
                    yield missing(row.id, ("service",), "service", row.service)
    for group in strategy.implementation.monitoring_indicators:
        if group.goal not in nodes:
            yield missing(group.id, ("goal",), "goal", group.goal)
        if group.objective and group.objective not in nodes:
            yield missing(group.id, ("objective",), "objective", group.objective)
    for result in strategy.implementation.expected_results:
        if result.goal not in nodes:
            yield missing(result.id, ("goal",), "goal", result.goal)


def _siblings(strategy: Strategy) -> Iterator[tuple[Node | None, list[Node]]]:
    """Each parent (None for the top) with its children grouped by level."""
    yield None, strategy.framework.nodes
    for node in iter_nodes(strategy.framework.nodes):
        if node.children:
            yield node, node.children


def check_duplicate_codes(strategy: Strategy) -> Iterator[Finding]:
    for parent, children in _siblings(strategy):
        seen: dict[tuple[str, str], Node] = {}
        for child in children:
            if child.code is None:
                continue
            key = (child.level, child.code.rstrip("."))
            if key in seen:
                where = f"under '{parent.id}'" if parent else "at the top level"
                yield Finding(
                    code="R003",
                    entity=child.id,
                    loc=("code",),
                    message=f"{_level_name(strategy, child.level).lower()} code '{child.code}' appears twice {where} (also '{seen[key].id}')",
                )
            else:
                seen[key] = child


def check_code_extends_parent(strategy: Strategy) -> Iterator[Finding]:
    for parent, children in _siblings(strategy):
        if parent is None or parent.code is None:
            continue
        parent_code = parent.code.rstrip(".")
        for child in children:
            if child.code is None or "." not in child.code.rstrip("."):
                continue
            child_code = child.code.rstrip(".")
            if child_code.rsplit(".", 1)[0] != parent_code and not parent_code.endswith(child_code.rsplit(".", 1)[0]):
                yield Finding(
                    code="R004",
                    entity=child.id,
                    loc=("code",),
                    message=f"code '{child.code}' does not extend its parent's code '{parent.code}' ('{parent.id}')",
                )


def _last_number(code: str) -> int | None:
    match = re.search(r"(\d+)\.?$", code.strip())
    return int(match.group(1)) if match else None


def check_code_sequence(strategy: Strategy) -> Iterator[Finding]:
    """Sibling codes should count 1, 2, 3 …; a restart or a skip is a numbering defect."""
    for _parent, children in _siblings(strategy):
        yield from _sequence_breaks([(c.id, c.code) for c in children if c.code is not None], "code")
    for _goal, items in _group_codes(strategy):
        yield from _sequence_breaks(items, "item number")


def _sequence_breaks(items: list[tuple[str, str]], what: str) -> Iterator[Finding]:
    previous: int | None = None
    for ident, code in items:
        number = _last_number(code)
        if number is None:
            continue
        expected = 1 if previous is None else previous + 1
        if number != expected:
            yield Finding(code="R005", entity=ident, loc=("code",),
                          message=f"{what} '{code}' breaks the numbering: expected {expected} after {previous if previous is not None else 'the start'}")
        previous = number


def _group_codes(strategy: Strategy) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    by_goal: dict[str, list[tuple[str, str]]] = {}
    for group in strategy.implementation.monitoring_indicators:
        if group.code:
            by_goal.setdefault(group.goal, []).append((group.id, group.code))
    yield from by_goal.items()


# --- arithmetic ----------------------------------------------------------------------


def _staff_sum(rows: Iterable[StaffingFigures], field: str) -> int:
    return sum(v for v in (getattr(r, field) for r in rows) if isinstance(v, int))


def check_declared_totals(strategy: Strategy) -> Iterator[Finding]:
    table = strategy.staffing
    if table is None:
        return
    all_rows: list[Any] = []
    for group in table.groups:
        all_rows.extend(group.rows)
        if group.declared_total:
            yield from _compare_totals(group.rows, group.declared_total, group.id, None, f"group '{group.name}'")
    if table.declared_total:
        yield from _compare_totals(all_rows, table.declared_total, None, ("declared_total",), "the table")


def _compare_totals(rows: list[Any], declared: Any, entity: str | None, loc: tuple[str, ...] | None, what: str) -> Iterator[Finding]:
    for phase in ("baseline", "plan"):
        for field in ("capacity", "staff"):
            stated = getattr(getattr(declared, phase), field)
            if not isinstance(stated, int):
                continue
            computed = _staff_sum((getattr(r, phase) for r in rows), field)
            if computed != stated:
                yield Finding(
                    code="A001",
                    entity=entity,
                    file="staffing" if entity is None else None,
                    loc=(loc or ("declared_total",)) + (phase, field) if entity is None else ("declared_total", phase, field),
                    message=f"declared {phase} {field} total of {what} is {stated}, but its rows add up to {computed}",
                )


def check_percentages(strategy: Strategy) -> Iterator[Finding]:
    for figure in all_figures(strategy):
        if figure.unit and figure.unit.strip() in {"%", "процента"} and figure.value is not None:
            if not 0 <= figure.value <= 100:
                yield Finding(code="A002", entity=figure.id, loc=("value",), message=f"a percentage of {figure.value} is outside 0–100")


BREAKDOWN_TOLERANCE = 0.1
"""Absolute tolerance for a breakdown of a whole: published shares are rounded to one decimal."""


def check_breakdowns(strategy: Strategy) -> Iterator[Finding]:
    for figure in all_figures(strategy):
        if figure.value is None or not figure.parts:
            continue
        same_unit = [p for p in figure.parts if p.unit == figure.unit and p.value is not None]
        if len(same_unit) != len(figure.parts):
            continue
        total = sum(p.value for p in same_unit if p.value is not None)
        if abs(total - figure.value) > BREAKDOWN_TOLERANCE * max(1, len(same_unit)) / 2:
            yield Finding(
                code="A003",
                entity=figure.id,
                loc=("value",),
                message=f"'{figure.label}' is {_num(figure.value)}, but its {len(same_unit)} parts add up to {_num(total)}",
            )


def check_shares(strategy: Strategy) -> Iterator[Finding]:
    """Printed percentages against the counts they are computed from, and against 100 together."""
    figures = {figure.id: figure for figure in all_figures(strategy)}
    for figure in figures.values():
        link = figure.share_of
        if link is None or figure.value is None or link.part not in figures or link.whole not in figures:
            continue
        part, whole = figures[link.part].value, _whole(figures[link.whole])
        if part is None or not whole:
            continue
        computed = 100 * part / whole
        if abs(computed - figure.value) > _half_last_digit(figure.value):
            of = f"'{link.whole}' ({_num(whole)}{'' if figures[link.whole].value is not None else ', the sum of its parts'})"
            yield Finding(code="A004", entity=figure.id, loc=("value",),
                          message=f"the text prints {_num(figure.value)}%, but '{link.part}' ({_num(part)}) is {computed:.2f}% of {of}")
    for figure in figures.values():
        shares = [p for p in figure.parts if p.share_of is not None and p.value is not None]
        wholes = {p.share_of.whole for p in shares if p.share_of}
        if not shares or len(shares) != len(figure.parts) or len(wholes) != 1:
            continue
        whole = figures.get(wholes.pop())
        if whole is None or {p.share_of.part for p in shares if p.share_of} != {p.id for p in whole.parts}:
            continue
        total = sum(p.value for p in shares if p.value is not None)
        if abs(total - 100) > sum(_half_last_digit(p.value) for p in shares if p.value is not None):
            yield Finding(code="A004", entity=figure.id,
                          message=f"the shares of all {len(shares)} parts of '{whole.label}' add up to {_num(round(total, 6))}%, not 100%")


def _whole(figure: Figure) -> float | None:
    if figure.value is not None:
        return figure.value
    values = [p.value for p in figure.parts if p.value is not None]
    return sum(values) if values and len(values) == len(figure.parts) else None


def _half_last_digit(value: float | int) -> float:
    """Rounding tolerance of a printed number: half a unit of its last decimal."""
    decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    return 0.5 * 10**-decimals + 1e-9


def _num(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


# --- cross-table agreement -----------------------------------------------------------


def check_staffing_vs_register(strategy: Strategy) -> Iterator[Finding]:
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
                register = service.capacity[year]
                if capacity_number(register) is None:
                    continue
                if stated not in capacity_numbers(register):
                    yield Finding(
                        code="X001",
                        entity=row.id,
                        loc=(phase, "capacity"),
                        message=(
                            f"capacity of '{service.id}' in {year} is {stated} in the staffing table "
                            f"but {capacity_number(register)} in the service register"
                        ),
                    )


def _stated_capacities(strategy: Strategy) -> Iterator[tuple[Figure, str]]:
    for service in strategy.services.services:
        for figure in service.stated:
            yield figure, service.id
    for figure in all_figures(strategy):
        if figure.service:
            yield figure, figure.service


def check_text_vs_register(strategy: Strategy) -> Iterator[Finding]:
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
        if not known:
            continue
        if figure.value not in known:
            stated = ", ".join(f"{y}: {capacity_number(v)}" for y, v in service.capacity.items() if capacity_number(v) is not None)
            yield Finding(
                code="X002",
                entity=figure.id,
                loc=("value",),
                message=f"the text states a capacity of {_num(figure.value)} for '{service.id}', the register has {stated}",
            )


def check_stated_counts(strategy: Strategy) -> Iterator[Finding]:
    for stated in _walk_models(strategy):
        if isinstance(stated, StatedCount) and stated.count != len(stated.items):
            yield Finding(
                code="X003",
                entity=stated.id,
                loc=("count",),
                message=f"the text says {stated.count} but then lists {len(stated.items)}",
            )


def check_indicator_targets(strategy: Strategy) -> Iterator[Finding]:
    indicators = _indicators(strategy)
    stated: dict[str, tuple[str | None, str]] = {k.id: (k.target, "key indicator") for k in strategy.strategy.key_indicators}
    stated |= {ident: (indicator.target, "indicator") for ident, indicator in indicators.items()}
    for indicator in indicators.values():
        if indicator.same_as not in stated:
            continue
        target, kind = stated[indicator.same_as]
        if indicator.target and target and _norm(indicator.target) != _norm(target):
            yield Finding(
                code="X004",
                entity=indicator.id,
                loc=("target",),
                message=f"target '{indicator.target}' differs from '{target}' of {kind} '{indicator.same_as}'",
            )


def _indicators(strategy: Strategy) -> dict[str, Indicator]:
    return {model.id: model for model in _walk_models(strategy) if isinstance(model, Indicator)}


def check_same_facts(strategy: Strategy) -> Iterator[Finding]:
    """Figures linked by ``same_as`` state one fact; their values and qualifiers must agree."""
    figures = {figure.id: figure for figure in all_figures(strategy)}
    for figure in figures.values():
        other = figures.get(figure.same_as or "")
        if other is None:
            continue
        if (figure.value, _norm(figure.qualifier or "")) != (other.value, _norm(other.qualifier or "")):
            yield Finding(
                code="X006",
                entity=figure.id,
                loc=("value",),
                message=f"'{figure.label}' is {_stated(figure)} here but {_stated(other)} in '{other.id}' ({other.src})",
            )


def _stated(figure: Figure) -> str:
    value = "no number" if figure.value is None else _num(figure.value)
    return f"'{figure.qualifier} {value}'" if figure.qualifier else value


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check_monitoring_alignment(strategy: Strategy) -> Iterator[Finding]:
    """A monitoring item should carry the number of the objective it measures."""
    nodes = {n.id: n for n in iter_nodes(strategy.framework.nodes)}
    for group in strategy.implementation.monitoring_indicators:
        node = nodes.get(group.objective or "")
        if node is None or group.code is None or node.code is None:
            continue
        if _last_number(group.code) != _last_number(node.code):
            yield Finding(code="X005", entity=group.id, loc=("code",),
                          message=f"monitoring item '{group.code}' measures {_level_name(strategy, node.level).lower()} '{node.code}' ('{node.id}')")


# --- lifecycle -----------------------------------------------------------------------


def check_service_lifecycle(strategy: Strategy) -> Iterator[Finding]:
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
                yield Finding(code="L001", entity=service.id, loc=("capacity", baseline),
                              message=f"a new service has a baseline capacity of {value} in {baseline}")
        if status.kind in {"closed", "transformed"}:
            last = max(service.capacity) if service.capacity else None
            value = capacity_number(service.capacity.get(last)) if last is not None else None
            if last is not None and last > (baseline or period.start - 1) and value:
                yield Finding(code="L002", entity=service.id, loc=("capacity", last),
                              message=f"a {status.kind} service still has a capacity of {value} in {last}")
            if status.kind == "transformed" and not (status.successor and status.successor in services):
                yield Finding(code="L002", entity=service.id, loc=("status",),
                              message="a transformed service does not name the service it becomes (status.successor)")
        if status.kind == "existing" and baseline is not None and service.capacity.get(baseline) == 0:
            yield Finding(code="L005", entity=service.id, loc=("capacity", baseline),
                          message=f"the service is described as existing but has a capacity of 0 in {baseline}")
        planned = status.kind in {"new", "planned", "transformed"}
        if planned and status.start_year is not None and not (period.start - 1 <= status.start_year <= period.end):
            yield Finding(code="L003", entity=service.id, loc=("status", "start_year"),
                          message=f"start year {status.start_year} lies outside {period.start}–{period.end}")


YEAR_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:г\.?)?\s*[-–—]\s*((?:19|20)\d\d)(?!\d)")


def check_year_ranges(strategy: Strategy) -> Iterator[Finding]:
    """Year ranges written backwards ('2016г. -2010') in any text."""
    for ident, text, loc in _texts(strategy):
        for match in YEAR_RANGE.finditer(text):
            start, end = int(match.group(1)), int(match.group(2))
            if start > end:
                yield Finding(code="L004", entity=ident, loc=loc,
                              message=f"the period '{match.group(0).strip()}' ends before it starts")


def _texts(strategy: Strategy, *, skip_history: bool = False) -> Iterator[tuple[str, str, tuple[int | str, ...]]]:
    """(owner id, text, loc inside the owner) for every string in entities with an id.

    Figures are left out: their ``text`` quotes a sentence that is already scanned where
    it stands, and scanning it twice would report one problem twice.
    """
    skip: set[int] = set()
    if skip_history:
        for model in _walk_models(strategy.context):
            skip.add(id(model))
        for block in strategy.strategy.introduction + strategy.strategy.conclusion:
            for model in _walk_models(block):
                skip.add(id(model))
    for ident, model in _owner_ids(strategy):
        if id(model) in skip or isinstance(model, Figure):
            continue
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, str):
                yield ident, value, (name,)
            elif isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, str):
                        yield ident, item, (name, i)
        if isinstance(model, Service) and model.status and model.status.text:
            yield ident, model.status.text, ("status", "text")


YEAR = re.compile(r"(?<![\d.№/])((?:19|20)\d\d)(?![\d])")


def check_years_before_period(strategy: Strategy) -> Iterator[Finding]:
    """Plans that name years before the strategy starts: residue of an earlier strategy's text."""
    period = strategy.strategy.period
    for ident, text, loc in _plan_texts(strategy):
        # A range that reaches into the period (a programme "2014-2020") is not a plan for the past;
        # one written backwards is L004's business.
        kept = YEAR_RANGE.sub(lambda m: "" if max(int(m.group(1)), int(m.group(2))) >= period.start else m.group(0), text)
        early = sorted({int(y) for y in YEAR.findall(kept) if int(y) < period.start - 1})
        if early:
            years = ", ".join(str(y) for y in early)
            yield Finding(code="C002", entity=ident, loc=loc,
                          message=f"plans name {years}, before the strategy's period {period.start}–{period.end}")


def check_other_municipalities(strategy: Strategy) -> Iterator[Finding]:
    """'община Димитровград' in Haskovo's plan is text carried over from a neighbour's strategy."""
    from .municipalities import municipality_register

    own = strategy.strategy.municipality
    others = sorted(municipality_register().names() - {own}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)[Оо]бщин(?:а|и|ите)\s+(" + "|".join(map(re.escape, others)) + r")(?!\w)")
    for ident, text, loc in _texts(strategy):
        names = sorted({match.group(1) for match in pattern.finditer(text)})
        if names:
            yield Finding(code="C001", entity=ident, loc=loc,
                          message=f"names {', '.join('община ' + n for n in names)}, but this is the strategy of община {own}")


def check_region_as_scope(strategy: Strategy) -> Iterator[Finding]:
    """Indicators of a municipal plan that measure the whole region are usually copied from the regional strategy."""
    from .municipalities import municipality_register

    regions = sorted({r.name.split(" (")[0] for r in municipality_register().regions}, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)[Оо]бласт(?:та)?\s+(" + "|".join(map(re.escape, regions)) + r")(?!\w)")
    key = {k.id: k for k in strategy.strategy.key_indicators}
    for model in list(_indicators(strategy).values()) + list(key.values()):
        match = pattern.search(model.text)
        if match:
            yield Finding(code="C003", entity=model.id, loc=("text",),
                          message=f"the indicator measures '{match.group(0)}', but the strategy covers община {strategy.strategy.municipality}")


def check_years_after_period(strategy: Strategy) -> Iterator[Finding]:
    """Plans and stages dated after the strategy ends belong to a later plan, or are typos."""
    period = strategy.strategy.period
    for ident, text, loc in _plan_texts(strategy):
        late = sorted({int(y) for y in YEAR.findall(text) if int(y) > period.end})
        if late:
            yield Finding(code="L006", entity=ident, loc=loc,
                          message=f"plans name {', '.join(map(str, late))}, after the strategy's period {period.start}–{period.end}")
    for stage in strategy.implementation.stages:
        years = stage.years
        if years is not None and (years.start < period.start - 1 or years.end > period.end):
            yield Finding(code="L006", entity=stage.id, loc=("years",),
                          message=f"stage years {years.start}–{years.end} lie outside the strategy's period {period.start}–{period.end}")


PLAN_WORDS = re.compile(r"(?<!\w)(?:план|предвижда|ще(?!\w)|период|срок|етап)", re.IGNORECASE)


def _plan_texts(strategy: Strategy) -> Iterator[tuple[str, str, tuple[int | str, ...]]]:
    """The texts of :func:`_texts` outside context and history that speak of plans, periods or stages."""
    return ((ident, text, loc) for ident, text, loc in _texts(strategy, skip_history=True) if PLAN_WORDS.search(text))


# --- logframe quality ----------------------------------------------------------------


def check_objectives_measured(strategy: Strategy) -> Iterator[Finding]:
    """Objective levels (between the top and the measures) need an indicator with a source and period."""
    levels = _level_index(strategy)
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
    for node in iter_nodes(strategy.framework.nodes):
        if node.level in objective_levels and node.id not in measured | monitored:
            yield Finding(code="Q001", entity=node.id,
                          message=f"{_level_name(strategy, node.level).lower()} has no indicator with a source and a verification period")


def check_measures_have_activities(strategy: Strategy) -> Iterator[Finding]:
    levels = strategy.strategy.levels
    if len(levels) < 2:
        return
    parent_level, child_level = levels[-2], levels[-1]
    for node in iter_nodes(strategy.framework.nodes):
        if node.level == parent_level.key and not node.children:
            yield Finding(code="Q002", entity=node.id,
                          message=f"{(parent_level.name_en or parent_level.name).lower()} '{node.code or node.id}' has no {(child_level.name_en or child_level.name).lower()}")


def check_qualitative_indicators(strategy: Strategy) -> Iterator[Finding]:
    for model in _walk_models(strategy):
        if isinstance(model, Indicator) and not model.target and not re.search(r"\d", model.text):
            yield Finding(code="Q003", entity=model.id, message="qualitative indicator: it names no number or target")


CHECK_RULES: tuple[Rule, ...] = (
    Rule("R001", "duplicate-id", "error", "Two entities share an id.",
         "References use ids; a shared id makes every reference to it ambiguous.", check_unique_ids),
    Rule("R002", "unresolved-reference", "error", "A reference names an id or level that does not exist.",
         "Activities, staffing rows, logframe rows and indicators link to services and objectives by id; a broken link loses the connection the report relies on.", check_references),
    Rule("R003", "duplicate-code", "warning", "A source code appears twice on one level under the same parent.",
         "The source's numbering is kept as printed; a duplicate is a defect of the source that readers should know about.", check_duplicate_codes),
    Rule("R004", "code-not-extending-parent", "warning", "A child's code does not extend its parent's code (activity 2.1.3.1 belongs under measure 2.1.3).",
         "A code that does not match its parent usually means an entity was filed under the wrong parent, in the source or in the transcription.", check_code_extends_parent),
    Rule("R005", "numbering-break", "warning", "Sibling codes restart or skip (1, 1, 1, 6 …).",
         "Broken numbering makes cross-references in the text ambiguous; it is reported so that it is a known defect, not a silent one.", check_code_sequence),
    Rule("A001", "declared-total", "warning", "A declared total differs from the sum of its rows.",
         "Tables in the strategies print their own 'Общо' rows; they are kept as printed and checked against the rows.", check_declared_totals),
    Rule("A002", "percentage-range", "warning", "A percentage lies outside 0–100.",
         "A share above 100% or below 0 is a typo or a unit mistake.", check_percentages),
    Rule("A003", "breakdown-sum", "warning", f"The parts of a figure do not add up to the whole (tolerance {BREAKDOWN_TOLERANCE} per rounded part).",
         "Breakdowns (education levels, age groups, diagnoses) should account for the whole they break down; shares are rounded, hence the tolerance.", check_breakdowns),
    Rule("A004", "share-mismatch", "warning", "A printed percentage differs from the counts it is computed from, or the shares of a whole do not add up to 100%.",
         "Percentages are often copied from an older analysis while the counts are updated; the check recomputes them within the rounding of the printed number.", check_shares),
    Rule("X001", "staffing-vs-register", "warning", "The staffing table and the service register give different capacities for the same service and year.",
         "The two tables are the document's own statement of the same plan; an analyst needs to know which figure to trust.", check_staffing_vs_register),
    Rule("X002", "text-vs-register", "warning", "A capacity stated in text (activity, status, description) matches none of the register's figures for that service.",
         "Narrative text and tables are written separately and drift apart; the disagreement is shown with both numbers.", check_text_vs_register),
    Rule("X003", "stated-count", "warning", "A count stated in text does not match the list it introduces.",
         "'11 clubs' followed by twelve names means one of the two is wrong.", check_stated_counts),
    Rule("X004", "indicator-target", "warning", "The same indicator is stated in two places with different targets.",
         "Key indicators are repeated in the logical framework; different targets make success impossible to judge.", check_indicator_targets),
    Rule("X005", "monitoring-misaligned", "warning", "A monitoring item's number differs from the number of the objective it measures.",
         "Monitoring lists are read side by side with the objectives; a shifted number sends the reader to the wrong objective.", check_monitoring_alignment),
    Rule("X006", "same-fact-differs", "warning", "Two figures that state the same fact (linked by same_as) give different values or qualifiers.",
         "A year or number repeated in another section drifts when only one place is edited ('през 2016' in §4.1, 'за 2017' in §5.2); the plan needs one answer.", check_same_facts),
    Rule("L001", "new-with-baseline", "warning", "A new service has a baseline capacity.",
         "A service that does not exist yet cannot have places in the baseline year.", check_service_lifecycle),
    Rule("L002", "closed-with-target", "warning", "A closed or transformed service keeps a target capacity, or a transformed one names no successor.",
         "Closing or transforming a service moves its users somewhere; the data should say where.", check_service_lifecycle),
    Rule("L003", "start-year-outside", "warning", "A service's start year lies outside the strategy's period (or the year before it).",
         "A start year far from the period is a typo or text carried over from another plan.", check_service_lifecycle),
    Rule("L004", "period-backwards", "warning", "A year range in text ends before it starts.",
         "'2016г. -2010' is a typo for a period; it is flagged so that nobody plans by it.", check_year_ranges),
    Rule("L005", "existing-without-capacity", "warning", "A service described as existing has a capacity of 0 in the baseline year.",
         "'Налична' with no places is either a service that does not run yet or a missing figure; either way the baseline is wrong.", check_service_lifecycle),
    Rule("L006", "outside-period", "warning", "Planning text or an implementation stage is dated after the strategy's period (stages also before it).",
         "A strategy plans its own period; later dates belong to the next strategy or are typos, and earlier plans are C002's business.", check_years_after_period),
    Rule("C001", "other-municipality", "warning", "Text names another municipality ('община X') than the strategy's own.",
         "Strategies are often drafted from a neighbour's; a plan that promises something 'в община Димитровград' is residue of that copy. The list of the 265 municipalities ships with socstrat (НСИ, ЕКАТТЕ).", check_other_municipalities),
    Rule("C002", "years-before-period", "warning", "Planning text names years before the strategy's period.",
         "Plans dated before the strategy starts are the usual trace of text carried over from an earlier strategy.", check_years_before_period),
    Rule("C003", "region-as-scope", "warning", "An indicator of the municipal strategy measures the whole region ('област X').",
         "Municipal strategies derive from the regional one; an indicator still scoped to the region cannot be measured by the municipality that adopts it.", check_region_as_scope),
    Rule("Q001", "objective-without-indicator", "warning", "An objective has no indicator with a source and a verification period.",
         "An objective that is not measured cannot be monitored or evaluated.", check_objectives_measured),
    Rule("Q002", "measure-without-activity", "warning", "A node on the second-lowest level has no child (a measure with no activity).",
         "A measure without activities is a promise without a plan.", check_measures_have_activities),
    Rule("Q003", "qualitative-indicator", "info", "An indicator names no number or target.",
         "Qualitative indicators are legitimate but need a judgement to assess; listing them helps plan the evaluation.", check_qualitative_indicators),
)
