"""``monitoring/<YEAR>.yaml``: what actually happened in one reporting year.

The strategy files hold the plan; a monitoring file holds the actuals the monitoring
commission collects for one year (Haskovo §5.3: a database by service, the progress
indicators, the annual monitoring report). One file per year, so that each year's
update is one pull request. Every figure is optional: a value that was not reported is
absent (null), never 0, and every output says "not reported" for it.
"""

import datetime
from typing import Literal, Self

from pydantic import Field, StrictFloat, StrictInt, model_validator

from .base import Count, FigureRef, IndicatorRef, Model, NodeRef, ServiceRef, Year, empty_dict, empty_list

Number = StrictInt | StrictFloat
ServiceState = Literal["operating", "opened", "not_opened", "suspended", "closed", "transformed"]
"""What a service was in the reporting year: ``opened`` in that year, ``not_opened`` although planned."""
ActivityState = Literal["done", "in_progress", "not_started", "delayed", "cancelled", "merged"]
RUNNING: frozenset[str] = frozenset({"operating", "opened"})
"""Service states in which the service provides its service."""


class ServiceReport(Model):
    """The actuals of one service of the register in the reporting year."""

    service: ServiceRef = Field(description="Id of the service in services.yaml.")
    status: ServiceState | None = Field(default=None, description="Operating status in the reporting year; null if not reported.")
    places: Count | None = Field(default=None, description="Places (capacity) available; null if not reported.")
    users: Count | None = Field(default=None, description="Persons served during the year; null if not reported.")
    staff: Number | None = Field(default=None, ge=0, description="Staff positions filled; null if not reported.")
    spending: dict[str, Number] = Field(
        default_factory=empty_dict, description="Spending in leva by financing source as the municipality names it, e.g. {ДДД: 250000}; only sources that are known."
    )
    successor: ServiceRef | None = Field(default=None, description="For a transformed service: the service it became.")
    remarks: list[str] = Field(default_factory=empty_list, description="Free-text remarks.")


class ActivityReport(Model):
    """The state of one activity (a framework node) in the reporting year."""

    activity: NodeRef = Field(description="Id of the activity in framework.yaml.")
    status: ActivityState = Field(description="done, in_progress, not_started, delayed, cancelled, or merged into another activity.")
    merged_into: NodeRef | None = Field(default=None, description="For status 'merged': the activity it was merged into.")
    due: Year | None = Field(default=None, description="The year the annual plan set for the activity, where it set one.")
    account: str | None = Field(default=None, description="A short account of what was done.")
    evidence: list[str] = Field(default_factory=empty_list, description="Evidence, e.g. a council decision number or a report.")

    @model_validator(mode="after")
    def _merged_names_target(self) -> Self:
        if self.status == "merged" and self.merged_into is None:
            raise ValueError("a merged activity names the activity it was merged into in 'merged_into'")
        if self.status != "merged" and self.merged_into is not None:
            raise ValueError("'merged_into' is only for status 'merged'")
        return self


class Baseline(Model):
    """The value an indicator started from, where the commission established it."""

    value: Number = Field(description="The baseline value, in the indicator's unit.")
    year: Year = Field(description="The year the baseline value describes.")
    source: str | None = Field(default=None, description="Where the value comes from.")


class IndicatorReport(Model):
    """The measured value of one indicator in the reporting year, or a qualitative assessment."""

    indicator: IndicatorRef = Field(description="Id of a framework, logframe or key indicator.")
    value: Number | None = Field(default=None, description="The measured value; null if not measured.")
    unit: str | None = Field(default=None, description="Unit of the value: '%', 'души', 'услуги' …; the same as the target's.")
    date: datetime.date | None = Field(default=None, description="Date the value refers to.")
    source: str | None = Field(default=None, description="Source of the value (a register, a survey, a report).")
    assessment: str | None = Field(default=None, description="A qualitative assessment, for an indicator that has no number.")
    baseline: Baseline | None = Field(default=None, description="The baseline, where the commission established or updated it.")


class FigureReport(Model):
    """An updated value of a context figure of the situation analysis."""

    figure: FigureRef = Field(description="Id of a figure of the strategy (usually in context.yaml).")
    value: Number | None = Field(default=None, description="The updated value; null if not available.")
    date: datetime.date | None = Field(default=None, description="Reference date of the value.")
    source: str | None = Field(default=None, description="Source of the value, e.g. НСИ or ГРАО.")


class MonitoringFile(Model):
    """``monitoring/<YEAR>.yaml``: the actuals of one reporting year, as the monitoring commission reports them."""

    year: Year = Field(description="The reporting year; the file is named after it.")
    reported: datetime.date = Field(description="Date of the report (after the year ends).")
    reported_by: str = Field(description="Who reported: the commission, unit or person.")
    illustrative: bool = Field(default=False, description="True when the data is made up to illustrate the tool, not reported by anyone.")
    illustrative_note: str | None = Field(default=None, description="A sentence saying that and why the data is illustrative.")
    services: list[ServiceReport] = Field(default_factory=empty_list, description="Actuals per service of the register.")
    activities: list[ActivityReport] = Field(default_factory=empty_list, description="State of the activities of the framework.")
    indicators: list[IndicatorReport] = Field(default_factory=empty_list, description="Measured values of indicators.")
    figures: list[FigureReport] = Field(default_factory=empty_list, description="Updated context figures.")
    remarks: list[str] = Field(default_factory=empty_list, description="Remarks on the year as a whole.")

    @model_validator(mode="after")
    def _illustrative_says_so(self) -> Self:
        if self.illustrative and not (self.illustrative_note or "").strip():
            raise ValueError("an illustrative file says in 'illustrative_note' that its data is illustrative")
        return self
