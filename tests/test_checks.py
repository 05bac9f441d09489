"""Each check on a fixture that passes it and one that fails it, with code and line."""

from __future__ import annotations

from pathlib import Path

from socstrat.validation import validate_path

MINIMAL_SERVICES = (Path(__file__).parent / "fixtures" / "minimal" / "services.yaml").read_text(encoding="utf-8")
MINIMAL_STAFFING = (Path(__file__).parent / "fixtures" / "minimal" / "staffing.yaml").read_text(encoding="utf-8")
MINIMAL_FRAMEWORK = (Path(__file__).parent / "fixtures" / "minimal" / "framework.yaml").read_text(encoding="utf-8")


def findings(path: Path, code: str) -> list[tuple[str, int, str]]:
    report = validate_path(str(path), select=[code])
    return [(Path(d.file).name, d.line, d.severity) for d in report.diagnostics if d.code == code]


def test_minimal_passes_every_check(strategy_dir) -> None:
    report = validate_path(str(strategy_dir()))
    assert [d.code for d in report.diagnostics] == ["Q003"]


def test_r001_duplicate_id(strategy_dir) -> None:
    path = strategy_dir(services=MINIMAL_SERVICES.replace("id: pa", "id: cop"))
    assert findings(path, "R001") == [("services.yaml", 2, "error")]


def test_r002_unresolved_reference(strategy_dir) -> None:
    path = strategy_dir(staffing=MINIMAL_STAFFING.replace("service: cop", "service: cop-x"))
    assert findings(path, "R002") == [("staffing.yaml", 11, "error")]


def test_r003_duplicate_code(strategy_dir) -> None:
    framework = MINIMAL_FRAMEWORK + "                  - {id: d1-a1.1.1.1-b, level: activity, code: '1.1.1.1', title: Втора}\n"
    path = strategy_dir(framework=framework)
    assert findings(path, "R003") == [("framework.yaml", 29, "warning")]


def test_r004_code_not_extending_parent(strategy_dir) -> None:
    path = strategy_dir(framework=MINIMAL_FRAMEWORK.replace('code: "1.1.1.1"', 'code: "2.1.1.1"'))
    assert findings(path, "R004") == [("framework.yaml", 24, "warning")]


def test_a001_declared_total(strategy_dir) -> None:
    staffing = MINIMAL_STAFFING.replace("      baseline: {capacity: 40, staff: 8}\n      plan", "      baseline: {capacity: 41, staff: 8}\n      plan", 1)
    path = strategy_dir(staffing=staffing)
    report = validate_path(str(path), select=["A001"])
    assert [(d.line, d.path, d.message) for d in report.diagnostics] == [
        (16, "groups[0].declared_total.baseline.capacity",
         "declared baseline capacity total of group 'Услуги в общността' is 41, but its rows add up to 40"),
    ]


def test_x001_staffing_vs_register(strategy_dir) -> None:
    path = strategy_dir(staffing=MINIMAL_STAFFING.replace("plan: {capacity: 40, staff: 8}\n        src", "plan: {capacity: 45, staff: 8}\n        src"))
    report = validate_path(str(path), select=["X001"])
    assert [(d.line, d.message) for d in report.diagnostics] == [
        (13, "capacity of 'cop' in 2020 is 45 in the staffing table but 40 in the service register"),
    ]


def test_x002_text_vs_register(strategy_dir) -> None:
    path = strategy_dir(framework=MINIMAL_FRAMEWORK.replace("value: 40", "value: 50"))
    assert findings(path, "X002") == [("framework.yaml", 28, "warning")]


def test_x004_indicator_targets(strategy_dir, tmp_path: Path) -> None:
    path = strategy_dir()
    logframe = (path / "logframe.yaml").read_text(encoding="utf-8").replace("target: 30%, same_as", "target: 20%, same_as")
    (path / "logframe.yaml").write_text(logframe, encoding="utf-8")
    report = validate_path(str(path), select=["X004"])
    assert [(d.line, d.message) for d in report.diagnostics] == [
        (5, "target '20%' differs from '30%' of key indicator 'ki-1'"),
    ]


def test_q002_measure_without_activity(strategy_dir) -> None:
    framework = MINIMAL_FRAMEWORK.split("                children:\n                  - id: d1-a1.1.1.1")[0]
    path = strategy_dir(framework=framework)
    assert findings(path, "Q002") == [("framework.yaml", 17, "warning")]


def test_acknowledged_finding_is_info_with_reason(strategy_dir) -> None:
    path = strategy_dir(
        framework=MINIMAL_FRAMEWORK.replace("value: 40", "value: 50"),
        acknowledgements="acknowledgements:\n  - rule: X002\n    entity: d1-a1.1.1.1-f1\n    reason: §4.1 says 50, Раздел Г says 40\n",
    )
    report = validate_path(str(path), select=["X002", "M001"])
    assert [(d.code, d.severity) for d in report.diagnostics] == [("X002", "info")]
    assert report.diagnostics[0].message.endswith("[acknowledged: §4.1 says 50, Раздел Г says 40]")


def test_m001_unused_acknowledgement(strategy_dir) -> None:
    path = strategy_dir(acknowledgements="acknowledgements:\n  - rule: X002\n    entity: d1-a1.1.1.1-f1\n    reason: stale\n")
    assert findings(path, "M001") == [("acknowledgements.yaml", 2, "warning")]
