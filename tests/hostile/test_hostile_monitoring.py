"""Monitoring files as an attack surface: links in and out, odd names, repeated entries, text that tries to drive a terminal.

Each case that builds a strategy runs every command and format (see harness), so the
commands added with monitoring (plan, progress, compare, ``report --year``, export
xlsx and datapackage) are held to the same guarantees as the first ones.
The monitoring template and import commands do not exist yet; when they do, they go
into ``harness.commands`` and get a case here.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from harness import build, check_all, invoke, minimal_text

YEAR_2016 = """year: 2016
reported: 2017-03-15
reported_by: Звено за мониторинг и оценка
services:
  - {service: cop, status: operating, places: 38, users: 55}
"""
FORGED = "x\\n::error file=README.md,line=1::forged"
ESCAPES = "\\e[2J\\e]8;;https://evil.example\\e\\\\link\\e]8;;\\e\\\\ \\x9b31m \\r\\u202eevil"


def with_monitoring(tmp: Path, name: str = "strategy", **files: str | bytes) -> Path:
    """The minimal fixture with ``monitoring/<name>`` files (keyword ``y2016_yaml`` is ``2016.yaml``)."""
    strategy = build(tmp, name)
    folder = strategy / "monitoring"
    folder.mkdir()
    for key, content in files.items():
        path = folder / key.removeprefix("y").replace("_", ".")
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return strategy


def validate_text(strategy: Path) -> str:
    result = invoke(["validate", "--lang", "en", str(strategy)])
    assert result.error is None
    return result.stdout


# --- item 1: the monitoring folder obeys the containment rule -------------------------


def test_a_monitoring_folder_linked_out_of_the_strategy_is_never_read_nor_written(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = "year:    2016\nreported: 2017-03-15\nreported_by: SECRET-OUTSIDE\n"
    (outside / "2016.yaml").write_text(secret, encoding="utf-8")
    strategy = build(tmp_path)
    (strategy / "monitoring").symlink_to(outside)
    runs = check_all(strategy, tmp_path)
    for run in runs.values():
        assert "SECRET-OUTSIDE" not in run.stdout + run.stderr, run.name
    finding = f"{strategy}/monitoring:1:1: error: S008 not read: monitoring/ is a symbolic link that leaves the strategy directory"
    assert finding in runs["validate-text"].stdout
    for name in ("progress-json", "export-json", "report-year-md", "fmt-check"):
        assert runs[name].exit_code == 1 and finding in runs[name].stderr, name
    assert "2016.yaml" not in runs["fmt-check"].stderr + runs["fmt-check"].stdout
    written = invoke(["fmt", str(strategy)])
    assert written.exit_code == 1 and finding in written.stderr
    for named in (strategy / "monitoring" / "2016.yaml", strategy / "monitoring"):
        refused = invoke(["fmt", str(named)])
        assert refused.exit_code == 1 and finding in refused.stderr, named
    assert (outside / "2016.yaml").read_text(encoding="utf-8") == secret


def test_a_monitoring_folder_linked_inside_the_strategy_is_read(tmp_path: Path) -> None:
    strategy = build(tmp_path)
    (strategy / "actuals").mkdir()
    (strategy / "actuals" / "2016.yaml").write_text(YEAR_2016, encoding="utf-8")
    (strategy / "monitoring").symlink_to("actuals")
    runs = check_all(strategy, tmp_path)
    assert runs["validate-text"].exit_code == 0, runs["validate-text"].stdout
    assert json.loads(runs["progress-json"].stdout)["years"] == [2016]


@pytest.mark.parametrize("kind", ["file-link-out", "dangling", "loop", "regular-file", "fifo"])
def test_a_monitoring_path_that_cannot_be_followed_says_why(tmp_path: Path, kind: str) -> None:
    strategy = build(tmp_path)
    folder = strategy / "monitoring"
    if kind == "file-link-out":
        folder.mkdir()
        (tmp_path / "2016.yaml").write_text(YEAR_2016.replace("Звено", "SECRET"), encoding="utf-8")
        (folder / "2016.yaml").symlink_to(tmp_path / "2016.yaml")
    elif kind == "dangling":
        folder.symlink_to("nowhere")
    elif kind == "loop":
        folder.symlink_to("monitoring")
    elif kind == "regular-file":
        folder.write_text(YEAR_2016, encoding="utf-8")
    else:
        os.mkfifo(folder)
    runs = check_all(strategy, tmp_path)
    words = {
        "file-link-out": f"{folder}/2016.yaml:1:1: error: S008 not read: a symbolic link that leaves the strategy directory",
        "dangling": f"{folder}:1:1: error: S008 not read: a symbolic link to nothing (nowhere)",
        "loop": f"{folder}:1:1: error: S008 not read: a symbolic link that loops (monitoring)",
        "regular-file": f"{folder}:1:1: error: S008 not read: monitoring is a regular file; it must be a directory of <YEAR>.yaml files",
        "fifo": f"{folder}:1:1: error: S008 not read: monitoring is a FIFO; it must be a directory of <YEAR>.yaml files",
    }[kind]
    assert words in validate_text(strategy)
    assert runs["validate-text"].exit_code == 1
    assert all("SECRET" not in run.stdout + run.stderr for run in runs.values())


# --- item 2: monitoring text cannot forge workflow commands or drive a terminal -------


def test_monitoring_text_cannot_forge_commands_or_escape_the_terminal(tmp_path: Path) -> None:
    text = YEAR_2016.replace("reported_by: Звено за мониторинг и оценка", f'reported_by: "{FORGED} {ESCAPES}"')
    text = text.replace("reported: 2017-03-15\n", f'reported: 2017-03-15\nillustrative: true\nillustrative_note: "{FORGED} {ESCAPES}"\n')
    strategy = with_monitoring(tmp_path, y2016_yaml=text)
    runs = check_all(strategy, tmp_path)
    table = runs["progress-table"]
    assert table.exit_code == 0, table.stderr
    for line in table.stdout.splitlines():
        assert not line.lstrip().startswith("::"), line
    assert "x\\n::error file=README.md" in table.stdout and "\\x1b[2J" in table.stdout and "\\x9b31m" in table.stdout
    data = json.loads(runs["progress-json"].stdout)
    assert data["reported_by"] == "x\n::error file=README.md,line=1::forged \x1b[2J\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x9b31m \r\u202eevil"
    assert "\\u009b" in runs["progress-json"].stdout and "\\u202e" in runs["progress-json"].stdout
    for name in ("progress-md", "report-year-md"):
        assert all(not line.lstrip().startswith("::") for line in runs[name].stdout.splitlines()), name


def test_a_context_figure_label_cannot_escape_the_compare_table(tmp_path: Path) -> None:
    context = f"""sections:
  - id: ctx-1
    title: Население
    figures:
      - {{id: ctx-pop, label: "Население на общината {FORGED} {ESCAPES}", value: 1000, unit: жители, kind: count, src: §1}}
"""
    strategy = build(tmp_path, context=context)
    runs = check_all(strategy, tmp_path)
    table = runs["compare-table"].stdout
    assert runs["compare-table"].exit_code == 0, runs["compare-table"].stderr
    assert all(not line.lstrip("│ •").startswith("::") for line in table.splitlines())
    assert "\\x1b[2J" in table and "\\u202eevil" in table
    assert json.loads(runs["compare-json"].stdout)["strategies"][1]["population"]["label"].endswith("\r\u202eevil")
    assert "\x9b" not in runs["compare-json"].stdout and "\\u009b" in runs["compare-json"].stdout


def test_diff_text_escapes_every_field_of_a_change(tmp_path: Path) -> None:
    old = build(tmp_path, "old", strategy=minimal_text("strategy").replace("target: 30%", 'target: "30%"'))
    new = build(tmp_path, "new", strategy=minimal_text("strategy").replace("target: 30%", f'target: "30% {FORGED} {ESCAPES}"'))
    result = invoke(["diff", "--lang", "en", str(old), str(new)])
    assert result.error is None and result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "\r" not in result.stdout and "\x9b" not in result.stdout
    assert all(not line.lstrip().startswith("::") for line in result.stdout.splitlines())
    assert "30% x\\n::error file=README.md,line=1::forged \\x1b[2J" in result.stdout


# --- item 4: control characters in Word and Excel -------------------------------------


def test_plan_docx_and_xlsx_write_control_characters_visibly(tmp_path: Path) -> None:
    services = minimal_text("services").replace("name: Личен асистент", 'name: "Личен\\e[31m асистент\\x9b \\x00"')
    strategy = build(tmp_path, services=services)
    runs = check_all(strategy, tmp_path)
    for name in ("plan-docx", "plan-xlsx", "report-docx"):
        assert runs[name].exit_code == 0, (name, runs[name].stderr)
    document = zipfile.ZipFile(tmp_path / "outputs" / "plan.docx").read("word/document.xml").decode("utf-8")
    assert "Личен\\x1b[31m асистент\\x9b \\x00" in document
    book = openpyxl.load_workbook(tmp_path / "outputs" / "plan.xlsx")
    cells = {value for sheet in book for row in sheet.iter_rows(values_only=True) for value in row}
    assert "Личен\\x1b[31m асистент\\x9b \\x00" in cells


# --- item 5 and 6: machine formats and report --year --------------------------------


def test_progress_json_and_csv_without_monitoring_files_are_still_json_and_csv(tmp_path: Path) -> None:
    strategy = build(tmp_path)
    result = invoke(["progress", "-f", "json", "--lang", "en", str(strategy)])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"strategy": "minimal", "municipality": "Пример", "period": [2016, 2020], "year": None, "years": []}
    assert "no monitoring files" in result.stderr
    csv_out = invoke(["progress", "-f", "csv", str(strategy)])
    assert csv_out.exit_code == 0 and csv_out.stdout.count("\n") == 1 and csv_out.stdout.startswith("kind,id,status,")


def test_report_year_docx_is_a_word_file_not_html(tmp_path: Path) -> None:
    """Item 6: the annual monitoring report in Word is a real .docx (a zip with word/document.xml), never HTML bytes."""
    import zipfile

    strategy = with_monitoring(tmp_path, y2016_yaml=YEAR_2016)
    target = tmp_path / "year.docx"
    result = invoke(["report", "--year", "2016", "-f", "docx", "--lang", "en", "-o", str(target), str(strategy)])
    assert result.error is None
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"socstrat report: wrote {target}\n"
    with zipfile.ZipFile(target) as book:
        assert "word/document.xml" in book.namelist()
        assert b"<html" not in book.read("word/document.xml").lower()


# --- item 7: odd names, two files for a year, repeated entries, encodings, sizes ------


@pytest.mark.parametrize(
    ("files", "finding"),
    [
        ({"y2016_yml": YEAR_2016}, "monitoring/2016.yml:1:1: error: S008 not read: the file must be named 2016.yaml"),
        (
            {"y2016_yml": YEAR_2016.replace("places: 38", "places: 99"), "y2016_yaml": YEAR_2016},
            "monitoring/2016.yml:1:1: error: S008 not read: the file must be named 2016.yaml, and 2016.yaml is read instead",
        ),
        ({"y２０１６_yaml": YEAR_2016}, "monitoring/２０１６.yaml:1:1: error: P001 "),
        ({"y2016 _yaml": YEAR_2016}, "monitoring/2016 .yaml:1:1: error: P001 "),
        ({"y.2016_yaml": YEAR_2016}, "monitoring/.2016.yaml:1:1: error: P001 "),
        ({"y2016_YAML": YEAR_2016}, "monitoring/2016.YAML:1:1: error: P001 the file '2016.YAML' in monitoring/ is not named after a year"),
        ({"y2017_yaml": YEAR_2016}, "monitoring/2017.yaml:1:7: error: P001 "),
        (
            {"y2016_yaml": YEAR_2016 + "  - {service: cop, status: operating, places: 99}\n"},
            "monitoring/2016.yaml:6:15: error: P012 'cop' is reported a second time in this file (first in services[0])",
        ),
        ({"y2016_yaml": YEAR_2016.encode("utf-16")}, "monitoring/2016.yaml:1:1: error: S005 not UTF-8"),
        ({"y2016_yaml": YEAR_2016.encode("cp1251")}, "monitoring/2016.yaml:3:14: error: S005 not UTF-8"),
        ({"y2016_yaml": YEAR_2016 + "remarks:\n" + ("  - " + "я" * 200 + "\n") * 6000},
         "monitoring/2016.yaml:1:1: error: S008 not read: the file is 2.3 MiB"),
        ({"y2016_yaml": YEAR_2016 + "remarks: [\"\\e[2J\\x9b\"]\n"}, None),
    ],
    ids=["yml", "yml-and-yaml", "fullwidth-digits", "space", "hidden", "upper-case", "other-year", "repeated-entry", "utf-16", "cp1251", "too-big", "escapes"],
)
def test_odd_monitoring_files_are_located_findings(tmp_path: Path, files: dict[str, str | bytes], finding: str | None) -> None:
    strategy = with_monitoring(tmp_path, **files)
    runs = check_all(strategy, tmp_path)
    text = validate_text(strategy)
    if finding is None:
        assert runs["validate-text"].exit_code == 0, text
        return
    assert finding in text, text
    assert runs["validate-text"].exit_code == 1
    for name in ("progress-json", "report-year-md", "export-json"):
        assert runs[name].exit_code == 1, name
    if "places: 99" in str(files):
        assert all("99" not in runs[n].stdout for n in ("progress-json", "progress-table"))
