"""Hostile environments (long arguments, a bad GITHUB_STEP_SUMMARY, a full output device) and absurd semantics."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from harness import build, check_all, invoke, minimal_text, problems

ROOT = Path(__file__).resolve().parents[2]
LONG = "a" * 300


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", LONG],
        ["validate", "-f", "sarif", LONG],
        ["export", LONG],
        ["deltas", LONG],
        ["report", LONG],
        ["fmt", LONG],
        ["validate-changed", LONG + "/strategy.yaml"],
        ["diff", LONG, LONG],
        ["diff", f"HEAD:{LONG}", "tests/fixtures/minimal"],
    ],
)
def test_a_long_argument_is_an_error_not_a_traceback(argv: list[str]) -> None:
    run = invoke(argv, argv[0])
    assert not problems(run), problems(run)
    assert run.exit_code in (0, 2)


def test_a_step_summary_that_cannot_be_written_is_one_line_and_exit_2(tmp_path: Path) -> None:
    run = invoke(["validate", "--lang", "en", "-f", "github", str(build(tmp_path))], env={"GITHUB_STEP_SUMMARY": str(tmp_path / "missing" / "summary.md")})
    assert run.error is None and run.exit_code == 2
    assert run.stderr.startswith("socstrat validate: cannot write the step summary") and run.stderr.count("\n") == 1


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["validate"], ["export"], ["report", "-f", "md"]])
def test_a_full_output_device_is_one_line_and_exit_2(tmp_path: Path, argv: list[str]) -> None:
    strategy = build(tmp_path)
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "socstrat", *argv, str(strategy)],
            stdout=full, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, timeout=60, check=False,
        )
    assert done.returncode == 2
    assert done.stderr == "socstrat: cannot write the output: No space left on device\n"


SERVICES = minimal_text("services")
SERVICE = "  - {{id: s{i}, code: \"{i}\", name: Услуга {i}, category: community, capacity: {{2015: 1}}, status: {{kind: existing}}, src: ред {i}}}\n"

SEMANTICS = {
    "id-collision": {"services": SERVICES.replace("id: pa", "id: cop")},
    "id-shared-across-files": {"services": SERVICES.replace("id: pa", "id: d1")},
    "absurd-years": {"services": SERVICES.replace("2015: 40,", "1000: 40, 9999: 40,")},
    "absurd-period": {"strategy": minimal_text("strategy").replace("{start: 2016, end: 2020}", "{start: 2100, end: 1900}")},
    "negative-capacity": {"services": SERVICES.replace("2015: 40,", "2015: -40,")},
    "largest-capacity": {"services": SERVICES.replace("2015: 40,", "2015: 9007199254740991,")},
    "self-parent": {"framework": minimal_text("framework").replace("services: [cop]", "services: [cop, cop, d1-a1.1.1.1]")},
    "many-services": {"services": "services:\n" + "".join(SERVICE.format(i=i) for i in range(500))},
    "too-many-services": {"services": "services:\n" + "".join(SERVICE.format(i=i) for i in range(2500))},
}


@pytest.mark.parametrize("case", list(SEMANTICS))
def test_absurd_semantics(tmp_path: Path, case: str) -> None:
    started = time.monotonic()
    runs = check_all(build(tmp_path, case, **SEMANTICS[case]), tmp_path)
    assert time.monotonic() - started < 60
    if case == "too-many-services":
        assert "S006 a list of more than 2000 entries is not allowed" in runs["validate-text"].stdout
