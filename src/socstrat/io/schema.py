"""JSON Schema of each strategy file, generated from the models, for editors and other validators.

Every data file names its schema in a first-line modeline
(``# yaml-language-server: $schema=../../schema/<stem>.schema.json``), so editors with
the YAML language server complete keys, flag unknown ones and show each field's
description on hover. The schema describes structure only: cross-references, totals
and model validators are checked by ``socstrat validate``, which has the final word.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from socstrat.io.writing import write_text_atomically
from socstrat.model import FILE_MODELS, MONITORING_DIR, Model, MonitoringFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_MODELS: dict[str, type[Model]] = {**FILE_MODELS, MONITORING_DIR: MonitoringFile}
"""Schema stem → model: every strategy file, and ``monitoring`` for the files of ``monitoring/``
(whose modeline reads ``$schema=../../../schema/monitoring.schema.json``)."""


def schema_name(stem: str) -> str:
    """File name of the schema of ``<stem>.yaml``, as the data files' modelines name it."""
    return f"{stem}.schema.json"


class _Generator(GenerateJsonSchema):
    """Pydantic's generator, plus the ``$schema`` key and a rule for integer mapping keys.

    YAML keys such as ``2015:`` are integers, but JSON object keys are strings, so a
    JSON Schema validator sees ``"2015"``; pydantic says nothing about such keys, and
    ``propertyNames`` restores the check that they are whole numbers in range.
    """

    def generate(self, schema: core_schema.CoreSchema, mode: Any = "validation") -> JsonSchemaValue:
        return {"$schema": DIALECT, **super().generate(schema, mode=mode)}

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        keys = schema.get("keys_schema")
        if keys is not None and keys["type"] == "int":
            json_schema["propertyNames"] = {"pattern": integer_pattern(keys.get("ge"), keys.get("le"))}
        return json_schema


def integer_pattern(low: int | None, high: int | None) -> str:
    """A regular expression for the decimal integers from ``low`` to ``high``, both included.

    The range is cut into blocks of numbers of one length that share a prefix and
    end in any digits, so 1900–2100 becomes ``19[0-9][0-9]|20[0-9][0-9]|2100``.
    """
    if low is None or high is None or low < 0:
        return "^-?[0-9]+$"
    blocks = []
    start = low
    while start <= high:
        width = 0
        while True:
            end = start + 10 ** (width + 1) - 1
            if start % 10 ** (width + 1) or end > high or len(str(end)) != len(str(start)):
                break
            width += 1
        prefix = str(start // 10**width) if start or not width else ""
        blocks.append(prefix + "[0-9]" * width)
        start += 10**width
    return f"^({'|'.join(blocks)})$"


def file_schema(stem: str) -> dict[str, Any]:
    """The JSON Schema of ``<stem>.yaml`` (``monitoring``: of a ``monitoring/<YEAR>.yaml``)."""
    schema = SCHEMA_MODELS[stem].model_json_schema(schema_generator=_Generator)
    schema["title"] = f"socstrat {MONITORING_DIR}/<YEAR>.yaml" if stem == MONITORING_DIR else f"socstrat {stem}.yaml"
    return schema


def schema_texts() -> dict[str, str]:
    """Schema file name → its text, for every file a strategy directory may hold."""
    return {
        schema_name(stem): json.dumps(file_schema(stem), ensure_ascii=False, indent=2) + "\n"
        for stem in SCHEMA_MODELS
    }


def write_schemas(target: Path) -> list[Path]:
    """Write every schema into the directory ``target``, or one schema to the file ``target``.

    A file target must be named after a data file (``services.schema.json``); a
    directory is created if missing. Returns the paths written.
    """
    texts = schema_texts()
    if target.suffix == ".json":
        if target.name not in texts:
            known = ", ".join(texts)
            raise ValueError(f"{target.name} names no data file; use one of: {known}")
        written = {target: texts[target.name]}
    else:
        written = {target / name: text for name, text in texts.items()}
    for path, text in written.items():
        write_text_atomically(path, text)
    return list(written)
