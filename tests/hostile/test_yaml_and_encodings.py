"""Hostile YAML features and encodings: each case runs every command and format (see harness)."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import build, check_all, minimal_text

STRATEGY = minimal_text("strategy")
SERVICES = minimal_text("services")

CASES: dict[str, dict[str, str | bytes]] = {
    "billion-laughs": {"strategy": STRATEGY + "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"},
    "python-tag": {"strategy": STRATEGY + "x: !!python/object/apply:os.system ['true']\n"},
    "merge-key": {"strategy": STRATEGY + "x: {<<: {a: 1}}\n"},
    "duplicate-key": {"strategy": STRATEGY + "id: again\n"},
    "two-documents": {"strategy": STRATEGY + "---\nid: other\n"},
    "yaml-1.1": {"strategy": "%YAML 1.1\n---\n" + STRATEGY},
    "nul": {"services": SERVICES.replace("Личен асистент", "Личен\x00асистент")},
    "raw-escape": {"services": SERVICES.replace("Личен асистент", "Личен\x1b[2Jасистент")},
    "raw-c1": {"services": SERVICES.replace("Личен асистент", "Личен\x9bасистент")},
    "lone-surrogate": {"services": SERVICES.replace("name: Личен асистент", 'name: "\\udfff"')},
    "surrogate-key": {"services": SERVICES.replace("name: Личен асистент", 'name: x\n    "\\ud800": 1')},
    "cp1251": {"services": SERVICES.encode("cp1251")},
    "utf-16": {"services": SERVICES.encode("utf-16")},
    "invalid-utf8": {"services": SERVICES.encode() + b"\xff\xfe\n"},
    "bom": {"services": "\ufeff" + SERVICES},
    "crlf": {"services": SERVICES.replace("\n", "\r\n")},
    "cr-only": {"services": SERVICES.replace("\n", "\r")},
    "long-line": {"services": SERVICES.replace("Личен асистент", "я" * 200_000)},
    "empty": {"services": ""},
    "scalar-file": {"services": "just text\n"},
    "escaped-controls": {"services": SERVICES.replace("name: Личен асистент", 'name: "a\\0b\\x1b\\r\\n\\u2028c"')},
}

EXPECTED = {
    "lone-surrogate": ("services.yaml", 11, "S005 the escape of a lone surrogate"),
    "surrogate-key": ("services.yaml", 12, "S005 the escape of a lone surrogate"),
    "nul": ("services.yaml", 11, "unacceptable character #x0000"),
    "raw-escape": ("services.yaml", 11, "unacceptable character #x001b"),
    "raw-c1": ("services.yaml", 11, "unacceptable character #x009b"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_every_command_survives(tmp_path: Path, case: str) -> None:
    runs = check_all(build(tmp_path, case, **CASES[case]), tmp_path)
    if case in EXPECTED:
        file, line, words = EXPECTED[case]
        assert any(f"/{file}:{line}:" in row and words in row for row in runs["validate-text"].stdout.splitlines()), runs["validate-text"].stdout
        assert runs["export"].exit_code == 1 and words in runs["export"].stderr
