"""Capacity and staffing deltas between two years of a strategy.

:func:`compute_deltas` compares two years in one of two views: ``services`` (every
entry of the service register) or ``staffing`` (the capacity-and-staff table, grouped
as the document groups it). Group and overall totals are always computed from the
rows; a table's declared totals are only compared with them, in a note. Figures that
state no number ('МД', '-', an empty cell, a year the entry does not mention) are
unknown: a sum is its known part with the count of unknown rows, a change is like for
like, and the institutional share is withheld past the unknown-share threshold
(:mod:`socstrat.analysis.figures`).

The report is language-neutral: groups are keys (a category or status key, a staffing
group id, a financing source as printed) and notes are codes with their numbers, so
that its JSON is the same whatever language a renderer words it in. The data's own
text (service, row and group names, financing as printed) is carried as data.
"""

from __future__ import annotations

import typing
from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from socstrat.analysis.figures import Ratio, change, share, total
from socstrat.analysis.notes import CodedNote
from socstrat.model import CapacityValue, Service, ServiceCategory, StatusKind, Strategy
from socstrat.model.thresholds import DEFAULT_THRESHOLDS, Thresholds
from socstrat.model.values import capacity_number

Number = int | float
ChangeClass = Literal["new", "closed", "expanded", "reduced", "unchanged", "transformed", "unknown"]
View = Literal["services", "staffing"]
By = Literal["group", "financing", "status"]
DeltaNoteCode = Literal[
    "snapshot", "unknown_figures", "one_sided_rows", "like_for_like", "split_staff", "no_institutional_share",
    "plan_column_dated", "declared_total_agrees", "declared_total_differs",
]

NO_CATEGORY, NO_STATUS, NO_FINANCING = "no_category", "no_status", "no_financing"
"""Group keys of rows whose data states no category, status or financing."""

INSTITUTIONAL: ServiceCategory = "specialised_institution"
COMMUNITY_BASED: tuple[ServiceCategory, ...] = ("community", "residential")
"""The de-institutionalisation share compares institutions with these categories."""


# --- the report ------------------------------------------------------------------------


class FinancingShare(BaseModel):
    """The part of a row's capacity paid from one source (a split capacity has several)."""

    financing: str = Field(description="The source as printed, or 'no_financing' when the data states none.")
    capacity_from: Number | None
    capacity_to: Number | None
    capacity_delta: Number | None
    capacity_relative: float | None = Field(default=None, description="capacity_delta / capacity_from; None when that base is unknown or 0.")


class DeltaRow(BaseModel):
    """One service (services view) or one table row (staffing view) at both years."""

    id: str
    name: str
    group: str | None = Field(description="Key of the group the row belongs to; None when it spans several (split financing).")
    capacity_from: Number | None
    capacity_to: Number | None
    capacity_delta: Number | None
    staff_from: Number | None
    staff_to: Number | None
    staff_delta: Number | None
    change: ChangeClass
    capacity_relative: float | None = Field(default=None, description="capacity_delta / capacity_from; None when that base is unknown or 0.")
    places_per_staff_from: float | None = None
    places_per_staff_to: float | None = None
    status: StatusKind | None = None
    category: ServiceCategory | None = None
    service: str | None = Field(default=None, description="Id of the service register entry.")
    financing: list[FinancingShare] = Field(default_factory=list)


class DeltaTotal(BaseModel):
    """Sums of a group's known figures with the count of unknown rows, and the like-for-like change.

    A sum is the known part (None when no row is known); ``*_unknown`` says how many rows
    it leaves out. The change sums only rows known in both years (``capacity_delta_rows``)
    and says how many it leaves out (``capacity_delta_left_out``); ``capacity_relative`` is
    that change over the same rows' earlier sum. See :mod:`socstrat.analysis.figures`.
    """

    capacity_from: Number | None
    capacity_from_unknown: int = 0
    capacity_to: Number | None
    capacity_to_unknown: int = 0
    capacity_delta: Number | None
    capacity_relative: float | None = None
    capacity_delta_rows: int = 0
    capacity_delta_left_out: int = 0
    staff_from: Number | None = Field(description="None when no row of the group states staff in that year.")
    staff_from_unknown: int = 0
    staff_to: Number | None
    staff_to_unknown: int = 0
    staff_delta: Number | None
    staff_delta_left_out: int = 0


class _GroupKey(BaseModel):
    key: str = Field(description="Category or status key, staffing group id, or financing source as printed.")
    name: str | None = Field(description="The group's name as the data prints it (staffing group, financing); None for a key.")


class DeltaGroup(DeltaTotal, _GroupKey):
    """Sums of one group (fields in the order key, name, capacity…, staff…)."""


class DeltaNote(CodedNote[DeltaNoteCode]):
    """A note as a code and the numbers it states; a renderer words it (catalog key ``deltas.note.<code>``).

    The numbers are extra fields, e.g. ``{"code": "unknown_figures", "figure": "capacity",
    "year": 2015, "count": 3}``.
    """


class InstitutionalShare(BaseModel):
    """Capacity in specialised institutions as a fraction of institutions plus community and residential services.

    ``from``/``to`` are None when the share is withheld; ``from_basis``/``to_basis`` say what
    it rests on and why it is withheld (:func:`socstrat.analysis.figures.share`).
    """

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    from_: float | None = Field(alias="from")
    to: float | None
    from_basis: Ratio
    to_basis: Ratio


class DeltaReport(BaseModel):
    """What ``socstrat deltas`` shows; ``model_dump(mode="json", by_alias=True)`` is its JSON contract."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    strategy: str
    view: View
    from_year: int = Field(alias="from")
    to_year: int = Field(alias="to")
    rows: list[DeltaRow]
    groups: list[DeltaGroup]
    total: DeltaTotal
    institutional_share: InstitutionalShare
    notes: list[DeltaNote]
    by: By = Field(default="group", exclude=True, description="How groups were formed; renderers need it, the JSON contract does not carry it.")

    @property
    def snapshot(self) -> bool:
        return self.from_year == self.to_year


# --- errors ----------------------------------------------------------------------------


class DeltasError(Exception):
    """A request that the strategy's figures cannot answer (a usage error, exit 2)."""


class YearNotFound(DeltasError):
    def __init__(self, year: int, available: list[int], view: str) -> None:
        self.year, self.available = year, available
        years = ", ".join(map(str, available)) or "none"
        super().__init__(f"no {view} figures for {year}; years with figures: {years}")


class NoFigures(DeltasError):
    pass


# --- years -----------------------------------------------------------------------------


def available_years(strategy: Strategy, view: View) -> list[int]:
    """Years the view has figures for: the register's capacity and staff years, or the table's two columns."""
    if view == "staffing":
        table = strategy.staffing
        return [] if table is None else sorted(table.column_years())
    years = {y for s in strategy.services.services for y in (*s.capacity, *s.staff)}
    return sorted(years)


def _resolve_years(strategy: Strategy, view: View, from_year: int | None, to_year: int | None) -> tuple[int, int, list[int]]:
    years = available_years(strategy, view)
    if not years:
        what = "no staffing table (staffing.yaml)" if view == "staffing" else "no capacity or staff figures in its service register"
        raise NoFigures(f"the strategy has {what}")
    if from_year is None:
        baseline = strategy.strategy.baseline_year
        from_year = baseline if baseline in years else years[0]
    if to_year is None:
        to_year = years[-1]
    for year in (from_year, to_year):
        if year not in years:
            raise YearNotFound(year, years, view)
    if from_year > to_year:
        raise DeltasError(f"--from {from_year} is after --to {to_year}")
    return from_year, to_year, years


# --- rows before computing -------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    """A row's raw cells at the two years, with what grouping needs."""

    id: str
    name: str
    category: ServiceCategory | None
    status: StatusKind | None
    service: str | None
    table_group: str | None
    capacity: tuple[CapacityValue, CapacityValue]
    staff: tuple[int | None, int | None]
    financing: tuple[str, ...]


def _staffing_staff(strategy: Strategy, year: int) -> dict[str, int | None]:
    """Staff per service id from the staffing table for ``year``, when the table has that column."""
    table = strategy.staffing
    if table is None:
        return {}
    phase = table.column_years().get(year)
    if phase is None:
        return {}
    found: dict[str, int | None] = {}
    for group in table.groups:
        for row in group.rows:
            if row.service:
                value = capacity_number(getattr(row, phase).staff)
                known = found.get(row.service)
                found[row.service] = value if known is None else known + (value or 0)
    return found


def _service_lines(strategy: Strategy, years: tuple[int, int]) -> list[_Line]:
    table_staff = [_staffing_staff(strategy, year) for year in years]

    def staff(service: Service, i: int) -> int | None:
        own = capacity_number(service.staff.get(years[i]))
        return own if own is not None else table_staff[i].get(service.id)

    return [
        _Line(
            id=s.id, name=s.name, category=s.category, status=s.status.kind if s.status else None, service=s.id,
            table_group=None, capacity=(s.capacity.get(years[0]), s.capacity.get(years[1])),
            staff=(staff(s, 0), staff(s, 1)), financing=tuple(s.financing),
        )
        for s in strategy.services.services
    ]


def _staffing_lines(strategy: Strategy, years: tuple[int, int]) -> list[_Line]:
    table = strategy.staffing
    assert table is not None
    services = {s.id: s for s in strategy.services.services}
    phase = table.column_years()
    lines = []
    for group in table.groups:
        linked = [services[r.service] for r in group.rows if r.service in services]
        usual = Counter(s.category for s in linked).most_common(1)
        for row in group.rows:
            service = services.get(row.service or "")
            cells = [getattr(row, phase[year]) for year in years]
            lines.append(
                _Line(
                    id=row.id, name=row.name,
                    category=service.category if service else (usual[0][0] if usual else None),
                    status=service.status.kind if service and service.status else None,
                    service=row.service, table_group=group.id,
                    capacity=(cells[0].capacity, cells[1].capacity),
                    staff=(capacity_number(cells[0].staff), capacity_number(cells[1].staff)),
                    financing=tuple(service.financing) if service else (),
                )
            )
    return lines


def _shares(line: _Line) -> list[tuple[str, int | None, int | None]]:
    """(source, capacity at from, capacity at to) per financing source of a row."""
    fallback = " / ".join(line.financing) or NO_FINANCING
    per_year: list[dict[str, int] | None] = []
    for cell in line.capacity:
        if capacity_number(cell) is None:
            per_year.append(None)
        elif isinstance(cell, list):
            parts: dict[str, int] = {}
            for part in cell:
                key = part.financing or fallback
                parts[key] = parts.get(key, 0) + part.value
            per_year.append(parts)
        else:
            per_year.append({fallback: capacity_number(cell) or 0})
    sources = list(dict.fromkeys(k for year in per_year if year for k in year)) or [fallback]
    return [
        (source, *(None if year is None else year.get(source, 0) for year in per_year))  # type: ignore[misc]
        for source in sources
    ]


# --- change classes --------------------------------------------------------------------


def classify(status: StatusKind | None, before: Number | None, after: Number | None) -> ChangeClass:
    """The change class of a row from its status and its two capacities.

    A new or planned service with no capacity before and some after is ``new`` even when
    the earlier cell is a dash; a closed or transformed one that had capacity and has none
    after is ``closed``/``transformed`` even when the later cell is a dash. Otherwise both
    figures are needed, and a transformed service whose capacity changes is ``transformed``.
    """
    if before is None or after is None:
        if status in ("new", "planned") and not before and after:
            return "new"
        if status in ("closed", "transformed") and before and not after:
            return status
        return "unknown"
    if before == after:
        return "unchanged"
    if status == "transformed":
        return "transformed"
    if before == 0:
        return "new"
    if after == 0:
        return "closed"
    return "expanded" if after > before else "reduced"


# --- computing -------------------------------------------------------------------------


def compute_deltas(
    strategy: Strategy,
    *,
    view: str = "services",
    from_year: int | None = None,
    to_year: int | None = None,
    by: str = "group",
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> DeltaReport:
    """Compare the capacities and staff of ``strategy`` between two years.

    ``from_year`` defaults to the strategy's baseline year (or its first year with
    figures), ``to_year`` to its last year with figures. Raises :class:`YearNotFound`
    for a year without figures and :class:`NoFigures` when the view has none at all.
    """
    if view not in typing.get_args(View) or by not in typing.get_args(By):
        raise ValueError(f"unknown view or grouping: {view!r}, {by!r}")
    view_, by_ = typing.cast(View, view), typing.cast(By, by)
    start, end, years = _resolve_years(strategy, view_, from_year, to_year)
    lines = (_staffing_lines if view_ == "staffing" else _service_lines)(strategy, (start, end))
    computed = _Computation(strategy, lines, view_, by_, start == end, thresholds)
    groups, total = computed.groups(), computed.total()
    notes = computed.notes(start, end, years)
    if view_ == "staffing":
        notes += _staffing_notes(strategy, groups, total, (start, end), by_)
    return DeltaReport(
        strategy=strategy.strategy.id, view=view_, from_year=start, to_year=end,
        rows=computed.rows(), groups=groups, total=total,
        institutional_share=computed.institutional_share(), notes=notes, by=by_,
    )


class _Computation:
    """The figures of one report: a record per row and a record per financing share of a row.

    Plain lists of a few dozen rows: unknown figures are None, and every sum, change and
    share goes through :mod:`socstrat.analysis.figures`."""

    def __init__(self, strategy: Strategy, lines: list[_Line], view: View, by: By, snapshot: bool, thresholds: Thresholds) -> None:
        self.lines, self.view, self.by, self.snapshot, self.thresholds = lines, view, by, snapshot, thresholds
        self.table_names = {g.id: g.name for g in strategy.staffing.groups} if strategy.staffing else {}
        self.shares = [_shares(line) for line in lines]
        self.records = [
            _derived({
                "capacity_from": capacity_number(line.capacity[0]), "capacity_to": capacity_number(line.capacity[1]),
                "staff_from": line.staff[0], "staff_to": line.staff[1],
                "category": line.category, "group": self._group_of(line, shares),
            })
            for line, shares in zip(lines, self.shares)
        ]
        self.share_records = [
            {
                "group": source, "capacity_from": _known(before), "capacity_to": _known(after),
                "staff_from": _known(line.staff[0]) if len(shares) == 1 else None,
                "staff_to": _known(line.staff[1]) if len(shares) == 1 else None,
            }
            for line, shares in zip(lines, self.shares)
            for source, before, after in shares
        ]

    def _group_of(self, line: _Line, shares: list[tuple[str, int | None, int | None]]) -> str | None:
        if self.by == "financing":
            return shares[0][0] if len(shares) == 1 else None
        if self.by == "status":
            return line.status or NO_STATUS
        if self.view == "staffing":
            return line.table_group
        return line.category or NO_CATEGORY

    def _group_order(self) -> list[str]:
        if self.by == "status":
            keys: list[str] = [*typing.get_args(StatusKind), NO_STATUS]
        elif self.by == "group" and self.view == "services":
            keys = [*typing.get_args(ServiceCategory), NO_CATEGORY]
        else:
            source: list[dict[str, Any]] = self.share_records if self.by == "financing" else self.records
            return list(dict.fromkeys(r["group"] for r in source if r["group"] is not None))
        present = {r["group"] for r in self.records}
        return [k for k in keys if k in present]

    def _group_name(self, key: str) -> str | None:
        """The data's own name of a group: a staffing group's heading, a financing source as printed."""
        if self.by == "financing":
            return None if key == NO_FINANCING else key
        if self.by == "group" and self.view == "staffing":
            return self.table_names.get(key)
        return None

    def rows(self) -> list[DeltaRow]:
        rows = []
        for line, record, shares in zip(self.lines, self.records, self.shares):
            values = {k: v for k, v in record.items() if k != "category"}
            if self.snapshot:
                values.update(capacity_delta=None, staff_delta=None, capacity_relative=None)
            rows.append(
                DeltaRow(
                    id=line.id, name=line.name, **values,
                    change="unknown" if self.snapshot else classify(line.status, values["capacity_from"], values["capacity_to"]),
                    status=line.status, category=line.category, service=line.service,
                    financing=[
                        FinancingShare(
                            financing=source, capacity_from=before, capacity_to=after,
                            capacity_delta=None if self.snapshot or before is None or after is None else after - before,
                            capacity_relative=None if self.snapshot or not before or after is None else (after - before) / before,
                        )
                        for source, before, after in shares
                    ],
                )
            )
        return rows

    def groups(self) -> list[DeltaGroup]:
        source = self.share_records if self.by == "financing" else self.records
        return [
            DeltaGroup(key=key, name=self._group_name(key), **_aggregate([r for r in source if r["group"] == key], self.snapshot))
            for key in self._group_order()
        ]

    def total(self) -> DeltaTotal:
        return DeltaTotal(**_aggregate(self.records, self.snapshot))

    def _institutional(self, end: str) -> Ratio:
        """Capacity in institutions over institutions plus community and residential services, or withheld."""
        base = [r for r in self.records if r["category"] in (INSTITUTIONAL, *COMMUNITY_BASED)]
        column = f"capacity_{end}"
        return share((r[column] for r in base if r["category"] == INSTITUTIONAL), (r[column] for r in base), self.thresholds)

    def institutional_share(self) -> InstitutionalShare:
        before, after = self._institutional("from"), self._institutional("to")
        return InstitutionalShare(from_=before.value, to=after.value, from_basis=before, to_basis=after)

    def notes(self, start: int, end: int, years: list[int]) -> list[DeltaNote]:
        notes = []
        if self.snapshot:
            notes.append(DeltaNote.of("snapshot", year=start, reason="only_year" if len(years) == 1 else "same_year"))
        ends = [("from", start)] if self.snapshot else [("from", start), ("to", end)]
        for figure in ("capacity", "staff"):
            for e, year in ends:
                count = sum(1 for r in self.records if r[f"{figure}_{e}"] is None)
                if count:
                    notes.append(DeltaNote.of("unknown_figures", figure=figure, year=year, count=count))
        if not self.snapshot:
            one_sided = sum(1 for r in self.records if (r["capacity_from"] is None) != (r["capacity_to"] is None))
            if one_sided:
                notes.append(DeltaNote.of("one_sided_rows", count=one_sided))
            moved = change((r["capacity_from"], r["capacity_to"]) for r in self.records)
            if moved.left_out:
                notes.append(DeltaNote.of("like_for_like", count=moved.rows, left_out=moved.left_out))
        if self.by == "financing":
            split = sum(1 for line, s in zip(self.lines, self.shares) if len(s) > 1 and any(x is not None for x in line.staff))
            if split:
                notes.append(DeltaNote.of("split_staff", count=split))
        for e, year in ends:
            basis = self._institutional(e)
            if basis.value is None:
                notes.append(DeltaNote.of("no_institutional_share", year=year, reason=basis.withheld, rows=basis.rows, unknown=basis.unknown))
        return notes


def _derived(record: dict[str, Any]) -> dict[str, Any]:
    """A row's record with its changes and places per staff: unknown where a figure it needs is unknown (or a base is 0)."""
    for figure in ("capacity_from", "capacity_to", "staff_from", "staff_to"):
        record[figure] = _known(record[figure])
    cap_from, cap_to = record["capacity_from"], record["capacity_to"]
    delta = None if cap_from is None or cap_to is None else _whole(cap_to - cap_from)
    staff = None if record["staff_from"] is None or record["staff_to"] is None else _whole(record["staff_to"] - record["staff_from"])
    record |= {
        "capacity_delta": delta, "staff_delta": staff,
        "capacity_relative": None if delta is None or not cap_from > 0 else _whole(delta / cap_from),
    }
    for end in ("from", "to"):
        places, people = record[f"capacity_{end}"], record[f"staff_{end}"]
        record[f"places_per_staff_{end}"] = None if places is None or people is None or not people > 0 else _whole(places / people)
    return record


def _aggregate(records: list[dict[str, Any]], snapshot: bool) -> dict[str, Any]:
    """A group's sums (known part and unknown rows) and like-for-like changes, through :mod:`socstrat.analysis.figures`."""
    found: dict[str, Any] = {}
    for figure in ("capacity", "staff"):
        before = [r[f"{figure}_from"] for r in records]
        after = [r[f"{figure}_to"] for r in records]
        first, last = total(before), total(after)
        found |= {
            f"{figure}_from": first.value, f"{figure}_from_unknown": first.unknown,
            f"{figure}_to": last.value, f"{figure}_to_unknown": last.unknown,
        }
        moved = change(zip(before, after))
        found[f"{figure}_delta"] = None if snapshot else moved.value
        found[f"{figure}_delta_left_out"] = 0 if snapshot else moved.left_out
        if figure == "capacity":
            found["capacity_relative"] = None if snapshot else moved.relative
            found["capacity_delta_rows"] = 0 if snapshot else moved.rows
    return found


def _known(value: Number | None) -> Number | None:
    return None if value is None else _whole(value)


def _whole(value: Number) -> Number:
    """A whole float as an int, so JSON shows 159, not 159.0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _staffing_notes(
    strategy: Strategy, groups: list[DeltaGroup], total: DeltaTotal, years: tuple[int, int], by: By
) -> list[DeltaNote]:
    """Say how the plan column is dated and whether the declared 'Общо' rows agree with the computed sums.

    A difference names the staffing group by id, or none for the table's overall total.
    """
    table = strategy.staffing
    assert table is not None
    notes = []
    if table.plan_period.end in years:
        notes.append(DeltaNote.of("plan_column_dated", start=table.plan_period.start, end=table.plan_period.end))
    phase = table.column_years()
    declared: list[tuple[str | None, Any, DeltaTotal]] = [(None, table.declared_total, total)]
    if by == "group":
        computed = {g.key: g for g in groups}
        declared = [(g.id, g.declared_total, computed[g.id]) for g in table.groups if g.id in computed] + declared
    differences = []
    compared = 0
    for group, stated, result in declared:
        if stated is None:
            continue
        for end, year in zip(("from", "to"), years):
            for field in ("capacity", "staff"):
                value = getattr(getattr(stated, phase[year]), field)
                if not isinstance(value, int):
                    continue
                compared += 1
                mine = getattr(result, f"{field}_{end}")
                if mine != value:
                    differences.append(DeltaNote.of("declared_total_differs", group=group, figure=field, year=year, declared=value, computed=mine))
    if compared and not differences:
        notes.append(DeltaNote.of("declared_total_agrees", compared=compared))
    return notes + differences
