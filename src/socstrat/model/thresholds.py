"""The documented thresholds beyond which a computed figure is withheld or a finding is raised.

One model so that every output applies the same bound (issue "one truth"), and so that a
repository's configuration can override them in one place. Each is a fraction in 0–1, or
for the monitoring plausibility bounds a fraction above a planned figure. A strategy sets
its own in ``strategy.yaml`` under ``thresholds:`` (docs/monitoring.md).
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
    places_above_plan: float = Field(
        default=0.5,
        ge=0,
        description="Reported places more than this fraction above the plan's places for the year raise a finding (P010).",
    )
    users_above_places: float = Field(
        default=0.5,
        ge=0,
        description="A residential service reporting more users than its places plus this fraction of them raises a finding (P010); people who leave during the year are replaced, so users may exceed places a little.",
    )


DEFAULT_THRESHOLDS = Thresholds()
