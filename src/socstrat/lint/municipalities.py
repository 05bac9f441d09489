"""The register of Bulgarian municipalities that rule C001 compares text against.

The list ships with the package (``municipalities.yaml``, from НСИ's ЕКАТТЕ
classifier) so that the check works offline and its source can be cited. The YAML is
the source that people edit; ``municipalities.json`` beside it is generated from it
(``python -m socstrat.lint.municipalities``, checked current by a test) and is what
socstrat reads, because JSON is read in about a millisecond and YAML in tens.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, ConfigDict


class Municipality(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    code: str
    name: str


class Region(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    code: str
    name: str
    municipalities: tuple[Municipality, ...]


class MunicipalityRegister(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    source: str
    regions: tuple[Region, ...]

    def names(self) -> set[str]:
        return {m.name for region in self.regions for m in region.municipalities}


@cache
def municipality_register() -> MunicipalityRegister:
    """The shipped register as models, read once per process (it is immutable)."""
    return MunicipalityRegister.model_validate(_shipped())


@cache
def municipality_names() -> frozenset[str]:
    """The names of the 265 municipalities, for C001.

    Read from the JSON without the models: it is what :func:`register_json` wrote after
    validating the YAML with them (a test keeps it so), and building their validators
    on every run cost more than reading the file.
    """
    return frozenset(m["name"] for region in _shipped()["regions"] for m in region["municipalities"])


@cache
def region_names() -> tuple[str, ...]:
    """The names of the 28 regions as the register prints them ('Хасково'), for C003; see :func:`municipality_names`."""
    return tuple(region["name"] for region in _shipped()["regions"])


@cache
def _shipped() -> Any:
    """The shipped JSON, read and parsed once per process for the names and the models alike."""
    return json.loads((files("socstrat.lint") / "municipalities.json").read_text(encoding="utf-8"))


def register_json(yaml_text: str) -> str:
    """The generated ``municipalities.json`` for the text of ``municipalities.yaml``."""
    from socstrat.io.reader import read_yaml

    data, problems = read_yaml(yaml_text)
    if problems:
        raise ValueError(f"municipalities.yaml:{problems[0].line}:{problems[0].column}: {problems[0].message}")
    register = MunicipalityRegister.model_validate(data)
    return json.dumps(register.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


if __name__ == "__main__":  # python -m socstrat.lint.municipalities: regenerate the JSON after editing the YAML
    from pathlib import Path

    here = Path(__file__).parent
    (here / "municipalities.json").write_text(register_json((here / "municipalities.yaml").read_text(encoding="utf-8")), encoding="utf-8")
