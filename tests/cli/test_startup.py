"""Starting the CLI: ``--help`` and ``--version`` without typer, one command built per run, the collector."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from importlib.metadata import version

import pytest

from conftest import FIXTURES, ROOT, modules_after
from socstrat import __version__
from socstrat.cli import HELP, HELP_WIDTH, common
from socstrat.cli.docs import help_text, toplevel_help

PLAIN = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")} | {"NO_COLOR": "1"}
HEAVY_FOR_HELP = {"typer", "click", "typer._click", "pydantic", "importlib.metadata", "rich", "yaml"}


def socstrat(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "socstrat", *args], capture_output=True, text=True, cwd=ROOT, env=env or PLAIN)


def test_the_stored_help_is_what_typer_writes() -> None:
    assert HELP.read_text(encoding="utf-8") == toplevel_help(), "regenerate with `python -m socstrat.cli.docs`"


def test_help_to_a_pipe_is_typers_help_at_80_columns_without_importing_typer() -> None:
    modules, out = modules_after(["--help"], env=PLAIN)
    assert out == help_text(width=HELP_WIDTH, raw=True)
    assert out.startswith("Usage: socstrat [OPTIONS] COMMAND [ARGS]...\n")
    assert "validate-changed" in out
    assert not modules & HEAVY_FOR_HELP


def test_help_on_a_narrow_terminal_is_wrapped_by_typer() -> None:
    modules, out = modules_after(["--help"], env=PLAIN | {"COLUMNS": "60"})
    assert "typer" in modules
    assert out.startswith("Usage: socstrat [OPTIONS] COMMAND [ARGS]...\n") and "validate-changed" in out
    assert max(map(len, out.splitlines())) <= 58 < max(map(len, HELP.read_text(encoding="utf-8").splitlines()))


def test_version_needs_neither_typer_nor_package_metadata() -> None:
    modules, out = modules_after(["--version"], env=PLAIN)
    assert out == f"socstrat {__version__}\n"
    assert not modules & HEAVY_FOR_HELP


def test_the_version_is_the_installed_distributions() -> None:
    assert __version__ == version("socstrat")


def test_a_command_builds_only_itself() -> None:
    modules, out = modules_after(["validate", "--lang", "en", "data/kazanlak-2007-2009"], env=PLAIN)
    assert "data/kazanlak-2007-2009: valid" in out
    assert "socstrat.cli.validate" in modules
    assert not {"socstrat.cli.report", "socstrat.cli.export", "socstrat.cli.diff", "socstrat.cli.plan"} & modules


@pytest.mark.parametrize(
    ("args", "status", "stream", "text"),
    [
        (["validate", "--lang", "en", str(FIXTURES / "rules" / "R002" / "fail")], 1, "stdout", "strategy.yaml:1:1: error: S004 missing strategy.yaml"),
        (["validate", str(FIXTURES / "rules" / "R002" / "fail")], 1, "stdout", "strategy.yaml:1:1: грешка: S004 липсва strategy.yaml"),
        (["validate", "no/such/dir"], 2, "stderr", "socstrat validate: no/such/dir"),
        (["nope"], 2, "stderr", "Грешка: няма такава команда 'nope'"),
        (["nope", "--lang", "en"], 2, "stderr", "No such command 'nope'"),
        ([], 2, "stderr", "Usage: socstrat [OPTIONS] COMMAND [ARGS]..."),
        (["validate"], 2, "stderr", "Употреба: socstrat validate [OPTIONS] PATH...\nПомощ: 'socstrat validate --help'.\n\nГрешка: липсва аргумент 'PATH...'\n"),
        (["validate", "--lang", "en"], 2, "stderr", "Missing argument 'PATH...'"),
        (["validate", "-j", "0", "--lang", "bg", "data"], 2, "stderr", "Грешка: невалидна стойност за '--jobs' / '-j': трябва да е поне 1"),
        (["validate", "--help"], 0, "stdout", "Usage: socstrat validate [OPTIONS] PATH..."),
    ],
)
def test_exit_status_and_output_through_main(args: list[str], status: int, stream: str, text: str) -> None:
    result = socstrat(*args)
    assert result.returncode == status, result.stderr
    assert text in getattr(result, stream)


def test_several_strategies_collect_their_garbage(monkeypatch: pytest.MonkeyPatch) -> None:
    gc.disable()
    try:
        common.collect_from_now()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


def test_validate_turns_the_collector_on_for_several_paths_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    import socstrat.cli.validate as command
    from socstrat.cli import app

    calls: list[None] = []
    monkeypatch.setattr(command, "collect_from_now", lambda: calls.append(None))
    kazanlak = str(ROOT / "data" / "kazanlak-2007-2009")
    assert CliRunner().invoke(app, ["validate", kazanlak]).exit_code == 0
    assert calls == []
    assert CliRunner().invoke(app, ["validate", "--jobs", "1", kazanlak, kazanlak]).exit_code == 0
    assert calls == [None]


def test_closed_standard_output_is_one_line_and_exit_2() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "socstrat", "validate", "data/kazanlak-2007-2009"],
        capture_output=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=PLAIN,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 2
    assert result.stderr == "socstrat: cannot write the output: standard output is closed\n"
