"""Injection through the data: workflow commands, ANSI/OSC escapes, Markdown and HTML, templates, formulas, @mentions."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from harness import TEXT_COMMANDS, build, check_all, minimal_text

SERVICES = minimal_text("services")
FORGED = "x\\n::error file=README.md,line=1::forged"
ANSI = "\\e[2J\\e[31mRED \\e]8;;https://evil.example\\e\\\\link\\e]8;;\\e\\\\ \\x9b31m \\u202eevil"
MARKDOWN = "x` ![img](https://evil.example/a.png) <img src=x onerror=alert(1)> [link](https://evil.example) `\\n\\n# heading\\n- item"


def named(name: str) -> str:
    return SERVICES.replace("name: Личен асистент", f'name: "{name}"')


def acknowledged(entity: str) -> str:
    return f'acknowledgements:\n  - {{rule: X001, entity: "{entity}", reason: "r @octocat"}}\n'


CASES = {
    "forged-acknowledgement": {"acknowledgements": acknowledged(FORGED)},
    "forged-name": {"services": named(FORGED)},
    "ansi-name": {"services": named(ANSI)},
    "ansi-acknowledgement": {"acknowledgements": acknowledged(ANSI)},
    "markdown-acknowledgement": {"acknowledgements": acknowledged(MARKDOWN)},
    "markdown-name": {"services": named(MARKDOWN)},
    "html-and-template": {"services": named("<script>alert(1)</script> {{ 7*7 }} {% raw %} ${7*7}")},
    "formula-name": {"services": named("=cmd|' /C calc'!A0")},
    "formula-plus": {"services": named("+HYPERLINK(\\\"https://evil.example\\\")")},
    "formula-at": {"services": named("@SUM(1+1)*cmd|' /C calc'!A0")},
    "mention": {"services": named("@octocat and @github/security please look")},
    "bidi": {"services": named("safe\\u202e\\u2066txt.exe")},
}


@pytest.mark.parametrize("case", list(CASES))
def test_data_cannot_forge_output(tmp_path: Path, case: str) -> None:
    strategy = build(tmp_path, case, **CASES[case])
    runs = check_all(strategy, tmp_path)
    for name, run in runs.items():
        # item 9: what reaches the log (errors, text and Markdown output) holds no workflow command but ours.
        # JSON, CSV and HTML carry the data as their format escapes it; they are meant for files.
        logged = run.stderr + (run.stdout if name in TEXT_COMMANDS or name.endswith("-md") else "")
        for line in logged.splitlines():
            assert not line.lstrip().startswith("::"), (name, line)
    for name in ("diff-md", "deltas-md", "report-md"):
        text = runs[name].stdout
        assert not re.search(r"@(?!\u200d)\w", text), (name, "an @mention would ping")  # item 13
        outside_code = re.sub(r"`[^`\n]*`", "", text)
        for active in (r"!\[img", r"<img", r"<script", r"\[link\]\("):
            assert not re.search(r"(?<![\\])" + active, outside_code), (name, active)  # item 11
        assert not re.search(r"^\s*# heading", text, re.MULTILINE), name
    if "formula" in case:  # item 12
        rows = list(csv.reader(io.StringIO(runs["deltas-csv"].stdout)))
        for row in rows:
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")) and not re.match(r"-[^\d.]", cell), cell
    assert "49" not in runs["report-html"].stdout.split("{{ 7*7 }}")[0][-10:]


def test_the_forged_command_stays_inside_its_finding(tmp_path: Path) -> None:
    strategy = build(tmp_path, acknowledgements=acknowledged(FORGED))
    runs = check_all(strategy, tmp_path)
    text = runs["validate-changed"].stdout
    assert "for 'x\\n::error file=README.md,line=1::forged' matches no finding" in text


def test_the_step_summary_escapes_and_neutralises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from harness import invoke

    strategy = build(tmp_path, acknowledgements=acknowledged("@octocat\\e[2J" + FORGED))
    summary = tmp_path / "summary.md"
    result = invoke(["validate", "-f", "github", str(strategy)], env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.error is None and result.exit_code == 0
    text = summary.read_text(encoding="utf-8")
    assert "\x1b" not in text and "@\u200docto" in text
    assert all(not line.startswith("::") for line in text.splitlines())


@pytest.mark.parametrize("case", [c for c in CASES if c.startswith("formula")])
def test_the_monitoring_workbook_writes_formulas_as_text(tmp_path: Path, case: str) -> None:
    """A service name that a spreadsheet would run is a string cell of the yearly workbook (item 12)."""
    import openpyxl

    from harness import invoke

    strategy = build(tmp_path, case, **CASES[case])
    book = tmp_path / "2016.xlsx"
    run = invoke(["monitoring", "template", str(strategy), "--year", "2016", "-o", str(book)])
    assert run.exit_code == 0 and run.error is None, run.stdout + run.stderr
    sheet = openpyxl.load_workbook(book)["Услуги"]
    names = [row[1] for row in sheet.iter_rows(min_row=4) if str(row[1].value).startswith(("=", "+", "@"))]
    assert len(names) == 1 and names[0].data_type == "s" and names[0].quotePrefix
