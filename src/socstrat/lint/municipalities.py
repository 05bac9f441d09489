"""The register of Bulgarian municipalities that rule C001 compares text against.

The list ships with the package (``municipalities.yaml``, from НСИ's ЕКАТТЕ
classifier) so that the check works offline and its source can be cited.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from pydantic import BaseModel, ConfigDict


class Municipality(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str


class Region(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    municipalities: tuple[Municipality, ...]


class MunicipalityRegister(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    regions: tuple[Region, ...]

    def names(self) -> set[str]:
        return {m.name for region in self.regions for m in region.municipalities}


@cache
def municipality_register() -> MunicipalityRegister:
    """The shipped register, read once per process (it is immutable)."""
    from socstrat.io.reader import read_yaml

    text = (files("socstrat.lint") / "municipalities.yaml").read_text(encoding="utf-8")
    data, problems = read_yaml(text)
    if problems:
        raise ValueError(f"municipalities.yaml:{problems[0].line}:{problems[0].column}: {problems[0].message}")
    return MunicipalityRegister.model_validate(data)
