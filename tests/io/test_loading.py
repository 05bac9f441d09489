"""The loader reports every problem at its file, line and column, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from socstrat.io.loading import load_contents, load_strategy


def located(path: Path) -> list[tuple[str, str, int, int, str]]:
    result = load_strategy(path)
    return [(Path(d.file).name, d.code, d.line, d.column, d.path) for d in result.diagnostics]


def test_minimal_fixture_loads(strategy_dir) -> None:
    result = load_strategy(strategy_dir())
    assert result.diagnostics == []
    assert result.strategy is not None
    assert result.strategy.services.services[1].capacity[2015][1].financing == "ОП РЧР"


@pytest.mark.parametrize(
    ("overlay", "expected"),
    [
        ("wrong-type", ("services.yaml", "S101", 7, 13, "services[0].capacity.2020")),
        ("missing-key", ("services.yaml", "S102", 2, 5, "services[0]")),
        ("duplicate-key", ("services.yaml", "S002", 4, 5, "")),
        ("syntax-error", ("services.yaml", "S001", 4, 13, "")),
        ("empty-file", ("services.yaml", "S003", 1, 1, "")),
        ("unknown-key", ("services.yaml", "S103", 5, 5, "services[0].capacty")),
        ("model-validator", ("staffing.yaml", "S101", 4, 3, "plan_period")),
        ("dict-key", ("services.yaml", "S101", 7, 7, "services[0].capacity.догодина")),
    ],
)
def test_problem_is_located(strategy_dir, overlay: str, expected: tuple) -> None:
    assert located(strategy_dir(overlay)) == [expected]


def test_one_value_failing_a_union_is_one_diagnostic(strategy_dir) -> None:
    result = load_strategy(strategy_dir("union-value"))
    messages = {(d.line, d.column): d.message for d in result.diagnostics}
    assert set(messages) == {(8, 19), (9, 13)}
    assert "greater than or equal to 0" in messages[(8, 19)]
    assert messages[(9, 13)].startswith("the value true does not fit any allowed form")


def test_mapping_in_a_union_reports_its_own_missing_key(strategy_dir) -> None:
    path = strategy_dir(services="services:\n  - id: a\n    name: A\n    category: club\n    src: x\n    capacity: {2015: {value: 3}}\n")
    assert located(path) == [("services.yaml", "S102", 6, 22, "services[0].capacity.2015")]


def test_aliases_and_anchors_are_rejected(strategy_dir) -> None:
    found = located(strategy_dir("alias"))
    assert [(code, line) for _, code, line, _, _ in found] == [("S006", 2), ("S006", 7)]


def test_python_tags_are_rejected_without_running(strategy_dir) -> None:
    path = strategy_dir(services="services: !!python/object/apply:os.system ['true']\n")
    assert [(d.code, d.line, d.column) for d in load_strategy(path).diagnostics] == [("S006", 1, 11)]


def test_overlong_number_is_located(strategy_dir) -> None:
    path = strategy_dir(services="services:\n  - id: a\n    code: " + "9" * 5000 + "\n")
    assert [(d.code, d.line, d.column) for d in load_strategy(path).diagnostics] == [("S006", 3, 11)]


def test_non_utf8_file_is_located(strategy_dir) -> None:
    path = strategy_dir(services="services:\n  - id: a\n    name: ЦОП\n".encode("cp1251"))
    assert [(d.code, d.line, d.column) for d in load_strategy(path).diagnostics] == [("S005", 3, 11)]


def test_missing_directory() -> None:
    result = load_strategy("no/such/strategy")
    assert [(d.code, d.file) for d in result.diagnostics] == [("S004", "no/such/strategy")]
    assert result.strategy is None


def test_directory_without_strategy_yaml(tmp_path: Path) -> None:
    assert [d.code for d in load_strategy(tmp_path).diagnostics] == ["S004"]


def test_unknown_file_is_a_warning(strategy_dir) -> None:
    path = strategy_dir(servises="services: []\n")
    result = load_strategy(path)
    assert [(d.code, d.severity) for d in result.diagnostics] == [("S007", "warning")]
    assert result.strategy is not None


def test_all_problems_are_reported_at_once(strategy_dir) -> None:
    path = strategy_dir("unknown-key", staffing="title: T\nbaseline_year: 2015\nplan_period: {start: 2016, end: 2020}\nsrc: x\n")
    codes = sorted(d.code for d in load_strategy(path).diagnostics)
    assert codes == ["S102", "S103"]


def test_yaml_true_is_not_a_number(strategy_dir) -> None:
    path = strategy_dir(services="services:\n  - id: a\n    name: A\n    category: club\n    src: x\n    capacity: {2015: true}\n")
    assert [d.code for d in load_strategy(path).diagnostics] == ["S101"]


def test_contents_in_memory_load_like_the_directory(strategy_dir) -> None:
    path = strategy_dir("wrong-type")
    from_memory = load_contents("HEAD:data/x", {file.name: file.read_bytes() for file in path.iterdir()})
    from_disk = load_strategy(path)
    assert from_memory.diagnostics == [
        d.model_copy(update={"file": d.file.replace(str(path), "HEAD:data/x")}) for d in from_disk.diagnostics
    ]
    assert from_memory.diagnostics[0].file == "HEAD:data/x/services.yaml"


def test_strategy_directories_maps_files_to_the_strategies_holding_them(strategy_dir, tmp_path) -> None:
    from socstrat.io.loading import strategy_directories

    strategy = strategy_dir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "services.yaml").write_text("services: []\n", encoding="utf-8")
    files = [strategy / "services.yaml", tmp_path / "elsewhere" / "services.yaml", strategy / "framework.yaml", strategy]
    assert strategy_directories(files) == [strategy]
