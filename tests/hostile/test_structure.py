"""Hostile structure: depth, numbers and keys. Each case runs every command and format (see harness)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import build, check_all, invoke, minimal_text

SERVICES = minimal_text("services")
STRATEGY = minimal_text("strategy")


def with_capacity(value: str) -> str:
    return SERVICES.replace("2015: 40,", f"2015: {value},")


CASES = {
    # item 2: nesting
    "deep-300": {"strategy": STRATEGY + "x: " + "[" * 300 + "]" * 300 + "\n"},
    "deep-block": {"strategy": STRATEGY + "".join(f"{'  ' * i}k{i}:\n" for i in range(150)) + "  " * 150 + "v: 1\n"},
    # item 3: numbers past the digit limit in any base, and numbers too large to compute with
    "hex-4000": {"strategy": STRATEGY + "x: 0x" + "f" * 4000 + "\n"},
    "octal-5000": {"strategy": STRATEGY + "x: 0o" + "7" * 5000 + "\n"},
    "capacity-3999-digits": {"services": with_capacity("9" * 3999)},
    "capacity-28-digits": {"services": with_capacity("9" * 28)},
    "capacity-4800-digits": {"services": with_capacity("9" * 4800)},
    # item 18: values JSON cannot hold
    "nan": {"services": with_capacity(".nan")},
    "inf-figure": {"framework": minimal_text("framework").replace("value: 40,", "value: .inf,")},
    "float-1e400": {"framework": minimal_text("framework").replace("value: 40,", "value: 1e400,")},
    # item 7: collections as keys
    "list-key": {"strategy": STRATEGY + "? [a, b]\n: 1\n"},
    "mapping-key": {"strategy": STRATEGY + "? {a: 1}\n: 1\n"},
    "flow-mapping-key": {"services": SERVICES.replace("capacity: {2015: 40,", "capacity: {[2015]: 40,")},
    # item 16: sizes
    "long-list": {"strategy": STRATEGY + "x: [" + ", ".join(["1"] * 5000) + "]\n"},
    "many-nodes": {"strategy": STRATEGY + "x:\n" + "".join(f"  - [{', '.join(['1'] * 1000)}]\n" for _ in range(120))},
}

EXPECTED = {
    "deep-300": ("strategy.yaml", 19, "nesting deeper than 100 levels"),
    "hex-4000": ("strategy.yaml", 19, "digits is too long"),
    "octal-5000": ("strategy.yaml", 19, "digits is too long"),
    "capacity-3999-digits": ("services.yaml", 6, "too large"),
    "capacity-28-digits": ("services.yaml", 6, "too large"),
    "capacity-4800-digits": ("services.yaml", 6, "too long"),
    "nan": ("services.yaml", 6, "not a finite number"),
    "inf-figure": ("framework.yaml", 28, "not a finite number"),
    "float-1e400": ("framework.yaml", 28, "not a finite number"),
    "list-key": ("strategy.yaml", 19, "a list cannot be a key"),
    "mapping-key": ("strategy.yaml", 19, "a mapping cannot be a key"),
    "flow-mapping-key": ("services.yaml", 6, "a list cannot be a key"),
    "long-list": ("strategy.yaml", 19, "more than 2000 entries"),
    "many-nodes": ("strategy.yaml", 119, "more than 100000 values"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_command_survives(tmp_path: Path, case: str) -> None:
    strategy = build(tmp_path, case, **CASES[case])
    runs = check_all(strategy, tmp_path)
    if case in EXPECTED:
        file, line, words = EXPECTED[case]
        text = runs["validate-text"].stdout
        assert runs["validate-text"].exit_code == 1
        assert any(f"/{file}:{line}:" in row and words in row for row in text.splitlines()), text
        # every command refuses the strategy with the same finding
        for name in ("export", "deltas-csv", "report-md", "diff-text"):
            assert runs[name].exit_code == 1 and words in runs[name].stderr, name


def test_fmt_refuses_a_collection_key_with_its_position(tmp_path: Path) -> None:
    strategy = build(tmp_path, strategy=STRATEGY + "? {a: 1}\n: 1\n")
    result = invoke(["fmt", "--lang", "en", str(strategy)])
    assert result.error is None
    assert result.exit_code == 1
    assert f"{strategy}/strategy.yaml:19:3: error: S006 a mapping cannot be a key" in result.stderr
