"""``acknowledgements.yaml``: known findings the strategy accepts, each with a reason."""

from pydantic import Field

from .base import Model, empty_list


class Acknowledgement(Model):
    """A known finding the strategy accepts: shown as info with its reason, never hidden."""

    rule: str = Field(pattern=r"^[A-Z]+[0-9]{3}$", description="Rule code, e.g. 'X001'.")
    entity: str = Field(description="Id of the entity the finding concerns.")
    reason: str = Field(min_length=1, description="Why the finding stands; quote both places for a source contradiction.")


class AcknowledgementsFile(Model):
    """``acknowledgements.yaml``: findings the strategy accepts, each with a reason."""

    acknowledgements: list[Acknowledgement] = Field(default_factory=empty_list, description="Findings the strategy accepts, each with a reason.")
