"""Atomic file writes shared by our plugins: readers, and a build running beside another, never see half a file.

A written file gets the mode a plain `open(path, "w")` gives it: the existing file's mode when it replaces one,
else 0666 less the umask (0644 under the usual 022). tempfile.mkstemp would make every file 0600, and a web
server whose workers run as another user then answers 403 for each photo and share card.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import secrets
import shutil
import stat
from pathlib import Path

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8 with \\n line ends, or bytes) beside `path` under a unique name, then rename.

    An interrupted write leaves the previous file as it was and no temporary file behind.
    """
    with _replacing(path) as stream:
        stream.write(data.encode("utf-8") if isinstance(data, str) else data)


def atomic_dump(path: Path, value) -> None:
    """Pickle `value` into `path` as atomic_write writes, streamed to the file: a large memo is never held as
    bytes in memory."""
    with _replacing(path) as stream:
        pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)


def replacing(path: Path):
    """A binary stream to write `path` through as atomic_write does, for a caller that writes in pieces (a
    `with` block: renamed into place when the block ends normally, removed when it raises)."""
    return _replacing(path)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link of `source` at `target` (its folder made when missing), or a copy where links cannot be
    made (another file system, such as an output/ that is a mount point)."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(source, target)
    except OSError:
        shutil.copy2(source, target)


@functools.lru_cache(maxsize=1)
def umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux: /proc/self/status);
    elsewhere set and restored once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    current = os.umask(0o022)
    os.umask(current)
    return current


def default_file_mode() -> int:
    """The mode `open(path, "w")` gives a new file: 0666 less the umask."""
    return 0o666 & ~umask()


def give_default_mode(path: str | Path) -> None:
    """Give a file we wrote earlier the mode a new file gets now (files our cache kept from a version that
    wrote them 0600 are hard-linked into the output, where the web server must read them)."""
    mode = default_file_mode()
    if stat.S_IMODE(os.stat(path).st_mode) != mode:
        os.chmod(path, mode)


def _temporary_beside(path: Path, mode: int) -> tuple[int, Path]:
    """Create a new, empty file next to `path` with `mode` (the umask applies, as for any new file)."""
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temporary, _CREATE, mode), temporary
        except FileExistsError:  # 48 random bits taken: pick again
            continue


@contextlib.contextmanager
def _replacing(path: Path):
    path = Path(path)
    if not path.parent.is_dir():  # a stat; mkdir on an existing folder costs a failed system call per file
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        kept_mode = stat.S_IMODE(os.stat(path).st_mode)  # a rewrite keeps the file's mode, as open("w") does
    except OSError:
        kept_mode = None
    handle, temporary = _temporary_beside(path, 0o666)
    try:
        with os.fdopen(handle, "wb") as stream:
            if kept_mode is not None and kept_mode != default_file_mode():
                os.chmod(temporary, kept_mode)
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
