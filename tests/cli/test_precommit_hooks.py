"""The pre-commit hooks, run exactly as .pre-commit-hooks.yaml declares them."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from conftest import FIXTURES, ROOT, heavy_imports_after
from socstrat.model import FILE_MODELS

HOOKS = {hook["id"]: hook for hook in YAML(typ="safe").load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def run_hook(hook_id: str, files: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a hook the way pre-commit does: entry, then args, then the matching staged files."""
    hook = HOOKS[hook_id]
    assert all(re.search(hook["files"], name) for name in files), "pre-commit would not pass these files"
    command = shlex.split(hook["entry"]) + hook.get("args", []) + (files if hook.get("pass_filenames", True) else [])
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_both_hooks_are_declared_for_python() -> None:
    assert sorted(HOOKS) == ["socstrat-fmt", "socstrat-validate"]
    assert all(hook["language"] == "python" for hook in HOOKS.values())


@pytest.mark.parametrize("hook_id", ["socstrat-fmt", "socstrat-validate"])
def test_hooks_see_exactly_the_strategy_files(hook_id: str) -> None:
    pattern = HOOKS[hook_id]["files"]
    assert all(re.search(pattern, f"data/x/{stem}.yaml") for stem in FILE_MODELS)
    assert all(re.search(pattern, f"{stem}.yaml") for stem in FILE_MODELS)
    assert re.search(pattern, "data/x/monitoring/2016.yaml")
    others = ["data/x/README.md", ".pre-commit-config.yaml", ".github/workflows/ci.yaml", "data/x/notes.yaml", "data/x/myservices.yaml"]
    assert not [name for name in others if re.search(pattern, name)]


def test_validate_hook_passes_a_valid_strategy(strategy_dir) -> None:
    root = strategy_dir().parent
    result = run_hook("socstrat-validate", ["strategy/services.yaml", "strategy/framework.yaml"], root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("strategy: валидна") == 1


def test_validate_hook_validates_the_strategy_of_a_monitoring_file(strategy_dir) -> None:
    path = strategy_dir()
    (path / "monitoring").mkdir()
    (path / "monitoring" / "2016.yaml").write_text("year: 2016\nreported: 2016-06-01\nreported_by: ЗМО\n", encoding="utf-8")
    result = run_hook("socstrat-validate", ["strategy/monitoring/2016.yaml"], path.parent)
    assert result.returncode == 1
    assert "strategy/monitoring/2016.yaml:2:11: грешка: P002 отчетът е с дата 2016-06-01" in result.stdout


def test_validate_hook_fails_an_invalid_strategy(strategy_dir) -> None:
    root = strategy_dir("wrong-type").parent
    result = run_hook("socstrat-validate", ["strategy/strategy.yaml"], root)
    assert result.returncode == 1
    assert "strategy/services.yaml:7:13: грешка: S101 стойността 'много'" in result.stdout


def test_validate_hook_ignores_files_outside_a_strategy(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    shutil.copy(FIXTURES / "loading" / "wrong-type" / "services.yaml", tmp_path / "notes" / "services.yaml")
    result = run_hook("socstrat-validate", ["notes/services.yaml"], tmp_path)
    assert (result.returncode, result.stdout) == (0, "")


def test_fmt_hook_passes_a_formatted_file(strategy_dir) -> None:
    root = strategy_dir().parent
    result = run_hook("socstrat-fmt", ["strategy/strategy.yaml", "strategy/services.yaml"], root)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fmt_hook_fails_an_unformatted_file_and_leaves_it(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "formatting" / "messy", tmp_path / "strategy")
    before = (tmp_path / "strategy" / "services.yaml").read_bytes()
    result = run_hook("socstrat-fmt", ["strategy/services.yaml"], tmp_path)
    assert result.returncode == 1
    assert "+++ strategy/services.yaml (formatted)" in result.stdout
    assert (tmp_path / "strategy" / "services.yaml").read_bytes() == before


@pytest.mark.parametrize("hook_id", ["socstrat-fmt", "socstrat-validate"])
def test_hooks_do_not_import_heavy_libraries(hook_id: str) -> None:
    args: list[Any] = shlex.split(HOOKS[hook_id]["entry"])[1:] + ["data/kazanlak-2007-2009/services.yaml"]
    assert heavy_imports_after(args) == set()


def test_docs_ci_local_hooks_match_the_published_ones() -> None:
    """docs/ci.md repeats the hooks for `repo: local`; they must not drift apart."""
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    blocks = [YAML(typ="safe").load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]
    local = next(block["repos"][0]["hooks"] for block in blocks if isinstance(block, dict) and block.get("repos", [{}])[0].get("repo") == "local")
    for hook in local:
        published = HOOKS[hook["id"]]
        assert hook["files"] == published["files"]
        assert hook["entry"] == f".venv/bin/{published['entry']}"
        assert hook.get("require_serial", False) == published.get("require_serial", False)
    workflow = next(block for block in blocks if isinstance(block, dict) and "jobs" in block)
    commands = "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"])
    assert "socstrat validate --format github data/*" in commands and "socstrat fmt --check data/*" in commands
