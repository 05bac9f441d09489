"""Where a strategy is read from: a directory, or a directory of a git revision.

A revision is read from git's object database (``git ls-tree`` and ``git cat-file``),
never by checking it out, so comparing against an old revision leaves the work tree
and the index exactly as they were.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from socstrat.io.loading import LoadedStrategy, load_contents, load_strategy
from socstrat.model import MONITORING_DIR

REGULAR_FILE_MODES = frozenset({"100644", "100755"})


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
    return load_contents(label, read_git_directory(rev, path, repo or Path.cwd()))


def read_git_directory(rev: str, path: str, repo: Path) -> dict[str, bytes]:
    """The regular files directly inside ``rev:path`` and in its ``monitoring/``, as ``{name: bytes}``."""
    spec = f"{rev}:{path}"
    if rev.startswith("-"):
        raise SourceError(f"{spec}: a revision cannot start with '-'")
    _git(repo, ["rev-parse", "--git-dir"], f"{spec}: {repo} is not in a git repository")
    _git(repo, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], f"{spec}: unknown revision '{rev}'")
    object_type = _git(repo, ["cat-file", "-t", "--end-of-options", spec], f"{spec}: no path '{path}' in revision '{rev}'")
    if object_type.strip() != b"tree":
        raise SourceError(f"{spec}: '{path}' is a file in revision '{rev}'; a strategy is a directory")
    listing = _git(repo, ["ls-tree", "-z", "--full-tree", "--end-of-options", spec], f"{spec}: cannot list the directory")
    entries: list[tuple[str, str]] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, name = entry.partition(b"\t")
        mode, kind, oid = meta.decode("ascii").split(" ")
        if kind == "blob" and mode in REGULAR_FILE_MODES:
            entries.append((name.decode("utf-8", errors="replace"), oid))
        elif kind == "tree" and name == MONITORING_DIR.encode():
            inner = _git(repo, ["ls-tree", "-z", "--end-of-options", oid], f"{spec}/{MONITORING_DIR}: cannot list the directory")
            for item in inner.split(b"\0"):
                meta, _, file = item.partition(b"\t")
                if item and meta.decode("ascii").split(" ")[1] == "blob" and meta.decode("ascii").split(" ")[0] in REGULAR_FILE_MODES:
                    entries.append((f"{MONITORING_DIR}/{file.decode('utf-8', errors='replace')}", meta.decode("ascii").split(" ")[2]))
    batch = _git(repo, ["cat-file", "--batch"], f"{spec}: cannot read the files", "".join(f"{oid}\n" for _, oid in entries).encode())
    return dict(zip((name for name, _ in entries), _split_batch(batch)))


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
