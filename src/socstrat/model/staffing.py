"""``staffing.yaml``: the capacity-and-staff table with its groups and declared totals."""

from typing import Annotated, Literal, Union

from pydantic import Field

from .base import Count, Id, Model, Period, ServiceRef, Src, Year

StaffingValue = Annotated[
    Union[Count, Literal["-"], None],
    Field(union_mode="left_to_right", description="A number, '-' as printed, or null for an empty cell."),
]


class StaffingFigures(Model):
    """Capacity and staff in one column of the staffing table."""

    capacity: StaffingValue = None
    staff: StaffingValue = None


class StaffingRow(Model):
    """A row of the staffing table: one service with its baseline and plan."""

    id: Id
    name: str = Field(description="'Вид на услугата и местоположение' as printed.")
    service: ServiceRef | None = Field(default=None, description="Id of the service register entry for this row.")
    baseline: StaffingFigures = Field(description="Capacity and staff in the baseline year.")
    plan: StaffingFigures = Field(description="Planned capacity and staff.")
    src: Src


class StaffingTotals(Model):
    """A totals row of the staffing table, as printed; validation compares it with the sums."""

    baseline: StaffingFigures = Field(description="Totals in the baseline year, as printed.")
    plan: StaffingFigures = Field(description="Planned totals, as printed.")
    src: Src


class StaffingGroup(Model):
    """A group of rows of the staffing table, with the group's own total."""

    id: Id
    name: str = Field(description="Group heading as printed.")
    rows: list[StaffingRow] = Field(description="Rows of the group.")
    declared_total: StaffingTotals | None = Field(default=None, description="The group's 'Общо' row as printed.")


class StaffingFile(Model):
    """``staffing.yaml``: the capacity-and-staff table (Haskovo §7.1.1)."""

    title: str = Field(description="Title of the table as printed.")
    baseline_year: Year = Field(description="Year of the baseline columns.")
    plan_period: Period = Field(description="Years of the plan columns.")
    groups: list[StaffingGroup] = Field(description="Groups of rows.")
    declared_total: StaffingTotals | None = Field(default=None, description="'Общо – за всички услуги' as printed.")
    src: Src

    def column_years(self) -> dict[int, Literal["baseline", "plan"]]:
        """Year → column of the table: the baseline year, and the plan dated at the end of its period.

        Every comparison with other tables (X001, deltas, diff) uses this one dating.
        """
        return {self.baseline_year: "baseline", self.plan_period.end: "plan"}
StaffingGroup.model_rebuild()
