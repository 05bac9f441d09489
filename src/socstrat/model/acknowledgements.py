"""``acknowledgements.yaml``: known findings the strategy accepts, each with a reason."""

from pydantic import Field

from .base import Model, empty_list


class Acknowledgement(Model):
    """A known finding the strategy accepts: shown as info with its reason, never hidden."""

    rule: str = Field(pattern=r"^[A-Z]+[0-9]{3}$", description="Rule code, e.g. 'X001'.")
    entity: str = Field(description="Id of the entity the finding concerns.")
    reason: str = Field(min_length=1, description="Why the finding stands; quote both places for a source contradiction.")
    reason_bg: str | None = Field(
        default=None,
        min_length=1,
        description="The reason in Bulgarian. The reasons are the project's own words, so they exist in both languages; quotations of the source stay as printed.",
    )

    def reason_in(self, lang: str) -> str:
        """The reason in ``lang``: the Bulgarian one under bg when it is given, else the reason as written."""
        return self.reason_bg if lang == "bg" and self.reason_bg else self.reason


class AcknowledgementsFile(Model):
    """``acknowledgements.yaml``: findings the strategy accepts, each with a reason."""

    acknowledgements: list[Acknowledgement] = Field(default_factory=empty_list, description="Findings the strategy accepts, each with a reason.")
