"""The documented thresholds beyond which a computed figure is withheld or a finding is raised.

One model so that every output applies the same bound (issue "one truth"), and so that a
repository's configuration can override them in one place. Each is a fraction in 0–1.
"""

from pydantic import BaseModel, ConfigDict, Field


class Thresholds(BaseModel):
    """Bounds shared by analysis, rules and renderers; defaults are the documented ones."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    unknown_share: float = Field(
        default=0.25,
        ge=0,
        le=1,
        description="A share, ratio or per-capita figure is withheld (н.д., with the reason) when more than this fraction of the rows it rests on is unknown.",
    )
    rollup_coverage: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="A direction's, objective's or measure's completion is withheld (н.д.) when fewer than this fraction of its activities are reported.",
    )
    monitoring_completeness: float = Field(
        default=0.8,
        ge=0,
        le=1,
        description="A monitoring year whose share of services, activities due and indicators with a value is below this raises a finding.",
    )


DEFAULT_THRESHOLDS = Thresholds()
