"""Where a strategy is read from: a directory, or a directory of a git revision.

A revision is read from git's object database (``git ls-tree`` and ``git cat-file``),
never by checking it out, so comparing against an old revision leaves the work tree
and the index exactly as they were.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from socstrat.io.loading import MAX_FILE_BYTES, YAML_SUFFIXES, LoadedStrategy, load_contents, load_strategy
from socstrat.model import MONITORING_DIR

REGULAR_FILE_MODES = frozenset({"100644", "100755"})
LINK_MODE = "120000"


@dataclass
class GitDirectory:
    """The files of ``REV:PATH`` that are read, and those that are not with the finding (key, arguments) saying why."""

    files: dict[str, bytes]
    refused: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)


class SourceError(Exception):
    """A strategy location that names nothing readable; the message is one line for the user."""


def load_side(spec: str, repo: Path | None = None) -> LoadedStrategy:
    """Load ``spec``: an existing directory, else ``REV:PATH`` read from git in ``repo``.

    Raises :class:`SourceError` when ``spec`` is neither, or git cannot resolve it.
    """
    try:
        is_directory = Path(spec).is_dir()
    except (OSError, ValueError):  # a name too long, a directory we may not enter, a NUL
        is_directory = False
    if is_directory:
        return load_strategy(spec)
    rev, colon, path = spec.partition(":")
    if not colon or not rev:
        raise SourceError(f"{spec}: no such directory, and not a git REV:PATH")
    label = f"{rev}:{path.rstrip('/')}" if path.rstrip("/") else f"{rev}:"
    found = read_git_directory(rev, path, repo or Path.cwd())
    return load_contents(label, found.files, refused=found.refused)


def read_git_directory(rev: str, path: str, repo: Path) -> GitDirectory:
    """The regular files directly inside ``rev:path`` and in its ``monitoring/``, as ``{name: bytes}``.

    The rules of a directory hold for a revision too (docs/security.md): a YAML file, or
    ``monitoring``, that is a symbolic link, and a file larger than
    :data:`~socstrat.io.loading.MAX_FILE_BYTES` are refused with a finding, and the blob
    of a refused file is never read.
    """
    spec = f"{rev}:{path}"
    if rev.startswith("-"):
        raise SourceError(f"{spec}: a revision cannot start with '-'")
    _git(repo, ["rev-parse", "--git-dir"], f"{spec}: {repo} is not in a git repository")
    _git(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], f"{spec}: unknown revision '{rev}'")
    object_type = _git(repo, ["cat-file", "-t", "--end-of-options", spec], f"{spec}: no path '{path}' in revision '{rev}'")
    if object_type.strip() != b"tree":
        raise SourceError(f"{spec}: '{path}' is a file in revision '{rev}'; a strategy is a directory")
    listing = _git(repo, ["ls-tree", "-z", "-l", "--full-tree", "--end-of-options", spec], f"{spec}: cannot list the directory")
    entries: list[tuple[str, str]] = []
    refused: dict[str, tuple[str, dict[str, Any]]] = {}

    def take(name: str, mode: str, kind: str, oid: str, size: str) -> None:
        if kind != "blob" or not name.endswith(YAML_SUFFIXES):
            return
        if mode == LINK_MODE:
            refused[name] = ("S008.git_link", {})
        elif mode not in REGULAR_FILE_MODES:
            return
        elif int(size) > MAX_FILE_BYTES:
            refused[name] = ("S008.too_big", {"size": f"{int(size) / 1024 / 1024:.1f}", "limit": MAX_FILE_BYTES // 1024 // 1024})
        else:
            entries.append((name, oid))

    for name, mode, kind, oid, size in _long_entries(listing):
        if name == MONITORING_DIR and kind == "blob" and mode == LINK_MODE:
            refused[name] = ("S008.git_link", {})
        elif name == MONITORING_DIR and kind == "tree":
            inner = _git(repo, ["ls-tree", "-z", "-l", "--end-of-options", oid], f"{spec}/{MONITORING_DIR}: cannot list the directory")
            for file, *meta in _long_entries(inner):
                take(f"{MONITORING_DIR}/{file}", *meta)
        else:
            take(name, mode, kind, oid, size)
    batch = _git(repo, ["cat-file", "--batch"], f"{spec}: cannot read the files", "".join(f"{oid}\n" for _, oid in entries).encode())
    return GitDirectory(dict(zip((name for name, _ in entries), _split_batch(batch))), refused)


def _long_entries(listing: bytes) -> list[tuple[str, str, str, str, str]]:
    """(name, mode, type, object id, size) of each entry of ``git ls-tree -z -l`` output; size is '-' for a tree."""
    found = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, oid, size = meta.decode("ascii").split()
        found.append((name.decode("utf-8", errors="replace"), mode, kind, oid, size))
    return found


def _split_batch(output: bytes) -> list[bytes]:
    """The object contents in ``git cat-file --batch`` output, in request order."""
    contents = []
    offset = 0
    while offset < len(output):
        header_end = output.index(b"\n", offset)
        header = output[offset:header_end].split(b" ")
        if len(header) != 3:
            raise SourceError(f"git cannot read the object {header[0].decode('ascii', 'replace')}")
        size = int(header[2])
        start = header_end + 1
        contents.append(output[start : start + size])
        offset = start + size + 1
    return contents


def _git(repo: Path, args: list[str], failure: str, stdin: bytes | None = None) -> bytes:
    """Run a read-only git command in ``repo``; on failure raise ``failure`` as a SourceError."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], input=stdin, capture_output=True, check=False)
    except FileNotFoundError:
        raise SourceError("git is not installed; it is needed to read REV:PATH") from None
    if done.returncode != 0:
        raise SourceError(failure)
    return done.stdout
