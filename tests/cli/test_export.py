"""``socstrat export``: json as before; csv, xlsx and datapackage written to a path."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import DATA
from socstrat.cli import app

runner = CliRunner()
HASKOVO = str(DATA / "haskovo-2016-2020")


def run(*args: str):
    return runner.invoke(app, list(args))


def test_json_is_the_model_to_stdout_or_a_file(tmp_path: Path) -> None:
    printed = run("export", HASKOVO)
    assert printed.exit_code == 0
    assert json.loads(printed.stdout)["strategy"]["id"] == "haskovo-2016-2020"
    target = tmp_path / "h.json"
    assert run("export", HASKOVO, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == printed.stdout


def test_csv_writes_one_file_per_table(tmp_path: Path) -> None:
    result = run("export", HASKOVO, "--format", "csv", "-o", str(tmp_path / "out"), "--excel")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == sorted(f"{n}.csv" for n in ("services", "service_years", "service_plan", "staffing_groups", "staffing", "nodes", "indicators", "logframe", "figures", "acknowledgements",
        "monitoring_services", "monitoring_activities", "monitoring_indicators"))
    assert (tmp_path / "out" / "services.csv").read_bytes().startswith("\ufeff".encode())


def test_xlsx_and_datapackage(tmp_path: Path) -> None:
    assert run("export", HASKOVO, "-f", "xlsx", "-o", str(tmp_path / "h.xlsx"), "--lang", "en").exit_code == 0
    assert (tmp_path / "h.xlsx").read_bytes()[:2] == b"PK"
    assert run("export", HASKOVO, "-f", "datapackage", "-o", str(tmp_path / "dp")).exit_code == 0
    assert (tmp_path / "dp" / "datapackage.json").is_file()


def test_excel_applies_to_csv_only() -> None:
    result = run("export", "--lang", "en", HASKOVO, "-f", "xlsx", "--excel")
    assert result.exit_code == 2 and "--excel applies to --format csv only" in result.output


def test_a_file_where_a_directory_is_wanted_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    result = run("export", "--lang", "en", HASKOVO, "-f", "csv", "-o", str(tmp_path / "f"))
    assert result.exit_code == 2 and "is a file" in result.output and "Traceback" not in result.output


def test_unwritable_target_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    result = run("export", "--lang", "en", HASKOVO, "-f", "xlsx", "-o", str(tmp_path / "f" / "h.xlsx"))
    assert result.exit_code == 2 and result.output.startswith(f"socstrat export: {tmp_path / 'f' / 'h.xlsx'}: cannot write: ")


def test_exported_actuals_of_the_illustrative_set_say_so_in_every_row(tmp_path: Path) -> None:
    import csv

    out = tmp_path / "out"
    result = run("export", HASKOVO, "-f", "csv", "-o", str(out), "--monitoring", "examples/haskovo-monitoring")
    assert result.exit_code == 0, result.output
    with (out / "monitoring_services.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["illustrative"].startswith("Илюстративни данни") for row in rows)
