"""``context.yaml``: the situation analysis."""

from pydantic import Field

from .base import Id, Model, Src, StatedCount, TextBlock, empty_list


class Swot(Model):
    """The SWOT analysis of the municipality's social services."""

    id: Id | None = Field(default=None, description="Id of the analysis, so that a finding about it can be acknowledged.")
    strengths: list[str] = Field(default_factory=empty_list, description="Strengths, one per entry.")
    weaknesses: list[str] = Field(default_factory=empty_list, description="Weaknesses, one per entry.")
    opportunities: list[str] = Field(default_factory=empty_list, description="Opportunities, one per entry.")
    threats: list[str] = Field(default_factory=empty_list, description="Threats, one per entry.")
    src: Src | None = Field(default=None, description="Where in the source the analysis is.")


class ContextFile(Model):
    """``context.yaml``: the situation analysis the strategy rests on."""

    sections: list[TextBlock] = Field(
        default_factory=empty_list, description="Context and trends (demography, health, education, economy, ...)."
    )
    risk_groups: list[TextBlock] = Field(default_factory=empty_list, description="Risk groups and their needs.")
    services_in_operation: list[TextBlock] = Field(default_factory=empty_list, description="Social services operating when the strategy was written.")
    stated_counts: list[StatedCount] = Field(default_factory=empty_list, description="Counts the text states for lists it introduces.")
    swot: Swot | None = Field(default=None, description="SWOT analysis.")
    trends: list[str] = Field(default_factory=empty_list, description="Trends the analysis names.")
    conclusions: list[TextBlock] = Field(default_factory=empty_list, description="Conclusions of the analysis.")
    proposals: list[TextBlock] = Field(default_factory=empty_list, description="Proposals that follow from the analysis.")
