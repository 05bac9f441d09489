"""The console examples of the README and docs/ are real: each shows what the command prints.

A block is a ```console fence; `$ socstrat …` lines run the command from the repository
root, the lines after it must be printed in that order ('…' marks a cut; standard output
comes before standard error), and `$ echo $?` is followed by the command's exit status.
"""

from __future__ import annotations

import itertools
import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import DATA, ROOT
from socstrat.cli import app

runner = CliRunner()
PAGES = ["README.md", "docs/validate.md", "docs/export.md", "docs/deltas.md", "docs/diff.md"]


def console_blocks(page: str) -> list[str]:
    return re.findall(r"```console\n(.*?)```", (ROOT / page).read_text(encoding="utf-8"), re.DOTALL)


def check_block(block: str) -> None:
    result = None
    shown: list[str] = []

    def compare() -> None:
        if result is not None:
            printed = iter((result.stdout + result.stderr).splitlines())  # a terminal shows stderr's last line last
            missing = [line for line in shown if line != "…" and line not in printed]
            assert not missing, f"lines not printed by `{command}`, in this order; regenerate them"

    command = ""
    lines = iter(block.rstrip("\n").split("\n"))
    for line in lines:
        if line == "$ echo $?":
            compare()
            assert result is not None and next(lines) == str(result.exit_code), f"exit status of `{command}`"
            result, shown = None, []
        elif line.startswith("$ socstrat "):
            compare()
            command = line[2:]
            result, shown = runner.invoke(app, shlex.split(command)[1:], env={"NO_COLOR": "1"}), []
        else:
            shown.append(line)
    compare()


@pytest.mark.parametrize("page", PAGES)
def test_console_examples_are_real(page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    blocks = console_blocks(page)
    assert blocks, f"{page} has no console example"
    for block in blocks:
        check_block(block)


def test_fmt_example_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/fmt.md runs on a copy of Kazanlak whose first lines are the diff's '-' side."""
    (block,) = console_blocks("docs/fmt.md")
    hunk = list(itertools.takewhile(lambda line: line[:1] in (" ", "-", "+"), block.split("@@\n", 1)[1].split("\n")))
    before = [line[1:] for line in hunk if not line.startswith("+")]
    after = [line[1:] for line in hunk if not line.startswith("-")]
    copy = tmp_path / "kazanlak-2007-2009"
    shutil.copytree(DATA / "kazanlak-2007-2009", copy)
    services = copy / "services.yaml"
    text = services.read_text(encoding="utf-8")
    assert text.startswith("\n".join(after) + "\n")
    services.write_text("\n".join(before) + text.removeprefix("\n".join(after)), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    check_block(block)
    assert services.read_text(encoding="utf-8") == text
