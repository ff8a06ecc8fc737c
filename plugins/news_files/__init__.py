"""Atomic file writes shared by our plugins: readers, and a build running beside another, never see half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8 with \\n line ends, or bytes) beside `path` under a unique name, then rename.

    An interrupted write leaves the previous file as it was and no temporary file behind.
    """
    path = Path(path)
    if not path.parent.is_dir():  # a stat; mkdir on an existing folder costs a failed system call per file
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if isinstance(data, str):
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(data)
        else:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
