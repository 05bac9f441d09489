"""docs/cli.md is generated from the commands' --help, and every command has help and an example."""

from __future__ import annotations

import pytest
import typer.main

from conftest import ROOT
from socstrat.cli import app
from socstrat.cli.docs import cli_markdown, command_names, help_text

REGENERATE = "docs/cli.md is stale; regenerate it with `python -m socstrat.cli.docs` from the repository root"


def test_docs_cli_md_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert cli_markdown() == committed, REGENERATE


def test_docs_cli_md_does_not_depend_on_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"GITHUB_ACTIONS": "true", "FORCE_COLOR": "1", "COLUMNS": "40", "TERM": "xterm-256color"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NO_COLOR", raising=False)
    text = help_text("validate")
    assert "\x1b[" not in text
    assert 40 < max(len(line) for line in text.splitlines()) <= 100


def test_every_command_is_in_docs_cli_md() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    names = command_names()
    assert {"validate", "validate-changed", "rules", "export", "deltas", "diff", "report", "schema", "fmt"} <= set(names)
    for name in names:
        assert f"\n## `socstrat {name}`\n" in committed, REGENERATE


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_and_an_example(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    lines = [line.strip() for line in (command.help or "").splitlines()]
    assert lines and lines[0], f"socstrat {name} has no help text (its function's docstring)"
    examples = [line for line in lines if line.startswith(f"Example: socstrat {name} ")]
    assert examples, f"socstrat {name}'s help has no line 'Example: socstrat {name} …'"


@pytest.mark.parametrize("group", [n for n in command_names() if getattr(typer.main.get_command(app).commands[n], "commands", None)])  # type: ignore[attr-defined]
def test_every_subcommand_has_help_and_an_example(group: str) -> None:
    for sub, command in typer.main.get_command(app).commands[group].commands.items():  # type: ignore[attr-defined]
        lines = [line.strip() for line in (command.help or "").splitlines()]
        assert lines and lines[0], f"socstrat {group} {sub} has no help text"
        assert any(line.startswith(f"Example: socstrat {group} {sub} ") for line in lines), f"socstrat {group} {sub} has no example"
        assert f"\n## `socstrat {group} {sub}`\n" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8"), REGENERATE
