"""Tidy tables of a strategy: the one shape every tabular format (CSV, XLSX, data package) writes.

:func:`strategy_tables` turns the models into typed rows once; writers only lay them
out. Each row type is a dataclass whose fields are the table's columns, in order, with
stable English snake_case keys; the field's type gives the column's type (``str`` →
string, ``int`` → integer, ``float`` → number). Headers in Bulgarian or English come
from the catalog (``column.<key>``), never from here.

Unknown is not zero: a cell that states no number (``МД``, ``-``, an empty cell) has an
empty number column, and the printed form is kept beside the number wherever the two
differ (``capacity_printed``: ``МД``, ``-``, ``25 – НП АХУ / 92 – ОП РЧР``, ``.40``).
Coded columns (category, status, kind, …) hold keys; a writer for people translates
them through the catalog (``Column.codes`` names the catalog prefix).
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from socstrat.model import Figure, Node, Strategy, TextBlock
from socstrat.model.plan import planned_figures
from socstrat.model.queries import iter_nodes
from socstrat.model.values import capacity_number, printed_form

ColumnType = Literal["string", "integer", "number"]
Display = Literal["text", "integer", "year", "decimal", "percent"]


@dataclass(frozen=True)
class Column:
    """One column: its key, its type, how a spreadsheet shows it, and the catalog prefix of its codes."""

    key: str
    type: ColumnType
    display: Display = "text"
    codes: str | None = None
    """Catalog prefix for coded values: ``category`` → label ``category.community``."""


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of this table refer to ``reference`` of ``table`` (the same table when it names itself)."""

    fields: tuple[str, ...]
    table: str
    reference: tuple[str, ...]


@dataclass
class TidyTable:
    """A named table: typed columns, a primary key, foreign keys and rows (one dict per row, keyed by column)."""

    name: str
    columns: list[Column]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.columns]

    def records(self) -> Iterator[list[Any]]:
        """Each row as a list of values in column order."""
        for row in self.rows:
            yield [row.get(key) for key in self.keys]


# --- row types: one dataclass per table, fields in column order ------------------------------

_DISPLAY: dict[str, Display] = {
    "year": "year", "places_from_year": "year", "staff_from_year": "year", "start_year": "year", "baseline_year": "year", "plan_start_year": "year", "plan_end_year": "year",
    "from_year": "year", "to_year": "year",
    "capacity_relative": "percent", "institutional_share": "percent",
}
_CODES: dict[str, str] = {"places_basis": "basis", "staff_basis": "basis", "category": "category", "status": "status", "change": "change", "kind": "kind", "level_kind": "level_kind"}


@dataclass
class ServiceRow:
    id: str
    code: str | None
    name: str
    category: str
    status: str | None
    status_text: str | None
    start_year: int | None
    financing: str | None
    provider: str | None
    location: str | None
    territorial_scope: str | None
    target_groups: str | None
    src: str


@dataclass
class ServiceYearRow:
    service_id: str
    year: int
    name: str
    category: str
    status: str | None
    capacity: int | None
    capacity_printed: str | None
    users: int | None
    users_printed: str | None
    staff: int | None
    staff_printed: str | None
    financing: str | None


@dataclass
class ServicePlanRow:
    """A service's planned places and staff in one year of the period: the figure every command reads
    (:func:`socstrat.model.plan.planned_figures`), with its basis and the year of the cell it comes from."""

    service_id: str
    year: int
    name: str
    places: int | None
    places_basis: str
    places_from_year: int | None
    staff: int | None
    staff_basis: str
    staff_from_year: int | None


@dataclass
class StaffingGroupRow:
    id: str
    name: str
    level_kind: str
    baseline_year: int
    plan_start_year: int
    plan_end_year: int
    declared_capacity_baseline: int | None
    declared_staff_baseline: int | None
    declared_capacity_plan: int | None
    declared_staff_plan: int | None
    src: str | None


@dataclass
class StaffingRowRow:
    id: str
    group_id: str
    name: str
    service_id: str | None
    capacity_baseline: int | None
    capacity_baseline_printed: str | None
    staff_baseline: int | None
    staff_baseline_printed: str | None
    capacity_plan: int | None
    capacity_plan_printed: str | None
    staff_plan: int | None
    staff_plan_printed: str | None
    src: str


@dataclass
class NodeRow:
    id: str
    code: str | None
    level: str
    level_name: str
    depth: int
    parent: str | None
    title: str
    services: str | None
    src: str | None


@dataclass
class IndicatorRow:
    id: str
    node: str | None
    logframe_row: str | None
    kind: str
    text: str
    target: str | None
    same_as: str | None
    src: str | None


@dataclass
class LogframeRowRow:
    id: str
    objective: str
    measures: str | None
    means: str | None
    sources: str | None
    verification_period: str | None
    src: str


@dataclass
class FigureRow:
    id: str
    parent: str | None
    section: str | None
    label: str
    value: float | None
    unit: str | None
    as_of: str | None
    kind: str | None
    qualifier: str | None
    text: str | None
    src: str


@dataclass
class AcknowledgementRow:
    number: int
    rule: str
    entity: str
    reason: str
    reason_bg: str | None


@dataclass
class ServiceActualRow:
    year: int
    service_id: str
    reported_status: str | None
    places: int | None
    users: int | None
    staff: float | None
    spending: str | None
    remarks: str | None
    illustrative: str | None


@dataclass
class ActivityActualRow:
    year: int
    activity_id: str
    activity_status: str
    merged_into: str | None
    due: int | None
    account: str | None
    evidence: str | None
    illustrative: str | None


@dataclass
class IndicatorActualRow:
    year: int
    indicator_id: str
    value: float | None
    unit: str | None
    date: str | None
    source: str | None
    assessment: str | None
    illustrative: str | None


_PYTHON_TYPES: dict[Any, ColumnType] = {str: "string", int: "integer", float: "number"}


def columns_of(row_type: type) -> list[Column]:
    """The columns of a row dataclass: its fields in order, typed from their annotations."""
    return list(_columns(row_type))


@cache
def _columns(row_type: type) -> tuple[Column, ...]:
    """Resolving the annotations is the slow part and the same for every strategy."""
    hints = typing.get_type_hints(row_type)
    out = []
    for f in dataclasses.fields(row_type):
        base = next(a for a in (typing.get_args(hints[f.name]) or (hints[f.name],)) if a is not type(None))
        kind = _PYTHON_TYPES[base]
        display: Display = _DISPLAY.get(f.name, "integer" if kind == "integer" else "decimal" if kind == "number" else "text")
        out.append(Column(f.name, kind, display, _CODES.get(f.name)))
    return tuple(out)


def _table(name: str, row_type: type, rows: list[Any], primary_key: tuple[str, ...], *fks: ForeignKey) -> TidyTable:
    """The rows as dicts; their fields are scalars (:func:`columns_of` allows no other type), so a shallow
    read gives what ``dataclasses.asdict`` gives without its recursive copy."""
    keys = [f.name for f in dataclasses.fields(row_type)]
    return TidyTable(name, columns_of(row_type), primary_key, fks, [{k: getattr(r, k) for k in keys} for r in rows])


# --- cells -----------------------------------------------------------------------------------


def _joined(items: list[str], separator: str = "; ") -> str | None:
    return separator.join(items) if items else None


# --- the tables ------------------------------------------------------------------------------

TABLE_NAMES = (
    "services", "service_years", "service_plan", "staffing_groups", "staffing", "nodes", "indicators", "logframe", "figures",
    "acknowledgements", "monitoring_services", "monitoring_activities", "monitoring_indicators",
)
"""Every table of a strategy, in the order writers lay them out; each is written even when empty
(the monitoring tables hold a row per reported item of each ``monitoring/<YEAR>.yaml``)."""


def strategy_tables(strategy: Strategy) -> list[TidyTable]:
    """Every tidy table of ``strategy``, in :data:`TABLE_NAMES` order."""
    return [
        _services(strategy), _service_years(strategy), _service_plan(strategy), _staffing_groups(strategy), _staffing(strategy), _nodes(strategy),
        _indicators(strategy), _logframe(strategy), _figures(strategy), _acknowledgements(strategy),
        *_monitoring(strategy),
    ]


def _services(strategy: Strategy) -> TidyTable:
    rows = [
        ServiceRow(
            id=s.id, code=s.code, name=s.name, category=s.category, status=s.status.kind if s.status else None,
            status_text=s.status.text if s.status else None, start_year=s.status.start_year if s.status else None,
            financing=_joined(s.financing, " / "), provider=s.provider, location=s.location,
            territorial_scope=s.territorial_scope, target_groups=_joined(s.target_groups), src=s.src,
        )
        for s in strategy.services.services
    ]
    return _table("services", ServiceRow, rows, ("id",))


def _service_years(strategy: Strategy) -> TidyTable:
    rows = []
    for s in strategy.services.services:
        for year in sorted({*s.capacity, *s.users, *s.staff}):
            capacity, users, staff = s.capacity.get(year), s.users.get(year), s.staff.get(year)
            rows.append(ServiceYearRow(
                service_id=s.id, year=year, name=s.name, category=s.category, status=s.status.kind if s.status else None,
                capacity=capacity_number(capacity), capacity_printed=printed_form(capacity),
                users=capacity_number(users), users_printed=printed_form(users),
                staff=capacity_number(staff), staff_printed=printed_form(staff),
                financing=_joined(s.financing, " / "),
            ))
    return _table("service_years", ServiceYearRow, rows, ("service_id", "year"), ForeignKey(("service_id",), "services", ("id",)))


def _service_plan(strategy: Strategy) -> TidyTable:
    period = strategy.strategy.period
    names = {s.id: s.name for s in strategy.services.services}
    rows = [
        ServicePlanRow(
            service_id=p.service, year=year, name=names[p.service],
            places=p.places.value, places_basis=p.places.basis, places_from_year=p.places.year,
            staff=p.staff.value, staff_basis=p.staff.basis, staff_from_year=p.staff.year,
        )
        for year in range(period.start, period.end + 1)
        for p in planned_figures(strategy, year).values()
    ]
    return _table("service_plan", ServicePlanRow, rows, ("service_id", "year"), ForeignKey(("service_id",), "services", ("id",)))


def _staffing_groups(strategy: Strategy) -> TidyTable:
    table = strategy.staffing
    rows = []
    if table is not None:
        years = (table.baseline_year, table.plan_period.start, table.plan_period.end)
        declared = [(g.id, g.name, "group", g.declared_total) for g in table.groups]
        declared.append(("table", table.title, "table", table.declared_total))
        for ident, name, kind, total in declared:
            rows.append(StaffingGroupRow(
                id=ident, name=name, level_kind=kind, baseline_year=years[0], plan_start_year=years[1], plan_end_year=years[2],
                declared_capacity_baseline=capacity_number(total.baseline.capacity) if total else None,
                declared_staff_baseline=capacity_number(total.baseline.staff) if total else None,
                declared_capacity_plan=capacity_number(total.plan.capacity) if total else None,
                declared_staff_plan=capacity_number(total.plan.staff) if total else None,
                src=total.src if total else (table.src if kind == "table" else None),
            ))
    return _table("staffing_groups", StaffingGroupRow, rows, ("id",))


def _staffing(strategy: Strategy) -> TidyTable:
    rows = []
    for group in strategy.staffing.groups if strategy.staffing else []:
        for r in group.rows:
            rows.append(StaffingRowRow(
                id=r.id, group_id=group.id, name=r.name, service_id=r.service,
                capacity_baseline=capacity_number(r.baseline.capacity), capacity_baseline_printed=printed_form(r.baseline.capacity),
                staff_baseline=capacity_number(r.baseline.staff), staff_baseline_printed=printed_form(r.baseline.staff),
                capacity_plan=capacity_number(r.plan.capacity), capacity_plan_printed=printed_form(r.plan.capacity),
                staff_plan=capacity_number(r.plan.staff), staff_plan_printed=printed_form(r.plan.staff),
                src=r.src,
            ))
    return _table(
        "staffing", StaffingRowRow, rows, ("id",),
        ForeignKey(("group_id",), "staffing_groups", ("id",)), ForeignKey(("service_id",), "services", ("id",)),
    )


def _nodes(strategy: Strategy) -> TidyTable:
    names = {lv.key: lv.name for lv in strategy.strategy.levels}
    rows: list[NodeRow] = []

    def walk(nodes: list[Node], parent: str | None, depth: int) -> None:
        for n in nodes:
            rows.append(NodeRow(
                id=n.id, code=n.code, level=n.level, level_name=names.get(n.level, n.level), depth=depth, parent=parent,
                title=n.title, services=_joined(n.services), src=n.src,
            ))
            walk(n.children, n.id, depth + 1)

    walk(strategy.framework.nodes, None, 0)
    return _table("nodes", NodeRow, rows, ("id",), ForeignKey(("parent",), "nodes", ("id",)))


def _indicators(strategy: Strategy) -> TidyTable:
    rows = []
    for node in iter_nodes(strategy.framework.nodes):
        for ind in node.indicators:
            rows.append(IndicatorRow(ind.id, node.id, None, "node", ind.text, ind.target, ind.same_as, ind.src))
    for lf in strategy.logframe.rows if strategy.logframe else []:
        for kind, items in (("impact", lf.impact_indicators), ("direct_result", lf.direct_results), ("effect", lf.effect_indicators)):
            for ind in items:
                rows.append(IndicatorRow(ind.id, lf.objective, lf.id, kind, ind.text, ind.target, ind.same_as, ind.src or lf.src))
    for key in strategy.strategy.key_indicators:
        rows.append(IndicatorRow(key.id, None, None, f"key_{key.kind}", key.text, key.target, None, key.src))
    for group in strategy.implementation.monitoring_indicators:
        measured = group.objective or group.goal
        for i, text in enumerate(group.indicators, start=1):
            rows.append(IndicatorRow(f"{group.id}.{i}", measured, None, "monitoring", text, None, None, group.src))
    return _table(
        "indicators", IndicatorRow, rows, ("id",),
        ForeignKey(("node",), "nodes", ("id",)), ForeignKey(("logframe_row",), "logframe", ("id",)),
    )


def _logframe(strategy: Strategy) -> TidyTable:
    rows = [
        LogframeRowRow(
            id=r.id, objective=r.objective, measures=_joined(r.measures), means=_joined(r.means),
            sources=_joined(r.sources), verification_period=r.verification_period, src=r.src,
        )
        for r in (strategy.logframe.rows if strategy.logframe else [])
    ]
    return _table("logframe", LogframeRowRow, rows, ("id",), ForeignKey(("objective",), "nodes", ("id",)))


def _figures(strategy: Strategy) -> TidyTable:
    """Every figure of the situation analysis (context.yaml), parts after their whole."""
    rows: list[FigureRow] = []

    def add(figure: Figure, parent: str | None, section: str | None) -> None:
        value = float(figure.value) if isinstance(figure.value, float) else figure.value
        rows.append(FigureRow(
            id=figure.id, parent=parent, section=section, label=figure.label, value=value, unit=figure.unit,
            as_of=figure.as_of, kind=figure.kind, qualifier=figure.qualifier, text=figure.text, src=figure.src,
        ))
        for part in figure.parts:
            add(part, figure.id, section)

    def block(b: TextBlock) -> None:
        for figure in b.figures:
            add(figure, None, b.id)
        for child in b.children:
            block(child)

    context = strategy.context
    for blocks in (context.sections, context.risk_groups, context.services_in_operation, context.conclusions, context.proposals):
        for b in blocks:
            block(b)
    return _table("figures", FigureRow, rows, ("id",), ForeignKey(("parent",), "figures", ("id",)))


def _acknowledgements(strategy: Strategy) -> TidyTable:
    rows = [AcknowledgementRow(i, a.rule, a.entity, a.reason, a.reason_bg) for i, a in enumerate(strategy.acknowledgements.acknowledgements, start=1)]
    return _table("acknowledgements", AcknowledgementRow, rows, ("number",))


def _monitoring(strategy: Strategy) -> list[TidyTable]:
    """The reported actuals, a row per item and year; not reported stays empty, and made-up data says so in every row."""
    services: list[ServiceActualRow] = []
    activities: list[ActivityActualRow] = []
    indicators: list[IndicatorActualRow] = []
    for year, report in sorted(strategy.monitoring.items()):
        note = (report.illustrative_note or "illustrative") if report.illustrative else None
        for s in report.services:
            spending = _joined([f"{source}: {amount}" for source, amount in s.spending.items()])
            services.append(ServiceActualRow(year, s.service, s.status, s.places, s.users, s.staff, spending, _joined(s.remarks), note))
        for a in report.activities:
            activities.append(ActivityActualRow(year, a.activity, a.status, a.merged_into, a.due, a.account, _joined(a.evidence), note))
        for i in report.indicators:
            value = float(i.value) if i.value is not None else None
            date = i.date.isoformat() if i.date else None
            indicators.append(IndicatorActualRow(year, i.indicator, value, i.unit, date, i.source, i.assessment, note))
    return [
        _table("monitoring_services", ServiceActualRow, services, ("year", "service_id"), ForeignKey(("service_id",), "services", ("id",))),
        _table("monitoring_activities", ActivityActualRow, activities, ("year", "activity_id"), ForeignKey(("activity_id",), "nodes", ("id",))),
        _table("monitoring_indicators", IndicatorActualRow, indicators, ("year", "indicator_id"), ForeignKey(("indicator_id",), "indicators", ("id",))),
    ]


# --- other results as tables -------------------------------------------------------------------


@dataclass
class DeltaLineRow:
    line: str
    id: str | None
    name: str | None
    group: str | None
    capacity_from: float | None
    capacity_from_unknown: int | None
    capacity_to: float | None
    capacity_to_unknown: int | None
    capacity_delta: float | None
    capacity_delta_left_out: int | None
    capacity_relative: float | None
    staff_from: float | None
    staff_from_unknown: int | None
    staff_to: float | None
    staff_to_unknown: int | None
    staff_delta: float | None
    places_per_staff_from: float | None
    places_per_staff_to: float | None
    change: str | None
    status: str | None
    category: str | None
    service: str | None


def deltas_table(report: Any) -> TidyTable:
    """A :class:`~socstrat.analysis.deltas.DeltaReport` as one table: its rows, then a line per group and the total.

    The same lines and keys as ``deltas --format csv``; a group line carries its key in ``group``.
    A sum line's figures are its known parts with the count of unknown rows beside them, and
    its change and relative change are like for like (:mod:`socstrat.analysis.figures`).
    """
    fields = [f.name for f in dataclasses.fields(DeltaLineRow)]

    def line(kind: str, values: dict[str, Any]) -> DeltaLineRow:
        return DeltaLineRow(**({k: None for k in fields} | {k: v for k, v in values.items() if k in fields} | {"line": kind}))

    rows = [line("row", r.model_dump()) for r in report.rows]
    rows += [line("group", g.model_dump() | {"group": g.key}) for g in report.groups]
    rows.append(line("total", report.total.model_dump()))
    table = _table("deltas", DeltaLineRow, rows, ())
    for i, column in enumerate(table.columns):
        if column.key in ("capacity_from", "capacity_to", "capacity_delta", "staff_from", "staff_to", "staff_delta") or column.key.endswith(("_unknown", "_left_out")):
            table.columns[i] = dataclasses.replace(column, display="integer")
        if column.key == "line":
            table.columns[i] = dataclasses.replace(column, codes="line")
    return table
