"""Atomic writes: all or nothing, permissions kept, no temporary file left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from socstrat.io.writing import write_text_atomically


def test_a_new_file_gets_the_text_exactly_and_the_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    umask = os.umask(0o022)
    try:
        write_text_atomically(target, "ред 1\r\nline 2\n")
    finally:
        os.umask(umask)
    assert target.read_bytes() == "ред 1\r\nline 2\n".encode()
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["new.json"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "old.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o600)
    write_text_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o600


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "old.yaml"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(source: object, destination: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomically(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["old.yaml"]


def test_missing_parent_directories_are_created(tmp_path: Path) -> None:
    target = tmp_path / "build" / "reports" / "a.html"
    write_text_atomically(target, "<p>a</p>\n")
    assert target.read_text(encoding="utf-8") == "<p>a</p>\n"
    assert [p.name for p in target.parent.iterdir()] == ["a.html"]
