"""Writing files atomically, so that a crash or a full disk never leaves half a file.

Every file socstrat writes (``fmt``, ``report -o``, ``schema -o``, ``plan -o``, exports) goes through
:func:`write_bytes_atomically`, which writes only to a regular file or a new path: a
symbolic link, a device, a FIFO or a directory at the path is refused, never replaced,
and so is a read-only file. A replaced file keeps its permissions and its owner.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path


class RefusedWrite(OSError):
    """What is at the path must not be replaced; ``strerror`` says why, in one line."""

    def __init__(self, reason: str) -> None:
        super().__init__(0, reason)


def write_text_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8, newlines as given); see :func:`write_bytes_atomically`."""
    write_bytes_atomically(path, text.encode("utf-8"))


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a temporary file in the same directory.

    ``os.replace`` within one directory is atomic, so readers see the old file or the
    new one, never a mixture. A replaced file keeps its permissions and owner; a new one
    gets the usual ones (0666 less the umask). Missing parent directories are created.

    A file with several hard links is rewritten in place, so every link keeps seeing it:
    the new text is first written and synced to a temporary file beside it, which is
    removed once the copy is complete (after a crash it holds the whole new text).

    Raises :class:`RefusedWrite` when ``path`` is not a regular file or a new path, or is read-only.
    """
    try:
        info: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        info = None
    if info is not None:
        _check_replaceable(info)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if info is not None and info.st_nlink > 1:
            _rewrite_in_place(path, data)
            temporary.unlink()
            return
        if info is not None:
            os.chmod(temporary, stat.S_IMODE(info.st_mode))
            _keep_owner(temporary, info)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _check_replaceable(info: os.stat_result) -> None:
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        raise RefusedWrite("a symbolic link is at this path; it is not replaced (give the path of a regular file, or - for standard output)")
    if not stat.S_ISREG(mode):
        raise RefusedWrite(f"{_kind(mode)} is at this path; only a regular file or a new path is written (use - for standard output)")
    if not mode & 0o222:
        raise RefusedWrite("the file is read-only; it is left as it is (make it writable to let socstrat rewrite it)")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _keep_owner(temporary: Path, info: os.stat_result) -> None:
    made = os.lstat(temporary)
    if (made.st_uid, made.st_gid) == (info.st_uid, info.st_gid):
        return
    try:
        os.chown(temporary, info.st_uid, info.st_gid)
    except PermissionError:
        if made.st_uid != info.st_uid:
            raise RefusedWrite("the file belongs to another user; replacing it would change its owner, so it is left as it is") from None
        # Only the group differs, and this user may not give it: keep the file's mode and the user's group.


def _rewrite_in_place(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise RefusedWrite("the path stopped being a regular file while it was written")
        view = memoryview(data)
        while view:
            written = os.write(handle, view)
            view = view[written:]
        os.ftruncate(handle, len(data))
        os.fsync(handle)
    finally:
        os.close(handle)
