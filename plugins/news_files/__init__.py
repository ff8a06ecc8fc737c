"""Atomic file writes shared by our plugins: readers, and a build running beside another, never see half a file."""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path


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


@contextlib.contextmanager
def _replacing(path: Path):
    path = Path(path)
    if not path.parent.is_dir():  # a stat; mkdir on an existing folder costs a failed system call per file
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
