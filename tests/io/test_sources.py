"""Reading a strategy from a directory or from a git revision, and the one-line errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, GitRepo
from socstrat.io.sources import SourceError, _split_batch, load_side


@pytest.fixture
def repo(git_repo: GitRepo) -> GitRepo:
    shutil.copytree(FIXTURES / "minimal", git_repo.root / "strategies" / "minimal")
    (git_repo.root / "notes.txt").write_text("not a strategy\n", encoding="utf-8")
    git_repo.commit_all("A minimal strategy")
    return git_repo


def test_a_revision_loads_like_the_directory(repo: GitRepo) -> None:
    from_git = load_side("HEAD:strategies/minimal", repo.root)
    from_disk = load_side(str(repo.root / "strategies" / "minimal"))
    assert from_git.diagnostics == []
    assert from_git.path == "HEAD:strategies/minimal"
    assert from_git.strategy == from_disk.strategy


def test_relative_path_from_a_subdirectory(repo: GitRepo) -> None:
    loaded = load_side("HEAD:./minimal", repo.root / "strategies")
    assert loaded.strategy is not None


def test_an_existing_directory_wins_over_rev_path(repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES / "minimal", tmp_path / "HEAD:strategies")
    assert load_side("HEAD:strategies", repo.root).path == "HEAD:strategies"
    assert load_side("HEAD:strategies", repo.root).strategy is not None


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("no-such-rev:strategies/minimal", "no-such-rev:strategies/minimal: unknown revision 'no-such-rev'"),
        ("HEAD~5:strategies/minimal", "HEAD~5:strategies/minimal: unknown revision 'HEAD~5'"),
        ("HEAD:strategies/other", "HEAD:strategies/other: no path 'strategies/other' in revision 'HEAD'"),
        ("HEAD:notes.txt", "HEAD:notes.txt: 'notes.txt' is a file in revision 'HEAD'; a strategy is a directory"),
        ("no/such/dir", "no/such/dir: no such directory, and not a git REV:PATH"),
        ("--output=x:y", "--output=x:y: a revision cannot start with '-'"),
    ],
)
def test_unreadable_side_is_one_line(repo: GitRepo, spec: str, message: str) -> None:
    with pytest.raises(SourceError) as raised:
        load_side(spec, repo.root)
    assert str(raised.value) == message


def test_outside_a_repository(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="is not in a git repository"):
        load_side("HEAD:strategies/minimal", tmp_path)


def test_errors_of_a_revision_are_located_in_rev_path(repo: GitRepo) -> None:
    for file in (FIXTURES / "loading" / "wrong-type").iterdir():
        shutil.copy(file, repo.root / "strategies" / "minimal" / file.name)
    repo.commit_all("A wrong capacity")
    loaded = load_side("HEAD:strategies/minimal", repo.root)
    assert loaded.strategy is None
    assert [d.as_text().split(" error: S101")[0] for d in loaded.diagnostics] == ["HEAD:strategies/minimal/services.yaml:7:13:"]
    assert repo.status() == ""


def test_batch_output_is_split_by_sizes_and_a_missing_object_is_an_error() -> None:
    assert _split_batch(b"a1 blob 3\nab\n\nb2 blob 0\n\n") == [b"ab\n", b""]
    with pytest.raises(SourceError, match="cannot read the object c3"):
        _split_batch(b"c3 missing\n")


@pytest.mark.parametrize("kind", ["link", "monitoring-link", "too-big", "monitoring-too-big"])
def test_a_revision_obeys_the_rules_of_a_directory_and_reads_no_refused_blob(repo: GitRepo, kind: str) -> None:
    strategy = repo.root / "strategies" / "minimal"
    monitoring = strategy / "monitoring"
    big = "year: 2016\nreported: 2017-03-15\nreported_by: x\nremarks:\n" + ("  - " + "я" * 200 + "\n") * 6000
    if kind == "link":
        (strategy / "services.yaml").unlink()
        (strategy / "services.yaml").symlink_to("/etc/passwd")
    elif kind == "monitoring-link":
        monitoring.symlink_to("/etc")
    elif kind == "too-big":
        (strategy / "strategy.yaml").write_text((strategy / "strategy.yaml").read_text(encoding="utf-8") + "#" + "x" * (3 * 1024 * 1024) + "\n")
    else:
        monitoring.mkdir()
        (monitoring / "2016.yaml").write_text(big, encoding="utf-8")
    repo.commit_all(kind)
    loaded = load_side("HEAD:strategies/minimal", repo.root)
    shown = {
        "link": "HEAD:strategies/minimal/services.yaml:1:1: error: S008 not read: a symbolic link in the revision",
        "monitoring-link": "HEAD:strategies/minimal/monitoring:1:1: error: S008 not read: a symbolic link in the revision",
        "too-big": "HEAD:strategies/minimal/strategy.yaml:1:1: error: S008 not read: the file is 3.0 MiB, more than the 2 MiB",
        "monitoring-too-big": "HEAD:strategies/minimal/monitoring/2016.yaml:1:1: error: S008 not read: the file is 2.3 MiB, more than the 2 MiB",
    }[kind]
    texts = [d.as_text() for d in loaded.diagnostics]
    assert any(t.startswith(shown) for t in texts), texts
    assert not any("S004" in t and "missing" in t for t in texts), texts
    assert not loaded.valid
