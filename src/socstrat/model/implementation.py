"""``implementation.yaml``: monitoring, roles, stages, financing and communication."""

from pydantic import Field

from .base import (
    Count,
    Figure,
    GoalRef,
    Id,
    Model,
    ObjectiveRef,
    Period,
    Src,
    StatedCount,
    TextBlock,
    empty_list,
)


class Stage(Model):
    """A row of the implementation stages table."""

    id: Id
    name: str | None = Field(default=None, description="Stage name; null where the row continues the previous stage.")
    period: str = Field(description="The period cell as printed.")
    period_part: str | None = Field(
        default=None,
        description="The part of the period the activities cell prints before the activities ('I-во шестмесечие'); it qualifies the period, it is no activity.",
    )
    years: Period | None = Field(default=None, description="The period as years, where the cell names them.")
    activities: list[str] = Field(description="Activities of the stage, one per entry.")
    responsible: list[str] = Field(default_factory=empty_list, description="Who is responsible, as printed.")
    src: Src


class Role(Model):
    """An institution's role in implementing the strategy."""

    id: Id
    code: str | None = Field(default=None, description="Section number as printed.")
    actor: str = Field(description="The institution, as named.")
    paragraphs: list[str] = Field(default_factory=empty_list, description="Paragraphs about the role, verbatim.")
    responsibilities: list[str] = Field(default_factory=empty_list, description="Responsibilities, one per entry.")
    after_responsibilities: list[str] = Field(
        default_factory=empty_list,
        description="Paragraphs the source prints after the responsibilities ('paragraphs' come before them), verbatim.",
    )
    further_responsibilities: list[str] = Field(
        default_factory=empty_list,
        description="Responsibilities the source prints after 'after_responsibilities', as a list of their own (§6.1.4, line 1263).",
    )
    src: Src | None = Field(default=None, description="Where in the source the role is described.")


class Commission(Model):
    """The monitoring commission or unit."""

    name: str = Field(description="Name of the commission or unit.")
    members: Count | None = Field(default=None, description="Number of members, if stated.")
    composition: list[Figure] = Field(default_factory=empty_list, description="Who the members are, as stated figures.")
    paragraphs: list[str] = Field(default_factory=empty_list, description="Paragraphs about the commission, verbatim.")
    tasks: list[str] = Field(default_factory=empty_list, description="Tasks, one per entry.")
    src: Src


class CommunicationAction(Model):
    """A row of the communication plan table."""

    id: Id
    code: str | None = Field(default=None, description="Row number as printed.")
    activity: str = Field(description="The activity cell as printed.")
    means: str | None = Field(default=None, description="The means cell as printed.")
    expected_results: str | None = Field(default=None, description="The expected results cell as printed.")
    partners: str | None = Field(default=None, description="The partners cell as printed.")
    deadline: str | None = Field(default=None, description="The deadline cell as printed.")
    src: Src


class MonitoringGroup(Model):
    """Monitoring indicators for one goal's immediate objective (Kazanlak 'МОНИТОРИНГ')."""

    id: Id
    goal: GoalRef = Field(description="Id of the goal (framework node) these indicators measure.")
    objective: ObjectiveRef | None = Field(default=None, description="Id of the objective the item is meant to measure, if it lines up.")
    code: str | None = Field(default=None, description="The item's number as printed.")
    title: str = Field(description="Heading as printed.")
    indicators: list[str] = Field(description="Monitoring indicators, one per entry.")
    src: Src


class ExpectedResults(Model):
    """The expected results stated for one goal."""

    id: Id
    goal: GoalRef = Field(description="Id of the goal (framework node) the results belong to.")
    code: str | None = Field(default=None, description="Number as printed.")
    title: str = Field(description="Heading as printed.")
    results: list[str] = Field(description="Expected results, one per entry.")
    src: Src


class ImplementationFile(Model):
    """``implementation.yaml``: how the strategy is to be carried out and monitored."""

    monitoring: list[TextBlock] = Field(default_factory=empty_list, description="Monitoring aims, tasks and activities.")
    commission: Commission | None = Field(default=None, description="The monitoring commission or unit.")
    roles: list[Role] = Field(default_factory=empty_list, description="Institutions and their roles.")
    partnership: list[TextBlock] = Field(default_factory=empty_list, description="Partnership arrangements.")
    stages: list[Stage] = Field(default_factory=empty_list, description="Rows of the implementation stages table.")
    stated_counts: list[StatedCount] = Field(
        default_factory=empty_list, description="Counts the text states for lists of this part ('три етапа')."
    )
    capacity_building: list[TextBlock] = Field(default_factory=empty_list, description="Building the capacity of providers and staff.")
    financing: list[TextBlock] = Field(default_factory=empty_list, description="Financing of the strategy.")
    communication: list[TextBlock] = Field(default_factory=empty_list, description="Communication and publicity.")
    communication_plan: list[CommunicationAction] = Field(default_factory=empty_list, description="Rows of the communication plan table.")
    expected_results: list[ExpectedResults] = Field(default_factory=empty_list, description="Expected results per goal.")
    responsible_institutions: list[str] = Field(default_factory=empty_list, description="Institutions responsible for implementation, as listed.")
    monitoring_indicators: list[MonitoringGroup] = Field(default_factory=empty_list, description="Monitoring indicators per goal.")
