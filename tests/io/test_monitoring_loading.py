"""Monitoring files: read from PATH/monitoring/ or --monitoring DIR, located, formatted, diffed, exported."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import validate_path
from socstrat.analysis.diff import compare
from socstrat.io.formatting import format_file
from socstrat.io.loading import load_strategy
from socstrat.render.diff import headline_text

REPORT = "year: {year}\nreported: {next}-03-15\nreported_by: ЗМО\nservices:\n  - {{service: cop, status: operating, places: {places}}}\n"


def write(folder: Path, year: int, places: int | str = 40, text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{year}.yaml"
    path.write_text(text or REPORT.format(year=year, next=year + 1, places=places), encoding="utf-8")
    return path


def test_monitoring_subdirectory_is_read_by_year(strategy_dir) -> None:
    path = strategy_dir()
    write(path / "monitoring", 2016)
    write(path / "monitoring", 2017, places=35)
    loaded = load_strategy(path)
    assert loaded.strategy is not None
    assert sorted(loaded.strategy.monitoring) == [2016, 2017]
    assert loaded.strategy.monitoring[2017].services[0].places == 35
    assert not loaded.diagnostics


def test_monitoring_directory_elsewhere(strategy_dir, tmp_path: Path) -> None:
    path = strategy_dir()
    write(path / "monitoring", 2016)
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, 2018)
    loaded = load_strategy(path, elsewhere)
    assert loaded.strategy is not None and sorted(loaded.strategy.monitoring) == [2018]


def test_missing_monitoring_directory_is_a_usage_error(strategy_dir, tmp_path: Path) -> None:
    report = validate_path(str(strategy_dir()), monitoring=str(tmp_path / "nowhere"))
    assert [(d.code, d.file) for d in report.diagnostics if d.code == "S004"] == [("S004", str(tmp_path / "nowhere"))]


def test_schema_errors_are_located_in_the_monitoring_file(strategy_dir) -> None:
    path = strategy_dir()
    write(path / "monitoring", 2016, places="'много'")
    report = validate_path(str(path))
    assert [(d.code, Path(d.file).relative_to(path).as_posix(), d.line, d.column) for d in report.diagnostics] == [
        ("S101", "monitoring/2016.yaml", 5, 47)
    ]


def test_unknown_service_is_r002_at_its_line(strategy_dir) -> None:
    path = strategy_dir()
    text = "year: 2016\nreported: 2017-03-01\nreported_by: ЗМО\nservices:\n  - service: cop\n  - service: copp\n"
    write(path / "monitoring", 2016, text=text)
    report = validate_path(str(path), select=["R002"])
    assert [(Path(d.file).name, d.line, d.column, d.message) for d in report.diagnostics] == [
        ("2016.yaml", 6, 14, "refers to service 'copp', which does not exist; did you mean 'cop'?")
    ]


def test_file_names_must_be_the_year_reported(strategy_dir) -> None:
    path = strategy_dir()
    write(path / "monitoring", 2017, text="year: 2018\nreported: 2019-03-01\nreported_by: ЗМО\n")
    (path / "monitoring" / "notes.yaml").write_text("year: 2016\n", encoding="utf-8")
    report = validate_path(str(path), select=["P001"])
    assert [(Path(d.file).name, d.line, d.message) for d in report.diagnostics] == [
        ("2017.yaml", 1, "the file '2017.yaml' reports the year 2018; a file is named after the year it reports"),
        ("notes.yaml", 1, "the file 'notes.yaml' in monitoring/ is not named after a year (e.g. 2016.yaml) and is not read"),
    ]


def test_diff_shows_a_changed_actual_like_a_capacity(strategy_dir, tmp_path: Path) -> None:
    old_dir = strategy_dir()
    write(old_dir / "monitoring", 2016, places=40)
    old = load_strategy(old_dir).strategy
    new_dir = tmp_path / "new"
    import shutil

    shutil.copytree(old_dir, new_dir)
    write(new_dir / "monitoring", 2016, places=36)
    write(new_dir / "monitoring", 2017, places=30)
    new = load_strategy(new_dir).strategy
    assert old is not None and new is not None
    diff = compare(old, new)
    changes = [(f.table, f.entity, f.service, f.measure, f.year, f.old, f.new, f.delta) for f in diff.figures]
    assert changes == [
        ("monitoring", "monitoring/2016", "cop", "capacity", 2016, "40", "36", -4),
        ("monitoring", "monitoring/2017", "cop", "capacity", 2017, None, "30", None),
    ]
    assert diff.totals == []
    assert headline_text(diff.headline_parts, "en") == "2 reported actuals changed"


def test_fmt_knows_monitoring_files(tmp_path: Path) -> None:
    path = write(tmp_path / "monitoring", 2016, text="reported_by: ЗМО\nyear: 2016\nreported: 2017-03-01\n")
    result = format_file(path)
    assert result.formatted == "year: 2016\nreported: 2017-03-01\nreported_by: ЗМО\n"


def test_export_includes_monitoring(strategy_dir) -> None:
    from socstrat.render import registry

    path = strategy_dir()
    write(path / "monitoring", 2016)
    strategy = load_strategy(path).strategy
    exported = json.loads(registry.render("export", "json", strategy))
    assert exported["monitoring"]["2016"]["services"][0] == {
        "service": "cop", "status": "operating", "places": 40, "users": None, "staff": None, "spending": {}, "successor": None, "remarks": [],
    }
