"""The formatter: canonical layout, nothing lost, idempotent, atomic, and located errors."""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from typer.testing import CliRunner

from conftest import DATA, FIXTURES
from socstrat.cli import app
from socstrat.io.formatting import format_file, format_paths, format_text
from socstrat.model import ServicesFile, StrategyFile

CASES = FIXTURES / "formatting"


def fmt(*args: str):
    """``socstrat fmt`` in English, the language these tests read (Bulgarian is the default)."""
    return CliRunner().invoke(app, ["fmt", "--lang", "en", *args])


def values(text: str) -> Any:
    return YAML(typ="safe", pure=True).load(text)


# --- layout --------------------------------------------------------------------------


def test_a_canonical_file_is_left_byte_for_byte() -> None:
    result = format_file(CASES / "canonical" / "services.yaml")
    assert not result.diagnostics and not result.diagnostics
    assert not result.changed
    assert result.formatted == (CASES / "canonical" / "services.yaml").read_text(encoding="utf-8")


def test_a_messy_file_gets_the_canonical_layout() -> None:
    result = format_file(CASES / "messy" / "services.yaml")
    assert result.formatted == (CASES / "expected" / "services.yaml").read_text(encoding="utf-8")
    assert values(result.formatted) == values(result.original)


def test_formatting_is_idempotent_on_the_fixtures() -> None:
    for case in ("canonical", "messy", "expected"):
        once = format_file(CASES / case / "services.yaml").formatted
        assert format_text(once, ServicesFile) == once


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        pytest.param(
            "# head\ntitle: T  # the title\n# about the id\nid: x\nperiod:\n  # above end\n  end: 2020\n  # above start\n  start: 2016\n",
            StrategyFile,
            "# head\n# about the id\nid: x\ntitle: T  # the title\nperiod:\n  # above end\n  # above start\n  start: 2016\n  end: 2020\n",
            id="mappings",
        ),
        pytest.param(
            "services:\n- code: '1'\n  capacity: {2015: 5}\n  # about the id\n  id: cop\n",
            ServicesFile,
            'services:\n  # about the id\n  - id: cop\n    code: "1"\n    capacity: {2015: 5}\n',
            id="key-becomes-first-in-a-list-item",
        ),
        pytest.param(
            # found by the property test: the key's own comment slot hid the moved lines
            "services:\n  - src: x\n    # about stated\n    stated:\n  - id: cop\n    stated: [{label: y, id: f1}]\n  # end\n",
            ServicesFile,
            "services:\n    # about stated\n  - stated: null\n    src: x\n  - id: cop\n    stated: [{id: f1, label: y}]\n  # end\n",
            id="key-with-its-own-comment-slot",
        ),
    ],
)
def test_comment_lines_move_with_their_key(text: str, model: type, expected: str) -> None:
    assert format_text(text, model) == expected


def test_unknown_keys_follow_the_known_ones_in_their_own_order() -> None:
    text = "zeta: 1\ntitle: T\nalpha: 2\nid: x\n"
    assert format_text(text, StrategyFile) == "id: x\ntitle: T\nzeta: 1\nalpha: 2\n"


def test_without_a_model_only_the_layout_changes() -> None:
    assert format_text("b: 'x'\na:\n- 1\n") == 'b: "x"\na:\n  - 1\n'


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("code: '1'\n", 'code: "1"\n'),
        ("code: \"1\"\n", 'code: "1"\n'),
        ("value: МД\n", "value: МД\n"),
        ("text: 'it''s'\n", "text: \"it's\"\n"),
        ("date: 2007-06-28\n", "date: 2007-06-28\n"),
        ("empty:\n", "empty: null\n"),
        ("empty: ~\n", "empty: null\n"),
        ("years: {2016: 1, 2015: 2}\n", "years: {2016: 1, 2015: 2}\n"),
        ("n: 0x1F\n", "n: 0x1F\n"),
    ],
)
def test_scalars_keep_their_value_and_type(written: str, canonical: str) -> None:
    assert format_text(written) == canonical
    assert values(canonical) == values(written)


# --- files and the command -----------------------------------------------------------


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    target = tmp_path / "strategy"
    shutil.copytree(CASES / "messy", target)
    return target


def test_check_prints_a_diff_exits_1_and_changes_nothing(messy: Path) -> None:
    file = messy / "services.yaml"
    before = file.read_bytes(), file.stat().st_mtime_ns
    result = fmt("--check", str(messy))
    assert result.exit_code == 1
    assert f"--- {file}\n+++ {file} (formatted)\n" in result.stdout
    assert '-    code: \'1\'\n' in result.stdout and '+    code: "1"\n' in result.stdout
    assert "1 file would be reformatted, 0 already formatted" in result.stderr
    assert (file.read_bytes(), file.stat().st_mtime_ns) == before


def test_fmt_rewrites_in_place_then_check_passes(messy: Path) -> None:
    file = messy / "services.yaml"
    file.chmod(0o640)
    result = fmt(str(file))
    assert result.exit_code == 0, result.output
    assert file.read_text(encoding="utf-8") == (CASES / "expected" / "services.yaml").read_text(encoding="utf-8")
    assert file.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in messy.iterdir()) == ["services.yaml"]
    assert fmt("--check", str(messy)).exit_code == 0


def test_a_failed_write_leaves_the_original_and_exits_2(messy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = messy / "services.yaml"
    before = file.read_bytes()

    def crash(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = fmt(str(messy))
    assert result.exit_code == 2
    assert f"{file}:1:1: error: S004 cannot write the file: No space left on device" in result.stderr
    assert "0 files reformatted, 0 already formatted, 1 not formatted" in result.stderr
    assert file.read_bytes() == before
    assert sorted(p.name for p in messy.iterdir()) == ["services.yaml"]


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("syntax-error", ":4:13: error: S001 YAML syntax error"),
        ("duplicate-key", ":4:5: error: S002 "),
        ("alias", ":7:5: error: S006 aliases (*name) are not allowed"),
        ("empty-file", ":1:1: error: S003 the file is empty"),
    ],
)
def test_bad_yaml_is_reported_with_its_position_and_exit_1(tmp_path: Path, fixture: str, expected: str) -> None:
    file = tmp_path / "services.yaml"
    shutil.copy(FIXTURES / "loading" / fixture / "services.yaml", file)
    before = file.read_bytes()
    result = fmt(str(file))
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{file}" in result.stderr and expected in result.stderr
    assert file.read_bytes() == before


def test_a_missing_path_or_a_directory_without_yaml_exits_2(tmp_path: Path) -> None:
    result = fmt(str(tmp_path / "missing"), str(tmp_path))
    assert result.exit_code == 2
    assert f"{tmp_path / 'missing'}:1:1: error: S004 no such file or directory" in result.stderr
    assert f"{tmp_path}:1:1: error: S004 no .yaml files in this directory" in result.stderr


def test_the_bundled_data_is_formatted() -> None:
    """Fails after an edit that leaves a file out of layout: run `socstrat fmt data/*`."""
    run = format_paths(sorted(DATA.iterdir()), write=False)
    assert not run.diagnostics
    assert [str(f.path) for f in run.changed] == []


# --- property: nothing is lost -------------------------------------------------------

LETTERS = "абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИКЛМНОПabcxyzXYZ"
TRICKY = ["1", "2.1", "МД", "-", "null", "true", "2015", "", " leading", "trailing ", "a: b", "a #b", "'quoted'", '"dq"', "- item", "[x]", "{x}", "%", "№ 690"]
plain_words = st.text(alphabet=LETTERS, min_size=1, max_size=8)
texts = st.one_of(
    st.lists(plain_words, min_size=1, max_size=6).map(" ".join),
    st.sampled_from(TRICKY),
    st.text(alphabet=LETTERS + " .,:;-–()%№#'\"0123456789", max_size=30),
)
multiline = st.lists(st.lists(plain_words, min_size=1, max_size=4).map(" ".join), min_size=2, max_size=3).map("\n".join)


@dataclass
class Doc:
    """A generated document: its text, the values it must load to, and its comments."""

    lines: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    def comment(self, draw: Any) -> str:
        text = f"# note-{len(self.comments)} {draw(st.lists(plain_words, max_size=3).map(' '.join))}".rstrip()
        self.comments.append(text)
        return text


def scalar(draw: Any, value: Any, flow: bool = False) -> str:
    """A YAML spelling of ``value``, in a style drawn from those that keep it."""
    if value is None:
        return draw(st.sampled_from(["null", "~"] if flow else ["null", "~", ""]))
    if isinstance(value, int):
        return str(value)
    if "\n" in value:
        return draw(st.sampled_from(['"' + value.replace("\n", "\\n") + '"']))
    styles = ['"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"', "'" + value.replace("'", "''") + "'"]
    if re.fullmatch(rf"[{LETTERS}]+( [{LETTERS}]+)*", value) and value.lower() not in {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}:
        styles.append(value)
    return draw(st.sampled_from(styles))


def render_map(draw: Any, doc: Doc, mapping: dict[Any, Any], indent: int, unit: int, first_prefix: str | None = None) -> None:
    """Block mapping; ``first_prefix`` puts the first key on a sequence item's dash line."""
    for i, (key, value) in enumerate(mapping.items()):
        pad = " " * indent
        if draw(st.booleans()):
            doc.lines.append(" " * (indent - 2 if first_prefix is not None and i == 0 else indent) + doc.comment(draw))
        head = (first_prefix if first_prefix is not None and i == 0 else pad) + f"{key}:"
        eol = f"  {doc.comment(draw)}" if draw(st.integers(0, 3)) == 0 else ""
        if isinstance(value, str) and "\n" in value and draw(st.booleans()):
            doc.lines.append(head + " |-")
            doc.lines.extend(pad + " " * unit + line for line in value.split("\n"))
        elif isinstance(value, dict) and value and not draw(st.integers(0, 4)) == 0:
            doc.lines.append(head + eol)
            render_map(draw, doc, value, indent + unit, unit)
        elif isinstance(value, list) and value and not draw(st.integers(0, 4)) == 0:
            doc.lines.append(head + eol)
            render_seq(draw, doc, value, indent + draw(st.sampled_from([0, unit])), unit)
        else:
            doc.lines.append((head + " " + inline(draw, value)).rstrip() + eol)


def render_seq(draw: Any, doc: Doc, items: list[Any], indent: int, unit: int) -> None:
    pad = " " * indent
    for item in items:
        if draw(st.integers(0, 3)) == 0:
            doc.lines.append(pad + doc.comment(draw))
        if isinstance(item, dict) and item:
            render_map(draw, doc, item, indent + 2, unit, first_prefix=pad + "- ")
        else:
            eol = f"  {doc.comment(draw)}" if draw(st.integers(0, 3)) == 0 else ""
            doc.lines.append(pad + "- " + inline(draw, item, block_item=True) + eol)
    if draw(st.integers(0, 3)) == 0:
        doc.lines.append(pad + doc.comment(draw))


def inline(draw: Any, value: Any, block_item: bool = False) -> str:
    """A value on one line: a scalar, or a flow collection."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {inline(draw, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(inline(draw, v) for v in value) + "]"
    return scalar(draw, value, flow=not block_item)


capacity_values = st.one_of(
    st.integers(0, 500),
    st.sampled_from(["МД", "-", None]),
    st.lists(st.fixed_dictionaries({"value": st.integers(0, 99), "financing": plain_words}), min_size=1, max_size=2),
    st.fixed_dictionaries({"value": st.integers(0, 99), "printed": st.sampled_from([".40", "40.", "4 0"])}),
)
capacities = st.dictionaries(st.integers(1990, 2030), capacity_values, max_size=4)
figures = st.fixed_dictionaries({"id": st.sampled_from(["f1", "f2"]), "label": texts, "value": st.integers(0, 100), "src": texts})


@st.composite
def shuffled(draw: Any, mapping: st.SearchStrategy[dict[str, Any]]) -> dict[str, Any]:
    items = list(draw(mapping).items())
    return dict(draw(st.permutations(items)))


service = shuffled(
    st.fixed_dictionaries(
        {"id": st.sampled_from(["cop", "pa-1", "dsh.x"]), "name": texts, "category": st.sampled_from(["community", "club"]), "src": texts},
        optional={
            "code": st.sampled_from(["1", "2.1", "17"]),
            "territorial_scope": texts,
            "capacity": capacities,
            "content": st.lists(st.one_of(texts, multiline), max_size=3),
            "location": st.one_of(texts, st.none()),
            "status": shuffled(st.fixed_dictionaries({"kind": st.sampled_from(["existing", "new"]), "text": texts})),
            "notes": st.lists(texts, max_size=3),
            "stated": st.lists(shuffled(figures), max_size=2),
            "extra": texts,
        },
    )
)


@st.composite
def documents(draw: Any) -> tuple[str, dict[str, Any], list[str]]:
    data = {"services": draw(st.lists(service, min_size=1, max_size=3))}
    doc = Doc()
    doc.lines.append("# yaml-language-server: $schema=../../schema/services.schema.json")
    if draw(st.booleans()):
        doc.lines.append(doc.comment(draw))
    render_map(draw, doc, data, 0, draw(st.sampled_from([2, 4])))
    return "\n".join(doc.lines) + "\n", data, doc.comments


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_formatting_keeps_every_value_and_comment_and_is_idempotent(document: tuple[str, dict[str, Any], list[str]]) -> None:
    text, data, comments = document
    assert values(text) == data, "the generator wrote YAML that does not hold its data"
    formatted = format_text(text, ServicesFile)
    assert values(formatted) == data
    assert sorted(re.findall(r"# note-\d+[^\n]*", formatted)) == sorted(comments)
    assert formatted.startswith("# yaml-language-server: $schema=../../schema/services.schema.json\n")
    assert format_text(formatted, ServicesFile) == formatted
