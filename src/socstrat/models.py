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

    start: Year = Field(description="First year.")
    end: Year = Field(description="Last year, included.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.start > self.end:
            raise ValueError(f"the period starts in {self.start}, after it ends in {self.end}")
        return self


class SourceDocument(Model):
    """The document the data was transcribed from."""

    title: str = Field(description="Title of the source document as printed.")
    file: str = Field(description="Name of the plain-text copy in shared/seeds.")
    note: str | None = Field(default=None, description="Anything worth knowing about the source, e.g. its title page.")


class Adoption(Model):
    """The council decision that adopted the strategy, as the source states it."""

    body: str | None = Field(default=None, description="The body that adopted the strategy, e.g. the municipal council.")
    decision: str | None = Field(default=None, description="Decision number as printed, e.g. '№ 690'.")
    date: str | None = Field(default=None, description="ISO date, e.g. '2007-06-28'.")
    src: Src | None = Field(default=None, description="Where the source states the adoption.")


class Level(Model):
    """One level of the strategy's intervention hierarchy, named as the document names it."""

    key: Id = Field(description="Key that framework nodes use in their 'level' field.")
    name: str = Field(description="The document's own name of the level, e.g. 'Специфична цел'.")
    name_en: str | None = Field(default=None, description="English name of the level, for English reports.")


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
        default=None, description="A word the source puts before the value that changes its meaning: 'след', 'до', 'над', 'около'."
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
    text: str = Field(description="The indicator or result as printed.")
    target: str | None = Field(default=None, description="The quantified target as printed, e.g. '20%', '10-20'.")
    same_as: Id | None = Field(
        default=None, description="Id of a key indicator or another indicator that this one restates (possibly with another target)."
    )
    figures: list[Figure] = Field(default_factory=list, description="Numbers the statement names besides its target (years, capacities).")
    src: Src | None = Field(default=None, description="Where in the source the indicator is stated.")


class TextBlock(Model):
    """A titled piece of prose: paragraphs, bullet items and nested blocks, kept verbatim."""

    id: Id
    code: str | None = Field(default=None, description="Section number as printed, e.g. '2.2.2.1'.")
    title: str | None = Field(default=None, description="Heading as printed.")
    paragraphs: list[str] = Field(default_factory=list, description="Paragraphs, verbatim, one per entry.")
    items: list[str] = Field(default_factory=list, description="Bullet items, one per entry.")
    figures: list[Figure] = Field(default_factory=list, description="Numbers the block states.")
    services: list[Id] = Field(default_factory=list, description="Ids of service register entries this block concerns.")
    children: list[TextBlock] = Field(default_factory=list, description="Sub-blocks (subsections).")
    src: Src | None = Field(default=None, description="Where in the source the block is.")


class StatedCount(Model):
    """A count that the text states for a list it introduces ('11 клуба ...')."""

    id: Id
    text: str = Field(description="The sentence stating the count, verbatim.")
    count: Count = Field(description="The count the text states.")
    items: list[str] = Field(description="The items the text then lists.")
    src: Src


# --- strategy.yaml -------------------------------------------------------------------


class PolicyDocument(Model):
    """A strategic or legal document the strategy says it follows."""

    level: Literal["international", "national", "regional", "municipal"] = Field(description="Level of government that issued the document.")
    title: str = Field(description="Title as printed.")


class KeyIndicator(Model):
    """A key indicator of the strategy's success (Haskovo §3.5)."""

    id: Id
    kind: Literal["quantitative", "qualitative"] = Field(description="Quantitative or qualitative.")
    text: str = Field(description="The indicator as printed.")
    target: str | None = Field(default=None, description="The quantified target as printed, if any.")
    src: Src


class StrategyFile(Model):
    """``strategy.yaml``: identity of the strategy and its statements of intent."""

    id: Id
    title: str = Field(description="Title of the strategy as printed.")
    municipality: str = Field(description="Name of the municipality.")
    region: str = Field(description="District (област) the municipality is in.")
    period: Period = Field(description="Years the strategy covers.")
    baseline_year: Year | None = Field(default=None, description="Year of the 'before' figures, e.g. 2015.")
    adoption: Adoption | None = Field(default=None, description="The council decision that adopted the strategy.")
    source: SourceDocument = Field(description="The document the data was transcribed from.")
    language: str = Field(default="bg", description="Language of the text (ISO 639-1 code).")
    levels: list[Level] = Field(min_length=1, description="Intervention levels from the top down.")
    summary: list[str] = Field(default_factory=list, description="Summary paragraphs.")
    scope: list[str] = Field(default_factory=list, description="Scope of the strategy, one paragraph per entry.")
    introduction: list[TextBlock] = Field(default_factory=list, description="Introductory sections.")
    policy_documents: list[PolicyDocument] = Field(default_factory=list, description="Strategic and legal documents the strategy follows.")
    vision: list[str] = Field(default_factory=list, description="The vision, one paragraph per entry.")
    values: list[str] = Field(default_factory=list, description="Values the strategy names.")
    principles: list[str] = Field(default_factory=list, description="Principles of the strategy.")
    priority_target_groups: list[str] = Field(default_factory=list, description="Target groups the strategy gives priority to.")
    key_indicators: list[KeyIndicator] = Field(default_factory=list, description="Key indicators of the strategy's success.")
    conclusion: list[TextBlock] = Field(default_factory=list, description="Concluding sections.")


# --- context.yaml --------------------------------------------------------------------


class Swot(Model):
    """The SWOT analysis of the municipality's social services."""

    strengths: list[str] = Field(default_factory=list, description="Strengths, one per entry.")
    weaknesses: list[str] = Field(default_factory=list, description="Weaknesses, one per entry.")
    opportunities: list[str] = Field(default_factory=list, description="Opportunities, one per entry.")
    threats: list[str] = Field(default_factory=list, description="Threats, one per entry.")
    src: Src | None = Field(default=None, description="Where in the source the analysis is.")


class ContextFile(Model):
    """``context.yaml``: the situation analysis the strategy rests on."""

    sections: list[TextBlock] = Field(
        default_factory=list, description="Context and trends (demography, health, education, economy, ...)."
    )
    risk_groups: list[TextBlock] = Field(default_factory=list, description="Risk groups and their needs.")
    services_in_operation: list[TextBlock] = Field(default_factory=list, description="Social services operating when the strategy was written.")
    stated_counts: list[StatedCount] = Field(default_factory=list, description="Counts the text states for lists it introduces.")
    swot: Swot | None = Field(default=None, description="SWOT analysis.")
    trends: list[str] = Field(default_factory=list, description="Trends the analysis names.")
    conclusions: list[TextBlock] = Field(default_factory=list, description="Conclusions of the analysis.")
    proposals: list[TextBlock] = Field(default_factory=list, description="Proposals that follow from the analysis.")


# --- framework.yaml ------------------------------------------------------------------


class Node(Model):
    """An entity of the intervention hierarchy: direction, objective, measure, activity."""

    id: Id
    level: Id = Field(description="Key of one of the strategy's levels.")
    code: str | None = Field(default=None, description="The source's number as printed, e.g. '2.1.3'.")
    title: str = Field(description="Title or statement as printed.")
    description: list[str] = Field(default_factory=list, description="Paragraphs that explain the entity, verbatim.")
    services: list[Id] = Field(default_factory=list, description="Ids of service register entries this concerns.")
    figures: list[Figure] = Field(default_factory=list, description="Capacities, years, providers the text names.")
    indicators: list[Indicator] = Field(default_factory=list, description="Indicators or expected results stated for the entity.")
    prose: list[TextBlock] = Field(
        default_factory=list, description="Further text the source gives about this entity elsewhere, each block with its own src."
    )
    src: Src | None = Field(default=None, description="Where in the source the entity is stated.")
    children: list[Node] = Field(default_factory=list, description="Entities of the next level down.")


class FrameworkFile(Model):
    """``framework.yaml``: the intervention tree, top level first."""

    nodes: list[Node] = Field(description="Entities of the top level, each with its subtree.")


# --- logframe.yaml -------------------------------------------------------------------


class LogframeRow(Model):
    """A row of the logical framework matrix, linked to the objective it measures."""

    id: Id
    objective: Id = Field(description="Id of the framework node this row measures.")
    measures: list[Id] = Field(default_factory=list, description="Ids of the measures the row's second column names.")
    means: list[str] = Field(default_factory=list, description="'Мерки, дейности' column as printed, when it says more than measure titles.")
    impact_indicators: list[Indicator] = Field(default_factory=list, description="Impact indicators (ids end in -i1, -i2, ...).")
    direct_results: list[Indicator] = Field(default_factory=list, description="Direct results (ids end in -r1, -r2, ...).")
    effect_indicators: list[Indicator] = Field(default_factory=list, description="Effect indicators (ids end in -e1, -e2, ...).")
    sources: list[str] = Field(default_factory=list, description="Sources of information / verification.")
    verification_period: str | None = Field(default=None, description="'Период на проверка' as printed.")
    src: Src


class LogframeFile(Model):
    """``logframe.yaml``: the logical framework matrix."""

    vision: str | None = Field(default=None, description="The vision row of the matrix, as printed.")
    rows: list[LogframeRow] = Field(description="Rows of the matrix.")


# --- services.yaml -------------------------------------------------------------------


class CapacityPart(Model):
    """One part of a split capacity, e.g. '25 – НП АХУ'."""

    value: Count = Field(description="Number of places in this part.")
    financing: str | None = Field(default=None, description="Financing of this part as printed, e.g. 'НП АХУ'.")
    label: str | None = Field(default=None, description="What this part is, where the source names it.")


class PrintedNumber(Model):
    """A number whose printed form is unusual ('.40'): the number and the print, both kept."""

    value: Count | None = Field(default=None, description="The number meant; null if it cannot be told.")
    printed: str = Field(description="The number exactly as printed, e.g. '.40'.")


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

    kind: StatusKind = Field(description="Whether the service exists, is new, transformed, closed or planned.")
    text: str | None = Field(default=None, description="The status column verbatim.")
    start_year: Year | None = Field(default=None, description="Year the service starts or started.")
    successor: Id | None = Field(default=None, description="Id of the service this one becomes.")
    predecessor: Id | None = Field(default=None, description="Id of the service this one replaces.")


class Service(Model):
    """An entry of the service register (Haskovo Section Г; Kazanlak §6)."""

    id: Id
    code: str | None = Field(default=None, description="Row number in the source table, as printed.")
    name: str = Field(description="Name of the service as printed.")
    category: ServiceCategory = Field(description="Kind of service.")
    target_groups: list[str] = Field(default_factory=list, description="Target groups as printed.")
    territorial_scope: str | None = Field(default=None, description="Territory the service covers.")
    capacity: dict[Year, CapacityValue] = Field(default_factory=dict, description="Places per year.")
    users: dict[Year, CapacityValue] = Field(default_factory=dict, description="Users served per year, where the source counts users, not places.")
    staff: dict[Year, CapacityValue] = Field(default_factory=dict, description="Staff per year, where the source states it in the service's own text.")
    content: list[str] = Field(default_factory=list, description="What the service provides.")
    location: str | None = Field(default=None, description="Where the service is provided.")
    status: ServiceStatus | None = Field(default=None, description="Status of the service and its start year.")
    financing: list[str] = Field(default_factory=list, description="Financing as printed, one source per entry.")
    provider: str | None = Field(default=None, description="Who provides the service.")
    notes: list[str] = Field(default_factory=list, description="Further statements about the service, verbatim.")
    stated: list[Figure] = Field(
        default_factory=list, description="Numbers that the service's own text (status, content) states, e.g. a capacity."
    )
    src: Src


class ServicesFile(Model):
    """``services.yaml``: the service register."""

    services: list[Service] = Field(description="Entries of the service register.")


# --- staffing.yaml -------------------------------------------------------------------

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
    service: Id | None = Field(default=None, description="Id of the service register entry for this row.")
    baseline: StaffingFigures = Field(description="Capacity and staff in the baseline year.")
    plan: StaffingFigures = Field(description="Planned capacity and staff.")
    src: Src


class StaffingGroup(Model):
    """A group of rows of the staffing table, with the group's own total."""

    id: Id
    name: str = Field(description="Group heading as printed.")
    rows: list[StaffingRow] = Field(description="Rows of the group.")
    declared_total: StaffingTotals | None = Field(default=None, description="The group's 'Общо' row as printed.")


class StaffingTotals(Model):
    """A totals row of the staffing table, as printed; validation compares it with the sums."""

    baseline: StaffingFigures = Field(description="Totals in the baseline year, as printed.")
    plan: StaffingFigures = Field(description="Planned totals, as printed.")
    src: Src


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


# --- implementation.yaml -------------------------------------------------------------


class Stage(Model):
    """A row of the implementation stages table."""

    id: Id
    name: str | None = Field(default=None, description="Stage name; null where the row continues the previous stage.")
    period: str = Field(description="The period cell as printed.")
    years: Period | None = Field(default=None, description="The period as years, where the cell names them.")
    activities: list[str] = Field(description="Activities of the stage, one per entry.")
    responsible: list[str] = Field(default_factory=list, description="Who is responsible, as printed.")
    src: Src


class Role(Model):
    """An institution's role in implementing the strategy."""

    id: Id
    code: str | None = Field(default=None, description="Section number as printed.")
    actor: str = Field(description="The institution, as named.")
    paragraphs: list[str] = Field(default_factory=list, description="Paragraphs about the role, verbatim.")
    responsibilities: list[str] = Field(default_factory=list, description="Responsibilities, one per entry.")
    src: Src | None = Field(default=None, description="Where in the source the role is described.")


class Commission(Model):
    """The monitoring commission or unit."""

    name: str = Field(description="Name of the commission or unit.")
    members: Count | None = Field(default=None, description="Number of members, if stated.")
    composition: list[Figure] = Field(default_factory=list, description="Who the members are, as stated figures.")
    paragraphs: list[str] = Field(default_factory=list, description="Paragraphs about the commission, verbatim.")
    tasks: list[str] = Field(default_factory=list, description="Tasks, one per entry.")
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
    goal: Id = Field(description="Id of the goal (framework node) these indicators measure.")
    objective: Id | None = Field(default=None, description="Id of the objective the item is meant to measure, if it lines up.")
    code: str | None = Field(default=None, description="The item's number as printed.")
    title: str = Field(description="Heading as printed.")
    indicators: list[str] = Field(description="Monitoring indicators, one per entry.")
    src: Src


class ExpectedResults(Model):
    """The expected results stated for one goal."""

    id: Id
    goal: Id = Field(description="Id of the goal (framework node) the results belong to.")
    code: str | None = Field(default=None, description="Number as printed.")
    title: str = Field(description="Heading as printed.")
    results: list[str] = Field(description="Expected results, one per entry.")
    src: Src


class ImplementationFile(Model):
    """``implementation.yaml``: how the strategy is to be carried out and monitored."""

    monitoring: list[TextBlock] = Field(default_factory=list, description="Monitoring aims, tasks and activities.")
    commission: Commission | None = Field(default=None, description="The monitoring commission or unit.")
    roles: list[Role] = Field(default_factory=list, description="Institutions and their roles.")
    partnership: list[TextBlock] = Field(default_factory=list, description="Partnership arrangements.")
    stages: list[Stage] = Field(default_factory=list, description="Rows of the implementation stages table.")
    stated_counts: list[StatedCount] = Field(
        default_factory=list, description="Counts the text states for lists of this part ('три етапа')."
    )
    capacity_building: list[TextBlock] = Field(default_factory=list, description="Building the capacity of providers and staff.")
    financing: list[TextBlock] = Field(default_factory=list, description="Financing of the strategy.")
    communication: list[TextBlock] = Field(default_factory=list, description="Communication and publicity.")
    communication_plan: list[CommunicationAction] = Field(default_factory=list, description="Rows of the communication plan table.")
    expected_results: list[ExpectedResults] = Field(default_factory=list, description="Expected results per goal.")
    responsible_institutions: list[str] = Field(default_factory=list, description="Institutions responsible for implementation, as listed.")
    monitoring_indicators: list[MonitoringGroup] = Field(default_factory=list, description="Monitoring indicators per goal.")


# --- acknowledgements.yaml -----------------------------------------------------------


class Acknowledgement(Model):
    """A known finding the strategy accepts: shown as info with its reason, never hidden."""

    rule: str = Field(pattern=r"^[A-Z]+[0-9]{3}$", description="Rule code, e.g. 'X001'.")
    entity: str = Field(description="Id of the entity the finding concerns.")
    reason: str = Field(min_length=1, description="Why the finding stands; quote both places for a source contradiction.")


class AcknowledgementsFile(Model):
    """``acknowledgements.yaml``: findings the strategy accepts, each with a reason."""

    acknowledgements: list[Acknowledgement] = Field(default_factory=list, description="Findings the strategy accepts, each with a reason.")


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
