"""The one CLI writer: where each kind of output goes, and what is refused (cli/common.py ``emit``)."""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from conftest import DATA
from socstrat.cli import app

KAZANLAK = str(DATA / "kazanlak-2007-2009")


def run(*args: str, cwd: Path | None = None):
    """The command in English, whose lines these tests read (Bulgarian is every command's default)."""
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(app, [args[0], "--lang", "en", *args[1:]])
    finally:
        os.chdir(old)


def test_a_binary_plan_without_o_goes_to_its_default_file_never_to_the_pipe(tmp_path: Path) -> None:
    result = run("plan", KAZANLAK, "--year", "2008", "-f", "xlsx", cwd=tmp_path)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "socstrat plan: wrote kazanlak-2007-2009-plan-2008.xlsx\n"
    assert (tmp_path / "kazanlak-2007-2009-plan-2008.xlsx").read_bytes()[:2] == b"PK"


def test_bytes_go_to_a_pipe_only_when_asked_with_a_dash() -> None:
    result = run("plan", KAZANLAK, "--year", "2008", "-f", "docx", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout_bytes[:2] == b"PK"


def test_bytes_are_refused_on_a_terminal(monkeypatch) -> None:
    from socstrat.cli import common

    monkeypatch.setattr(common, "stdout_is_terminal", lambda: True)
    result = run("plan", KAZANLAK, "--year", "2008", "-f", "docx", "-o", "-")
    assert result.exit_code == 2
    assert result.stderr == (
        "socstrat plan: --format docx writes a file, not terminal output: give -o FILE (e.g. -o kazanlak-2007-2009-plan-2008.docx) or redirect standard output\n"
    )


def test_a_directory_format_is_refused_on_standard_output() -> None:
    result = run("export", KAZANLAK, "-f", "csv", "-o", "-")
    assert result.exit_code == 2
    assert "writes a directory, not standard output" in result.stderr


def test_excel_names_the_formats_that_have_it() -> None:
    result = run("deltas", KAZANLAK, "-f", "md", "--excel")
    assert result.exit_code == 2
    assert result.stderr == "socstrat deltas: --excel applies to --format csv only\n"


def test_no_command_module_names_a_format() -> None:
    """Formats are the registry's: a command module takes its choices and defaults from it.

    ``validate`` is the one exception: it streams many strategies' findings as they come
    (``StreamWriter``), and its ``auto`` choice picks between its text and GitHub formats.
    """
    from socstrat.render.registry import FORMAT_NAMES

    names = {name for kind in FORMAT_NAMES.values() for name in kind}
    cli = Path(__file__).parents[2] / "src" / "socstrat" / "cli"
    for module in cli.glob("*.py"):
        if module.name in {"common.py", "docs.py", "__init__.py", "validate.py"}:
            continue
        text = module.read_text(encoding="utf-8")
        for name in names:
            assert f'"{name}"' not in text, f"{module.name} names the format {name!r}"


def test_the_monitoring_report_in_word_is_a_word_file(tmp_path: Path) -> None:
    """It used to be HTML written into a .docx with exit 0."""
    target = tmp_path / "m.docx"
    result = run("report", str(DATA / "haskovo-2016-2020"), "--monitoring", str(DATA.parent / "examples" / "haskovo-monitoring"),
                 "--year", "2018", "-f", "docx", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:2] == b"PK"
