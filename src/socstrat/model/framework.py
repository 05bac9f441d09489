"""``framework.yaml``: the intervention tree."""

from typing import Self

from pydantic import Field, model_validator

from .base import Figure, Id, Indicator, LevelRef, Model, ServiceRef, Src, StageRef, TextBlock, empty_list


class Node(Model):
    """An entity of the intervention hierarchy: direction, objective, measure, activity."""

    id: Id
    level: LevelRef = Field(description="Key of one of the strategy's levels.")
    code: str | None = Field(default=None, description="The source's number as printed, e.g. '2.1.3'.")
    title: str = Field(description="Title or statement as printed.")
    description: list[str] = Field(default_factory=empty_list, description="Paragraphs that explain the entity, verbatim.")
    services: list[ServiceRef] = Field(default_factory=empty_list, description="Ids of service register entries this concerns.")
    services_inferred: list[ServiceRef] = Field(
        default_factory=empty_list,
        description="Those of 'services' that the text does not name itself: the transcription's reading (a bare 'ЦОП' where "
        "the register holds two, the centre 'в сградата на ДМСГД'), as 'as_of_inferred' marks a date taken from elsewhere.",
    )
    figures: list[Figure] = Field(default_factory=empty_list, description="Capacities, years, providers the text names.")
    indicators: list[Indicator] = Field(default_factory=empty_list, description="Indicators or expected results stated for the entity.")
    prose: list[TextBlock] = Field(
        default_factory=empty_list, description="Further text the source gives about this entity elsewhere, each block with its own src."
    )
    stage: StageRef | None = Field(
        default=None, description="Id of the implementation stage the entity belongs to, where the source places it; children inherit it."
    )
    src: Src | None = Field(default=None, description="Where in the source the entity is stated.")
    children: list["Node"] = Field(default_factory=empty_list, description="Entities of the next level down.")

    @model_validator(mode="after")
    def _inferred_are_linked(self) -> Self:
        stray = [service for service in self.services_inferred if service not in self.services]
        if stray:
            raise ValueError(f"services_inferred names {', '.join(stray)}, which 'services' does not list")
        return self


class FrameworkFile(Model):
    """``framework.yaml``: the intervention tree, top level first."""

    nodes: list[Node] = Field(description="Entities of the top level, each with its subtree.")
