"""Pieces shared by every strategy file: the base model, ids, years, figures, indicators, prose.

Every model forbids unknown keys so that a typo in the data is an error, and every
entity that other parts refer to carries a stable ``id``. Where the source numbers
an entity, ``code`` keeps the source's numbering exactly as printed, defects included.
Figures carry ``src``: the section, table or row of the source they came from.
"""

from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictFloat,
    StrictInt,
    model_validator,
)

from socstrat.model.refs import RefTo

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
ServiceRef = Annotated[Id, RefTo("service")]
NodeRef = Annotated[Id, RefTo("node")]
ObjectiveRef = Annotated[Id, RefTo("node", "objective")]
MeasureRef = Annotated[Id, RefTo("node", "measure")]
GoalRef = Annotated[Id, RefTo("node", "goal")]
IndicatorRef = Annotated[Id, RefTo("indicator")]
FigureRef = Annotated[Id, RefTo("figure")]
LevelRef = Annotated[Id, RefTo("level")]
StageRef = Annotated[Id, RefTo("stage")]
"""Ids that name another entity; R002 checks every field of these types (see :mod:`.refs`)."""
Year = Annotated[StrictInt, Field(ge=1900, le=2100)]
Count = Annotated[StrictInt, Field(ge=0)]
"""Integers are strict: YAML ``true`` or ``"40"`` is not silently taken for a number."""


def empty_list() -> list[Any]:
    """``default_factory`` of list fields. Pydantic inspects a factory's signature; for the builtin
    ``list`` that means tokenizing its text signature, once per field, a tenth of importing the models."""
    return []


def empty_dict() -> dict[Any, Any]:
    """``default_factory`` of mapping fields, for the reason :func:`empty_list` gives."""
    return {}


class Model(BaseModel):
    """Base for every model: unknown keys are errors, values are checked on assignment.

    Validators are built when a model is first used, not when socstrat is imported
    (``defer_build``): a file's model builds the schemas of the models inside it, so
    nested models never build their own, and a run without monitoring files builds
    none of theirs.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class Period(Model):
    """A span of calendar years, both ends included."""

    start: Year = Field(description="First year.")
    end: Year = Field(description="Last year, included.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
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


class CapacityChange(Model):
    """The change of the figure's service's capacity that the text states, between two register years."""

    direction: Literal["decrease", "increase"] = Field(description="Whether the text reduces or extends the capacity.")
    from_year: Year = Field(description="Register year the change starts from.")
    to_year: Year = Field(description="Register year the change is reached by.")


class ShareOf(Model):
    """The part and the whole a printed percentage relates (part / whole × 100)."""

    part: FigureRef = Field(description="Id of the figure counted.")
    whole: FigureRef = Field(description="Id of the figure it is a share of; a whole without a value is the sum of its parts.")
    whole_inferred: bool = Field(
        default=False,
        description="True when the text does not name the whole and the link is the transcription's reading "
        "('всички регистрирани' read as the 4636 registered of another section), as 'as_of_inferred' marks a borrowed date.",
    )


class Figure(Model):
    """A number stated by the source, with its unit, reference date and place."""

    id: Id
    label: str = Field(description="What is counted, in the source's words.")
    value: StrictInt | StrictFloat | None = Field(default=None, description="The number as stated; null if the text gives none.")
    unit: str | None = Field(default=None, description="Unit as used by the source: 'души', '%', 'кв.км', 'хлв', ...")
    as_of: str | None = Field(default=None, description="Reference date or period as stated, e.g. '31.12.2014' or '2004'.")
    as_of_inferred: bool = Field(
        default=False,
        description="True when the source does not date this figure itself and 'as_of' is taken from a neighbouring sentence.",
    )
    text: str | None = Field(default=None, description="The sentence or fragment that states the figure, verbatim.")
    kind: Literal["capacity", "users", "staff", "count", "share", "money", "year", "other"] | None = Field(
        default=None, description="What sort of number this is; 'capacity' and 'staff' figures are compared with the service register."
    )
    service: ServiceRef | None = Field(default=None, description="Id of the service the figure is about, if any.")
    qualifier: str | None = Field(
        default=None, description="A word the source puts before the value that changes its meaning: 'след', 'до', 'над', 'около'."
    )
    same_as: FigureRef | None = Field(
        default=None, description="Id of a figure elsewhere in the document that states the same fact; the two should agree."
    )
    share_of: ShareOf | None = Field(
        default=None, description="For a printed percentage: the figures the text computes it from."
    )
    parts: list["Figure"] = Field(default_factory=empty_list, description="A breakdown of this figure stated by the source.")
    since: FigureRef | None = Field(
        default=None,
        description="For a duration in years ('80-годишен опит … от 1925 г.'): id of the year figure it counts from; "
        "A006 compares the duration with the years from then to the strategy's first year.",
    )
    change: CapacityChange | None = Field(
        default=None,
        description="For a stated change of a service's capacity ('намаляване на капацитета с 20%', 'с 30 места'): "
        "its direction and the register years it spans; the value is the size of the change (A005).",
    )
    closes: list[ServiceRef] = Field(
        default_factory=empty_list,
        description="For a 'year' figure that dates a closure ('institutions for children were closed by the end of 2015'): "
        "the register services the statement covers; they should have no places after that year (L007).",
    )
    src: Src


class TargetReading(Model):
    """The structured reading of a printed target, so that progress toward it can be computed.

    The printed ``target`` stays as printed; the reading says what it means: ``поне 30%``
    is ``{comparison: at_least, value: 30, unit: '%'}``, ``10-20`` is
    ``{comparison: range, low: 10, high: 20}``. Rule P007 reports a reading whose
    numbers, unit or comparison contradict the printed text.
    """

    comparison: Literal["at_least", "at_most", "about", "exactly", "range"] = Field(
        description="How the actual value is compared with the target: at_least, at_most, about (±15 %), exactly, or within a range."
    )
    value: StrictInt | StrictFloat | None = Field(default=None, description="The target value; for a range use low and high.")
    low: StrictInt | StrictFloat | None = Field(default=None, description="Lower end of a range target.")
    high: StrictInt | StrictFloat | None = Field(default=None, description="Upper end of a range target.")
    unit: str | None = Field(default=None, description="Unit of the target: '%', 'души', 'услуги' …")
    direction: Literal["increase", "decrease"] | None = Field(
        default=None, description="Desired direction of change; by default increase for at_least and decrease for at_most."
    )
    year: Year | None = Field(default=None, description="The year by which the target is to be met; the end of the period if null.")
    baseline: StrictInt | StrictFloat | None = Field(default=None, description="The baseline value, where the strategy states one.")
    baseline_year: Year | None = Field(default=None, description="The year of the stated baseline.")

    @model_validator(mode="after")
    def _complete(self) -> Self:
        if self.comparison == "range":
            if self.low is None or self.high is None or self.value is not None:
                raise ValueError("a range target gives 'low' and 'high' and no 'value'")
            if self.low > self.high:
                raise ValueError(f"the range starts at {self.low}, above its end {self.high}")
        elif self.value is None or self.low is not None or self.high is not None:
            raise ValueError(f"a target compared '{self.comparison}' gives 'value' and no 'low' or 'high'")
        return self

    def wants(self) -> Literal["increase", "decrease"] | None:
        """The desired direction: stated, or implied by the comparison."""
        if self.direction is not None:
            return self.direction
        return {"at_least": "increase", "at_most": "decrease"}.get(self.comparison)  # type: ignore[return-value]


class FurtherTarget(Model):
    """A second target printed in one indicator statement, for another group than the first ('на 50% … и поне 50% от екипите')."""

    target: str = Field(description="The target as printed, with its qualifier ('поне 50%').")
    target_reading: TargetReading | None = Field(
        default=None, description="The structured reading of the target, where the printed text determines it."
    )
    of: str | None = Field(default=None, description="The words of the statement naming the group this target is for, as printed.")


class Indicator(Model):
    """A result or indicator statement; ``target`` holds the number it names, if any."""

    id: Id
    text: str = Field(description="The indicator or result as printed.")
    target: str | None = Field(default=None, description="The quantified target as printed, e.g. '20%', '10-20'.")
    target_reading: TargetReading | None = Field(
        default=None, description="The structured reading of the target, where the printed text determines it."
    )
    same_as: IndicatorRef | None = Field(
        default=None, description="Id of a key indicator or another indicator that this one restates (possibly with another target)."
    )
    further_targets: list[FurtherTarget] = Field(
        default_factory=empty_list,
        description="Targets the same statement prints for other groups after the first ('… и поне 50% от екипите'), in printed order.",
    )
    figures: list[Figure] = Field(default_factory=empty_list, description="Numbers the statement names besides its target (years, capacities).")
    services: list[ServiceRef] = Field(
        default_factory=empty_list, description="Ids of the register services the statement names, where it names any (X011)."
    )
    restates: NodeRef | None = Field(
        default=None,
        description="Id of the framework activity or measure this result restates in other words (X014 compares level and role).",
    )
    src: Src | None = Field(default=None, description="Where in the source the indicator is stated.")


class ItemServices(Model):
    """The register services one bullet item of a list of services names."""

    item: StrictInt = Field(ge=1, description="Position of the item in the block's 'items', 1 for the first.")
    services: list[ServiceRef] = Field(default_factory=empty_list, description="Ids of the register services the item names; empty if none.")


class TextBlock(Model):
    """A titled piece of prose: paragraphs, bullet items and nested blocks, kept verbatim."""

    id: Id
    code: str | None = Field(default=None, description="Section number as printed, e.g. '2.2.2.1'.")
    title: str | None = Field(default=None, description="Heading as printed.")
    paragraphs: list[str] = Field(default_factory=empty_list, description="Paragraphs, verbatim, one per entry.")
    items: list[str] = Field(default_factory=empty_list, description="Bullet items, one per entry.")
    after_items: list[str] = Field(
        default_factory=empty_list,
        description="Paragraphs the source prints after the bullet items ('paragraphs' come before them), verbatim.",
    )
    editorial: bool = Field(
        default=False,
        description="True when the block's title is the transcription's own label, not text of the source.",
    )
    figures: list[Figure] = Field(default_factory=empty_list, description="Numbers the block states.")
    services: list[ServiceRef] = Field(default_factory=empty_list, description="Ids of service register entries this block concerns.")
    item_services: list[ItemServices] = Field(
        default_factory=empty_list,
        description="For a block whose items list services: the register services each item names, by item position "
        "(1 = first item); an item with an empty list names a service the register does not hold (X010).",
    )
    children: list["TextBlock"] = Field(default_factory=empty_list, description="Sub-blocks (subsections).")
    src: Src | None = Field(default=None, description="Where in the source the block is.")


class StatedCount(Model):
    """A count that the text states for a list it introduces ('11 клуба ...')."""

    id: Id
    text: str = Field(description="The sentence stating the count, verbatim.")
    count: Count = Field(description="The count the text states.")
    items: list[str] = Field(description="The items the text then lists.")
    src: Src


SHARED = (Period, SourceDocument, Adoption, Level, Figure, CapacityChange, ShareOf, TargetReading, Indicator, TextBlock, ItemServices, StatedCount)
"""Building blocks that several file models hold. Unlike the other models (``defer_build``) they
are built here, once, so that each file model reuses their schemas instead of generating them again."""
for _model in SHARED:
    _model.model_rebuild()
