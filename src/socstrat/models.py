"""Pydantic models of a municipal social-services strategy.

A strategy is a directory of YAML files; each file validates against one of the
``*File`` models at the bottom of this module and :class:`Strategy` joins them.
Every model forbids unknown keys so that a typo in the data is an error, and every
entity that other parts refer to carries a stable ``id``. Where the source numbers
an entity, ``code`` keeps the source's numbering exactly as printed, defects included.
Figures carry ``src``: the section, table or row of the source they came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, model_validator

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        description="Stable identifier: lower-case ASCII letters, digits, '.', '_' and '-'.",
    ),
]
Src = Annotated[
    str,
    Field(
        min_length=1,
        description="Where in the source document this comes from: a section number, or a table and row.",
    ),
]
Year = Annotated[StrictInt, Field(ge=1900, le=2100)]
Count = Annotated[StrictInt, Field(ge=0)]
"""Integers are strict: YAML ``true`` or ``"40"`` is not silently taken for a number."""


class Model(BaseModel):
    """Base for every model: unknown keys are errors, values are checked on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)


# --- common pieces -------------------------------------------------------------------


class Period(Model):
    """A span of calendar years, both ends included."""

    start: Year
    end: Year

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"the period starts in {self.start}, after it ends in {self.end}")
        return self


class SourceDocument(Model):
    """The document the data was transcribed from."""

    title: str
    file: str = Field(description="Name of the plain-text copy in shared/seeds.")
    note: str | None = None


class Adoption(Model):
    """The council decision that adopted the strategy, as the source states it."""

    body: str | None = None
    decision: str | None = Field(default=None, description="Decision number as printed, e.g. '№ 690'.")
    date: str | None = Field(default=None, description="ISO date, e.g. '2007-06-28'.")
    src: Src | None = None


class Level(Model):
    """One level of the strategy's intervention hierarchy, named as the document names it."""

    key: Id = Field(description="Key that framework nodes use in their 'level' field.")
    name: str = Field(description="The document's own name of the level, e.g. 'Специфична цел'.")
    name_en: str | None = None


class Figure(Model):
    """A number stated by the source, with its unit, reference date and place."""

    id: Id
    label: str = Field(description="What is counted, in the source's words.")
    value: StrictInt | StrictFloat | None = Field(default=None, description="The number as stated; null if the text gives none.")
    unit: str | None = Field(default=None, description="Unit as used by the source: 'души', '%', 'кв.км', 'хлв', ...")
    as_of: str | None = Field(default=None, description="Reference date or period as stated, e.g. '31.12.2014' or '2004'.")
    text: str | None = Field(default=None, description="The sentence or fragment that states the figure, verbatim.")
    kind: Literal["capacity", "users", "staff", "count", "share", "money", "year", "other"] | None = Field(
        default=None, description="What sort of number this is; 'capacity' and 'staff' figures are compared with the service register."
    )
    service: Id | None = Field(default=None, description="Id of the service the figure is about, if any.")
    qualifier: str | None = Field(
        default=None, description="A word the source puts before the value that changes its meaning: 'след', 'през', 'до', 'над'."
    )
    same_as: Id | None = Field(
        default=None, description="Id of a figure elsewhere in the document that states the same fact; the two should agree."
    )
    share_of: ShareOf | None = Field(
        default=None, description="For a printed percentage: the figures the text computes it from."
    )
    parts: list[Figure] = Field(default_factory=list, description="A breakdown of this figure stated by the source.")
    src: Src


class ShareOf(Model):
    """The part and the whole a printed percentage relates (part / whole × 100)."""

    part: Id = Field(description="Id of the figure counted.")
    whole: Id = Field(description="Id of the figure it is a share of; a whole without a value is the sum of its parts.")


class Indicator(Model):
    """A result or indicator statement; ``target`` holds the number it names, if any."""

    id: Id
    text: str
    target: str | None = Field(default=None, description="The quantified target as printed, e.g. '20%', '10-20'.")
    same_as: Id | None = Field(
        default=None, description="Id of a key indicator or another indicator that this one restates (possibly with another target)."
    )
    figures: list[Figure] = Field(default_factory=list, description="Numbers the statement names besides its target (years, capacities).")
    src: Src | None = None


class TextBlock(Model):
    """A titled piece of prose: paragraphs, bullet items and nested blocks, kept verbatim."""

    id: Id
    code: str | None = Field(default=None, description="Section number as printed, e.g. '2.2.2.1'.")
    title: str | None = None
    paragraphs: list[str] = Field(default_factory=list)
    items: list[str] = Field(default_factory=list, description="Bullet items, one per entry.")
    figures: list[Figure] = Field(default_factory=list)
    services: list[Id] = Field(default_factory=list, description="Ids of service register entries this block concerns.")
    children: list[TextBlock] = Field(default_factory=list)
    src: Src | None = None


class StatedCount(Model):
    """A count that the text states for a list it introduces ('11 клуба ...')."""

    id: Id
    text: str = Field(description="The sentence stating the count, verbatim.")
    count: Count
    items: list[str] = Field(description="The items the text then lists.")
    src: Src


# --- strategy.yaml -------------------------------------------------------------------


class PolicyDocument(Model):
    level: Literal["international", "national", "regional", "municipal"]
    title: str


class KeyIndicator(Model):
    """A key indicator of the strategy's success (Haskovo §3.5)."""

    id: Id
    kind: Literal["quantitative", "qualitative"]
    text: str
    target: str | None = None
    src: Src


class StrategyFile(Model):
    """``strategy.yaml``: identity of the strategy and its statements of intent."""

    id: Id
    title: str
    municipality: str
    region: str
    period: Period
    baseline_year: Year | None = Field(default=None, description="Year of the 'before' figures, e.g. 2015.")
    adoption: Adoption | None = None
    source: SourceDocument
    language: str = "bg"
    levels: list[Level] = Field(min_length=1, description="Intervention levels from the top down.")
    summary: list[str] = Field(default_factory=list)
    scope: list[str] = Field(default_factory=list)
    introduction: list[TextBlock] = Field(default_factory=list)
    policy_documents: list[PolicyDocument] = Field(default_factory=list)
    vision: list[str] = Field(default_factory=list)
    values: list[str] = Field(default_factory=list)
    principles: list[str] = Field(default_factory=list)
    priority_target_groups: list[str] = Field(default_factory=list)
    key_indicators: list[KeyIndicator] = Field(default_factory=list)
    conclusion: list[TextBlock] = Field(default_factory=list)


# --- context.yaml --------------------------------------------------------------------


class Swot(Model):
    strengths: list[str] = Field(default_factory=list)
    weaknesses: list[str] = Field(default_factory=list)
    opportunities: list[str] = Field(default_factory=list)
    threats: list[str] = Field(default_factory=list)
    src: Src | None = None


class ContextFile(Model):
    """``context.yaml``: the situation analysis the strategy rests on."""

    sections: list[TextBlock] = Field(
        default_factory=list, description="Context and trends (demography, health, education, economy, ...)."
    )
    risk_groups: list[TextBlock] = Field(default_factory=list)
    services_in_operation: list[TextBlock] = Field(default_factory=list)
    stated_counts: list[StatedCount] = Field(default_factory=list)
    swot: Swot | None = None
    trends: list[str] = Field(default_factory=list)
    conclusions: list[TextBlock] = Field(default_factory=list)
    proposals: list[TextBlock] = Field(default_factory=list)


# --- framework.yaml ------------------------------------------------------------------


class Node(Model):
    """An entity of the intervention hierarchy: direction, objective, measure, activity."""

    id: Id
    level: Id = Field(description="Key of one of the strategy's levels.")
    code: str | None = Field(default=None, description="The source's number as printed, e.g. '2.1.3'.")
    title: str
    description: list[str] = Field(default_factory=list)
    services: list[Id] = Field(default_factory=list, description="Ids of service register entries this concerns.")
    figures: list[Figure] = Field(default_factory=list, description="Capacities, years, providers the text names.")
    indicators: list[Indicator] = Field(default_factory=list)
    prose: list[TextBlock] = Field(
        default_factory=list, description="Further text the source gives about this entity elsewhere, each block with its own src."
    )
    children: list[Node] = Field(default_factory=list)
    src: Src | None = None


class FrameworkFile(Model):
    """``framework.yaml``: the intervention tree, top level first."""

    nodes: list[Node]


# --- logframe.yaml -------------------------------------------------------------------


class LogframeRow(Model):
    """A row of the logical framework matrix, linked to the objective it measures."""

    id: Id
    objective: Id = Field(description="Id of the framework node this row measures.")
    measures: list[Id] = Field(default_factory=list, description="Ids of the measures the row's second column names.")
    means: list[str] = Field(default_factory=list, description="'Мерки, дейности' column as printed, when it says more than measure titles.")
    impact_indicators: list[Indicator] = Field(default_factory=list)
    direct_results: list[Indicator] = Field(default_factory=list)
    effect_indicators: list[Indicator] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="Sources of information / verification.")
    verification_period: str | None = Field(default=None, description="'Период на проверка' as printed.")
    src: Src


class LogframeFile(Model):
    """``logframe.yaml``: the logical framework matrix."""

    vision: str | None = None
    rows: list[LogframeRow]


# --- services.yaml -------------------------------------------------------------------


class CapacityPart(Model):
    """One part of a split capacity, e.g. '25 – НП АХУ'."""

    value: Count
    financing: str | None = None
    label: str | None = None


class PrintedNumber(Model):
    """A number whose printed form is unusual ('.40'): the number and the print, both kept."""

    value: Count | None = None
    printed: str


CapacityValue = Annotated[
    Union[
        Count,
        Literal["МД", "-"],
        list[CapacityPart],
        PrintedNumber,
        None,
    ],
    Field(
        union_mode="left_to_right",
        description="A number; 'МД' (local activity, no number) or '-'; a list of parts; {value, printed}; or null for an empty cell.",
    ),
]
ServiceCategory = Literal[
    "specialised_institution", "residential", "community", "home_care", "club", "other"
]
StatusKind = Literal["existing", "new", "transformed", "closed", "planned"]


class ServiceStatus(Model):
    """The service's status and start year, as stated."""

    kind: StatusKind
    text: str | None = Field(default=None, description="The status column verbatim.")
    start_year: Year | None = None
    successor: Id | None = Field(default=None, description="Id of the service this one becomes.")
    predecessor: Id | None = None


class Service(Model):
    """An entry of the service register (Haskovo Section Г; Kazanlak §6)."""

    id: Id
    code: str | None = Field(default=None, description="Row number in the source table, as printed.")
    name: str
    category: ServiceCategory
    target_groups: list[str] = Field(default_factory=list)
    territorial_scope: str | None = None
    capacity: dict[Year, CapacityValue] = Field(default_factory=dict, description="Places per year.")
    users: dict[Year, CapacityValue] = Field(default_factory=dict, description="Users served per year, where the source counts users, not places.")
    staff: dict[Year, CapacityValue] = Field(default_factory=dict, description="Staff per year, where the source states it in the service's own text.")
    content: list[str] = Field(default_factory=list, description="What the service provides.")
    location: str | None = None
    status: ServiceStatus | None = None
    financing: list[str] = Field(default_factory=list)
    provider: str | None = None
    notes: list[str] = Field(default_factory=list, description="Further statements about the service, verbatim.")
    stated: list[Figure] = Field(
        default_factory=list, description="Numbers that the service's own text (status, content) states, e.g. a capacity."
    )
    src: Src


class ServicesFile(Model):
    """``services.yaml``: the service register."""

    services: list[Service]


# --- staffing.yaml -------------------------------------------------------------------

StaffingValue = Annotated[
    Union[Count, Literal["-"], None],
    Field(union_mode="left_to_right", description="A number, '-' as printed, or null for an empty cell."),
]


class StaffingFigures(Model):
    capacity: StaffingValue = None
    staff: StaffingValue = None


class StaffingRow(Model):
    id: Id
    name: str = Field(description="'Вид на услугата и местоположение' as printed.")
    service: Id | None = Field(default=None, description="Id of the service register entry for this row.")
    baseline: StaffingFigures
    plan: StaffingFigures
    src: Src


class StaffingGroup(Model):
    id: Id
    name: str
    rows: list[StaffingRow]
    declared_total: StaffingTotals | None = Field(default=None, description="The group's 'Общо' row as printed.")


class StaffingTotals(Model):
    baseline: StaffingFigures
    plan: StaffingFigures
    src: Src


class StaffingFile(Model):
    """``staffing.yaml``: the capacity-and-staff table (Haskovo §7.1.1)."""

    title: str
    baseline_year: Year
    plan_period: Period
    groups: list[StaffingGroup]
    declared_total: StaffingTotals | None = Field(default=None, description="'Общо – за всички услуги' as printed.")
    src: Src


# --- implementation.yaml -------------------------------------------------------------


class Stage(Model):
    """A row of the implementation stages table."""

    id: Id
    name: str | None = Field(default=None, description="Stage name; null where the row continues the previous stage.")
    period: str = Field(description="The period cell as printed.")
    years: Period | None = None
    activities: list[str]
    responsible: list[str] = Field(default_factory=list)
    src: Src


class Role(Model):
    """An institution's role in implementing the strategy."""

    id: Id
    code: str | None = None
    actor: str
    paragraphs: list[str] = Field(default_factory=list)
    responsibilities: list[str] = Field(default_factory=list)
    src: Src | None = None


class Commission(Model):
    """The monitoring commission or unit."""

    name: str
    members: Count | None = None
    composition: list[Figure] = Field(default_factory=list)
    paragraphs: list[str] = Field(default_factory=list)
    tasks: list[str] = Field(default_factory=list)
    src: Src


class CommunicationAction(Model):
    """A row of the communication plan table."""

    id: Id
    code: str | None = None
    activity: str
    means: str | None = None
    expected_results: str | None = None
    partners: str | None = None
    deadline: str | None = None
    src: Src


class MonitoringGroup(Model):
    """Monitoring indicators for one goal's immediate objective (Kazanlak 'МОНИТОРИНГ')."""

    id: Id
    goal: Id = Field(description="Id of the goal (framework node) these indicators measure.")
    objective: Id | None = Field(default=None, description="Id of the objective the item is meant to measure, if it lines up.")
    code: str | None = Field(default=None, description="The item's number as printed.")
    title: str
    indicators: list[str]
    src: Src


class ExpectedResults(Model):
    id: Id
    goal: Id
    code: str | None = None
    title: str
    results: list[str]
    src: Src


class ImplementationFile(Model):
    """``implementation.yaml``: how the strategy is to be carried out and monitored."""

    monitoring: list[TextBlock] = Field(default_factory=list, description="Monitoring aims, tasks and activities.")
    commission: Commission | None = None
    roles: list[Role] = Field(default_factory=list)
    partnership: list[TextBlock] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    stated_counts: list[StatedCount] = Field(
        default_factory=list, description="Counts the text states for lists of this part ('три етапа')."
    )
    capacity_building: list[TextBlock] = Field(default_factory=list)
    financing: list[TextBlock] = Field(default_factory=list)
    communication: list[TextBlock] = Field(default_factory=list)
    communication_plan: list[CommunicationAction] = Field(default_factory=list)
    expected_results: list[ExpectedResults] = Field(default_factory=list)
    responsible_institutions: list[str] = Field(default_factory=list)
    monitoring_indicators: list[MonitoringGroup] = Field(default_factory=list)


# --- acknowledgements.yaml -----------------------------------------------------------


class Acknowledgement(Model):
    """A known finding the strategy accepts: shown as info with its reason, never hidden."""

    rule: str = Field(pattern=r"^[A-Z]+[0-9]{3}$", description="Rule code, e.g. 'X001'.")
    entity: str = Field(description="Id of the entity the finding concerns.")
    reason: str = Field(min_length=1, description="Why the finding stands; quote both places for a source contradiction.")


class AcknowledgementsFile(Model):
    acknowledgements: list[Acknowledgement] = Field(default_factory=list)


# --- the whole strategy --------------------------------------------------------------


class Strategy(Model):
    """A whole strategy: one attribute per file of the strategy directory."""

    strategy: StrategyFile
    context: ContextFile = Field(default_factory=ContextFile)
    framework: FrameworkFile = Field(default_factory=lambda: FrameworkFile(nodes=[]))
    logframe: LogframeFile | None = None
    services: ServicesFile = Field(default_factory=lambda: ServicesFile(services=[]))
    staffing: StaffingFile | None = None
    implementation: ImplementationFile = Field(default_factory=ImplementationFile)
    acknowledgements: AcknowledgementsFile = Field(default_factory=AcknowledgementsFile)


FILE_MODELS: dict[str, type[Model]] = {
    "strategy": StrategyFile,
    "context": ContextFile,
    "framework": FrameworkFile,
    "logframe": LogframeFile,
    "services": ServicesFile,
    "staffing": StaffingFile,
    "implementation": ImplementationFile,
    "acknowledgements": AcknowledgementsFile,
}
"""File stem → model of that file. ``strategy.yaml`` is required, the rest optional."""


def iter_nodes(nodes: list[Node]) -> Iterator[Node]:
    """Yield every node of a tree depth-first, parents before children."""
    for node in nodes:
        yield node
        yield from iter_nodes(node.children)


StaffingGroup.model_rebuild()
