"""Hostile file systems: links in and out of the strategy, FIFOs, devices, permissions, sizes, and safe writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness import build, check_all, invoke, minimal_text

ROOT = Path(__file__).resolve().parents[2]
MESSY = minimal_text("strategy").replace("id: minimal\n", "id:    minimal\n")
"""strategy.yaml as fmt would change it (the minimal fixture's strategy.yaml is canonical)."""


def test_a_link_leaving_the_strategy_is_a_finding_and_its_target_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:*:19000:0:99999:7:::\n", encoding="utf-8")
    strategy = build(tmp_path)
    (strategy / "services.yaml").unlink()
    (strategy / "services.yaml").symlink_to(secret)
    runs = check_all(strategy, tmp_path)
    for run in runs.values():
        assert "root:*" not in run.stdout + run.stderr, run.name
    assert runs["validate-text"].exit_code == 1
    assert f"{strategy}/services.yaml:1:1: error: S008 not read: a symbolic link that leaves the strategy directory" in runs["validate-text"].stdout
    assert "which does not exist" not in runs["validate-text"].stdout


def test_a_link_inside_the_strategy_is_read_and_formatted_through(tmp_path: Path) -> None:
    strategy = build(tmp_path)
    (strategy / "real").mkdir()
    (strategy / "real" / "strategy.yaml").write_text(MESSY, encoding="utf-8")
    (strategy / "strategy.yaml").unlink()
    (strategy / "strategy.yaml").symlink_to("real/strategy.yaml")
    assert invoke(["validate", str(strategy)]).exit_code == 0
    result = invoke(["fmt", "--lang", "en", str(strategy)])
    assert result.exit_code == 0, result.stderr
    assert (strategy / "strategy.yaml").is_symlink()
    assert (strategy / "real" / "strategy.yaml").read_text(encoding="utf-8") == minimal_text("strategy")


@pytest.mark.parametrize("kind", ["loop", "self", "dangling", "fifo", "yml", "directory"])
def test_a_skipped_file_says_why(tmp_path: Path, kind: str) -> None:
    strategy = build(tmp_path)
    target = strategy / ("strategy.yaml" if kind == "self" else "services.yaml")
    target.unlink()
    if kind == "loop":
        target.symlink_to("other.yaml")
        (strategy / "other.yaml").symlink_to("services.yaml")
    elif kind == "self":
        target.symlink_to("strategy.yaml")
    elif kind == "dangling":
        target.symlink_to("nowhere.yaml")
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "yml":
        (strategy / "services.yml").write_text(minimal_text("services"), encoding="utf-8")
    else:
        target.mkdir()
    runs = check_all(strategy, tmp_path)
    text = runs["validate-text"].stdout
    reason = {
        "loop": "a symbolic link that loops",
        "self": "a symbolic link that loops",
        "dangling": "a symbolic link to nothing",
        "fifo": "a FIFO, not a regular file",
        "yml": "must be named services.yaml",
        "directory": "a directory, not a regular file",
    }[kind]
    assert reason in text, text
    assert "which does not exist" not in text
    environment = kind in ("fifo", "directory")
    assert runs["validate-text"].exit_code == (2 if environment else 1)
    assert runs["fmt-check"].exit_code == runs["validate-text"].exit_code
    assert runs["export"].exit_code == runs["validate-text"].exit_code


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    big = minimal_text("strategy") + "vision_notes: |\n" + ("  " + "я" * 100 + "\n") * 12_000
    strategy = build(tmp_path, strategy=big)
    runs = check_all(strategy, tmp_path)
    assert "S008 not read: the file is 2.3 MiB, more than the 2 MiB a strategy file may be" in runs["validate-text"].stdout


def as_nobody(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp", "LANG": "C.UTF-8", "COLUMNS": "400"}
    command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable, "-m", "socstrat", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=60, check=False)


@pytest.fixture
def unprivileged() -> Iterator[Path]:
    """A directory that the user nobody can reach (pytest's own are private to root)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to drop privileges")
    place = Path(tempfile.mkdtemp(prefix="socstrat-nobody-"))
    place.chmod(0o755)
    try:
        probe = as_nobody("validate", str(build(place, "probe")), cwd=place)
        if probe.returncode != 0:
            pytest.skip(f"cannot run socstrat as nobody: {probe.stderr.strip()[:200]}")
        yield place
    finally:
        for path in place.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(place)


MONITORING_2016 = "year: 2016\nreported: 2017-03-15\nreported_by: Звено за мониторинг и оценка\n"


@pytest.mark.parametrize("case", ["file-000", "strategy-000", "dir-000", "dir-311", "dir-644", "monitoring-000", "monitoring-file-000"])
def test_unreadable_files_and_directories_as_an_unprivileged_user(unprivileged: Path, case: str) -> None:
    strategy = build(unprivileged)
    old = build(unprivileged, "old")
    (strategy / "monitoring").mkdir()
    (strategy / "monitoring" / "2016.yaml").write_text(MONITORING_2016, encoding="utf-8")
    for path in [strategy, old, *strategy.rglob("*"), *old.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(unprivileged / "probe")
    if case == "file-000":
        (strategy / "services.yaml").chmod(0)
    elif case == "strategy-000":
        (strategy / "strategy.yaml").chmod(0)
    elif case == "monitoring-000":
        (strategy / "monitoring").chmod(0)
    elif case == "monitoring-file-000":
        (strategy / "monitoring" / "2016.yaml").chmod(0)
    else:
        strategy.chmod({"dir-000": 0, "dir-311": 0o311, "dir-644": 0o644}[case])
    runs = {
        "validate": as_nobody("validate", str(strategy), cwd=unprivileged),
        "sarif": as_nobody("validate", "-f", "sarif", str(strategy), cwd=unprivileged),
        "changed": as_nobody("validate-changed", str(strategy / "strategy.yaml"), cwd=unprivileged),
        "export": as_nobody("export", str(strategy), cwd=unprivileged),
        "deltas": as_nobody("deltas", str(strategy), cwd=unprivileged),
        "diff": as_nobody("diff", str(old), str(strategy), cwd=unprivileged),
        "report": as_nobody("report", "-f", "md", str(strategy), cwd=unprivileged),
        "fmt": as_nobody("fmt", "--check", str(strategy), cwd=unprivileged),
        "progress": as_nobody("progress", "-f", "json", str(strategy), cwd=unprivileged),
        "plan": as_nobody("plan", "--year", "2016", "-f", "md", str(strategy), cwd=unprivileged),
        "compare": as_nobody("compare", "-f", "json", str(old), str(strategy), cwd=unprivileged),
        "report-year": as_nobody("report", "--year", "2016", "-f", "md", str(strategy), cwd=unprivileged),
        "export-xlsx": as_nobody("export", "-f", "xlsx", "-o", str(unprivileged / "export.xlsx"), str(strategy), cwd=unprivileged),
    }
    strategy.chmod(0o755)
    (strategy / "monitoring").chmod(0o755)
    for name, done in runs.items():
        assert "Traceback" not in done.stderr, (name, done.stderr)
        assert done.returncode == 2, (name, done.returncode, done.stdout, done.stderr)
        assert "Permission denied" in done.stdout + done.stderr or "is not readable" in done.stderr, name


def test_fmt_refuses_a_read_only_file_with_a_clear_message(tmp_path: Path) -> None:
    strategy = build(tmp_path, strategy=MESSY)
    (strategy / "strategy.yaml").chmod(0o444)
    before = (strategy / "strategy.yaml").read_bytes()
    result = invoke(["fmt", "--lang", "en", str(strategy)])
    assert result.exit_code == 1
    assert f"{strategy}/strategy.yaml:1:1: error: S008 cannot write the file: the file is read-only" in result.stderr
    assert (strategy / "strategy.yaml").read_bytes() == before


def test_fmt_keeps_mode_owner_and_hard_links(tmp_path: Path) -> None:
    strategy = build(tmp_path, strategy=MESSY)
    file = strategy / "strategy.yaml"
    file.chmod(0o640)
    if os.geteuid() == 0:
        os.chown(file, 65534, 65534)
    twin = tmp_path / "twin.yaml"
    os.link(file, twin)
    result = invoke(["fmt", "--lang", "en", str(strategy)])
    assert result.exit_code == 0, result.stderr
    info = file.stat()
    assert info.st_mode & 0o777 == 0o640
    assert info.st_nlink == 2 and os.path.samefile(file, twin)
    assert twin.read_text(encoding="utf-8") == minimal_text("strategy")
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (65534, 65534)
    assert sorted(p.name for p in strategy.iterdir()) == sorted(p.name for p in (ROOT / "tests/fixtures/minimal").iterdir())


@pytest.mark.parametrize("kind", ["fifo", "symlink", "directory", "device"])
def test_report_never_replaces_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    strategy = build(tmp_path)
    target = tmp_path / "out.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "symlink":
        (tmp_path / "elsewhere.md").write_text("keep\n", encoding="utf-8")
        target.symlink_to(tmp_path / "elsewhere.md")
    elif kind == "directory":
        target.mkdir()
    else:
        target = Path("/dev/null")
    result = invoke(["report", "--lang", "en", "-f", "md", "-o", str(target), str(strategy)])
    assert result.error is None
    assert result.exit_code == 2
    assert result.stderr.startswith(f"socstrat report: {target}: cannot write: ")
    assert "not replaced" in result.stderr or "only a regular file" in result.stderr
    if kind == "symlink":
        assert target.is_symlink() and (tmp_path / "elsewhere.md").read_text(encoding="utf-8") == "keep\n"
    if kind == "device":
        assert Path("/dev/null").is_char_device()


def test_report_to_standard_output_with_a_dash(tmp_path: Path) -> None:
    result = invoke(["report", "-f", "md", "-o", "-", str(build(tmp_path))])
    assert result.exit_code == 0
    assert result.stdout.startswith("#") and not (Path.cwd() / "-").exists()


def test_fmt_keeps_crlf_and_the_yaml_directive(tmp_path: Path) -> None:
    text = "%YAML 1.2\n---\n" + minimal_text("strategy").replace("id: minimal\n", "id:   minimal\n")
    strategy = build(tmp_path, strategy=text.replace("\n", "\r\n"))
    result = invoke(["fmt", "--lang", "en", str(strategy)])
    assert result.exit_code == 0, result.stderr
    written = (strategy / "strategy.yaml").read_bytes()
    assert written == ("%YAML 1.2\n---\n" + minimal_text("strategy")).replace("\n", "\r\n").encode()


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("id: x\nlist: [a, # note\n  b]\n", 2, 11, "cannot keep this comment"),
        ("id: x\n...\n# after the end\n", 3, 1, "cannot keep this comment"),
        ("id: x\rtitle: y\r", 1, 1, "lone CR"),
    ],
)
def test_fmt_refuses_what_it_cannot_keep_with_a_located_finding(tmp_path: Path, text: str, line: int, column: int, words: str) -> None:
    file = tmp_path / "extra.yaml"
    file.write_bytes(text.encode())
    result = invoke(["fmt", "--lang", "en", str(file)])
    assert result.exit_code == 1
    assert f"{file}:{line}:{column}: error: S009 " in result.stderr and words in result.stderr
    assert "defect" not in result.stderr
    assert file.read_bytes() == text.encode()
