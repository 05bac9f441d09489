"""Semantic diff of two versions of a strategy: what changed for a reader, not which lines.

Entities are matched by id, so reordering a YAML file or reformatting it is no change,
and an edit is reported in the terms of the strategy: a service added, a capacity
raised, an activity reworded. The result is a :class:`SemanticDiff` model; the
``render_*`` functions turn it into a pull-request comment, terminal text or JSON.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Generic, Literal, NamedTuple, TypeVar, Union

from pydantic import BaseModel, Field

from socstrat.lint.diagnostics import Diagnostic
from socstrat.model import (
    CapacityValue,
    Indicator,
    Level,
    Node,
    Service,
    StaffingFigures,
    StaffingFile,
    StaffingRow,
    StaffingValue,
    Strategy,
)
from socstrat.model.queries import iter_nodes
from socstrat.model.refs import ServiceName
from socstrat.model.values import capacity_number, printed_form

FigureMeasure = Literal["capacity", "users", "staff"]
MEASURES: tuple[FigureMeasure, ...] = ("capacity", "users", "staff")
Cell = Union[CapacityValue, StaffingValue]
RefT = TypeVar("RefT", bound=BaseModel)
ChangeT = TypeVar("ChangeT", bound=BaseModel)
FOLD_AFTER = 5
"""Markdown lists longer than this are folded into ``<details>``."""


# --- the result ----------------------------------------------------------------------


class ServiceRename(BaseModel):
    """A service whose name or id changed; an id change is recognised by an unchanged name."""

    old_id: str
    new_id: str
    old_name: str
    new_name: str


class ServiceChanges(BaseModel):
    added: list[ServiceName] = []
    removed: list[ServiceName] = []
    renamed: list[ServiceRename] = []


class FigureChange(BaseModel):
    """One cell of the register or the staffing table that differs.

    ``old``/``new`` are the cell as printed (``""`` for an empty cell) or null when
    the cell does not exist on that side. ``delta`` is the change in number: a
    service or row that exists on one side only counts as 0 on the other; a year
    missing from an existing service, or a cell with no number (``МД``), gives null.
    """

    table: Literal["register", "staffing", "monitoring"]
    entity: str
    service: str | None
    name: str
    measure: FigureMeasure
    year: int
    old: str | None
    new: str | None
    delta: int | None


class NetChange(BaseModel):
    """Net change of one measure in one year: the sum of the figure deltas that count for it."""

    measure: FigureMeasure
    year: int
    delta: int


class NodeEntry(BaseModel):
    """What every framework change names: the node and its level, named in English
    (``level_name``) and as the strategy names it (``level_name_bg``)."""

    id: str
    level: str
    level_name: str
    level_name_bg: str


class PlacedNode(NodeEntry):
    """A node added or removed: where it stands, under its parent (``None`` at the top) and at its position among its siblings (from 1)."""

    code: str | None
    title: str
    parent: str | None
    position: int


class NodeMove(NodeEntry):
    """A node under another parent, on another level, or in another order among its siblings."""

    code: str | None
    title: str
    old_parent: str | None
    new_parent: str | None
    old_position: int
    new_position: int
    old_level: str
    new_level: str


class NodeRenumber(NodeEntry):
    title: str
    old_code: str | None
    new_code: str | None


class NodeReword(NodeEntry):
    """A changed title or description; description paragraphs are joined by newlines."""

    code: str | None
    field: Literal["title", "description"]
    old: str
    new: str


class NodeChanges(BaseModel):
    added: list[PlacedNode] = []
    removed: list[PlacedNode] = []
    moved: list[NodeMove] = []
    renumbered: list[NodeRenumber] = []
    reworded: list[NodeReword] = []


class PlacedIndicator(BaseModel):
    """An indicator wherever it lives; monitoring items have no id and are named ``group#n``."""

    id: str
    where: str
    text: str
    target: str | None


class IndicatorChange(BaseModel):
    id: str
    where: str
    field: Literal["text", "target", "same_as", "where"]
    old: str | None
    new: str | None


class AcknowledgementRef(BaseModel):
    rule: str
    entity: str
    reason: str
    reason_bg: str | None = None


class AcknowledgementChange(BaseModel):
    rule: str
    entity: str
    old_reason: str
    new_reason: str


class Changes(BaseModel, Generic[RefT, ChangeT]):
    """Entities added, removed, and changed in place."""

    added: list[RefT] = []
    removed: list[RefT] = []
    changed: list[ChangeT] = []


IndicatorChanges = Changes[PlacedIndicator, IndicatorChange]
AcknowledgementChanges = Changes[AcknowledgementRef, AcknowledgementChange]


class CountPart(BaseModel):
    """A headline part that counts entities of one kind of change."""

    kind: Literal[
        "services_added", "services_removed", "services_renamed",
        "indicators_added", "indicators_removed", "indicator_targets_changed", "indicators_reworded",
        "indicators_relinked", "indicators_moved",
        "acknowledgements_added", "acknowledgements_removed", "acknowledgement_reasons_changed",
        "actuals_changed",
    ]
    count: int


class MeasureDeltaPart(BaseModel):
    """The net change of a measure in one year, as a part of the headline (a :class:`NetChange` that is not zero)."""

    kind: Literal["measure_delta"] = "measure_delta"
    measure: FigureMeasure
    year: int
    delta: int


class MeasureFiguresPart(BaseModel):
    """Changed figures of a measure whose totals are all zero or unknown: they are counted instead."""

    kind: Literal["measure_figures_changed"] = "measure_figures_changed"
    measure: FigureMeasure
    count: int


class NodesPart(BaseModel):
    """Framework nodes of one level added, removed, moved, renumbered or reworded; the level named as in NodeEntry."""

    kind: Literal["nodes_added", "nodes_removed", "nodes_moved", "nodes_renumbered", "nodes_reworded"]
    level: str
    level_name: str
    level_name_bg: str
    count: int


HeadlinePart = Annotated[Union[CountPart, MeasureDeltaPart, MeasureFiguresPart, NodesPart], Field(discriminator="kind")]
"""One item of the headline, as codes and numbers; every language's headline is written from these."""


class SemanticDiff(BaseModel):
    """Everything that differs between two strategies; the JSON form of ``socstrat diff``.

    ``headline_parts`` are codes and numbers; the renderers word them in each language
    (:func:`socstrat.render.diff.headline_text`), and the JSON adds the English headline.
    """

    old: str
    new: str
    headline_parts: list[HeadlinePart]
    services: ServiceChanges
    figures: list[FigureChange]
    totals: list[NetChange]
    nodes: NodeChanges
    indicators: IndicatorChanges
    acknowledgements: AcknowledgementChanges

    @property
    def empty(self) -> bool:
        return not self.headline_parts


class DiffOutcome(BaseModel):
    """The diff, or the errors that kept a side from loading (then ``diff`` is None)."""

    diff: SemanticDiff | None
    errors: list[Diagnostic]
    unreadable: bool = False
    """A side could not be read at all (permissions, not a directory): exit 2, as in every command."""


# --- comparing -----------------------------------------------------------------------


def diff_sides(old: str, new: str, repo: Path | None = None) -> DiffOutcome:
    """Load and validate both sides (directories or ``REV:PATH``), then compare them.

    A side with an error from any rule (acknowledgements applied) is not compared, as
    every command treats an invalid strategy. Raises
    :class:`socstrat.io.sources.SourceError` when a side names nothing readable.
    """
    from socstrat.api import open_side

    sides = [open_side(old, repo), open_side(new, repo)]
    errors = [d for side in sides for d in side.errors]
    if errors or sides[0].strategy is None or sides[1].strategy is None:
        return DiffOutcome(diff=None, errors=errors, unreadable=any(side.unreadable for side in sides))
    return DiffOutcome(diff=compare(sides[0].strategy, sides[1].strategy, sides[0].path, sides[1].path), errors=[])


def compare(old: Strategy, new: Strategy, old_label: str = "old", new_label: str = "new") -> SemanticDiff:
    """The semantic differences from ``old`` to ``new``."""
    services, pairs = _compare_services(old.services.services, new.services.services)
    figures = list(_register_changes(old.services.services, new.services.services, pairs))
    figures += _staffing_changes(old.staffing, new.staffing)
    figures += _monitoring_changes(old, new)
    totals = _totals(figures)
    levels = _level_labels(old.strategy.levels, new.strategy.levels)
    nodes = _compare_nodes(old.framework.nodes, new.framework.nodes, levels)
    indicators = _compare_indicators(old, new)
    acknowledgements = _compare_acknowledgements(old, new)
    parts = _headline_parts(services, figures, totals, nodes, indicators, acknowledgements, levels)
    return SemanticDiff(
        old=old_label,
        new=new_label,
        headline_parts=parts,
        services=services,
        figures=figures,
        totals=totals,
        nodes=nodes,
        indicators=indicators,
        acknowledgements=acknowledgements,
    )


def _compare_services(old: list[Service], new: list[Service]) -> tuple[ServiceChanges, dict[str, str]]:
    """Match services by id, then unmatched ones by identical name; returns old id → new id."""
    olds = {s.id: s for s in old}
    news = {s.id: s for s in new}
    pairs = {sid: sid for sid in olds if sid in news}
    unmatched_new: dict[str, list[str]] = {}
    for s in new:
        if s.id not in olds:
            unmatched_new.setdefault(_squash(s.name), []).append(s.id)
    for s in old:
        candidates = unmatched_new.get(_squash(s.name))
        if s.id not in news and candidates:
            pairs[s.id] = candidates.pop(0)
    matched_new = set(pairs.values())
    changes = ServiceChanges(
        added=[ServiceName(id=s.id, name=s.name) for s in new if s.id not in matched_new],
        removed=[ServiceName(id=s.id, name=s.name) for s in old if s.id not in pairs],
    )
    for o in old:
        n = news.get(pairs.get(o.id, ""))
        if n is not None and (n.id != o.id or n.name != o.name):
            changes.renamed.append(ServiceRename(old_id=o.id, new_id=n.id, old_name=o.name, new_name=n.name))
    return changes, pairs


def _register_changes(old: list[Service], new: list[Service], pairs: dict[str, str]) -> Iterator[FigureChange]:
    olds = {s.id: s for s in old}
    back = {n: o for o, n in pairs.items()}
    sides = [(olds.get(back.get(s.id, "")), s) for s in new] + [(s, None) for s in old if s.id not in pairs]
    for before, after in sides:
        current = after or before
        assert current is not None
        for measure in MEASURES:
            cells = (getattr(before, measure) if before else None, getattr(after, measure) if after else None)
            for year, old_cell, new_cell, delta in _cell_changes(*cells):
                yield FigureChange(
                    table="register", entity=current.id, service=current.id, name=current.name,
                    measure=measure, year=year, old=old_cell, new=new_cell, delta=delta,
                )


def _staffing_changes(old: StaffingFile | None, new: StaffingFile | None) -> list[FigureChange]:
    """Cells of the staffing table; baseline is its baseline year, plan its last plan year."""
    rows = [_staffing_rows(old), _staffing_rows(new)]
    order = list(rows[1]) + [rid for rid in rows[0] if rid not in rows[1]]
    changes = []
    for rid in order:
        before, after = rows[0].get(rid), rows[1].get(rid)
        current = after or before
        assert current is not None
        for measure in ("capacity", "staff"):
            cells = [
                {year: getattr(figures, measure) for year, figures in side[1].items()} if side else None
                for side in (before, after)
            ]
            for year, old_cell, new_cell, delta in _cell_changes(*cells):
                changes.append(
                    FigureChange(
                        table="staffing", entity=rid, service=current[0].service, name=current[0].name,
                        measure=measure, year=year, old=old_cell, new=new_cell, delta=delta,
                    )
                )
    return changes


def _monitoring_changes(old: Strategy, new: Strategy) -> list[FigureChange]:
    """Reported actuals (places as capacity, users, staff) per service and year, shown like capacities.

    The entity is the monitoring file (``monitoring/2016``). A value not reported on one
    side gives no delta: not reported is not 0.
    """
    names = {s.id: s.name for s in [*old.services.services, *new.services.services]}

    def actuals(strategy: Strategy) -> dict[str, dict[FigureMeasure, dict[int, Cell]]]:
        found: dict[str, dict[FigureMeasure, dict[int, Cell]]] = {}
        for year, report in strategy.monitoring.items():
            for actual in report.services:
                per = found.setdefault(actual.service, {})
                reported: tuple[tuple[FigureMeasure, float | None], ...] = (
                    ("capacity", actual.places), ("users", actual.users), ("staff", actual.staff),
                )
                for measure, value in reported:
                    if value is not None:
                        per.setdefault(measure, {})[year] = round(value)
        return found

    was, now = actuals(old), actuals(new)
    changes = []
    for sid in list(now) + [sid for sid in was if sid not in now]:
        for measure in MEASURES:
            before, after = was.get(sid, {}).get(measure, {}), now.get(sid, {}).get(measure, {})
            for year, old_cell, new_cell, delta in _cell_changes(before, after):
                changes.append(
                    FigureChange(
                        table="monitoring", entity=f"monitoring/{year}", service=sid, name=names.get(sid, sid),
                        measure=measure, year=year, old=old_cell, new=new_cell, delta=delta,
                    )
                )
    return changes


def _staffing_rows(table: StaffingFile | None) -> dict[str, tuple[StaffingRow, dict[int, StaffingFigures]]]:
    if table is None:
        return {}
    return {
        row.id: (row, {year: getattr(row, column) for year, column in table.column_years().items()})
        for group in table.groups
        for row in group.rows
    }


def _cell_changes(
    old: Mapping[int, Cell] | None, new: Mapping[int, Cell] | None
) -> Iterator[tuple[int, str | None, str | None, int | None]]:
    """(year, old printed, new printed, delta) for each differing year of one measure.

    ``None`` for a side means the entity is absent there, so its numbers count as 0.
    """
    was, now = old or {}, new or {}
    for year in sorted(set(was) | set(now)):
        if year in was and year in now and was[year] == now[year]:
            continue
        before = 0 if old is None else (capacity_number(was[year]) if year in was else None)
        after = 0 if new is None else (capacity_number(now[year]) if year in now else None)
        delta = after - before if before is not None and after is not None else None
        yield year, _printed(was[year]) if year in was else None, _printed(now[year]) if year in now else None, delta


def _printed(value: Cell) -> str:
    """A cell as the source prints it; an empty cell is ''."""
    if value is None:
        return ""
    return printed_form(value) or str(value)


def _totals(figures: list[FigureChange]) -> list[NetChange]:
    """Net change per measure and year. Capacity and users count the register only,
    because the staffing table restates the register's places; staff counts both.
    Reported actuals are no part of the plan and count in no total."""
    sums: dict[tuple[FigureMeasure, int], int] = {}
    for f in figures:
        if (f.measure != "staff" and f.table != "register") or f.table == "monitoring":
            continue
        key = (f.measure, f.year)
        sums[key] = sums.get(key, 0) + (f.delta or 0)
    return [
        NetChange(measure=measure, year=year, delta=delta)
        for (measure, year), delta in sorted(sums.items(), key=lambda item: (MEASURES.index(item[0][0]), item[0][1]))
    ]


class _Place(NamedTuple):
    node: Node
    parent: str | None
    position: int


def _places(nodes: list[Node], parent: str | None = None) -> Iterator[tuple[str, _Place]]:
    for position, node in enumerate(nodes, start=1):
        yield node.id, _Place(node=node, parent=parent, position=position)
        yield from _places(node.children, node.id)


def _compare_nodes(old: list[Node], new: list[Node], levels: dict[str, LevelNames]) -> NodeChanges:
    before, after = dict(_places(old)), dict(_places(new))

    def named(level: str) -> dict[str, str]:
        names = levels.get(level, LevelNames(level, level))
        return {"level": level, "level_name": names.en, "level_name_bg": names.bg}

    def ref(place: _Place) -> PlacedNode:
        n = place.node
        return PlacedNode(id=n.id, **named(n.level), code=n.code, title=n.title, parent=place.parent, position=place.position)

    changes = NodeChanges(
        added=[ref(p) for nid, p in after.items() if nid not in before],
        removed=[ref(p) for nid, p in before.items() if nid not in after],
    )
    reordered = _reordered(old, new, before, after)
    for nid, b in before.items():
        a = after.get(nid)
        if a is None:
            continue
        o, n = b.node, a.node
        common = dict(id=nid, **named(n.level))
        if b.parent != a.parent or o.level != n.level or nid in reordered:
            changes.moved.append(NodeMove(
                **common, code=n.code, title=n.title, old_parent=b.parent, new_parent=a.parent,
                old_position=b.position, new_position=a.position, old_level=o.level, new_level=n.level,
            ))
        if o.code != n.code:
            changes.renumbered.append(NodeRenumber(**common, title=n.title, old_code=o.code, new_code=n.code))
        if o.title != n.title:
            changes.reworded.append(NodeReword(**common, code=n.code, field="title", old=o.title, new=n.title))
        if o.description != n.description:
            changes.reworded.append(NodeReword(
                **common, code=n.code, field="description", old="\n".join(o.description), new="\n".join(n.description),
            ))
    return changes


def _reordered(old: list[Node], new: list[Node], before: dict[str, _Place], after: dict[str, _Place]) -> set[str]:
    """Nodes whose order among siblings that stay under the same parent changed.

    The longest common subsequence of the old and new sibling orders stays put;
    the rest moved. So inserting or removing a sibling moves nothing else.
    """
    moved: set[str] = set()
    old_children = {None: old} | {nid: p.node.children for nid, p in before.items()}
    new_children = {None: new} | {nid: p.node.children for nid, p in after.items()}
    for parent, children in new_children.items():
        if parent not in old_children:
            continue
        kept = {c.id for c in children if c.id in before and before[c.id].parent == parent}
        was = [c.id for c in old_children[parent] if c.id in kept]
        now = [c.id for c in children if c.id in kept]
        stay = set()
        for block in difflib.SequenceMatcher(None, was, now, autojunk=False).get_matching_blocks():
            stay.update(was[block.a : block.a + block.size])
        moved.update(kept - stay)
    return moved


def _indicators(strategy: Strategy) -> dict[str, tuple[PlacedIndicator, str | None]]:
    """Every indicator with an id, by id, with the key indicator it restates."""
    found: dict[str, tuple[PlacedIndicator, str | None]] = {}

    def add(indicator: Indicator, where: str) -> None:
        ref = PlacedIndicator(id=indicator.id, where=where, text=indicator.text, target=indicator.target)
        found.setdefault(indicator.id, (ref, indicator.same_as))

    for node in iter_nodes(strategy.framework.nodes):
        for indicator in node.indicators:
            add(indicator, f"node {node.id}")
    for row in strategy.logframe.rows if strategy.logframe else []:
        for kind, items in (("impact", row.impact_indicators), ("direct result", row.direct_results), ("effect", row.effect_indicators)):
            for indicator in items:
                add(indicator, f"logframe {row.id}, {kind}")
    for key in strategy.strategy.key_indicators:
        found.setdefault(key.id, (PlacedIndicator(id=key.id, where="key indicators", text=key.text, target=key.target), None))
    return found


def _compare_indicators(old: Strategy, new: Strategy) -> IndicatorChanges:
    before, after = _indicators(old), _indicators(new)
    changes = IndicatorChanges(
        added=[ref for iid, (ref, _) in after.items() if iid not in before],
        removed=[ref for iid, (ref, _) in before.items() if iid not in after],
    )
    for iid, (o, o_same) in before.items():
        if iid not in after:
            continue
        n, n_same = after[iid]
        for field, was, now in (("text", o.text, n.text), ("target", o.target, n.target), ("same_as", o_same, n_same), ("where", o.where, n.where)):
            if was != now:
                changes.changed.append(IndicatorChange(id=iid, where=n.where, field=field, old=was, new=now))
    _compare_monitoring(old, new, changes)
    return changes


def _compare_monitoring(old: Strategy, new: Strategy, changes: IndicatorChanges) -> None:
    """Monitoring indicators are plain text in a group; they are matched by position
    after aligning the lists, so inserting one does not change the ones after it."""
    before = {g.id: g.indicators for g in old.implementation.monitoring_indicators}
    after = {g.id: g.indicators for g in new.implementation.monitoring_indicators}
    for gid in list(after) + [gid for gid in before if gid not in after]:
        was, now = before.get(gid, []), after.get(gid, [])
        where = f"monitoring {gid}"

        def ref(texts: Sequence[str], i: int, gid: str = gid, where: str = where) -> PlacedIndicator:
            return PlacedIndicator(id=f"{gid}#{i + 1}", where=where, text=texts[i], target=None)

        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
            paired = min(i2 - i1, j2 - j1) if tag == "replace" else 0
            for k in range(paired):
                changes.changed.append(IndicatorChange(id=f"{gid}#{j1 + k + 1}", where=where, field="text", old=was[i1 + k], new=now[j1 + k]))
            if tag in {"replace", "delete"}:
                changes.removed.extend(ref(was, i) for i in range(i1 + paired, i2))
            if tag in {"replace", "insert"}:
                changes.added.extend(ref(now, j) for j in range(j1 + paired, j2))


def _compare_acknowledgements(old: Strategy, new: Strategy) -> AcknowledgementChanges:
    before = {(a.rule, a.entity): a.reason for a in old.acknowledgements.acknowledgements}
    after = {(a.rule, a.entity): a.reason for a in new.acknowledgements.acknowledgements}
    in_bulgarian = {(a.rule, a.entity, a.reason): a.reason_bg for s in (old, new) for a in s.acknowledgements.acknowledgements}

    def ref(rule: str, entity: str, reason: str) -> AcknowledgementRef:
        return AcknowledgementRef(rule=rule, entity=entity, reason=reason, reason_bg=in_bulgarian[(rule, entity, reason)])

    return AcknowledgementChanges(
        added=[ref(r, e, why) for (r, e), why in after.items() if (r, e) not in before],
        removed=[ref(r, e, why) for (r, e), why in before.items() if (r, e) not in after],
        changed=[
            AcknowledgementChange(rule=r, entity=e, old_reason=why, new_reason=after[(r, e)])
            for (r, e), why in before.items()
            if (r, e) in after and after[(r, e)] != why
        ],
    )


# --- the headline --------------------------------------------------------------------


class LevelNames(NamedTuple):
    en: str
    bg: str


def _level_labels(old: list[Level], new: list[Level]) -> dict[str, LevelNames]:
    """Level key → its names: in English ``name_en`` with a small first letter, else the key
    in words; in Bulgarian the strategy's own ``name``, as written."""
    labels: dict[str, LevelNames] = {}
    for level in [*new, *old]:
        name = level.name_en or level.key.replace("_", " ")
        labels.setdefault(level.key, LevelNames(en=name[:1].lower() + name[1:], bg=level.name))
    return labels


def _headline_parts(
    services: ServiceChanges,
    figures: list[FigureChange],
    totals: list[NetChange],
    nodes: NodeChanges,
    indicators: IndicatorChanges,
    acknowledgements: AcknowledgementChanges,
    levels: dict[str, LevelNames],
) -> list[HeadlinePart]:
    """The non-zero kinds of change in a fixed order, as codes and numbers."""
    parts: list[HeadlinePart] = []

    def count(kind: str, number: int) -> None:
        if number:
            parts.append(CountPart.model_validate({"kind": kind, "count": number}))

    count("services_added", len(services.added))
    count("services_removed", len(services.removed))
    count("services_renamed", len(services.renamed))
    for measure in MEASURES:
        years = [t for t in totals if t.measure == measure and t.delta]
        parts += [MeasureDeltaPart(measure=measure, year=t.year, delta=t.delta) for t in years]
        changed = sum(1 for f in figures if f.measure == measure and f.table != "monitoring")
        if not years and changed:
            parts.append(MeasureFiguresPart(measure=measure, count=changed))
    count("actuals_changed", sum(1 for f in figures if f.table == "monitoring"))
    order = list(levels)
    for entries, kind in (
        (nodes.added, "nodes_added"),
        (nodes.removed, "nodes_removed"),
        (nodes.moved, "nodes_moved"),
        (nodes.renumbered, "nodes_renumbered"),
        (nodes.reworded, "nodes_reworded"),
    ):
        by_level: dict[str, set[str]] = {}
        for entry in entries:
            by_level.setdefault(entry.level, set()).add(entry.id)
        for level in sorted(by_level, key=lambda key: order.index(key) if key in order else len(order)):
            names = levels.get(level, LevelNames(level, level))
            parts.append(NodesPart.model_validate(
                {"kind": kind, "level": level, "level_name": names.en, "level_name_bg": names.bg, "count": len(by_level[level])}
            ))
    count("indicators_added", len(indicators.added))
    count("indicators_removed", len(indicators.removed))
    for field, kind in (
        ("target", "indicator_targets_changed"),
        ("text", "indicators_reworded"),
        ("same_as", "indicators_relinked"),
        ("where", "indicators_moved"),
    ):
        count(kind, len({c.id for c in indicators.changed if c.field == field}))
    count("acknowledgements_added", len(acknowledgements.added))
    count("acknowledgements_removed", len(acknowledgements.removed))
    count("acknowledgement_reasons_changed", len(acknowledgements.changed))
    return parts


def _squash(text: str) -> str:
    return " ".join(text.split())
