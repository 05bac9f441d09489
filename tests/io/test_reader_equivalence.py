"""The fast reader reads every file as ruamel.yaml's round-trip loader did, positions included.

ruamel.yaml read these files before the reader replaced it (and still reads them for
``socstrat fmt``), so it is the reference: same values, same key types, same 0-based
(line, column) for every key, value and item. Without libyaml, the pure-Python parser
must give the reader exactly the same result.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from socstrat.io import reader
from socstrat.io.loading import load_strategy
from socstrat.io.reader import YamlMapping, YamlSequence, read_yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([*(ROOT / "data").rglob("*.yaml"), *(ROOT / "tests" / "fixtures").rglob("*.yaml")])
MEANT_TO_FAIL = {
    "tests/fixtures/loading/alias/services.yaml": "S006",
    "tests/fixtures/loading/duplicate-key/services.yaml": "S002",
    "tests/fixtures/loading/syntax-error/services.yaml": "S001",
    "tests/fixtures/rules/S001/fail/services.yaml": "S001",
    "tests/fixtures/rules/S002/fail/services.yaml": "S002",
    "tests/fixtures/rules/S005/fail/services.yaml": "S005",
    "tests/fixtures/rules/S006/fail/services.yaml": "S006",
}
READABLE = [path for path in FILES if str(path.relative_to(ROOT)) not in MEANT_TO_FAIL]

SHAPES = """\
# a comment before the first key
plain: value
quoted: "12"
single: 'yes'
empty:
tilde: ~
flow: {a: 1, b: [x, 'y', "z"], c: }
flow_empty: {a: , b, c:
  , d: [e: ], f: {g:
    }}
flow_list: [1, 2.5, true, null, ЦОП]
indentless:
- a
- b: 1
  c: 2
-   - nested
    - list
indented:
  - x
  -
  - key: value    # end-of-line comment
literal: |
  line one
  line two
folded: >-
  one
  two
multi line plain: this plain scalar
  goes on
"Цитат": ключ
? complex
: value
2015: year key
2016:
  3: int key
  '4': str key
1.5: float key
true: bool key
null: null key
after_blank:

  - spaced
"""


def ruamel_load(text: str) -> Any:
    return YAML(typ="rt").load(text)


def plain(value: Any) -> tuple[str, Any]:
    """A scalar as its builtin type and value: ruamel.yaml's subclasses (ScalarInt, …) dropped."""
    for kind in (bool, int, float, str, datetime.datetime, datetime.date):
        if isinstance(value, kind):
            converted = kind(value) if kind in (bool, int, float, str) else value
            if kind is float and math.isnan(converted):
                return "float", "nan"
            return kind.__name__, converted
    assert value is None, f"unexpected {type(value)}"
    return "none", None


def assert_same(ours: Any, theirs: Any, where: str = "") -> None:
    if isinstance(theirs, CommentedMap):
        assert isinstance(ours, YamlMapping), where
        assert [plain(k) for k in ours] == [plain(k) for k in theirs], where
        for key in theirs:
            assert ours.key_position(key) == tuple(theirs.lc.key(key)), f"{where}.{key} (key)"
            assert ours.value_position(key) == tuple(theirs.lc.value(key)), f"{where}.{key} (value)"
            assert_same(ours[key], theirs[key], f"{where}.{key}")
    elif isinstance(theirs, CommentedSeq):
        assert isinstance(ours, YamlSequence), where
        assert len(ours) == len(theirs), where
        for i, item in enumerate(theirs):
            assert ours.item_position(i) == tuple(theirs.lc.item(i)), f"{where}[{i}]"
            assert_same(ours[i], item, f"{where}[{i}]")
    else:
        assert plain(ours) == plain(theirs), where


def shape(data: Any) -> Any:
    """Values and positions of the reader's data, for comparing two reads."""
    if isinstance(data, YamlMapping):
        return [(plain(k), data.positions[k], shape(v)) for k, v in data.items()]
    if isinstance(data, YamlSequence):
        return [(data.positions[i], shape(v)) for i, v in enumerate(data)]
    return plain(data)


@pytest.mark.parametrize("path", READABLE, ids=lambda path: str(path.relative_to(ROOT)))
def test_file_reads_as_ruamel_reads_it(path: Path) -> None:
    text = path.read_text(encoding="utf-8").removeprefix("\ufeff")
    data, problems = read_yaml(text)
    assert problems == []
    assert_same(data, ruamel_load(text), path.name)
    slow, slow_problems = read_yaml(text, fast=False)
    assert slow_problems == [] and shape(slow) == shape(data)


def test_the_files_meant_to_fail_do_fail() -> None:
    assert len(READABLE) == len(FILES) - len(MEANT_TO_FAIL), "a file meant to fail is missing"
    for name, code in MEANT_TO_FAIL.items():
        raw = (ROOT / name).read_bytes()
        if code == "S005":
            continue
        for fast in (True, False):
            _, problems = read_yaml(raw.decode("utf-8"), fast=fast)
            assert problems and {p.code for p in problems} == {code}, name


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "python"])
def test_every_kind_of_node_is_placed_as_ruamel_places_it(fast: bool) -> None:
    data, problems = read_yaml(SHAPES, fast=fast)
    assert problems == []
    assert_same(data, ruamel_load(SHAPES))


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "python"])
@pytest.mark.parametrize(
    "text",
    ["m: {k: Защо?, z: [x?y, a ?b]}\n", "a: {k: x\ufeff, z: 1}\nb: 1\n", "a:\tb\n"],
    ids=["question-mark-in-flow", "byte-order-mark-inside", "tab"],
)
def test_where_the_parsers_differ_the_reader_follows_ruamel(text: str, fast: bool) -> None:
    try:
        expected = ruamel_load(text)
    except Exception:
        expected = None
    data, problems = read_yaml(text, fast=fast)
    if expected is None:
        assert data is None and [p.code for p in problems] == ["S001"]
    else:
        assert problems == []
        assert_same(data, expected)


SCALARS = [
    "yes", "no", "on", "off", "y", "n", "Yes", "true", "True", "TRUE", "tRue", "false",
    "010", "00", "0", "-0", "+12", "012_3", "0o17", "0o1_7", "0O17", "0x1F", "0x_1f", "0X1f", "+0x10", "-0o10",
    "0b101", "1_000", "1__0", "1_", "_1", "1_0.5", "1_000.5",
    "-.nan", "1e3", "1E3", "1.0e+3", "1e", "1.", "-1.", ".5", "-.5", "+1.5", "6.8523015e+5", "685.230_15e+03", "1_e1",
    "~", "null", "Null", "NULL", "nUll", "", "190:20:30", "1:2",
    "2015-01-01", "2015-1-1", "2015-01-01 10:00:00", "2015-01-01T10:00:00Z", "2015-01-01t10:00:00.1234567+02:30",
    "0x", "0o", "0b", "0o8", "0x1g", ".", "текст", "'quoted 12'", '"12"', "! 12", '! "12"',
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalar_reads_as_ruamel_reads_it(scalar: str) -> None:
    text = f"key: {scalar}\n"
    expected = plain(ruamel_load(text)["key"])
    for fast in (True, False):
        data, problems = read_yaml(text, fast=fast)
        assert problems == []
        assert plain(data["key"]) == expected, fast


NOT_FINITE = [".inf", "-.inf", "+.inf", ".Inf", ".INF", ".nan", ".NaN", "1e400", "-1e400"]


@pytest.mark.parametrize("scalar", NOT_FINITE)
def test_a_number_that_is_not_finite_is_refused_where_it_stands(scalar: str) -> None:
    """ruamel.yaml reads these, but JSON cannot hold them (export would write null), so no strategy may."""
    for fast in (True, False):
        data, problems = read_yaml(f"key: {scalar}\n", fast=fast)
        assert data is None
        assert [(p.code, p.line, p.column) for p in problems] == [("S006", 1, 6)]
        assert "not a finite number" in problems[0].message


def test_key_types_read_as_ruamel_reads_them() -> None:
    text = "2015: a\n'2016': b\n0x10: c\nyes: d\n1.5: e\n"
    data, _ = read_yaml(text)
    assert [plain(k) for k in data] == [plain(k) for k in ruamel_load(text)]
    assert list(data) == [2015, "2016", 16, "yes", 1.5]


# --- without libyaml, and hostile input ------------------------------------------------


def diagnostics(path: Path) -> list[tuple[str, str, int, int, str, str]]:
    return [(Path(d.file).name, d.code, d.line, d.column, d.path, d.message) for d in load_strategy(path).diagnostics]


@pytest.mark.parametrize(
    "overlay", ["wrong-type", "duplicate-key", "syntax-error", "alias", "union-value", "dict-key", "empty-file"]
)
def test_without_libyaml_the_diagnostics_are_identical(strategy_dir, monkeypatch, overlay: str) -> None:
    path = strategy_dir(overlay)
    with_libyaml = diagnostics(path)
    monkeypatch.setattr(reader, "FAST_LOADER", None)
    assert diagnostics(path) == with_libyaml


def test_without_libyaml_the_bundled_strategy_loads_identically(monkeypatch) -> None:
    path = ROOT / "data" / "kazanlak-2007-2009"
    fast = load_strategy(path)
    monkeypatch.setattr(reader, "FAST_LOADER", None)
    slow = load_strategy(path)
    assert slow.diagnostics == fast.diagnostics
    assert slow.strategy == fast.strategy
    assert slow.index == fast.index


HOSTILE = {
    "nul-byte": (b"services:\n  - id: a\x00b\n", "S001", 2, 10),
    "control-character": (b"services:\n  - id: a\x07b\n", "S001", 2, 10),
    "hex-digits": (b"services:\n  - code: 0x" + b"F" * 5000 + b"\n", "S006", 2, 11),
    "octal-digits": (b"services:\n  - code: 0o" + b"7" * 5000 + b"\n", "S006", 2, 11),
    "deep-nesting": (b"services: " + b"[" * 400 + b"]" * 400 + b"\n", "S006", 1, 110),
    "duplicate-key": (b"services:\n  - id: a\n    id: b\n", "S002", 3, 5),
    "alias": (b"services:\n  - id: a\n    name: *x\n", "S006", 3, 11),
    "anchor": (b"services:\n  - &x id: a\n", "S006", 2, 5),
    "python-tag": (b"services: !!python/object:os.system\n  - id: a\n", "S006", 1, 11),
    "second-document": (b"services: []\n---\nservices: []\n", "S001", 2, 1),
    "unclosed-bracket": (b"services: [\n  a\n", "S001", 3, 1),
}


@pytest.mark.parametrize("fast", [True, False], ids=["libyaml", "python"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_is_a_located_diagnostic(strategy_dir, monkeypatch, case: str, fast: bool) -> None:
    content, code, line, column = HOSTILE[case]
    if not fast:
        monkeypatch.setattr(reader, "FAST_LOADER", None)
    found = [(d.code, d.line, d.column) for d in load_strategy(strategy_dir(services=content)).diagnostics]
    assert found == [(code, line, column)]


def test_unclosed_bracket_names_where_it_was_opened(strategy_dir) -> None:
    path = strategy_dir(services="services: [\n  a\n")
    (diagnostic,) = load_strategy(path).diagnostics
    assert diagnostic.message.startswith("YAML syntax error: expected ',' or ']'")
    assert diagnostic.message.endswith("(while parsing a flow sequence opened at line 1, column 11)")
