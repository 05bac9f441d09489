"""``logframe.yaml``: the logical framework matrix."""

from pydantic import Field

from .base import Id, Indicator, MeasureRef, Model, ObjectiveRef, Src, empty_list


class LogframeRow(Model):
    """A row of the logical framework matrix, linked to the objective it measures."""

    id: Id
    objective: ObjectiveRef = Field(description="Id of the framework node this row measures.")
    objective_text: str | None = Field(
        default=None,
        description="The matrix's own wording of the objective, where it differs from the linked node's title (X007).",
    )
    heading: str | None = Field(
        default=None,
        description="The sub-table heading the matrix prints above this row, as printed (e.g. 'Направление №3: Да се създадат …'); "
        "X008 checks that the row's objective lies under the framework node whose title the heading gives.",
    )
    measures: list[MeasureRef] = Field(default_factory=empty_list, description="Ids of the measures the row's second column names.")
    means: list[str] = Field(default_factory=empty_list, description="'Мерки, дейности' column as printed, when it says more than measure titles.")
    impact_indicators: list[Indicator] = Field(default_factory=empty_list, description="Impact indicators (ids end in -i1, -i2, ...).")
    direct_results: list[Indicator] = Field(default_factory=empty_list, description="Direct results (ids end in -r1, -r2, ...).")
    effect_indicators: list[Indicator] = Field(default_factory=empty_list, description="Effect indicators (ids end in -e1, -e2, ...).")
    sources: list[str] = Field(default_factory=empty_list, description="Sources of information / verification.")
    verification_period: str | None = Field(default=None, description="'Период на проверка' as printed.")
    src: Src


class LogframeFile(Model):
    """``logframe.yaml``: the logical framework matrix."""

    vision: str | None = Field(default=None, description="The vision row of the matrix, as printed.")
    rows: list[LogframeRow] = Field(description="Rows of the matrix.")
