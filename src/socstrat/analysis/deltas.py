"""Capacity and staffing deltas between two years of a strategy.

:func:`compute_deltas` compares two years in one of two views: ``services`` (every
entry of the service register) or ``staffing`` (the capacity-and-staff table, grouped
as the document groups it). Group and overall totals are always computed from the
rows; a table's declared totals are only compared with them, in a note. Figures that
state no number ('МД', '-', an empty cell, a year the entry does not mention) are
unknown: they are shown as such and left out of the sums of their year.

The models import without pandas, so that report templates can use them cheaply;
pandas is imported inside the function that computes.
"""

from __future__ import annotations

import typing
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from socstrat.model import CapacityValue, Service, ServiceCategory, StatusKind, Strategy
from socstrat.model.values import capacity_number

if TYPE_CHECKING:
    from typing import TypedDict

    import pandas as pd
    from typing_extensions import Unpack

    from socstrat.lint.engine import StrategyReport

    class DeltaOptions(TypedDict, total=False):
        view: str
        from_year: int | None
        to_year: int | None
        by: str
        lang: str

Number = int | float
Change = Literal["new", "closed", "expanded", "reduced", "unchanged", "transformed", "unknown"]
View = Literal["services", "staffing"]
By = Literal["group", "financing", "status"]
Lang = Literal["bg", "en"]

INSTITUTIONAL: ServiceCategory = "specialised_institution"
COMMUNITY_BASED: tuple[ServiceCategory, ...] = ("community", "residential")
"""The de-institutionalisation share compares institutions with these categories."""


# --- the report ------------------------------------------------------------------------


class FinancingShare(BaseModel):
    """The part of a row's capacity paid from one source (a split capacity has several)."""

    financing: str
    capacity_from: Number | None
    capacity_to: Number | None
    capacity_delta: Number | None


class DeltaRow(BaseModel):
    """One service (services view) or one table row (staffing view) at both years."""

    id: str
    name: str
    group: str | None = Field(description="Label of the group the row belongs to; None when it spans several (split financing).")
    capacity_from: Number | None
    capacity_to: Number | None
    capacity_delta: Number | None
    staff_from: Number | None
    staff_to: Number | None
    staff_delta: Number | None
    change: Change
    capacity_relative: float | None = Field(default=None, description="capacity_delta / capacity_from; None when that base is unknown or 0.")
    places_per_staff_from: float | None = None
    places_per_staff_to: float | None = None
    status: StatusKind | None = None
    category: ServiceCategory | None = None
    service: str | None = Field(default=None, description="Id of the service register entry.")
    financing: list[FinancingShare] = Field(default_factory=list)


class DeltaTotal(BaseModel):
    """Sums of known figures; the change is the difference of the two sums."""

    capacity_from: Number
    capacity_to: Number
    capacity_delta: Number
    staff_from: Number | None = Field(description="None when no row of the group states staff in that year.")
    staff_to: Number | None
    staff_delta: Number | None


class _GroupLabel(BaseModel):
    group: str


class DeltaGroup(DeltaTotal, _GroupLabel):
    """Sums of one group (fields in the order group, capacity…, staff…)."""


class InstitutionalShare(BaseModel):
    """Capacity in specialised institutions as a fraction of institutions plus community and residential services."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    from_: float = Field(alias="from")
    to: float


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
    notes: list[str]
    by: By = Field(default="group", exclude=True, description="How groups were formed; renderers need it, the JSON contract does not carry it.")
    lang: Lang = Field(default="bg", exclude=True)

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


class InvalidStrategy(Exception):
    """The strategy does not load or validate; ``report`` holds the diagnostics."""

    def __init__(self, report: StrategyReport) -> None:
        self.report = report
        super().__init__(f"{report.path} is not valid")


# --- labels ----------------------------------------------------------------------------

LABELS: dict[str, dict[str, str]] = {
    "bg": {
        "specialised_institution": "Специализирани институции",
        "residential": "Резидентни услуги",
        "community": "Услуги в общността",
        "home_care": "Услуги в домашна среда",
        "club": "Клубове",
        "other": "Други",
        "existing": "Съществуващи",
        "new": "Нови",
        "transformed": "Трансформирани",
        "closed": "Закрити",
        "planned": "Планирани",
        "no_status": "Без статус",
        "no_category": "Без категория",
        "no_financing": "Финансиране не е посочено",
        "snapshot_only": "Стратегията има данни само за {year} г.: промяна не може да се изчисли.",
        "snapshot_same": "Началната и крайната година съвпадат ({year} г.): промяна не може да се изчисли.",
        "unknown": "Неизвестен {what} („МД“, „-“ или липсваща стойност), изключен от сборовете: {counts}.",
        "capacity": "капацитет",
        "staff": "персонал",
        "count": "{year} г. – {n} {rows}",
        "one_sided": "Редове с капацитет само за едната година (участват само в нейния сбор, затова промяната на група е разликата между сборовете): {n}.",
        "plan_as": "Колоната „план“ на таблицата ({start}–{end} г.) е показана като {end} г.",
        "declared_agree": "Изчислените сборове съвпадат с обявените редове „Общо“ на таблицата.",
        "declared_differ": "Обявеният сбор „{what}“ ({field}, {year} г.) е {declared}, а сборът на редовете е {computed}.",
        "all": "Общо – за всички услуги",
        "field_capacity": "капацитет",
        "field_staff": "персонал",
        "no_share": "Няма капацитет в институции или услуги в общността за {year} г.: делът е 0.",
        "split_staff": "Редове с капацитет от няколко източника, чийто персонал не е отнесен към източник: {n}.",
        "row": "ред",
        "rows": "реда",
    },
    "en": {
        "specialised_institution": "Specialised institutions",
        "residential": "Residential services",
        "community": "Community services",
        "home_care": "Home care",
        "club": "Clubs",
        "other": "Other",
        "existing": "Existing",
        "new": "New",
        "transformed": "Transformed",
        "closed": "Closed",
        "planned": "Planned",
        "no_status": "No status",
        "no_category": "No category",
        "no_financing": "Financing not stated",
        "snapshot_only": "The strategy has figures for {year} only: no change can be computed.",
        "snapshot_same": "From and to are the same year ({year}): no change can be computed.",
        "unknown": "Unknown {what} ('МД', '-' or missing), left out of the sums: {counts}.",
        "capacity": "capacity",
        "staff": "staff",
        "count": "{year} – {n} {rows}",
        "one_sided": "Rows with a capacity in one year only (they count in that year's sum only, so a group's change is the difference of its sums): {n}.",
        "plan_as": "The table's plan column ({start}–{end}) is shown as {end}.",
        "declared_agree": "The computed totals agree with the table's declared 'Общо' rows.",
        "declared_differ": "The declared total '{what}' ({field}, {year}) is {declared}, but its rows add up to {computed}.",
        "all": "Общо – за всички услуги",
        "field_capacity": "capacity",
        "field_staff": "staff",
        "no_share": "No capacity in institutions or community services in {year}: the share is 0.",
        "split_staff": "Rows financed from several sources whose staff is not attributed to a source: {n}.",
        "row": "row",
        "rows": "rows",
    },
}
"""Chrome of the report in each language; the data's own text is never translated."""


def _rows_word(lang: Lang, n: int) -> str:
    return LABELS[lang]["row" if n == 1 else "rows"]


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
                    service=row.service, table_group=group.name,
                    capacity=(cells[0].capacity, cells[1].capacity),
                    staff=(capacity_number(cells[0].staff), capacity_number(cells[1].staff)),
                    financing=tuple(service.financing) if service else (),
                )
            )
    return lines


def _shares(line: _Line, unspecified: str) -> list[tuple[str, int | None, int | None]]:
    """(source, capacity at from, capacity at to) per financing source of a row."""
    fallback = " / ".join(line.financing) or unspecified
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


def classify(status: StatusKind | None, before: Number | None, after: Number | None) -> Change:
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
    lang: str = "bg",
) -> DeltaReport:
    """Compare the capacities and staff of ``strategy`` between two years.

    ``from_year`` defaults to the strategy's baseline year (or its first year with
    figures), ``to_year`` to its last year with figures. Raises :class:`YearNotFound`
    for a year without figures and :class:`NoFigures` when the view has none at all.
    """
    if view not in typing.get_args(View) or by not in typing.get_args(By) or lang not in LABELS:
        raise ValueError(f"unknown view, grouping or language: {view!r}, {by!r}, {lang!r}")
    view_, by_, lang_ = typing.cast(View, view), typing.cast(By, by), typing.cast(Lang, lang)
    start, end, years = _resolve_years(strategy, view_, from_year, to_year)
    lines = (_staffing_lines if view_ == "staffing" else _service_lines)(strategy, (start, end))
    computed = _Computation(lines, view_, by_, lang_, start == end)
    notes = computed.notes(start, end, years)
    if view_ == "staffing":
        notes += _staffing_notes(strategy, computed, (start, end), by_, lang_)
    return DeltaReport(
        strategy=strategy.strategy.id, view=view_, from_year=start, to_year=end,
        rows=computed.rows(), groups=computed.groups(), total=computed.total(),
        institutional_share=computed.institutional_share(), notes=notes, by=by_, lang=lang_,
    )


def load_and_compute(path: str | Path, **options: Unpack[DeltaOptions]) -> DeltaReport:
    """Load and validate the strategy at ``path``, then :func:`compute_deltas` on it with ``options``.

    Raises :class:`InvalidStrategy` when it does not load or has errors.
    """
    from socstrat.io.loading import load_strategy
    from socstrat.lint.engine import validate_loaded

    loaded = load_strategy(path)
    report = validate_loaded(loaded)
    if not report.valid or loaded.strategy is None:
        raise InvalidStrategy(report)
    return compute_deltas(loaded.strategy, **options)


class _Computation:
    """The pandas frames of one report: a row frame and a frame of financing shares."""

    def __init__(self, lines: list[_Line], view: View, by: By, lang: Lang, snapshot: bool) -> None:
        import pandas as pd

        self.lines, self.view, self.by, self.lang, self.snapshot = lines, view, by, lang, snapshot
        labels = LABELS[lang]
        self.shares = [_shares(line, labels["no_financing"]) for line in lines]
        frame = pd.DataFrame(
            {
                "capacity_from": [capacity_number(line.capacity[0]) for line in lines],
                "capacity_to": [capacity_number(line.capacity[1]) for line in lines],
                "staff_from": [line.staff[0] for line in lines],
                "staff_to": [line.staff[1] for line in lines],
                "category": [line.category for line in lines],
                "group": [self._group_of(line, shares) for line, shares in zip(lines, self.shares)],
            },
            dtype=object,
        )
        frame = _numeric(frame)
        frame["capacity_delta"] = frame["capacity_to"] - frame["capacity_from"]
        frame["staff_delta"] = frame["staff_to"] - frame["staff_from"]
        frame["capacity_relative"] = frame["capacity_delta"] / frame["capacity_from"].where(frame["capacity_from"] > 0)
        for end in ("from", "to"):
            frame[f"places_per_staff_{end}"] = frame[f"capacity_{end}"] / frame[f"staff_{end}"].where(frame[f"staff_{end}"] > 0)
        self.frame = frame
        self.share_frame = _numeric(pd.DataFrame(
            [
                {
                    "group": source, "capacity_from": before, "capacity_to": after,
                    "staff_from": line.staff[0] if len(shares) == 1 else None,
                    "staff_to": line.staff[1] if len(shares) == 1 else None,
                }
                for line, shares in zip(lines, self.shares)
                for source, before, after in shares
            ],
            columns=["group", "capacity_from", "capacity_to", "staff_from", "staff_to"],
            dtype=object,
        ))

    def _group_of(self, line: _Line, shares: list[tuple[str, int | None, int | None]]) -> str | None:
        labels = LABELS[self.lang]
        if self.by == "financing":
            return shares[0][0] if len(shares) == 1 else None
        if self.by == "status":
            return labels[line.status or "no_status"]
        if self.view == "staffing":
            return line.table_group
        return labels[line.category or "no_category"]

    def _group_order(self) -> list[str]:
        labels = LABELS[self.lang]
        if self.by == "status":
            keys: list[str] = [*typing.get_args(StatusKind), "no_status"]
        elif self.by == "group" and self.view == "services":
            keys = [*typing.get_args(ServiceCategory), "no_category"]
        else:
            source = self.share_frame if self.by == "financing" else self.frame
            return list(dict.fromkeys(source["group"].dropna()))
        present = set(self.frame["group"])
        return [labels[k] for k in keys if labels[k] in present]

    def rows(self) -> list[DeltaRow]:
        records = self.frame.to_dict("records")
        rows = []
        for line, record, shares in zip(self.lines, records, self.shares):
            if self.snapshot:
                record.update(capacity_delta=None, staff_delta=None, capacity_relative=None)
            values = {k: _clean(v) for k, v in record.items() if k != "category"}
            rows.append(
                DeltaRow(
                    id=line.id, name=line.name, **values,
                    change="unknown" if self.snapshot else classify(line.status, values["capacity_from"], values["capacity_to"]),
                    status=line.status, category=line.category, service=line.service,
                    financing=[
                        FinancingShare(
                            financing=source, capacity_from=before, capacity_to=after,
                            capacity_delta=None if self.snapshot or before is None or after is None else after - before,
                        )
                        for source, before, after in shares
                    ],
                )
            )
        return rows

    def groups(self) -> list[DeltaGroup]:
        source = self.share_frame if self.by == "financing" else self.frame
        sums = _sums(source)
        return [DeltaGroup(group=name, **_totals(sums.loc[name])) for name in self._group_order()]

    def total(self) -> DeltaTotal:
        return DeltaTotal(**_totals(_sums(self.frame.assign(group="")).iloc[0]))

    def _institutional(self, end: str) -> tuple[float, float]:
        """Capacity in institutions, and in institutions plus community and residential services."""
        frame = self.frame
        inside = frame.loc[frame["category"] == INSTITUTIONAL, f"capacity_{end}"].sum()
        base = frame.loc[frame["category"].isin((INSTITUTIONAL, *COMMUNITY_BASED)), f"capacity_{end}"].sum()
        return float(inside), float(base)

    def institutional_share(self) -> InstitutionalShare:
        shares = [inside / base if base else 0.0 for inside, base in map(self._institutional, ("from", "to"))]
        return InstitutionalShare(from_=shares[0], to=shares[1])

    def notes(self, start: int, end: int, years: list[int]) -> list[str]:
        labels = LABELS[self.lang]
        notes = []
        if self.snapshot:
            notes.append(labels["snapshot_only" if len(years) == 1 else "snapshot_same"].format(year=start))
        ends = [("from", start)] if self.snapshot else [("from", start), ("to", end)]
        for what in ("capacity", "staff"):
            missing = [(int(self.frame[f"{what}_{e}"].isna().sum()), year) for e, year in ends]
            if any(n for n, _ in missing):
                counts = "; ".join(labels["count"].format(n=n, rows=_rows_word(self.lang, n), year=y) for n, y in missing if n)
                notes.append(labels["unknown"].format(what=labels[what], counts=counts))
        if not self.snapshot:
            one_sided = int((self.frame["capacity_from"].isna() != self.frame["capacity_to"].isna()).sum())
            if one_sided:
                notes.append(labels["one_sided"].format(n=one_sided))
        if self.by == "financing":
            split = sum(1 for line, s in zip(self.lines, self.shares) if len(s) > 1 and any(x is not None for x in line.staff))
            if split:
                notes.append(labels["split_staff"].format(n=split))
        for e, year in ends:
            if not self._institutional(e)[1]:
                notes.append(labels["no_share"].format(year=year))
        return notes


def _numeric(frame: pd.DataFrame) -> pd.DataFrame:
    """Figure columns as floats, unknowns as NaN, so that sums skip them."""
    import pandas as pd

    figures = ["capacity_from", "capacity_to", "staff_from", "staff_to"]
    return frame.assign(**{c: pd.to_numeric(frame[c]).astype("float64") for c in figures})


def _sums(frame: pd.DataFrame) -> pd.DataFrame:
    """Per group: capacity sums (unknowns count as nothing) and staff sums (None when no row states staff)."""
    return frame.groupby("group", sort=False, dropna=True).agg(
        capacity_from=("capacity_from", "sum"),
        capacity_to=("capacity_to", "sum"),
        staff_from=("staff_from", lambda s: s.sum(min_count=1)),
        staff_to=("staff_to", lambda s: s.sum(min_count=1)),
    )


def _totals(sums: Any) -> dict[str, Number | None]:
    values = {k: _clean(v) for k, v in sums.items()}
    staff = values["staff_from"], values["staff_to"]
    return {
        "capacity_from": values["capacity_from"] or 0,
        "capacity_to": values["capacity_to"] or 0,
        "capacity_delta": (values["capacity_to"] or 0) - (values["capacity_from"] or 0),
        "staff_from": staff[0],
        "staff_to": staff[1],
        "staff_delta": None if None in staff else staff[1] - staff[0],  # type: ignore[operator]
    }


def _clean(value: Any) -> Any:
    """NaN becomes None and a whole float an int, so JSON shows 159, not 159.0."""
    if isinstance(value, float):
        if value != value:
            return None
        return int(value) if value.is_integer() else value
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def _staffing_notes(strategy: Strategy, computed: _Computation, years: tuple[int, int], by: By, lang: Lang) -> list[str]:
    """Say how the plan column is dated and whether the declared 'Общо' rows agree with the computed sums."""
    table = strategy.staffing
    assert table is not None
    labels = LABELS[lang]
    notes = [labels["plan_as"].format(start=table.plan_period.start, end=table.plan_period.end)] if table.plan_period.end in years else []
    phase = table.column_years()
    declared = [(labels["all"], table.declared_total, computed.total())]
    if by == "group":
        groups = {g.group: g for g in computed.groups()}
        declared = [(g.name, g.declared_total, groups[g.name]) for g in table.groups if g.name in groups] + declared
    differences = []
    compared = False
    for name, stated, result in declared:
        if stated is None:
            continue
        for end, year in zip(("from", "to"), years):
            for field in ("capacity", "staff"):
                value = getattr(getattr(stated, phase[year]), field)
                if not isinstance(value, int):
                    continue
                compared = True
                mine = getattr(result, f"{field}_{end}")
                if mine != value:
                    differences.append(labels["declared_differ"].format(
                        what=name, field=labels[f"field_{field}"], year=year, declared=value, computed=mine))
    if compared and not differences:
        notes.append(labels["declared_agree"])
    return notes + differences
