"""The JSON Schemas: current, described, and agreeing with a third-party validator on structure."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from conftest import DATA, FIXTURES, ROOT
from socstrat.cli import app
from socstrat.io.loading import parse_file, validation_diagnostics
from socstrat.io.schema import DIALECT, SCHEMA_MODELS, file_schema, integer_pattern, schema_texts
from socstrat.model import FILE_MODELS

SCHEMA_DIR = ROOT / "schema"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
DATA_FILES = sorted(DATA.glob("*/*.yaml"))
INVALID_SERVICES = [
    FIXTURES / "loading" / "wrong-type" / "services.yaml",
    FIXTURES / "loading" / "unknown-key" / "services.yaml",
    FIXTURES / "loading" / "missing-key" / "services.yaml",
    FIXTURES / "schema" / "year-out-of-range" / "services.yaml",
    FIXTURES / "schema" / "year-not-a-number" / "services.yaml",
]


def check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_committed_schemas_are_current() -> None:
    committed = {path.name: path.read_text(encoding="utf-8") for path in SCHEMA_DIR.glob("*.schema.json")}
    expected = schema_texts()
    assert sorted(committed) == sorted(expected), "run `socstrat schema -o schema` to regenerate schema/"
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert not stale, f"stale schemas {stale}: run `socstrat schema -o schema` to regenerate schema/"


@pytest.mark.parametrize("stem", list(SCHEMA_MODELS))
def test_schema_names_its_dialect_and_forbids_unknown_keys(stem: str) -> None:
    schema = file_schema(stem)
    assert schema["$schema"] == DIALECT
    assert schema["additionalProperties"] is False
    assert all(definition.get("additionalProperties") is False for definition in schema.get("$defs", {}).values())


def _properties(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    objects = [("", schema)] + [(f"{name}.", definition) for name, definition in schema.get("$defs", {}).items()]
    return [(prefix + key, prop) for prefix, obj in objects for key, prop in obj.get("properties", {}).items()]


def _description(schema: dict[str, Any], prop: dict[str, Any]) -> str | None:
    """A property's own description, or that of the definition it refers to (pydantic omits a copy)."""
    ref = prop.get("$ref", "")
    return prop.get("description") or schema["$defs"].get(ref.removeprefix("#/$defs/"), {}).get("description")


@pytest.mark.parametrize("stem", list(SCHEMA_MODELS))
def test_every_field_has_a_description_for_hover_help(stem: str) -> None:
    schema = file_schema(stem)
    undescribed = [name for name, prop in _properties(schema) if not _description(schema, prop)]
    assert not undescribed


def test_year_keys_are_checked_as_strings_in_range() -> None:
    capacity = file_schema("services")["$defs"]["Service"]["properties"]["capacity"]
    pattern = capacity["propertyNames"]["pattern"]
    assert [year for year in range(1000, 3000) if re.fullmatch(pattern, str(year))] == list(range(1900, 2101))
    assert not re.fullmatch(pattern, "02015")


@pytest.mark.parametrize(("low", "high"), [(0, 0), (0, 9), (0, 100), (5, 123), (7, 1000), (1900, 2100)])
def test_integer_pattern_matches_exactly_the_range(low: int, high: int) -> None:
    pattern = integer_pattern(low, high)
    assert [n for n in range(0, 3000) if re.fullmatch(pattern, str(n))] == list(range(low, high + 1))


def test_every_data_file_names_its_committed_schema_on_line_1() -> None:
    for file in DATA_FILES:
        first = file.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../../schema/{file.stem}.schema.json", file
        assert (file.parent / first.split("$schema=")[1]).resolve() == (SCHEMA_DIR / f"{file.stem}.schema.json").resolve()


def test_committed_schemas_are_valid_json_schema() -> None:
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--check-metaschema", *map(str, sorted(SCHEMA_DIR.glob("*.json")))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("stem", sorted({file.stem for file in DATA_FILES}))
def test_check_jsonschema_accepts_the_bundled_data(stem: str) -> None:
    files = [file for file in DATA_FILES if file.stem == stem]
    result = check_jsonschema(SCHEMA_DIR / f"{stem}.schema.json", *files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("fixture", INVALID_SERVICES, ids=lambda path: path.parent.name)
def test_check_jsonschema_and_socstrat_both_reject_a_structural_error(fixture: Path) -> None:
    result = check_jsonschema(SCHEMA_DIR / "services.schema.json", fixture)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Schema validation errors" in result.stdout + result.stderr

    source, problems = parse_file(fixture, "services")
    assert source is not None and not problems
    with pytest.raises(ValidationError) as caught:
        FILE_MODELS["services"].model_validate(source.data)
    assert {d.code for d in validation_diagnostics(source, caught.value)} <= {"S101", "S102", "S103"}


def test_cli_writes_every_schema_into_a_directory(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    written = {path.name: path.read_text(encoding="utf-8") for path in (tmp_path / "out").iterdir()}
    assert written == schema_texts()
    assert json.loads(written["services.schema.json"])["title"] == "socstrat services.yaml"


def test_cli_writes_one_schema_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "staffing.schema.json"
    result = CliRunner().invoke(app, ["schema", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert list(tmp_path.iterdir()) == [target]
    assert json.loads(target.read_text(encoding="utf-8")) == file_schema("staffing")


def test_cli_refuses_a_file_named_after_no_data_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["schema", "-o", str(tmp_path / "budget.schema.json")])
    assert result.exit_code == 2
    assert "budget.schema.json names no data file" in result.output
    assert not list(tmp_path.iterdir())


def test_schema_without_output_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    """It used to write ./schema/ into whatever directory it ran in."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 2
    assert "--output" in result.output
    assert list(tmp_path.iterdir()) == []
