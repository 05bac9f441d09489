"""``strategy.yaml``: identity, period, levels and statements of intent."""

from typing import Literal

from pydantic import Field

from .base import (
    Adoption,
    Id,
    Level,
    Model,
    Period,
    SourceDocument,
    Src,
    TargetReading,
    TextBlock,
    Year,
    empty_list,
)
from .thresholds import Thresholds


class PolicyDocument(Model):
    """A strategic or legal document the strategy says it follows."""

    level: Literal["international", "national", "regional", "municipal"] = Field(description="Level of government that issued the document.")
    title: str = Field(description="Title as printed.")
    punctuation: str | None = Field(
        default=None, description="The punctuation that ends the document's list item as printed (';'); it is not part of the title."
    )


class Heading(Model):
    """A heading of the source whose section is stored under no block of its own title (parts, chapters, lists kept in fields)."""

    code: str | None = Field(default=None, description="Section number as printed, e.g. '3.2'.")
    title: str = Field(description="The heading as printed.")
    src: Src


class KeyIndicator(Model):
    """A key indicator of the strategy's success (Haskovo §3.5)."""

    id: Id
    kind: Literal["quantitative", "qualitative"] = Field(description="Quantitative or qualitative.")
    text: str = Field(description="The indicator as printed.")
    target: str | None = Field(default=None, description="The quantified target as printed, if any.")
    target_reading: TargetReading | None = Field(
        default=None, description="The structured reading of the target, where the printed text determines it."
    )
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
    summary: list[str] = Field(default_factory=empty_list, description="Summary paragraphs.")
    scope: list[str] = Field(default_factory=empty_list, description="Scope of the strategy, one paragraph per entry.")
    introduction: list[TextBlock] = Field(default_factory=empty_list, description="Introductory sections.")
    policy_documents: list[PolicyDocument] = Field(default_factory=empty_list, description="Strategic and legal documents the strategy follows.")
    vision: list[str] = Field(default_factory=empty_list, description="The vision, one paragraph per entry.")
    values: list[str] = Field(default_factory=empty_list, description="Values the strategy names.")
    principles: list[str] = Field(default_factory=empty_list, description="Principles of the strategy.")
    priority_target_groups: list[str] = Field(default_factory=empty_list, description="Target groups the strategy gives priority to.")
    key_indicators: list[KeyIndicator] = Field(default_factory=empty_list, description="Key indicators of the strategy's success.")
    headings: list[Heading] = Field(
        default_factory=empty_list,
        description="Headings of the source that no stored block carries as its title ('Раздел Б: …', '3. Визия и цели'), in printed order.",
    )
    conclusion: list[TextBlock] = Field(default_factory=empty_list, description="Concluding sections.")
    thresholds: Thresholds | None = Field(
        default=None, description="This strategy's own bounds for findings and withheld figures; unset ones keep the documented defaults."
    )
