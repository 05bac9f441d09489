"""What a strategy report shows, as typed view models: built by :mod:`.context`, laid out by the templates and :mod:`.document`.

The values are already words and formatted numbers in the report's language; the templates
and the Word layout never compute.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from socstrat.i18n.catalog import Lang
from socstrat.lint.engine import LevelCount
from socstrat.model import (
    Adoption,
    ExpectedResults,
    Figure,
    Indicator,
    KeyIndicator,
    Period,
    SourceDocument,
    Stage,
    TextBlock,
)
from socstrat.model.refs import ServiceName
from socstrat.render.report.charts import BarChart

TemplateFormat = Literal["md", "html"]

SECTION_IDS = (
    "summary",
    "context",
    "vision",
    "target-groups",
    "framework",
    "logframe",
    "key-indicators",
    "services",
    "deltas",
    "stages",
    "findings",
    "glossary",
)
"""The parts of a report, in order; each is a template ``html/<id>.html.j2`` / ``md/<id>.md.j2``."""
DELTA_VIEWS = ("services", "staffing")


class ReportError(Exception):
    """A report cannot be made as asked (e.g. a year the data does not have)."""


class SectionTitle(BaseModel):
    id: str
    title: str


class TitleBlock(BaseModel):
    title: str
    municipality: str
    region: str
    period: Period
    baseline_year: int | None
    adoption: Adoption | None
    source: SourceDocument
    generated: date
    version: str


class ValidationStatus(BaseModel):
    valid: bool
    errors: int
    warnings: int
    infos: int
    acknowledged: int


class Headline(BaseModel):
    """A figure of the summary, already formatted: what, the value, and how it changes."""

    label: str
    value: str
    change: str | None = None
    note: str | None = None
    """How many of the figures behind the value are unknown, when any are."""


class ReportSummary(BaseModel):
    levels: list[LevelCount]
    indicators: int
    services: int
    headlines: list[Headline]
    validation: ValidationStatus


class IndentedFigure(BaseModel):
    figure: Figure
    depth: int


class FigureGroup(BaseModel):
    id: str
    code: str | None
    title: str | None
    rows: list[IndentedFigure]


class NamedNode(BaseModel):
    """A node as other parts of the report name it; ``within`` is its direction (top-level ancestor),
    e.g. "Приоритетно направление 1", since codes such as "Обща цел 1" repeat in every direction."""

    id: str
    level: str
    code: str | None
    title: str
    within: str | None = None

    @property
    def label(self) -> str:
        """"Приоритетно направление 1 / Обща цел 1": the node's level and code, after its direction's."""
        own = " ".join(x for x in (self.level, self.code) if x)
        return f"{self.within} / {own}" if self.within else own


class NodeIndicator(BaseModel):
    """An indicator shown on a tree node: the node's own, or one that measures it elsewhere."""

    kind: Literal["own", "impact", "result", "effect", "monitoring"]
    text: str
    target: str | None = None


class TreeNode(BaseModel):
    id: str
    level: str
    code: str | None
    title: str
    within: str | None = None
    indicators: list[NodeIndicator]
    services: list[ServiceName]
    services_inferred: list[str] = []
    children: list[TreeNode]


class MatrixRow(BaseModel):
    id: str
    objective: NamedNode
    measures: list[NamedNode]
    means: list[str]
    impact: list[Indicator]
    results: list[Indicator]
    effect: list[Indicator]
    sources: list[str]
    period: str | None
    src: str


class MonitoringRow(BaseModel):
    id: str
    goal: NamedNode | None
    objective: NamedNode | None
    code: str | None
    title: str
    indicators: list[str]
    src: str


class RegisterRow(BaseModel):
    id: str
    code: str | None
    name: str
    category: str
    status: str | None
    status_text: str | None
    target_groups: list[str]
    capacity: list[str]
    users: list[str]
    staff: list[str]
    financing: list[str]
    provider: str | None
    src: str


class ServiceTable(BaseModel):
    capacity_years: list[int]
    users_years: list[int]
    staff_years: list[int]
    rows: list[RegisterRow]


class DeltaLine(BaseModel):
    """A printed line of a deltas table: a row (with its id), a group's subtotal or the total."""

    level: Literal["row", "group", "total"]
    id: str | None
    cells: list[str]


class DeltaSection(BaseModel):
    group: str
    lines: list[DeltaLine]


class DeltaTable(BaseModel):
    """One view of :func:`socstrat.analysis.deltas.compute_deltas`, laid out as ``socstrat deltas`` lays it out."""

    view: str
    title: str
    headers: list[str]
    numeric: list[bool]
    sections: list[DeltaSection]
    total: DeltaLine
    share: str
    share_basis: str
    notes: list[str]
    charts: list[BarChart]


class DeltaView(BaseModel):
    """A view of the deltas, or why the strategy's figures cannot give it."""

    view: str
    title: str
    table: DeltaTable | None
    unavailable: str | None


class TimelineStage(BaseModel):
    stage: Stage
    first_column: int | None
    last_column: int | None


class Timeline(BaseModel):
    years: list[int]
    stages: list[TimelineStage]


class TargetGroups(BaseModel):
    priority: list[str]
    risk_groups: list[TextBlock]
    in_register: list[tuple[str, list[ServiceName]]]


class FindingRow(BaseModel):
    """A finding told for people: what it concerns by code and title, the message in the report's
    language with names for ids and numbers written the report's way; ``where`` is the file position."""

    severity: str
    code: str
    subject: str | None = None
    where: str
    message: str
    acknowledged: bool


class GlossaryEntry(BaseModel):
    short: str
    expansion: str
    meaning: str | None


class ReportContext(BaseModel):
    """Everything a report shows, in the order it shows it."""

    lang: Lang
    head: TitleBlock
    sections: list[SectionTitle]
    summary: ReportSummary
    context_figures: list[FigureGroup]
    vision: list[str]
    logframe_vision: str | None
    values: list[str]
    principles: list[str]
    target_groups: TargetGroups
    level_names: list[str]
    tree: list[TreeNode]
    matrix: list[MatrixRow]
    monitoring: list[MonitoringRow]
    key_indicators: list[KeyIndicator]
    expected_results: list[ExpectedResults]
    services: ServiceTable
    deltas: list[DeltaView]
    shares_differ: str | None
    timeline: Timeline
    findings: list[FindingRow]
    glossary: list[GlossaryEntry]

